// Shared helpers of callosum's kernels: strided geometry, grid-stride loops, block reductions, the error word.
#pragma once
#include <stdint.h>
#include <math.h>

#define CALLOSUM_MAX_DIMS 8
#define CALLOSUM_MAX_OPERANDS 4

// The logical shape of an op (dims coalesced on the host, at most 8 left) and each operand's element strides.
// Packed by io.callosum.cuda.StridedGeometry as 1 + 8 + 4*8 ints.
struct Geo {
    int rank;
    int shape[CALLOSUM_MAX_DIMS];
    int stride[CALLOSUM_MAX_OPERANDS][CALLOSUM_MAX_DIMS];
};

// Element offsets of the first N operands at a row-major linear index. Unrolled over the fixed maximum so the
// geometry stays in registers/constant bank (a run-time index would move it to local memory).
template <int N>
__device__ __forceinline__ void geo_offsets(const Geo& g, int linear, int (&off)[N]) {
#pragma unroll
    for (int k = 0; k < N; ++k) off[k] = 0;
#pragma unroll
    for (int d = CALLOSUM_MAX_DIMS - 1; d >= 0; --d) {
        if (d < g.rank) {
            int s = g.shape[d];
            int idx = linear % s;
            linear /= s;
#pragma unroll
            for (int k = 0; k < N; ++k) off[k] += idx * g.stride[k][d];
        }
    }
}

// Grid-stride loop over [0, n); unsigned so i + step cannot overflow for n < 2^31.
#define GRID_LOOP(i, n) \
    for (unsigned int i##_u = blockIdx.x * blockDim.x + threadIdx.x; i##_u < (unsigned int)(n); \
         i##_u += blockDim.x * gridDim.x) \
        for (int i = (int)i##_u, i##_once = 1; i##_once; i##_once = 0)

// Codes written to the error word (pinned host memory mapped into the device) and read at synchronisation.
#define CALLOSUM_ERR_INT_DIV_ZERO 1

__device__ __forceinline__ void report_error(int* err, int code) {
    if (err) atomicCAS(err, 0, code);
}

// Warp and block sums of doubles (blockDim a multiple of 32, at most 1024).
__device__ __forceinline__ double warp_sum(double v) {
#pragma unroll
    for (int o = 16; o > 0; o >>= 1) v += __shfl_down_sync(0xffffffffu, v, o);
    return v;
}

__device__ __forceinline__ double block_sum(double v) {
    __shared__ double partial[32];
    int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
    v = warp_sum(v);
    __syncthreads();  // partial may still be read by a previous call
    if (lane == 0) partial[warp] = v;
    __syncthreads();
    int warps = (blockDim.x + 31) >> 5;
    v = threadIdx.x < warps ? partial[threadIdx.x] : 0.0;
    if (warp == 0) v = warp_sum(v);
    return v;  // valid in thread 0
}

// Float max/min that propagate NaN (as the CPU backend and PyTorch do).
__device__ __forceinline__ float nan_max(float a, float b) { return (a != a || b != b) ? NAN : fmaxf(a, b); }
__device__ __forceinline__ float nan_min(float a, float b) { return (a != a || b != b) ? NAN : fminf(a, b); }
