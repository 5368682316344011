package io.callosum.cuda;

import io.callosum.tensor.DType;
import io.callosum.tensor.spi.BinaryOp;
import io.callosum.tensor.spi.Operand;
import io.callosum.tensor.spi.UnaryOp;
import jcuda.driver.CUdeviceptr;

import java.util.Locale;

/**
 * unary / binary / where. Kernel names follow the ops (elementwise.cu): {@code unary_<op>}, {@code binary_<type>_<op>},
 * with a {@code _c} variant when every operand is contiguous; strided operands go through the Geo geometry.
 */
final class CudaElementwise extends Family {
    CudaElementwise(CudaDevice dev) {
        super(dev);
    }

    void unary(UnaryOp op, Operand x, Operand out, double alpha, double beta) {
        CUdeviceptr xp = ptr(x), op0 = ptr(out);
        StridedGeometry g = StridedGeometry.of(out.shape(), x.strides(), out.strides());
        if (op == UnaryOp.NON_FINITE) {
            launchGeo("elementwise", "unary_non_finite", g, new CUdeviceptr[]{xp, op0}, new int[]{4, 1},
                    (geo, p, n) -> new Object[]{geo, p[0], p[1], n});
            return;
        }
        String name = "unary_" + op.name().toLowerCase(Locale.ROOT);
        float a = (float) alpha, b = (float) beta;
        if (g.contiguous()) {
            dev.launch1d("elementwise", name + "_c", g.numel(), xp, op0, (int) g.numel(), a, b);
            return;
        }
        launchGeo("elementwise", name, g, new CUdeviceptr[]{xp, op0}, new int[]{4, 4},
                (geo, p, n) -> new Object[]{geo, p[0], p[1], n, a, b});
    }

    void binary(BinaryOp op, Operand a, Operand b, Operand out) {
        DType t = a.dtype();
        if (t == DType.UINT8 || b.dtype() != t) {
            throw new IllegalArgumentException(op + ": binary kernels take two float32 or two int32 operands, got " + a.dtype() + " and " + b.dtype());
        }
        String name = "binary_" + typeName(t) + "_" + op.name().toLowerCase(Locale.ROOT);
        CUdeviceptr ap = ptr(a), bp = ptr(b), outp = ptr(out);
        StridedGeometry g = StridedGeometry.of(out.shape(), a.strides(), b.strides(), out.strides());
        CUdeviceptr err = dev.errorWordPointer();
        if (g.contiguous()) {
            dev.launch1d("elementwise", name + "_c", g.numel(), ap, bp, outp, (int) g.numel(), err);
            return;
        }
        launchGeo("elementwise", name, g, new CUdeviceptr[]{ap, bp, outp}, new int[]{4, 4, out.dtype().bytes()},
                (geo, p, n) -> new Object[]{geo, p[0], p[1], p[2], n, err});
    }

    void where(Operand cond, Operand a, Operand b, Operand out) {
        StridedGeometry g = StridedGeometry.of(out.shape(), cond.strides(), a.strides(), b.strides(), out.strides());
        int w = out.dtype().bytes();
        launchGeo("elementwise", "where_" + widthName(out.dtype()), g, new CUdeviceptr[]{ptr(cond), ptr(a), ptr(b), ptr(out)},
                new int[]{1, w, w, w}, (geo, p, n) -> new Object[]{geo, p[0], p[1], p[2], p[3], n});
    }
}
