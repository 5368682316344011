// Reductions over a set of dims. The host splits x's dims into kept (Geo `kept`, operand 0 = x strides) and reduced
// (Geo `red`), so output o and reduced position r address x at kept(o) + red(r). Sums accumulate in double (int sums
// in 64 bits, wrapping to int like the CPU backend); MAX/MIN propagate NaN.
// Float reductions come in four shapes, chosen by row length R on the host (io.callosum.cuda.ReducePlan) so short
// rows do not idle a block and long rows over few outputs still fill the GPU: a thread per output (R <= 32, or
// strided rows), a warp per output (R <= 1024), a block per output, or blocks per chunk of a row plus a finishing pass.
#include "common.cuh"

#define OP_SUM 0
#define OP_MEAN 1
#define OP_MAX 2
#define OP_MIN 3

__device__ __forceinline__ double identity_of(int op) {
    return op == OP_MAX ? -INFINITY : (op == OP_MIN ? INFINITY : 0.0);
}

__device__ __forceinline__ double combine(int op, double a, double b) {
    if (op == OP_SUM || op == OP_MEAN) return a + b;
    if (a != a || b != b) return NAN;
    return op == OP_MAX ? fmax(a, b) : fmin(a, b);
}

// Combines v over the 32 lanes of a (fully active) warp; the result is valid in lane 0.
__device__ __forceinline__ double warp_combine(int op, double v) {
#pragma unroll
    for (int o = 16; o > 0; o >>= 1) v = combine(op, v, __shfl_down_sync(0xffffffffu, v, o));
    return v;
}

__device__ __forceinline__ double block_combine(int op, double v) {
    __shared__ double partial[32];
    int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
    v = warp_combine(op, v);
    __syncthreads();
    if (lane == 0) partial[warp] = v;
    __syncthreads();
    int warps = (blockDim.x + 31) >> 5;
    v = threadIdx.x < warps ? partial[threadIdx.x] : identity_of(op);
    if (warp == 0) v = warp_combine(op, v);
    return v;
}

// One block per (output, chunk): blockIdx.x = output, blockIdx.y = chunk of chunkLen reduced positions. With one
// chunk the block writes out[o] (scaled); otherwise partial[o * gridDim.y + chunk] for reduce_finish_f32.
extern "C" __global__ void reduce_block_f32(int op, Geo kept, Geo red, const float* x, int R, int chunkLen,
                                            float* out, double* partial, double scale) {
    int o = blockIdx.x;
    int base[1];
    geo_offsets<1>(kept, o, base);
    // unsigned: r0 + chunkLen and r + blockDim.x may pass 2^31 - 1 when R is close to it
    unsigned int r0 = blockIdx.y * chunkLen, r1 = min((unsigned int)R, r0 + chunkLen);
    double acc = identity_of(op);
    for (unsigned int r = r0 + threadIdx.x; r < r1; r += blockDim.x) {
        int off[1];
        geo_offsets<1>(red, (int)r, off);
        acc = combine(op, acc, (double)x[base[0] + off[0]]);
    }
    acc = block_combine(op, acc);
    if (threadIdx.x == 0) {
        if (partial) partial[o * gridDim.y + blockIdx.y] = acc;
        else out[o] = (float)(op == OP_MEAN ? acc * scale : acc);
    }
}

extern "C" __global__ void reduce_finish_f32(int op, const double* partial, int chunks, int nOut, float* out, double scale) {
    GRID_LOOP(o, nOut) {
        double acc = identity_of(op);
        for (int c = 0; c < chunks; ++c) acc = combine(op, acc, partial[o * chunks + c]);
        out[o] = (float)(op == OP_MEAN ? acc * scale : acc);
    }
}

// One warp per output (rows of up to ~1024): lanes stride the row, a shuffle combines them. The output loop is
// warp-uniform, so every lane reaches the shuffles.
extern "C" __global__ void reduce_warp_f32(int op, Geo kept, Geo red, const float* x, int R, int nOut, float* out,
                                           double scale) {
    const unsigned int lane = threadIdx.x & 31, warpsPerBlock = blockDim.x >> 5;
    for (unsigned int o = blockIdx.x * warpsPerBlock + (threadIdx.x >> 5); o < (unsigned int)nOut; o += gridDim.x * warpsPerBlock) {
        int base[1];
        geo_offsets<1>(kept, (int)o, base);
        double acc = identity_of(op);
        for (int r = lane; r < R; r += 32) {
            int off[1];
            geo_offsets<1>(red, r, off);
            acc = combine(op, acc, (double)x[base[0] + off[0]]);
        }
        acc = warp_combine(op, acc);
        if (lane == 0) out[o] = (float)(op == OP_MEAN ? acc * scale : acc);
    }
}

// One thread per output: for many outputs with short or strided reductions (coalesced across kept positions).
extern "C" __global__ void reduce_thread_f32(int op, Geo kept, Geo red, const float* x, int R, int nOut, float* out,
                                             double scale) {
    GRID_LOOP(o, nOut) {
        int base[1];
        geo_offsets<1>(kept, o, base);
        double acc = identity_of(op);
        for (int r = 0; r < R; ++r) {
            int off[1];
            geo_offsets<1>(red, r, off);
            acc = combine(op, acc, (double)x[base[0] + off[0]]);
        }
        out[o] = (float)(op == OP_MEAN ? acc * scale : acc);
    }
}

// INT32: SUM (64-bit, wraps to int), MAX, MIN; one thread per output (index-sized data is small).
extern "C" __global__ void reduce_thread_i32(int op, Geo kept, Geo red, const int* x, int R, int nOut, int* out) {
    GRID_LOOP(o, nOut) {
        int base[1];
        geo_offsets<1>(kept, o, base);
        long long acc = op == OP_MAX ? (long long)INT_MIN - 1 : (op == OP_MIN ? (long long)INT_MAX + 1 : 0);
        for (int r = 0; r < R; ++r) {
            int off[1];
            geo_offsets<1>(red, r, off);
            long long v = x[base[0] + off[0]];
            acc = op == OP_MAX ? max(acc, v) : (op == OP_MIN ? min(acc, v) : acc + v);
        }
        out[o] = (int)acc;
    }
}

// ------------------------------------------------------------------ argmax / argmin over one dim

// True when candidate (v, i) beats (bv, bi): NaN is the most extreme value; ties keep the lower index.
__device__ __forceinline__ bool arg_better(bool isMax, float v, int i, float bv, int bi) {
    if (bi < 0) return true;
    bool vn = v != v, bn = bv != bv;
    if (vn || bn) return vn && (!bn || i < bi);
    if (v == bv) return i < bi;
    return isMax ? v > bv : v < bv;
}

__device__ __forceinline__ bool arg_better(bool isMax, int v, int i, int bv, int bi) {
    if (bi < 0) return true;
    if (v == bv) return i < bi;
    return isMax ? v > bv : v < bv;
}

// One warp per output; kept positions through `kept` (operand 0 = x strides), the reduced dim has stride sd.
template <typename T>
__device__ __forceinline__ void arg_body(int isMax, Geo kept, const T* x, int n, int sd, int nOut, int* out) {
    int warpsPerBlock = blockDim.x >> 5;
    int lane = threadIdx.x & 31;
    for (int o = blockIdx.x * warpsPerBlock + (threadIdx.x >> 5); o < nOut; o += gridDim.x * warpsPerBlock) {
        int base[1];
        geo_offsets<1>(kept, o, base);
        T bv = 0;
        int bi = -1;
        for (int t = lane; t < n; t += 32) {
            T v = x[base[0] + t * sd];
            if (arg_better(isMax != 0, v, t, bv, bi)) { bv = v; bi = t; }
        }
#pragma unroll
        for (int s = 16; s > 0; s >>= 1) {
            T ov = __shfl_down_sync(0xffffffffu, bv, s);
            int oi = __shfl_down_sync(0xffffffffu, bi, s);
            if (oi >= 0 && arg_better(isMax != 0, ov, oi, bv, bi)) { bv = ov; bi = oi; }
        }
        if (lane == 0) out[o] = bi;
    }
}

extern "C" __global__ void argreduce_f32(int isMax, Geo kept, const float* x, int n, int sd, int nOut, int* out) {
    arg_body<float>(isMax, kept, x, n, sd, nOut, out);
}

extern "C" __global__ void argreduce_i32(int isMax, Geo kept, const int* x, int n, int sd, int nOut, int* out) {
    arg_body<int>(isMax, kept, x, n, sd, nOut, out);
}

// ------------------------------------------------------------------ top-k (bitonic sort of packed keys)

// The CPU backend's key: order-preserving float bits (NaN canonical, -0 as +0) above, the column below; sorting the
// keys ascending gives descending values for `largest` (bits inverted) with ties on the lower index.
__device__ __forceinline__ long long topk_key(float v, int j, int largest) {
    int bits = v != v ? 0x7fc00000 : __float_as_int(v == 0.f ? 0.f : v);
    int key = bits ^ ((bits >> 31) & 0x7fffffff);
    if (largest) key = ~key;
    return ((long long)key << 32) | (unsigned int)j;
}

__device__ __forceinline__ void bitonic_exchange(long long* keys, int e, int partner, int k) {
    long long a = keys[e], b = keys[partner];
    bool ascending = (e & k) == 0;
    if ((a > b) == ascending) {
        keys[e] = b;
        keys[partner] = a;
    }
}

// Rows of up to 2048 columns: one block per row sorts P (a power of two >= n) keys in shared memory.
extern "C" __global__ void topk_shared(const float* x, int n, int P, int k, int largest, float* values, int* indices) {
    extern __shared__ long long skeys[];
    int row = blockIdx.x;
    const float* xr = x + (long long)row * n;
    for (int e = threadIdx.x; e < P; e += blockDim.x) skeys[e] = e < n ? topk_key(xr[e], e, largest) : LLONG_MAX;
    __syncthreads();
    for (int size = 2; size <= P; size <<= 1) {
        for (int j = size >> 1; j > 0; j >>= 1) {
            for (int e = threadIdx.x; e < P; e += blockDim.x) {
                int partner = e ^ j;
                if (partner > e) bitonic_exchange(skeys, e, partner, size);
            }
            __syncthreads();
        }
    }
    for (int e = threadIdx.x; e < k; e += blockDim.x) {
        int idx = (int)(skeys[e] & 0xffffffffLL);
        indices[(long long)row * k + e] = idx;
        values[(long long)row * k + e] = xr[idx];
    }
}

// Longer rows: keys in global memory (rows x P), one launch per bitonic step, then topk_extract.
extern "C" __global__ void topk_keys(const float* x, int rows, int n, int P, int largest, long long* keys) {
    GRID_LOOP(i, rows * P) {
        int row = i / P, e = i - row * P;
        keys[i] = e < n ? topk_key(x[(long long)row * n + e], e, largest) : LLONG_MAX;
    }
}

extern "C" __global__ void topk_step(long long* keys, int rows, int P, int j, int size) {
    GRID_LOOP(i, rows * P) {
        int row = i / P, e = i - row * P;
        int partner = e ^ j;
        if (partner > e) bitonic_exchange(keys + (long long)row * P, e, partner, size);
    }
}

extern "C" __global__ void topk_extract(const float* x, const long long* keys, int rows, int n, int P, int k,
                                        float* values, int* indices) {
    GRID_LOOP(i, rows * k) {
        int row = i / k, e = i - row * k;
        int idx = (int)(keys[(long long)row * P + e] & 0xffffffffLL);
        indices[i] = idx;
        values[i] = x[(long long)row * n + idx];
    }
}
