// Convolution helpers for the im2col + GEMM path: im2col, col2im (a gather, so no atomics) and a per-channel bias.
// A column buffer holds, for images n in a chunk, rows k = (c, kh, kw) of one group and columns p = (oh, ow):
// element (k, n, p) lives at col[k * ldK + n * ldN + p], so one kernel writes both the [n][K][P] layout used by the
// batched forward/backward-input GEMMs and the [K][n][P] layout used by the single backward-weight GEMM.
#include "common.cuh"

struct ConvGeo {
    int c, h, w;            // input channels (all groups), height, width
    int kh, kw, sh, sw, ph, pw, dh, dw;
    int oh, ow;
};

extern "C" __global__ void im2col(ConvGeo g, const float* x, int images, int cStart, int cCount,
                                  float* col, long long ldK, long long ldN) {
    int P = g.oh * g.ow, KK = g.kh * g.kw;
    int total = images * cCount * KK * P;
    GRID_LOOP(i, total) {
        int p = i % P;
        int t = i / P;
        int k = t % (cCount * KK);
        int img = t / (cCount * KK);
        int cl = k / KK, kr = k - cl * KK;
        int ky = kr / g.kw, kx = kr - ky * g.kw;
        int oy = p / g.ow, ox = p - oy * g.ow;
        int iy = oy * g.sh - g.ph + ky * g.dh;
        int ix = ox * g.sw - g.pw + kx * g.dw;
        float v = 0.f;
        if (iy >= 0 && iy < g.h && ix >= 0 && ix < g.w)
            v = x[((long long)img * g.c + cStart + cl) * g.h * g.w + (long long)iy * g.w + ix];
        col[k * ldK + img * ldN + p] = v;
    }
}

// gx[img, cStart + cl, iy, ix] = sum of the column entries that im2col copied from that input position (overwrites).
extern "C" __global__ void col2im(ConvGeo g, const float* col, int images, int cStart, int cCount,
                                  long long ldK, long long ldN, float* gx) {
    int HW = g.h * g.w, KK = g.kh * g.kw;
    int total = images * cCount * HW;
    GRID_LOOP(i, total) {
        int q = i % HW;
        int t = i / HW;
        int cl = t % cCount;
        int img = t / cCount;
        int iy = q / g.w, ix = q - iy * g.w;
        float sum = 0.f;
        for (int ky = 0; ky < g.kh; ++ky) {
            int ny = iy + g.ph - ky * g.dh;
            if (ny < 0 || ny % g.sh != 0) continue;
            int oy = ny / g.sh;
            if (oy >= g.oh) continue;
            for (int kx = 0; kx < g.kw; ++kx) {
                int nx = ix + g.pw - kx * g.dw;
                if (nx < 0 || nx % g.sw != 0) continue;
                int ox = nx / g.sw;
                if (ox >= g.ow) continue;
                int k = cl * KK + ky * g.kw + kx;
                sum += col[k * ldK + img * ldN + oy * g.ow + ox];
            }
        }
        gx[((long long)img * g.c + cStart + cl) * HW + q] = sum;
    }
}

// out[n, c, p] += bias[c] over a contiguous N x C x P tensor.
extern "C" __global__ void add_channel_bias(float* out, const float* bias, int C, int P, int total) {
    GRID_LOOP(i, total) { out[i] += bias[(i / P) % C]; }
}
