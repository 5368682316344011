package io.callosum.cuda;

import io.callosum.tensor.Shape;
import io.callosum.tensor.spi.Operand;
import jcuda.driver.CUdeviceptr;

/** gather / scatterAdd / indexSelect / indexAdd (index.cu); adds use atomics since indices may repeat. */
final class CudaIndex extends Family {
    CudaIndex(CudaDevice dev) {
        super(dev);
    }

    /** x's own contiguous strides with the indexed dim's stride zeroed (the index supplies that coordinate). */
    private static int[] stridesWithout(int[] shape, int dim) {
        int[] st = Shape.contiguousStrides(shape);
        st[dim] = 0;
        return st;
    }

    void gather(Operand x, int dim, Operand index, Operand out) {
        int sd = Shape.contiguousStrides(x.shape())[dim];
        StridedGeometry g = StridedGeometry.of(index.shape(), stridesWithout(x.shape(), dim), index.strides(), out.strides());
        int w = x.dtype().bytes();
        launchGeo("index", "gather_" + widthName(x.dtype()), g, new CUdeviceptr[]{ptr(x), ptr(index), ptr(out)}, new int[]{w, 4, w},
                (geo, p, n) -> new Object[]{geo, p[0], sd, p[1], p[2], n});
    }

    void scatterAdd(Operand src, int dim, Operand index, Operand out) {
        int sd = Shape.contiguousStrides(out.shape())[dim];
        StridedGeometry g = StridedGeometry.of(index.shape(), stridesWithout(out.shape(), dim), index.strides(), src.strides());
        int w = out.dtype().bytes();
        launchGeo("index", "scatter_add_" + typeName(out.dtype()), g, new CUdeviceptr[]{ptr(out), ptr(index), ptr(src)}, new int[]{w, 4, w},
                (geo, p, n) -> new Object[]{geo, p[2], p[1], p[0], sd, n});
    }

    void indexSelect(Operand x, int dim, Operand index, Operand out) {
        int[] s = x.shape();
        int outer = product(s, 0, dim), inner = product(s, dim + 1, s.length), k = index.size(0);
        dev.launch1d("index", "index_select_" + widthName(x.dtype()), (long) outer * k * inner, ptr(x), ptr(index), ptr(out), outer, s[dim], k, inner);
    }

    void indexAdd(Operand src, int dim, Operand index, Operand out) {
        int[] s = out.shape();
        int outer = product(s, 0, dim), inner = product(s, dim + 1, s.length), k = index.size(0);
        dev.launch1d("index", "index_add_" + typeName(out.dtype()), (long) outer * k * inner, ptr(src), ptr(index), ptr(out), outer, s[dim], k, inner);
    }
}
