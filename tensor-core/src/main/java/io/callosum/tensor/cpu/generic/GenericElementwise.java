package io.callosum.tensor.cpu.generic;

import io.callosum.tensor.cpu.memory.CpuMemory;
import io.callosum.tensor.cpu.memory.CpuStorage;
import io.callosum.tensor.cpu.runtime.StridedLoop;
import io.callosum.tensor.spi.BinaryOp;
import io.callosum.tensor.spi.Operand;
import io.callosum.tensor.spi.UnaryOp;

import static io.callosum.tensor.cpu.memory.CpuMemory.GRAIN;
import static io.callosum.tensor.cpu.memory.CpuMemory.cs;

/** Unary, binary and where over any strides and dtypes, element by element in double. */
public final class GenericElementwise {
    private GenericElementwise() {
    }

    /** {@link io.callosum.tensor.spi.ElementwiseKernels#unary} for FLOAT64: each element through the scalar formula. */
    public static void unary(UnaryOp op, Operand x, Operand out, double alpha, double beta) {
        CpuStorage a = cs(x), o = cs(out);
        StridedLoop loop = StridedLoop.of(out.shape(), x.strides(), out.strides());
        int sx = loop.innerStride(0), so = loop.innerStride(1);
        loop.forAll(new int[]{x.offset(), out.offset()}, GRAIN, (offs, len) -> {
            for (int k = 0; k < len; k++) o.set(offs[1] + k * so, ScalarMath.unary(op, a.get(offs[0] + k * sx), alpha, beta));
        });
    }

    /** {@link io.callosum.tensor.spi.ElementwiseKernels#binary} for FLOAT64, comparisons writing 1 or 0 into out's dtype. */
    public static void binary(BinaryOp op, Operand a, Operand b, Operand out) {
        CpuStorage x = cs(a), y = cs(b), o = cs(out);
        StridedLoop loop = StridedLoop.of(out.shape(), a.strides(), b.strides(), out.strides());
        int sa = loop.innerStride(0), sb = loop.innerStride(1), so = loop.innerStride(2);
        loop.forAll(new int[]{a.offset(), b.offset(), out.offset()}, GRAIN, (offs, len) -> {
            for (int k = 0; k < len; k++) {
                o.set(offs[2] + k * so, ScalarMath.binary(op, x.get(offs[0] + k * sa), y.get(offs[1] + k * sb)));
            }
        });
    }

    /** {@link io.callosum.tensor.spi.ElementwiseKernels#where} for FLOAT64: cond is UINT8, a, b and out share a dtype. */
    public static void where(Operand cond, Operand a, Operand b, Operand out) {
        byte[] c = CpuMemory.b(cond);
        CpuStorage x = cs(a), y = cs(b), o = cs(out);
        StridedLoop loop = StridedLoop.of(out.shape(), cond.strides(), a.strides(), b.strides(), out.strides());
        int sc = loop.innerStride(0), sa = loop.innerStride(1), sb = loop.innerStride(2), so = loop.innerStride(3);
        loop.forAll(new int[]{cond.offset(), a.offset(), b.offset(), out.offset()}, GRAIN, (offs, len) -> {
            for (int k = 0; k < len; k++) {
                o.set(offs[3] + k * so, c[offs[0] + k * sc] != 0 ? x.get(offs[1] + k * sa) : y.get(offs[2] + k * sb));
            }
        });
    }
}
