// Strided copy with dtype conversion (C-style truncation to integers, wrap-around to uint8, as the CPU backend) and fill.
#include "common.cuh"

__device__ __forceinline__ float  to_f32(float v) { return v; }
__device__ __forceinline__ float  to_f32(int v) { return (float)v; }
__device__ __forceinline__ float  to_f32(unsigned char v) { return (float)v; }
__device__ __forceinline__ int    to_i32(float v) { return (int)v; }            // cvt.rzi saturates, NaN -> 0 (Java's (int))
__device__ __forceinline__ int    to_i32(int v) { return v; }
__device__ __forceinline__ int    to_i32(unsigned char v) { return (int)v; }
__device__ __forceinline__ unsigned char to_u8(float v) { return (unsigned char)(long long)v; }  // Java's (byte)(long)
__device__ __forceinline__ unsigned char to_u8(int v) { return (unsigned char)v; }
__device__ __forceinline__ unsigned char to_u8(unsigned char v) { return v; }

template <typename T> struct Conv;
template <> struct Conv<float> { template <typename S> __device__ static float of(S v) { return to_f32(v); } };
template <> struct Conv<int> { template <typename S> __device__ static int of(S v) { return to_i32(v); } };
template <> struct Conv<unsigned char> { template <typename S> __device__ static unsigned char of(S v) { return to_u8(v); } };

// dst[off1] = convert(src[off0]) over the logical index space (operand 0 = src, 1 = dst).
template <typename S, typename D>
__device__ void copy_body(Geo g, const S* src, D* dst, int n) {
    GRID_LOOP(i, n) {
        int off[2];
        geo_offsets<2>(g, i, off);
        dst[off[1]] = Conv<D>::of(src[off[0]]);
    }
}

#define COPY_KERNEL(SN, S, DN, D) \
    extern "C" __global__ void copy_##SN##_##DN(Geo g, const S* src, D* dst, int n) { copy_body<S, D>(g, src, dst, n); }

COPY_KERNEL(f32, float, f32, float)
COPY_KERNEL(f32, float, i32, int)
COPY_KERNEL(f32, float, u8, unsigned char)
COPY_KERNEL(i32, int, f32, float)
COPY_KERNEL(i32, int, i32, int)
COPY_KERNEL(i32, int, u8, unsigned char)
COPY_KERNEL(u8, unsigned char, f32, float)
COPY_KERNEL(u8, unsigned char, i32, int)
COPY_KERNEL(u8, unsigned char, u8, unsigned char)

// Strided fills (contiguous ones use cuMemsetD32/D8); the value arrives already converted to the dtype's bits.
extern "C" __global__ void fill_b32(Geo g, unsigned int* dst, int n, unsigned int bits) {
    GRID_LOOP(i, n) {
        int off[1];
        geo_offsets<1>(g, i, off);
        dst[off[0]] = bits;
    }
}

extern "C" __global__ void fill_b8(Geo g, unsigned char* dst, int n, unsigned int bits) {
    GRID_LOOP(i, n) {
        int off[1];
        geo_offsets<1>(g, i, off);
        dst[off[0]] = (unsigned char)bits;
    }
}
