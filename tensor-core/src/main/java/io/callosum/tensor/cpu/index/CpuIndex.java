package io.callosum.tensor.cpu.index;

import io.callosum.tensor.cpu.memory.CpuMemory;
import io.callosum.tensor.cpu.memory.CpuStorage;
import io.callosum.tensor.cpu.runtime.Parallel;
import io.callosum.tensor.cpu.runtime.StridedLoop;
import io.callosum.tensor.spi.Operand;

import static io.callosum.tensor.cpu.memory.CpuMemory.cs;
import static io.callosum.tensor.cpu.memory.CpuMemory.i;

/** gather / scatterAdd / indexSelect / indexAdd on contiguous data with INT32 indices (bounds checked by the op layer). */
public final class CpuIndex {
    private CpuIndex() {
    }

    /** Strides of x's own (contiguous) layout, used to address x from index positions. */
    private static int[] stridesOf(int[] shape) {
        return io.callosum.tensor.Shape.contiguousStrides(shape);
    }

    /** out[...i...] = x[...index[...i...]...] along dim, index of out's shape. */
    public static void gather(Operand x, int dim, Operand index, Operand out) {
        int[] is = index.shape();
        int[] xs = stridesOf(x.shape());
        int sd = xs[dim];
        int[] xsNoDim = xs.clone();
        xsNoDim[dim] = 0;
        StridedLoop loop = StridedLoop.of(is, xsNoDim, index.strides(), out.strides());
        int sx = loop.innerStride(0);
        int[] idx = i(index);
        CpuStorage src = cs(x), dst = cs(out);
        loop.forAll(new int[]{x.offset(), index.offset(), out.offset()}, CpuMemory.GRAIN, (offs, len) -> {
            for (int j = 0; j < len; j++) {
                int at = offs[0] + j * sx + idx[offs[1] + j] * sd;
                copyElement(src, at, dst, offs[2] + j);
            }
        });
    }

    /** Adds src into out at index along dim (the backward of gather). */
    public static void scatterAdd(Operand src, int dim, Operand index, Operand out) {
        int[] is = index.shape();
        int[] os = stridesOf(out.shape());
        int sd = os[dim];
        int[] osNoDim = os.clone();
        osNoDim[dim] = 0;
        StridedLoop loop = StridedLoop.of(is, osNoDim, index.strides(), src.strides());
        int so = loop.innerStride(0);
        int[] idx = i(index);
        CpuStorage s = cs(src), d = cs(out);
        // Serial: several positions may scatter into the same output element.
        loop.forRange(0, loop.numel, new int[]{out.offset(), index.offset(), src.offset()}, (offs, len) -> {
            for (int j = 0; j < len; j++) addElement(s, offs[2] + j, d, offs[0] + j * so + idx[offs[1] + j] * sd);
        });
    }

    /** The slices of x along dim at the 1-D index's positions, into out. */
    public static void indexSelect(Operand x, int dim, Operand index, Operand out) {
        int[] shape = x.shape();
        int outer = 1, inner = 1;
        for (int d = 0; d < dim; d++) outer *= shape[d];
        for (int d = dim + 1; d < shape.length; d++) inner *= shape[d];
        int n = shape[dim], k = index.size(0);
        int[] idx = i(index);
        int io = index.offset();
        CpuStorage s = cs(x), d = cs(out);
        int xo = x.offset(), oo = out.offset();
        int innerF = inner;
        Parallel.range(outer * k, Math.max(1, CpuMemory.GRAIN / Math.max(1, inner)), (st, e) -> {
            for (int r = st; r < e; r++) {
                int o = r / k, j = r % k;
                int from = xo + (o * n + idx[io + j]) * innerF;
                int to = oo + (o * k + j) * innerF;
                copyBlock(s, from, d, to, innerF);
            }
        });
    }

    /** Adds src's slices into out at index along dim (the backward of indexSelect). */
    public static void indexAdd(Operand src, int dim, Operand index, Operand out) {
        int[] shape = out.shape();
        int outer = 1, inner = 1;
        for (int d = 0; d < dim; d++) outer *= shape[d];
        for (int d = dim + 1; d < shape.length; d++) inner *= shape[d];
        int n = shape[dim], k = index.size(0);
        int[] idx = i(index);
        CpuStorage s = cs(src), d = cs(out);
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < k; j++) {
                int from = src.offset() + (o * k + j) * inner;
                int to = out.offset() + (o * n + idx[index.offset() + j]) * inner;
                for (int t = 0; t < inner; t++) addElement(s, from + t, d, to + t);
            }
        }
    }

    private static void copyElement(CpuStorage s, int from, CpuStorage d, int to) {
        switch (s.dtype()) {
            case FLOAT32 -> d.floats()[to] = s.floats()[from];
            case FLOAT64 -> d.doubles()[to] = s.doubles()[from];
            case INT32 -> d.ints()[to] = s.ints()[from];
            case UINT8 -> d.bytes()[to] = s.bytes()[from];
        }
    }

    private static void copyBlock(CpuStorage s, int from, CpuStorage d, int to, int n) {
        switch (s.dtype()) {
            case FLOAT32 -> System.arraycopy(s.floats(), from, d.floats(), to, n);
            case FLOAT64 -> System.arraycopy(s.doubles(), from, d.doubles(), to, n);
            case INT32 -> System.arraycopy(s.ints(), from, d.ints(), to, n);
            case UINT8 -> System.arraycopy(s.bytes(), from, d.bytes(), to, n);
        }
    }

    private static void addElement(CpuStorage s, int from, CpuStorage d, int to) {
        switch (s.dtype()) {
            case FLOAT32 -> d.floats()[to] += s.floats()[from];
            case FLOAT64 -> d.doubles()[to] += s.doubles()[from];
            case INT32 -> d.ints()[to] += s.ints()[from];
            case UINT8 -> d.bytes()[to] += s.bytes()[from];
        }
    }
}
