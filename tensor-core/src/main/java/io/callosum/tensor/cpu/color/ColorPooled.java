package io.callosum.tensor.cpu.color;

import io.callosum.tensor.cpu.runtime.Parallel;
import io.callosum.tensor.spi.Operand;

import static io.callosum.tensor.cpu.memory.CpuMemory.f;

/**
 * rgbToLab fused with the pool×pool average pool: one pass per block row (pool image rows, contiguous in each plane)
 * converts it and sums its blocks while the Lab values are still in cache. Block rows of all images are spread over
 * the threads. Contiguous x [N,3,H,W], lab [N,3,H,W], pooled [N,3,H/pool,W/pool]; H and W multiples of pool.
 */
public final class ColorPooled {
    private ColorPooled() {
    }

    /** ColorKernels.rgbToLabPooled on the CPU: writes the Lab image and its pool×pool block means in one pass. */
    public static void rgbToLabPooled(Operand x, int pool, Operand lab, Operand pooled) {
        int n = x.size(0), h = x.size(2), w = x.size(3), plane = h * w;
        int blockRows = h / pool, outW = w / pool, outPlane = blockRows * outW, span = pool * w;
        float[] xs = f(x), ls = f(lab), ps = f(pooled);
        int xo = x.offset(), lo = lab.offset(), po = pooled.offset();
        Parallel.range(n * blockRows, Math.max(1, CpuColor.PIXEL_GRAIN / span), (u0, u1) -> {
            CpuColor.LabRun run = CpuColor.labRun();
            float[] columns = new float[w];
            for (int u = u0; u < u1; u++) {
                int img = u / blockRows, row = u - img * blockRows;
                int in = xo + img * 3 * plane + row * span, out = lo + img * 3 * plane + row * span;
                run.rgbToLab(xs, in, in + plane, in + 2 * plane, ls, out, out + plane, out + 2 * plane, span);
                for (int c = 0; c < 3; c++) {
                    run.sumRows(ls, out + c * plane, w, pool, columns);
                    blockMeans(columns, pool, ps, po + (img * 3 + c) * outPlane + row * outW, outW);
                }
            }
        });
    }

    /** out[o + j] = mean of columns[j·pool, (j + 1)·pool), the column sums of pool rows, over pool² values. */
    private static void blockMeans(float[] columns, int pool, float[] out, int o, int outW) {
        // k outer, blocks inner: the blocks' sums are independent chains the CPU overlaps (one chain each is latency-bound)
        for (int j = 0; j < outW; j++) out[o + j] = columns[j * pool];
        for (int k = 1; k < pool; k++) {
            for (int j = 0; j < outW; j++) out[o + j] += columns[j * pool + k];
        }
        float scale = 1f / (pool * pool);
        for (int j = 0; j < outW; j++) out[o + j] *= scale;
    }
}
