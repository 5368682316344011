// Row-major strided batched SGEMM (the LinalgKernels contract): C_i = alpha * op(A_i) * op(B_i) + beta * C_i.
// 64x64 output tiles, 16-deep k slices staged in shared memory, 256 threads each accumulating a 4x4 sub-tile
// spread 16 rows/columns apart (conflict-free shared reads, coalesced C writes). Column tiles are blockIdx.x (up to
// 2^31-1 blocks); row tiles and batches loop over blockIdx.y and blockIdx.z (each at most 65535 blocks), so any
// m, n and batch below 2^31 launch (io.callosum.cuda.GemmGrid computes the grid).
#include "common.cuh"

#define TM 64
#define TN 64
#define TK 16

extern "C" __global__ void __launch_bounds__(256) sgemm_tiled(
        int transA, int transB, int m, int n, int k, float alpha,
        const float* A, int lda, long long strideA, const float* B, int ldb, long long strideB,
        float beta, float* C, int ldc, long long strideC, int batch) {
    __shared__ float As[TK][TM + 1];
    __shared__ float Bs[TK][TN + 1];
    const int tx = threadIdx.x & 15, ty = threadIdx.x >> 4;
    const int col0 = blockIdx.x * TN;
    const int rowTiles = (int)(((unsigned int)m + TM - 1) / TM);
    for (int rowTile = blockIdx.y; rowTile < rowTiles; rowTile += gridDim.y)
    for (int z = blockIdx.z; z < batch; z += gridDim.z) {  // block-uniform: barriers stay legal
        const int row0 = rowTile * TM;
        const float* a = A + z * strideA;
        const float* b = B + z * strideB;
        float* c = C + z * strideC;
        float acc[4][4];
#pragma unroll
        for (int i = 0; i < 4; ++i)
#pragma unroll
            for (int j = 0; j < 4; ++j) acc[i][j] = 0.f;
        for (int p0 = 0; p0 < k; p0 += TK) {
            // 64x16 of op(A) and 16x64 of op(B), four elements per thread each; zero outside the matrices.
#pragma unroll
            for (int l = 0; l < 4; ++l) {
                int e = threadIdx.x + l * 256;
                int r, p;
                if (transA) { r = e & 63; p = e >> 6; } else { p = e & 15; r = e >> 4; }
                int gr = row0 + r, gp = p0 + p;
                As[p][r] = (gr < m && gp < k) ? a[transA ? (long long)gp * lda + gr : (long long)gr * lda + gp] : 0.f;
                int q, cc;
                if (transB) { q = e & 15; cc = e >> 4; } else { cc = e & 63; q = e >> 6; }
                int gq = p0 + q, gc = col0 + cc;
                Bs[q][cc] = (gq < k && gc < n) ? b[transB ? (long long)gc * ldb + gq : (long long)gq * ldb + gc] : 0.f;
            }
            __syncthreads();
#pragma unroll
            for (int p = 0; p < TK; ++p) {
                float av[4], bv[4];
#pragma unroll
                for (int i = 0; i < 4; ++i) av[i] = As[p][ty + 16 * i];
#pragma unroll
                for (int j = 0; j < 4; ++j) bv[j] = Bs[p][tx + 16 * j];
#pragma unroll
                for (int i = 0; i < 4; ++i)
#pragma unroll
                    for (int j = 0; j < 4; ++j) acc[i][j] = fmaf(av[i], bv[j], acc[i][j]);
            }
            __syncthreads();
        }
#pragma unroll
        for (int i = 0; i < 4; ++i) {
            int r = row0 + ty + 16 * i;
            if (r >= m) continue;
#pragma unroll
            for (int j = 0; j < 4; ++j) {
                int cc = col0 + tx + 16 * j;
                if (cc >= n) continue;
                float* dst = c + (long long)r * ldc + cc;
                *dst = beta == 0.f ? alpha * acc[i][j] : alpha * acc[i][j] + beta * *dst;  // beta 0 ignores C (even NaN)
            }
        }
    }
}
