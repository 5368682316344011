// Counter-based random fills, bit for bit the same arithmetic as io.callosum.tensor.spi.CounterRandom (PortedRandomTest
// parses this file and checks the constants and shifts against the Java class). Element i of a contiguous out draws
// from hash(seed, i); double arithmetic uses the _rn intrinsics so nvcc cannot contract it into FMAs Java does not do.
#include "common.cuh"

__device__ __forceinline__ unsigned long long counter_bits(unsigned long long seed, unsigned long long counter) {
    unsigned long long z = seed + (counter + 1ULL) * 0x9E3779B97F4A7C15ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

// Uniform float in [0, 1) with 24 random bits.
__device__ __forceinline__ float counter_uniform(unsigned long long seed, unsigned long long counter) {
    return (float)(counter_bits(seed, counter) >> 40) * 0x1.0p-24f;
}

// Box-Muller on two 24-bit uniforms from the high and low halves of one hash.
__device__ __forceinline__ float counter_normal(unsigned long long seed, unsigned long long counter) {
    unsigned long long b = counter_bits(seed, counter);
    float u1 = (float)((b >> 40) + 1ULL) * 0x1.0p-24f;
    float u2 = (float)((b >> 8) & 0xFFFFFFULL) * 0x1.0p-24f;
    double r = sqrt(__dmul_rn(-2.0, log((double)u1)));
    double c = cos(__dmul_rn(2.0 * 3.141592653589793, (double)u2));
    return (float)__dmul_rn(r, c);
}

// Java's write of a double into each dtype: (float), (int) (saturating, NaN -> 0), (byte)(long).
__device__ __forceinline__ void store_as(void* out, int dtype, int i, double v) {
    if (dtype == 0) ((float*)out)[i] = __double2float_rn(v);
    else if (dtype == 1) ((int*)out)[i] = __double2int_rz(v);
    else ((unsigned char*)out)[i] = (unsigned char)__double2ll_rz(v);
}

// dtype: 0 = FLOAT32, 1 = INT32, 2 = UINT8.
extern "C" __global__ void fill_uniform(void* out, int dtype, int n, unsigned long long seed, double lo, double span) {
    GRID_LOOP(i, n) { store_as(out, dtype, i, __dadd_rn(lo, __dmul_rn(span, (double)counter_uniform(seed, i)))); }
}

extern "C" __global__ void fill_normal(void* out, int dtype, int n, unsigned long long seed, double mean, double std) {
    GRID_LOOP(i, n) { store_as(out, dtype, i, __dadd_rn(mean, __dmul_rn(std, (double)counter_normal(seed, i)))); }
}

extern "C" __global__ void fill_bernoulli(void* out, int dtype, int n, unsigned long long seed, double p) {
    GRID_LOOP(i, n) { store_as(out, dtype, i, (double)counter_uniform(seed, i) < p ? 1.0 : 0.0); }
}
