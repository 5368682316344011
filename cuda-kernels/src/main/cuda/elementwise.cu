// Elementwise ops: one body per arity, instantiated per op from a one-line definition. Each op has a strided kernel
// (operands addressed through Geo; out contiguous) and a "_c" kernel for contiguous operands. Semantics follow the
// CPU backend (io.callosum.tensor.cpu.CpuElementwise); alpha/beta are the UnaryOp parameters, already floats.
#include "common.cuh"

// ------------------------------------------------------------------ unary (float -> float)

#define UNARY(NAME, EXPR)                                                                                      \
    __device__ __forceinline__ float un_##NAME(float x, float alpha, float beta) { return (EXPR); }            \
    extern "C" __global__ void unary_##NAME(Geo g, const float* xp, float* out, int n, float alpha, float beta) { \
        GRID_LOOP(i, n) {                                                                                      \
            int off[1];                                                                                        \
            geo_offsets<1>(g, i, off);                                                                         \
            out[i] = un_##NAME(xp[off[0]], alpha, beta);                                                       \
        }                                                                                                      \
    }                                                                                                          \
    extern "C" __global__ void unary_##NAME##_c(const float* xp, float* out, int n, float alpha, float beta) {  \
        GRID_LOOP(i, n) { out[i] = un_##NAME(xp[i], alpha, beta); }                                           \
    }

__device__ __forceinline__ float signum(float x) { return (x == 0.f || x != x) ? x : copysignf(1.f, x); }
__device__ __forceinline__ float clampf(float v, float a, float b) {
    float lo = a != a ? -INFINITY : a, hi = b != b ? INFINITY : b;
    return v < lo ? lo : (v > hi ? hi : v);
}

UNARY(neg, -x)
UNARY(abs, fabsf(x))
UNARY(sign, signum(x))
UNARY(exp, expf(x))
UNARY(log, logf(x))
UNARY(sqrt, sqrtf(x))
UNARY(rsqrt, 1.f / sqrtf(x))
UNARY(square, x * x)
UNARY(reciprocal, 1.f / x)
UNARY(sin, sinf(x))
UNARY(cos, cosf(x))
UNARY(floor, floorf(x))
UNARY(ceil, ceilf(x))
UNARY(round, rintf(x))
UNARY(relu, x > 0.f ? x : (x == x ? 0.f : x))
UNARY(leaky_relu, x > 0.f ? x : x * alpha)
UNARY(sigmoid, 1.f / (1.f + expf(-x)))
UNARY(tanh, tanhf(x))
UNARY(gelu, 0.5f * x * (1.f + erff(x * 0.70710678118654752f)))
UNARY(erf, erff(x))
UNARY(pow, alpha == 2.f ? x * x : powf(x, alpha))
UNARY(add_scalar, x + alpha)
UNARY(mul_scalar, x * alpha)
UNARY(rsub_scalar, alpha - x)
UNARY(rdiv_scalar, alpha / x)
UNARY(clamp, clampf(x, alpha, beta))

// 1 where NaN or infinite (UINT8 out).
extern "C" __global__ void unary_non_finite(Geo g, const float* xp, unsigned char* out, int n) {
    GRID_LOOP(i, n) {
        int off[1];
        geo_offsets<1>(g, i, off);
        out[i] = isfinite(xp[off[0]]) ? 0 : 1;
    }
}

// ------------------------------------------------------------------ binary

// A body shared by every binary op: T inputs, R output, F the op (may report to the error word).
template <typename T, typename R, typename F>
__device__ __forceinline__ void binary_body(Geo g, const T* a, const T* b, R* out, int n, int* err, F f) {
    GRID_LOOP(i, n) {
        int off[2];
        geo_offsets<2>(g, i, off);
        out[i] = f(a[off[0]], b[off[1]], err);
    }
}

template <typename T, typename R, typename F>
__device__ __forceinline__ void binary_body_c(const T* a, const T* b, R* out, int n, int* err, F f) {
    GRID_LOOP(i, n) { out[i] = f(a[i], b[i], err); }
}

#define BINARY(TN, T, RN, R, NAME, EXPR)                                                                        \
    struct Op_##TN##_##NAME {                                                                                   \
        __device__ __forceinline__ R operator()(T x, T y, int* err) const { return (EXPR); }                   \
    };                                                                                                          \
    extern "C" __global__ void binary_##TN##_##NAME(Geo g, const T* a, const T* b, R* out, int n, int* err) {   \
        binary_body(g, a, b, out, n, err, Op_##TN##_##NAME());                                                  \
    }                                                                                                           \
    extern "C" __global__ void binary_##TN##_##NAME##_c(const T* a, const T* b, R* out, int n, int* err) {      \
        binary_body_c(a, b, out, n, err, Op_##TN##_##NAME());                                                   \
    }

BINARY(f32, float, f32, float, add, x + y)
BINARY(f32, float, f32, float, sub, x - y)
BINARY(f32, float, f32, float, mul, x * y)
BINARY(f32, float, f32, float, div, x / y)
BINARY(f32, float, f32, float, pow, powf(x, y))
BINARY(f32, float, f32, float, maximum, nan_max(x, y))
BINARY(f32, float, f32, float, minimum, nan_min(x, y))
BINARY(f32, float, f32, float, relu_grad, y > 0.f ? x : 0.f)
BINARY(f32, float, u8, unsigned char, eq, x == y)
BINARY(f32, float, u8, unsigned char, ne, x != y)
BINARY(f32, float, u8, unsigned char, lt, x < y)
BINARY(f32, float, u8, unsigned char, le, x <= y)
BINARY(f32, float, u8, unsigned char, gt, x > y)
BINARY(f32, float, u8, unsigned char, ge, x >= y)

// Integer arithmetic wraps like Java's (computed unsigned to avoid C's signed-overflow rules).
__device__ __forceinline__ int floor_div(int x, int y, int* err) {
    if (y == 0) {
        report_error(err, CALLOSUM_ERR_INT_DIV_ZERO);
        return 0;
    }
    if (x == INT_MIN && y == -1) return INT_MIN;  // Math.floorDiv overflows the same way
    int q = x / y;
    return ((x % y) != 0 && ((x < 0) != (y < 0))) ? q - 1 : q;
}

BINARY(i32, int, i32, int, add, (int)((unsigned)x + (unsigned)y))
BINARY(i32, int, i32, int, sub, (int)((unsigned)x - (unsigned)y))
BINARY(i32, int, i32, int, mul, (int)((unsigned)x * (unsigned)y))
BINARY(i32, int, i32, int, div, floor_div(x, y, err))
BINARY(i32, int, i32, int, pow, (int)pow((double)x, (double)y))
BINARY(i32, int, i32, int, maximum, max(x, y))
BINARY(i32, int, i32, int, minimum, min(x, y))
BINARY(i32, int, i32, int, relu_grad, y > 0 ? x : 0)
BINARY(i32, int, u8, unsigned char, eq, x == y)
BINARY(i32, int, u8, unsigned char, ne, x != y)
BINARY(i32, int, u8, unsigned char, lt, x < y)
BINARY(i32, int, u8, unsigned char, le, x <= y)
BINARY(i32, int, u8, unsigned char, gt, x > y)
BINARY(i32, int, u8, unsigned char, ge, x >= y)

// ------------------------------------------------------------------ where (by element width: float and int share 4 bytes)

template <typename T>
__device__ __forceinline__ void where_body(Geo g, const unsigned char* c, const T* a, const T* b, T* out, int n) {
    GRID_LOOP(i, n) {
        int off[3];
        geo_offsets<3>(g, i, off);
        out[i] = c[off[0]] != 0 ? a[off[1]] : b[off[2]];
    }
}

extern "C" __global__ void where_b32(Geo g, const unsigned char* c, const unsigned int* a, const unsigned int* b,
                                     unsigned int* out, int n) {
    where_body(g, c, a, b, out, n);
}

extern "C" __global__ void where_b8(Geo g, const unsigned char* c, const unsigned char* a, const unsigned char* b,
                                    unsigned char* out, int n) {
    where_body(g, c, a, b, out, n);
}
