// Batch normalisation over channel dim 1 of a contiguous N x C x S tensor (S = spatial positions).
// The per-channel sums (forward statistics, backward gradient sums) are two-stage reductions: each channel's
// M = N*S elements are cut into chunks summed by separate blocks — so a few channels still fill every SM — into
// double partials, then a small kernel combines each channel's partials in chunk order (deterministic). The sums are
// plain sum and sum of squares in double (a float's square is exact in double; var = E[x^2] - mean^2 keeps ~29 more
// bits than float data has), as before the split. Elements are walked as an (n, s) pair advanced by a constant step:
// one 32-bit division per thread, none per element. Element counts are below 2^31 (the host's int numel).
#include "common.cuh"

#define BN_THREADS 256

// Block blockIdx.x = c * chunks + chunk sums term(at) over the chunk's positions of channel c and writes the two
// totals to partial[2 * blockIdx.x], partial[2 * blockIdx.x + 1].
template <typename Term>
__device__ __forceinline__ void channel_chunk_sums(unsigned int N, unsigned int C, unsigned int S, unsigned int chunkLen,
                                                   unsigned int chunks, double* partial, Term term) {
    const unsigned int c = blockIdx.x / chunks, chunk = blockIdx.x - c * chunks;
    const unsigned int begin = chunk * chunkLen, end = min(N * S, begin + chunkLen);
    double s0 = 0.0, s1 = 0.0;
    unsigned int e = begin + threadIdx.x;
    if (e < end) {
        unsigned int n = e / S, p = e - n * S;
        const unsigned int stepN = blockDim.x / S, stepP = blockDim.x - stepN * S;  // e += blockDim.x as (n, p)
        do {
            double a, b;
            term((n * C + c) * S + p, c, a, b);
            s0 += a;
            s1 += b;
            n += stepN;
            p += stepP;
            if (p >= S) { p -= S; ++n; }
            e += blockDim.x;
        } while (e < end);
    }
    s0 = block_sum(s0);
    s1 = block_sum(s1);
    if (threadIdx.x == 0) {
        partial[2 * blockIdx.x] = s0;
        partial[2 * blockIdx.x + 1] = s1;
    }
}

// Stage 1 of the statistics: per chunk, sum(x) and sum(x^2).
extern "C" __global__ void __launch_bounds__(BN_THREADS) bn_partial_stats(const float* x, int N, int C, int S, int chunkLen,
                                                                          int chunks, double* partial) {
    channel_chunk_sums(N, C, S, chunkLen, chunks, partial, [&](unsigned int at, unsigned int, double& a, double& b) {
        double v = x[at];
        a = v;
        b = v * v;
    });
}

// Stage 2, one thread per channel: batch mean and biased variance from the partials (training != 0; the running
// variance gets the unbiased one), or the running statistics (training == 0, partial unused); saved mean and 1/std.
extern "C" __global__ void bn_finish_stats(const double* partial, int chunks, int C, int M, int training, double momentum,
                                           double eps, float* runningMean, float* runningVar, float* saveMean,
                                           float* saveInvStd) {
    GRID_LOOP(c, C) {
        double mean, var;
        if (training) {
            double s = 0.0, ss = 0.0;
            for (int k = 0; k < chunks; ++k) {
                s += partial[2 * (c * chunks + k)];
                ss += partial[2 * (c * chunks + k) + 1];
            }
            mean = s / (double)M;
            var = fmax(ss / (double)M - mean * mean, 0.0);
            if (runningMean) runningMean[c] = (float)((1.0 - momentum) * runningMean[c] + momentum * mean);
            if (runningVar) runningVar[c] = (float)((1.0 - momentum) * runningVar[c] + momentum * var * (double)M / (double)(M - 1));
        } else {
            mean = runningMean[c];
            var = runningVar[c];
        }
        saveMean[c] = (float)mean;
        saveInvStd[c] = (float)(1.0 / sqrt(var + eps));
    }
}

// out = (x - mean) * invStd * gamma + beta (gamma/beta may be null).
extern "C" __global__ void bn_apply(const float* x, const float* mean, const float* invStd, const float* gamma,
                                    const float* beta, float* out, int C, int S, int total) {
    GRID_LOOP(i, total) {
        int c = (i / S) % C;
        float y = (x[i] - mean[c]) * invStd[c];
        if (gamma) y *= gamma[c];
        if (beta) y += beta[c];
        out[i] = y;
    }
}

// Stage 1 of the backward's sums: per chunk, sum(gy) and sum(gy * xhat).
extern "C" __global__ void __launch_bounds__(BN_THREADS) bn_backward_partial(const float* gy, const float* x, const float* mean,
                                                                             const float* invStd, int N, int C, int S,
                                                                             int chunkLen, int chunks, double* partial) {
    channel_chunk_sums(N, C, S, chunkLen, chunks, partial, [&](unsigned int at, unsigned int c, double& a, double& b) {
        double g = gy[at];
        a = g;
        b = g * (double)((x[at] - mean[c]) * invStd[c]);
    });
}

// Stage 2, one thread per channel: sums[c] = sum(gy), sums[C + c] = sum(gy * xhat); also gbeta/ggamma when requested.
extern "C" __global__ void bn_backward_finish(const double* partial, int chunks, int C, float* sums, float* ggamma,
                                              float* gbeta) {
    GRID_LOOP(c, C) {
        double sdy = 0.0, sdyx = 0.0;
        for (int k = 0; k < chunks; ++k) {
            sdy += partial[2 * (c * chunks + k)];
            sdyx += partial[2 * (c * chunks + k) + 1];
        }
        sums[c] = (float)sdy;
        sums[C + c] = (float)sdyx;
        if (gbeta) gbeta[c] = (float)sdy;
        if (ggamma) ggamma[c] = (float)sdyx;
    }
}

// gx = gamma * invStd / M * (M * gy - sum(gy) - xhat * sum(gy * xhat)).
extern "C" __global__ void bn_backward_apply(const float* gy, const float* x, const float* mean, const float* invStd,
                                             const float* gamma, const float* sums, float* gx, int C, int S, int M,
                                             int total) {
    GRID_LOOP(i, total) {
        int c = (i / S) % C;
        float is = invStd[c];
        float xhat = (x[i] - mean[c]) * is;
        float scale = (gamma ? gamma[c] : 1.f) * is / (float)M;
        gx[i] = scale * ((float)M * gy[i] - sums[c] - xhat * sums[C + c]);
    }
}
