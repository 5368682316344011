// Pooling and resampling over contiguous N x C x H x W planes. Backward passes are gathers (each input position sums
// what it fed), so they are deterministic and need no atomics — except bilinear, which scatters with atomicAdd into
// a zeroed gx like PyTorch.
#include "common.cuh"

struct PoolGeo {
    int planes, h, w, kh, kw, sh, sw, ph, pw, dh, dw, countIncludePad, oh, ow;
};

// Max pooling: padding is -inf; the first maximum wins, a NaN in the window wins over any number.
extern "C" __global__ void maxpool_fwd(PoolGeo g, const float* x, float* out, int* indices) {
    int P = g.oh * g.ow;
    GRID_LOOP(i, g.planes * P) {
        int plane = i / P, p = i - plane * P;
        int oy = p / g.ow, ox = p - oy * g.ow;
        const float* xp = x + (long long)plane * g.h * g.w;
        float best = -INFINITY;
        int bi = -1;
        for (int ky = 0; ky < g.kh; ++ky) {
            int iy = oy * g.sh - g.ph + ky * g.dh;
            if (iy < 0 || iy >= g.h) continue;
            for (int kx = 0; kx < g.kw; ++kx) {
                int ix = ox * g.sw - g.pw + kx * g.dw;
                if (ix < 0 || ix >= g.w) continue;
                float v = xp[iy * g.w + ix];
                if (bi < 0 || (best == best && (v > best || v != v))) { best = v; bi = iy * g.w + ix; }
            }
        }
        out[i] = best;
        indices[i] = bi;
    }
}

// Output rows whose (dilated, strided) window can contain input row iy: [lo, hi] clamped to [0, out).
__device__ __forceinline__ void window_range(int iy, int pad, int k, int s, int d, int out, int& lo, int& hi) {
    int span = iy + pad - (k - 1) * d;        // oy * s >= span
    lo = span <= 0 ? 0 : (span + s - 1) / s;
    hi = min(out - 1, (iy + pad) / s);        // oy * s <= iy + pad
}

extern "C" __global__ void maxpool_bwd(PoolGeo g, const float* gy, const int* indices, float* gx) {
    int HW = g.h * g.w, P = g.oh * g.ow;
    GRID_LOOP(i, g.planes * HW) {
        int plane = i / HW, q = i - plane * HW;
        int iy = q / g.w, ix = q - iy * g.w;
        int ylo, yhi, xlo, xhi;
        window_range(iy, g.ph, g.kh, g.sh, g.dh, g.oh, ylo, yhi);
        window_range(ix, g.pw, g.kw, g.sw, g.dw, g.ow, xlo, xhi);
        const int* ip = indices + (long long)plane * P;
        const float* gp = gy + (long long)plane * P;
        float sum = 0.f;
        for (int oy = ylo; oy <= yhi; ++oy)
            for (int ox = xlo; ox <= xhi; ++ox)
                if (ip[oy * g.ow + ox] == q) sum += gp[oy * g.ow + ox];
        gx[i] = sum;
    }
}

// Average pooling window of output (oy, ox) and its divisor (PyTorch's rule, no dilation).
__device__ __forceinline__ void avg_window(const PoolGeo& g, int oy, int ox, int& y0, int& y1, int& x0, int& x1, float& div) {
    y0 = oy * g.sh - g.ph;
    x0 = ox * g.sw - g.pw;
    y1 = min(y0 + g.kh, g.h + g.ph);
    x1 = min(x0 + g.kw, g.w + g.pw);
    int padded = (y1 - y0) * (x1 - x0);
    y0 = max(y0, 0);
    x0 = max(x0, 0);
    y1 = min(y1, g.h);
    x1 = min(x1, g.w);
    div = (float)(g.countIncludePad ? padded : (y1 - y0) * (x1 - x0));
}

extern "C" __global__ void avgpool_fwd(PoolGeo g, const float* x, float* out) {
    int P = g.oh * g.ow;
    GRID_LOOP(i, g.planes * P) {
        int plane = i / P, p = i - plane * P;
        int oy = p / g.ow, ox = p - oy * g.ow;
        int y0, y1, x0, x1;
        float div;
        avg_window(g, oy, ox, y0, y1, x0, x1, div);
        const float* xp = x + (long long)plane * g.h * g.w;
        float sum = 0.f;
        for (int y = y0; y < y1; ++y)
            for (int xx = x0; xx < x1; ++xx) sum += xp[y * g.w + xx];
        out[i] = sum / div;
    }
}

extern "C" __global__ void avgpool_bwd(PoolGeo g, const float* gy, float* gx) {
    int HW = g.h * g.w, P = g.oh * g.ow;
    GRID_LOOP(i, g.planes * HW) {
        int plane = i / HW, q = i - plane * HW;
        int iy = q / g.w, ix = q - iy * g.w;
        int ylo, yhi, xlo, xhi;
        window_range(iy, g.ph, g.kh, g.sh, 1, g.oh, ylo, yhi);
        window_range(ix, g.pw, g.kw, g.sw, 1, g.ow, xlo, xhi);
        const float* gp = gy + (long long)plane * P;
        float sum = 0.f;
        for (int oy = ylo; oy <= yhi; ++oy)
            for (int ox = xlo; ox <= xhi; ++ox) {
                int y0, y1, x0, x1;
                float div;
                avg_window(g, oy, ox, y0, y1, x0, x1, div);
                if (iy >= y0 && iy < y1 && ix >= x0 && ix < x1) sum += gp[oy * g.ow + ox] / div;
            }
        gx[i] = sum;
    }
}

// Adaptive windows: rows [floor(o*in/out), ceil((o+1)*in/out)).
__device__ __forceinline__ int ad_start(int o, int in, int out) { return (int)(((long long)o * in) / out); }
__device__ __forceinline__ int ad_end(int o, int in, int out) { return (int)(((long long)(o + 1) * in + out - 1) / out); }

extern "C" __global__ void adaptive_avg_fwd(int planes, int h, int w, int oh, int ow, const float* x, float* out) {
    int P = oh * ow;
    GRID_LOOP(i, planes * P) {
        int plane = i / P, p = i - plane * P;
        int oy = p / ow, ox = p - oy * ow;
        int y0 = ad_start(oy, h, oh), y1 = ad_end(oy, h, oh), x0 = ad_start(ox, w, ow), x1 = ad_end(ox, w, ow);
        const float* xp = x + (long long)plane * h * w;
        float sum = 0.f;
        for (int y = y0; y < y1; ++y)
            for (int xx = x0; xx < x1; ++xx) sum += xp[y * w + xx];
        out[i] = sum / (float)((y1 - y0) * (x1 - x0));
    }
}

extern "C" __global__ void adaptive_avg_bwd(int planes, int h, int w, int oh, int ow, const float* gy, float* gx) {
    int HW = h * w, P = oh * ow;
    GRID_LOOP(i, planes * HW) {
        int plane = i / HW, q = i - plane * HW;
        int iy = q / w, ix = q - iy * w;
        // candidate outputs around iy*oh/h; membership is checked exactly
        int ylo = max(0, (int)(((long long)iy * oh) / h) - 1), yhi = min(oh - 1, (int)(((long long)(iy + 1) * oh) / h) + 1);
        int xlo = max(0, (int)(((long long)ix * ow) / w) - 1), xhi = min(ow - 1, (int)(((long long)(ix + 1) * ow) / w) + 1);
        const float* gp = gy + (long long)plane * P;
        float sum = 0.f;
        for (int oy = ylo; oy <= yhi; ++oy) {
            int y0 = ad_start(oy, h, oh), y1 = ad_end(oy, h, oh);
            if (iy < y0 || iy >= y1) continue;
            for (int ox = xlo; ox <= xhi; ++ox) {
                int x0 = ad_start(ox, w, ow), x1 = ad_end(ox, w, ow);
                if (ix < x0 || ix >= x1) continue;
                sum += gp[oy * ow + ox] / (float)((y1 - y0) * (x1 - x0));
            }
        }
        gx[i] = sum;
    }
}

// PyTorch's 'nearest' source index: min(floor(dst * scale), in - 1) with scale = (float) in / out, rounded in float
// as PyTorch computes it (exact integer division picks other rows at some sizes, e.g. 6 -> 74).
__device__ __forceinline__ int nearest_src(int dst, int in, int out) {
    float scale = __fdiv_rn((float)in, (float)out);
    return min((int)floorf(__fmul_rn((float)dst, scale)), in - 1);
}

extern "C" __global__ void nearest_fwd(int planes, int h, int w, int oh, int ow, const float* x, float* out) {
    int P = oh * ow;
    GRID_LOOP(i, planes * P) {
        int plane = i / P, p = i - plane * P;
        int oy = p / ow, ox = p - oy * ow;
        int iy = nearest_src(oy, h, oh), ix = nearest_src(ox, w, ow);
        out[i] = x[(long long)plane * h * w + iy * w + ix];
    }
}

// The first output whose source index is >= src (the source index never decreases along the output).
__device__ __forceinline__ int nearest_first_out(int src, int in, int out) {
    int o = (int)(((long long)src * out) / in);
    while (o > 0 && nearest_src(o - 1, in, out) >= src) --o;
    while (o < out && nearest_src(o, in, out) < src) ++o;
    return o;
}

// Each input pixel sums the outputs that read it: rows [first_out(iy), first_out(iy + 1)), likewise columns.
extern "C" __global__ void nearest_bwd(int planes, int h, int w, int oh, int ow, const float* gy, float* gx) {
    int HW = h * w, P = oh * ow;
    GRID_LOOP(i, planes * HW) {
        int plane = i / HW, q = i - plane * HW;
        int iy = q / w, ix = q - iy * w;
        int y0 = nearest_first_out(iy, h, oh), y1 = iy + 1 < h ? nearest_first_out(iy + 1, h, oh) : oh;
        int x0 = nearest_first_out(ix, w, ow), x1 = ix + 1 < w ? nearest_first_out(ix + 1, w, ow) : ow;
        const float* gp = gy + (long long)plane * P;
        float sum = 0.f;
        for (int oy = y0; oy < y1; ++oy)
            for (int ox = x0; ox < x1; ++ox) sum += gp[oy * ow + ox];
        gx[i] = sum;
    }
}

// PyTorch's bilinear source coordinate: align_corners maps corner to corner, otherwise pixel centres (clamped at 0).
__device__ __forceinline__ void bilinear_src(int dst, int in, int out, int align, int& i0, int& i1, float& l1) {
    float src;
    if (align) {
        float scale = out > 1 ? (float)(in - 1) / (float)(out - 1) : 0.f;
        src = scale * dst;
    } else {
        float scale = (float)in / (float)out;
        src = fmaxf(scale * (dst + 0.5f) - 0.5f, 0.f);
    }
    i0 = min((int)src, in - 1);
    i1 = i0 + (i0 < in - 1 ? 1 : 0);
    l1 = src - (float)i0;
}

extern "C" __global__ void bilinear_fwd(int planes, int h, int w, int oh, int ow, int align, const float* x, float* out) {
    int P = oh * ow;
    GRID_LOOP(i, planes * P) {
        int plane = i / P, p = i - plane * P;
        int oy = p / ow, ox = p - oy * ow;
        int y0, y1, x0, x1;
        float ly, lx;
        bilinear_src(oy, h, oh, align, y0, y1, ly);
        bilinear_src(ox, w, ow, align, x0, x1, lx);
        const float* xp = x + (long long)plane * h * w;
        out[i] = (1.f - ly) * ((1.f - lx) * xp[y0 * w + x0] + lx * xp[y0 * w + x1])
               + ly * ((1.f - lx) * xp[y1 * w + x0] + lx * xp[y1 * w + x1]);
    }
}

extern "C" __global__ void bilinear_bwd(int planes, int h, int w, int oh, int ow, int align, const float* gy, float* gx) {
    int P = oh * ow;
    GRID_LOOP(i, planes * P) {
        int plane = i / P, p = i - plane * P;
        int oy = p / ow, ox = p - oy * ow;
        int y0, y1, x0, x1;
        float ly, lx;
        bilinear_src(oy, h, oh, align, y0, y1, ly);
        bilinear_src(ox, w, ow, align, x0, x1, lx);
        float g = gy[i];
        float* gp = gx + (long long)plane * h * w;
        atomicAdd(gp + y0 * w + x0, (1.f - ly) * (1.f - lx) * g);
        atomicAdd(gp + y0 * w + x1, (1.f - ly) * lx * g);
        atomicAdd(gp + y1 * w + x0, ly * (1.f - lx) * g);
        atomicAdd(gp + y1 * w + x1, ly * lx * g);
    }
}
