// Batch normalisation over channel dim 1 of a contiguous N x C x S tensor (S = spatial positions).
#include "common.cuh"

// One block per channel: batch mean and biased variance (double sums), running-stat update, saved statistics.
// training == 0 uses the running statistics instead.
extern "C" __global__ void bn_stats(const float* x, int N, int C, int S, int training, double momentum, double eps,
                                    float* runningMean, float* runningVar, float* saveMean, float* saveInvStd) {
    int c = blockIdx.x;
    double mean, var;
    if (training) {
        long long M = (long long)N * S;
        double s = 0.0, ss = 0.0;
        for (long long e = threadIdx.x; e < M; e += blockDim.x) {
            long long n = e / S, p = e - n * S;
            double v = x[(n * C + c) * S + p];
            s += v;
            ss += v * v;
        }
        s = block_sum(s);
        ss = block_sum(ss);
        if (threadIdx.x != 0) return;
        mean = s / (double)M;
        var = fmax(ss / (double)M - mean * mean, 0.0);
        if (runningMean) runningMean[c] = (float)((1.0 - momentum) * runningMean[c] + momentum * mean);
        if (runningVar) runningVar[c] = (float)((1.0 - momentum) * runningVar[c] + momentum * var * (double)M / (double)(M - 1));
    } else {
        if (threadIdx.x != 0) return;
        mean = runningMean[c];
        var = runningVar[c];
    }
    saveMean[c] = (float)mean;
    saveInvStd[c] = (float)(1.0 / sqrt(var + eps));
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

// One block per channel: sums[c] = sum(gy), sums[C + c] = sum(gy * xhat); also ggamma/gbeta when requested.
extern "C" __global__ void bn_backward_reduce(const float* gy, const float* x, const float* mean, const float* invStd,
                                              int N, int C, int S, float* sums, float* ggamma, float* gbeta) {
    int c = blockIdx.x;
    long long M = (long long)N * S;
    float mu = mean[c], is = invStd[c];
    double sdy = 0.0, sdyx = 0.0;
    for (long long e = threadIdx.x; e < M; e += blockDim.x) {
        long long n = e / S, p = e - n * S;
        long long at = (n * C + c) * S + p;
        double g = gy[at];
        sdy += g;
        sdyx += g * (double)((x[at] - mu) * is);
    }
    sdy = block_sum(sdy);
    sdyx = block_sum(sdyx);
    if (threadIdx.x == 0) {
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
