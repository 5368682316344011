/**
 * Dtype-generic CPU kernels: plain scalar loops that read and write every element through a double
 * ({@link io.callosum.tensor.cpu.memory.CpuStorage#get}/{@code set}) and compute in double. They serve FLOAT64, where
 * correctness matters more than speed; the float32 kernels in the sibling packages keep their own tuned loops.
 */
package io.callosum.tensor.cpu.generic;
