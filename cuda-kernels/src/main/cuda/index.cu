// gather / scatterAdd / indexSelect / indexAdd on contiguous data with INT32 indices (validated by the op layer).
// Element types by width: 4 bytes (float or int; adds need the type) and 1 byte.
#include "common.cuh"

// Index tensor shape in g.shape; operand 0 = strides of x (or out) with the gathered dim's stride set to 0.
template <typename T>
__device__ __forceinline__ void gather_body(Geo g, const T* x, int sd, const int* index, T* out, int n) {
    GRID_LOOP(i, n) {
        int off[1];
        geo_offsets<1>(g, i, off);
        out[i] = x[off[0] + index[i] * sd];
    }
}

extern "C" __global__ void gather_b32(Geo g, const unsigned int* x, int sd, const int* index, unsigned int* out, int n) {
    gather_body(g, x, sd, index, out, n);
}
extern "C" __global__ void gather_b8(Geo g, const unsigned char* x, int sd, const int* index, unsigned char* out, int n) {
    gather_body(g, x, sd, index, out, n);
}

// Byte-wide atomic add through the containing 32-bit word (wraps like Java's byte arithmetic).
__device__ __forceinline__ void atomic_add_u8(unsigned char* p, unsigned char v) {
    unsigned int* word = (unsigned int*)((size_t)p & ~(size_t)3);
    unsigned int shift = ((size_t)p & 3) * 8;
    unsigned int old = *word, assumed;
    do {
        assumed = old;
        unsigned int byte = ((assumed >> shift) + v) & 0xffu;
        old = atomicCAS(word, assumed, (assumed & ~(0xffu << shift)) | (byte << shift));
    } while (old != assumed);
}

__device__ __forceinline__ void atomic_add_any(float* p, float v) { atomicAdd(p, v); }
__device__ __forceinline__ void atomic_add_any(int* p, int v) { atomicAdd(p, v); }
__device__ __forceinline__ void atomic_add_any(unsigned char* p, unsigned char v) { atomic_add_u8(p, v); }

template <typename T>
__device__ __forceinline__ void scatter_add_body(Geo g, const T* src, const int* index, T* out, int sd, int n) {
    GRID_LOOP(i, n) {
        int off[1];
        geo_offsets<1>(g, i, off);
        atomic_add_any(out + off[0] + index[i] * sd, src[i]);
    }
}

extern "C" __global__ void scatter_add_f32(Geo g, const float* src, const int* index, float* out, int sd, int n) {
    scatter_add_body(g, src, index, out, sd, n);
}
extern "C" __global__ void scatter_add_i32(Geo g, const int* src, const int* index, int* out, int sd, int n) {
    scatter_add_body(g, src, index, out, sd, n);
}
extern "C" __global__ void scatter_add_u8(Geo g, const unsigned char* src, const int* index, unsigned char* out, int sd, int n) {
    scatter_add_body(g, src, index, out, sd, n);
}

// x [outer, n, inner] -> out [outer, k, inner] at the k indices.
template <typename T>
__device__ __forceinline__ void index_select_body(const T* x, const int* index, T* out, int outer, int n, int k, int inner) {
    GRID_LOOP(i, outer * k * inner) {
        int t = i % inner;
        int r = i / inner;
        int j = r % k, o = r / k;
        out[i] = x[((long long)o * n + index[j]) * inner + t];
    }
}

extern "C" __global__ void index_select_b32(const unsigned int* x, const int* index, unsigned int* out, int outer, int n, int k, int inner) {
    index_select_body(x, index, out, outer, n, k, inner);
}
extern "C" __global__ void index_select_b8(const unsigned char* x, const int* index, unsigned char* out, int outer, int n, int k, int inner) {
    index_select_body(x, index, out, outer, n, k, inner);
}

// out [outer, n, inner] at index[j] += src [outer, k, inner] at j (atomics: indices may repeat).
template <typename T>
__device__ __forceinline__ void index_add_body(const T* src, const int* index, T* out, int outer, int n, int k, int inner) {
    GRID_LOOP(i, outer * k * inner) {
        int t = i % inner;
        int r = i / inner;
        int j = r % k, o = r / k;
        atomic_add_any(out + ((long long)o * n + index[j]) * inner + t, src[i]);
    }
}

extern "C" __global__ void index_add_f32(const float* src, const int* index, float* out, int outer, int n, int k, int inner) {
    index_add_body(src, index, out, outer, n, k, inner);
}
extern "C" __global__ void index_add_i32(const int* src, const int* index, int* out, int outer, int n, int k, int inner) {
    index_add_body(src, index, out, outer, n, k, inner);
}
extern "C" __global__ void index_add_u8(const unsigned char* src, const int* index, unsigned char* out, int outer, int n, int k, int inner) {
    index_add_body(src, index, out, outer, n, k, inner);
}
