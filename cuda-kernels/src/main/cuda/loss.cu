// Softmax / logSoftmax over dim of a contiguous tensor viewed as [outer, D, inner], and the NLL loss over [N, C, S].
#include "common.cuh"

__device__ __forceinline__ float block_max(float v) {
    __shared__ float partial[32];
    int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
#pragma unroll
    for (int o = 16; o > 0; o >>= 1) v = nan_max(v, __shfl_down_sync(0xffffffffu, v, o));
    __syncthreads();
    if (lane == 0) partial[warp] = v;
    __syncthreads();
    int warps = (blockDim.x + 31) >> 5;
    v = threadIdx.x < warps ? partial[threadIdx.x] : -INFINITY;
    if (warp == 0) {
#pragma unroll
        for (int o = 16; o > 0; o >>= 1) v = nan_max(v, __shfl_down_sync(0xffffffffu, v, o));
    }
    return v;
}

// Broadcast thread 0's value to the block.
__device__ __forceinline__ float block_share(float v) {
    __shared__ float shared;
    __syncthreads();
    if (threadIdx.x == 0) shared = v;
    __syncthreads();
    return shared;
}

// inner == 1: one block per row of D contiguous values.
extern "C" __global__ void softmax_rows(const float* x, float* out, int rows, int D, int log) {
    for (int row = blockIdx.x; row < rows; row += gridDim.x) {
        const float* xr = x + (long long)row * D;
        float* yr = out + (long long)row * D;
        float m = -INFINITY;
        for (int j = threadIdx.x; j < D; j += blockDim.x) m = nan_max(m, xr[j]);
        m = block_share(block_max(m));
        double s = 0.0;
        for (int j = threadIdx.x; j < D; j += blockDim.x) s += expf(xr[j] - m);
        float sum = block_share((float)block_sum(s));
        float logSum = logf(sum);
        for (int j = threadIdx.x; j < D; j += blockDim.x)
            yr[j] = log ? xr[j] - m - logSum : expf(xr[j] - m) / sum;
    }
}

// inner > 1: one thread per (outer, inner) position walking D with stride inner (coalesced across positions).
extern "C" __global__ void softmax_cols(const float* x, float* out, int outer, int D, int inner, int log) {
    GRID_LOOP(i, outer * inner) {
        int o = i / inner, q = i - o * inner;
        long long base = (long long)o * D * inner + q;
        float m = -INFINITY;
        for (int j = 0; j < D; ++j) m = nan_max(m, x[base + (long long)j * inner]);
        float s = 0.f;
        for (int j = 0; j < D; ++j) s += expf(x[base + (long long)j * inner] - m);
        float logSum = logf(s);
        for (int j = 0; j < D; ++j) {
            long long at = base + (long long)j * inner;
            out[at] = log ? x[at] - m - logSum : expf(x[at] - m) / s;
        }
    }
}

// softmax: gx = y * (gy - sum(gy * y)); log: gx = gy - exp(y) * sum(gy).
extern "C" __global__ void softmax_bwd_rows(const float* gy, const float* y, float* gx, int rows, int D, int log) {
    for (int row = blockIdx.x; row < rows; row += gridDim.x) {
        long long base = (long long)row * D;
        double s = 0.0;
        for (int j = threadIdx.x; j < D; j += blockDim.x) s += log ? gy[base + j] : gy[base + j] * y[base + j];
        float sum = block_share((float)block_sum(s));
        for (int j = threadIdx.x; j < D; j += blockDim.x) {
            long long at = base + j;
            gx[at] = log ? gy[at] - expf(y[at]) * sum : y[at] * (gy[at] - sum);
        }
    }
}

extern "C" __global__ void softmax_bwd_cols(const float* gy, const float* y, float* gx, int outer, int D, int inner, int log) {
    GRID_LOOP(i, outer * inner) {
        int o = i / inner, q = i - o * inner;
        long long base = (long long)o * D * inner + q;
        float s = 0.f;
        for (int j = 0; j < D; ++j) {
            long long at = base + (long long)j * inner;
            s += log ? gy[at] : gy[at] * y[at];
        }
        for (int j = 0; j < D; ++j) {
            long long at = base + (long long)j * inner;
            gx[at] = log ? gy[at] - expf(y[at]) * s : y[at] * (gy[at] - s);
        }
    }
}

// loss[n,s] = -w[t] * logp[n,t,s], lossWeight[n,s] = w[t]; both 0 where t == ignore (weight null: w = 1).
extern "C" __global__ void nll_fwd(const float* logp, const int* target, const float* weight, int ignore, int N, int C,
                                   int S, float* loss, float* lossWeight) {
    GRID_LOOP(i, N * S) {
        int n = i / S, s = i - n * S;
        int t = target[i];
        if (t == ignore) {
            loss[i] = 0.f;
            lossWeight[i] = 0.f;
        } else {
            float w = weight ? weight[t] : 1.f;
            loss[i] = -w * logp[((long long)n * C + t) * S + s];
            lossWeight[i] = w;
        }
    }
}

// glogp[n,c,s] = c == target[n,s] ? -w[c] * gloss[n,s] : 0 (0 for ignored targets); overwrites glogp.
extern "C" __global__ void nll_bwd(const float* gloss, const int* target, const float* weight, int ignore, int N, int C,
                                   int S, float* glogp) {
    GRID_LOOP(i, N * C * S) {
        int s = i % S;
        int t2 = i / S;
        int c = t2 % C, n = t2 / C;
        int t = target[n * S + s];
        glogp[i] = (t != ignore && t == c) ? -(weight ? weight[c] : 1.f) * gloss[n * S + s] : 0.f;
    }
}
