// sRGB <-> CIE Lab (D65, 2 degree observer) exactly as scikit-image computes it, their vector-Jacobian
// products, and per-pixel joint bin quantization. Images are contiguous N x C x H x W; one thread per pixel.
#include "common.cuh"

#define XN 0.95047f
#define YN 1.0f
#define ZN 1.08883f
// skimage's xyz_from_rgb and its inverse
__constant__ float M_XYZ[9] = {0.412453f, 0.357580f, 0.180423f,
                               0.212671f, 0.715160f, 0.072169f,
                               0.019334f, 0.119193f, 0.950227f};
__constant__ float M_RGB[9] = {3.2404813432005266f, -1.5371515162713185f, -0.4985363261688878f,
                               -0.9692549499965682f, 1.8759900014898907f, 0.04155592655829284f,
                               0.05564663913517716f, -0.20404133836651123f, 1.0573110696453443f};

__device__ __forceinline__ float srgb_to_linear(float c) {
    return c <= 0.04045f ? c / 12.92f : powf((c + 0.055f) / 1.055f, 2.4f);
}
__device__ __forceinline__ float d_srgb_to_linear(float c) {
    return c <= 0.04045f ? 1.f / 12.92f : (2.4f / 1.055f) * powf((c + 0.055f) / 1.055f, 1.4f);
}
__device__ __forceinline__ float lab_f(float t) { return t > 0.008856f ? cbrtf(t) : 7.787f * t + 16.f / 116.f; }
__device__ __forceinline__ float d_lab_f(float t) {
    return t > 0.008856f ? 1.f / (3.f * cbrtf(t) * cbrtf(t)) : 7.787f;
}
__device__ __forceinline__ float lab_finv(float f) { return f > 0.2068966f ? f * f * f : (f - 16.f / 116.f) / 7.787f; }
__device__ __forceinline__ float d_lab_finv(float f) { return f > 0.2068966f ? 3.f * f * f : 1.f / 7.787f; }
__device__ __forceinline__ float linear_to_srgb(float l) {
    return l > 0.0031308f ? 1.055f * powf(l, 1.f / 2.4f) - 0.055f : 12.92f * l;
}
__device__ __forceinline__ float d_linear_to_srgb(float l) {
    return l > 0.0031308f ? (1.055f / 2.4f) * powf(l, 1.f / 2.4f - 1.f) : 12.92f;
}

extern "C" __global__ void rgb_to_lab(const float* x, float* out, int N, int HW) {
    GRID_LOOP(i, N * HW) {
        int n = i / HW, p = i - n * HW;
        long long base = (long long)n * 3 * HW + p;
        float lin[3];
        for (int c = 0; c < 3; ++c) lin[c] = srgb_to_linear(x[base + c * HW]);
        float f[3];
        const float white[3] = {XN, YN, ZN};
        for (int r = 0; r < 3; ++r) {
            float t = (M_XYZ[r * 3] * lin[0] + M_XYZ[r * 3 + 1] * lin[1] + M_XYZ[r * 3 + 2] * lin[2]) / white[r];
            f[r] = lab_f(t);
        }
        out[base] = 116.f * f[1] - 16.f;
        out[base + HW] = 500.f * (f[0] - f[1]);
        out[base + 2 * HW] = 200.f * (f[1] - f[2]);
    }
}

extern "C" __global__ void rgb_to_lab_bwd(const float* gy, const float* x, float* gx, int N, int HW) {
    GRID_LOOP(i, N * HW) {
        int n = i / HW, p = i - n * HW;
        long long base = (long long)n * 3 * HW + p;
        float lin[3];
        for (int c = 0; c < 3; ++c) lin[c] = srgb_to_linear(x[base + c * HW]);
        const float white[3] = {XN, YN, ZN};
        float gL = gy[base], ga = gy[base + HW], gb = gy[base + 2 * HW];
        float gf[3] = {500.f * ga, 116.f * gL - 500.f * ga + 200.f * gb, -200.f * gb};
        float gxyz[3];
        for (int r = 0; r < 3; ++r) {
            float t = (M_XYZ[r * 3] * lin[0] + M_XYZ[r * 3 + 1] * lin[1] + M_XYZ[r * 3 + 2] * lin[2]) / white[r];
            gxyz[r] = gf[r] * d_lab_f(t) / white[r];
        }
        for (int c = 0; c < 3; ++c) {
            float glin = M_XYZ[c] * gxyz[0] + M_XYZ[3 + c] * gxyz[1] + M_XYZ[6 + c] * gxyz[2];
            gx[base + c * HW] = glin * d_srgb_to_linear(x[base + c * HW]);
        }
    }
}

// Lab -> f-values (skimage clamps the Z one at 0) -> XYZ -> linear RGB; shared by forward and backward.
__device__ __forceinline__ void lab_to_linear(float L, float a, float b, float f[3], float lin[3]) {
    f[1] = (L + 16.f) / 116.f;
    f[0] = a / 500.f + f[1];
    f[2] = fmaxf(f[1] - b / 200.f, 0.f);
    float xyz[3] = {XN * lab_finv(f[0]), YN * lab_finv(f[1]), ZN * lab_finv(f[2])};
    for (int r = 0; r < 3; ++r) lin[r] = M_RGB[r * 3] * xyz[0] + M_RGB[r * 3 + 1] * xyz[1] + M_RGB[r * 3 + 2] * xyz[2];
}

extern "C" __global__ void lab_to_rgb(const float* x, float* out, int N, int HW) {
    GRID_LOOP(i, N * HW) {
        int n = i / HW, p = i - n * HW;
        long long base = (long long)n * 3 * HW + p;
        float f[3], lin[3];
        lab_to_linear(x[base], x[base + HW], x[base + 2 * HW], f, lin);
        for (int c = 0; c < 3; ++c) out[base + c * HW] = fminf(fmaxf(linear_to_srgb(lin[c]), 0.f), 1.f);
    }
}

// Zero where the output was clipped to [0, 1] (and through the Z clamp).
extern "C" __global__ void lab_to_rgb_bwd(const float* gy, const float* x, float* gx, int N, int HW) {
    GRID_LOOP(i, N * HW) {
        int n = i / HW, p = i - n * HW;
        long long base = (long long)n * 3 * HW + p;
        float L = x[base], a = x[base + HW], b = x[base + 2 * HW];
        float f[3], lin[3];
        lab_to_linear(L, a, b, f, lin);
        float glin[3];
        for (int c = 0; c < 3; ++c) {
            float s = linear_to_srgb(lin[c]);
            glin[c] = (s < 0.f || s > 1.f) ? 0.f : gy[base + c * HW] * d_linear_to_srgb(lin[c]);
        }
        const float white[3] = {XN, YN, ZN};
        float gf[3];
        for (int r = 0; r < 3; ++r) {
            float gxyz = M_RGB[r] * glin[0] + M_RGB[3 + r] * glin[1] + M_RGB[6 + r] * glin[2];
            gf[r] = gxyz * white[r] * d_lab_finv(f[r]);
        }
        if (f[1] - b / 200.f < 0.f) gf[2] = 0.f;
        gx[base] = (gf[0] + gf[1] + gf[2]) / 116.f;
        gx[base + HW] = gf[0] / 500.f;
        gx[base + 2 * HW] = -gf[2] / 200.f;
    }
}

#define QUANT_MAX_CHANNELS 8
struct QuantParams {
    int channels;
    float lo[QUANT_MAX_CHANNELS];
    float hi[QUANT_MAX_CHANNELS];
    int bins[QUANT_MAX_CHANNELS];
};

// out[n, p] = row-major joint index of clamp(floor((x - lo) / (hi - lo) * bins), 0, bins - 1) over channels.
extern "C" __global__ void quantize(QuantParams q, const float* x, int* out, int N, int HW) {
    GRID_LOOP(i, N * HW) {
        int n = i / HW, p = i - n * HW;
        long long base = (long long)n * q.channels * HW + p;
        int joint = 0;
#pragma unroll
        for (int c = 0; c < QUANT_MAX_CHANNELS; ++c) {
            if (c < q.channels) {
                float t = (x[base + (long long)c * HW] - q.lo[c]) / (q.hi[c] - q.lo[c]) * (float)q.bins[c];
                int idx = (int)floorf(t);
                idx = min(max(idx, 0), q.bins[c] - 1);
                joint = joint * q.bins[c] + idx;
            }
        }
        out[i] = joint;
    }
}
