package io.callosum.tensor.cpu.elementwise;

import io.callosum.tensor.DType;
import io.callosum.tensor.cpu.memory.CpuMemory;
import io.callosum.tensor.cpu.runtime.CpuFeatures;
import io.callosum.tensor.cpu.runtime.Parallel;
import io.callosum.tensor.cpu.runtime.StridedLoop;
import io.callosum.tensor.spi.BinaryOp;
import io.callosum.tensor.spi.Operand;
import io.callosum.tensor.spi.UnaryOp;

import static io.callosum.tensor.cpu.memory.CpuMemory.GRAIN;
import static io.callosum.tensor.cpu.memory.CpuMemory.b;
import static io.callosum.tensor.cpu.memory.CpuMemory.f;
import static io.callosum.tensor.cpu.memory.CpuMemory.i;

/**
 * Elementwise kernels: the op is chosen once per row, then a plain loop runs over it. On the Vector API path
 * {@link ElementwiseVector} does the whole vectors of stride-1 and broadcast rows first; the scalar loops here finish
 * the tails and run every row on the scalar path.
 */
public final class CpuElementwise {
    private CpuElementwise() {
    }

    // ------------------------------------------------------------------ unary

    /** ElementwiseKernels.unary on the CPU: out = op(x) with the op's alpha and beta into contiguous out; x may be strided or out itself. */
    public static void unary(UnaryOp op, Operand x, Operand out, double alpha, double beta) {
        if (op == UnaryOp.NON_FINITE) {
            nonFinite(x, out);
            return;
        }
        float[] o = f(out);
        int n = out.numel();
        int oo = out.offset();
        if (x.isContiguous()) {
            float[] a = f(x);
            int xo = x.offset();
            Parallel.range(n, GRAIN, (s, e) -> apply(op, a, xo + s, o, oo + s, e - s, (float) alpha, (float) beta));
        } else {
            CpuMemory.copy(x, out); // gather the strided input, then transform in place
            Parallel.range(n, GRAIN, (s, e) -> apply(op, o, oo + s, o, oo + s, e - s, (float) alpha, (float) beta));
        }
    }

    private static void nonFinite(Operand x, Operand out) {
        byte[] o = b(out);
        float[] a = f(x);
        StridedLoop loop = StridedLoop.of(x.shape(), x.strides(), out.strides());
        int xs = loop.innerStride(0);
        loop.forAll(new int[]{x.offset(), out.offset()}, GRAIN, (offs, len) -> {
            for (int k = 0; k < len; k++) o[offs[1] + k] = (byte) (Float.isFinite(a[offs[0] + k * xs]) ? 0 : 1);
        });
    }

    /** o[oo + k] = op(a[ao + k]) for k &lt; n: whole vectors on the Vector API path, the rest by the scalar loop. */
    static void apply(UnaryOp op, float[] a, int ao, float[] o, int oo, int n, float alpha, float beta) {
        int done = CpuFeatures.vectorized() ? ElementwiseVector.unary(op, a, ao, o, oo, n, alpha, beta) : 0;
        applyScalar(op, a, ao + done, o, oo + done, n - done, alpha, beta);
    }

    private static void applyScalar(UnaryOp op, float[] a, int ao, float[] o, int oo, int n, float alpha, float beta) {
        switch (op) {
            case NEG -> { for (int k = 0; k < n; k++) o[oo + k] = -a[ao + k]; }
            case ABS -> { for (int k = 0; k < n; k++) o[oo + k] = Math.abs(a[ao + k]); }
            case SIGN -> { for (int k = 0; k < n; k++) o[oo + k] = Math.signum(a[ao + k]); }
            case EXP -> { for (int k = 0; k < n; k++) o[oo + k] = (float) Math.exp(a[ao + k]); }
            case LOG -> { for (int k = 0; k < n; k++) o[oo + k] = (float) Math.log(a[ao + k]); }
            case SQRT -> { for (int k = 0; k < n; k++) o[oo + k] = (float) Math.sqrt(a[ao + k]); }
            case RSQRT -> { for (int k = 0; k < n; k++) o[oo + k] = (float) (1.0 / Math.sqrt(a[ao + k])); }
            case SQUARE -> { for (int k = 0; k < n; k++) { float v = a[ao + k]; o[oo + k] = v * v; } }
            case RECIPROCAL -> { for (int k = 0; k < n; k++) o[oo + k] = 1f / a[ao + k]; }
            case SIN -> { for (int k = 0; k < n; k++) o[oo + k] = (float) Math.sin(a[ao + k]); }
            case COS -> { for (int k = 0; k < n; k++) o[oo + k] = (float) Math.cos(a[ao + k]); }
            case FLOOR -> { for (int k = 0; k < n; k++) o[oo + k] = (float) Math.floor(a[ao + k]); }
            case CEIL -> { for (int k = 0; k < n; k++) o[oo + k] = (float) Math.ceil(a[ao + k]); }
            case ROUND -> { for (int k = 0; k < n; k++) o[oo + k] = (float) Math.rint(a[ao + k]); }
            // Math.max keeps NaN and maps −0 to +0; it compiles without a branch (ReLU inputs are half negative)
            case RELU -> { for (int k = 0; k < n; k++) o[oo + k] = Math.max(a[ao + k], 0f); }
            case LEAKY_RELU -> { for (int k = 0; k < n; k++) { float v = a[ao + k]; o[oo + k] = v > 0 ? v : v * alpha; } }
            case SIGMOID -> { for (int k = 0; k < n; k++) o[oo + k] = (float) (1.0 / (1.0 + Math.exp(-a[ao + k]))); }
            case TANH -> { for (int k = 0; k < n; k++) o[oo + k] = (float) Math.tanh(a[ao + k]); }
            case GELU -> { for (int k = 0; k < n; k++) { double v = a[ao + k]; o[oo + k] = (float) (0.5 * v * (1 + erf(v * 0.7071067811865476))); } }
            case ERF -> { for (int k = 0; k < n; k++) o[oo + k] = (float) erf(a[ao + k]); }
            case POW -> {
                if (alpha == 2f) { for (int k = 0; k < n; k++) { float v = a[ao + k]; o[oo + k] = v * v; } }
                else { for (int k = 0; k < n; k++) o[oo + k] = (float) Math.pow(a[ao + k], alpha); }
            }
            case ADD_SCALAR -> { for (int k = 0; k < n; k++) o[oo + k] = a[ao + k] + alpha; }
            case MUL_SCALAR -> { for (int k = 0; k < n; k++) o[oo + k] = a[ao + k] * alpha; }
            case RSUB_SCALAR -> { for (int k = 0; k < n; k++) o[oo + k] = alpha - a[ao + k]; }
            case RDIV_SCALAR -> { for (int k = 0; k < n; k++) o[oo + k] = alpha / a[ao + k]; }
            case CLAMP -> {
                float lo = Float.isNaN(alpha) ? Float.NEGATIVE_INFINITY : alpha;
                float hi = Float.isNaN(beta) ? Float.POSITIVE_INFINITY : beta;
                for (int k = 0; k < n; k++) { float v = a[ao + k]; o[oo + k] = v < lo ? lo : (v > hi ? hi : v); }
            }
            case NON_FINITE -> throw new IllegalStateException("NON_FINITE writes uint8");
        }
    }

    /** erf with |error| < 1.2e-7 (Numerical Recipes' erfc Chebyshev fit), ample for float32 results. */
    static double erf(double x) {
        double z = Math.abs(x);
        double t = 1.0 / (1.0 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? 1 - r : r - 1;
    }

    // ------------------------------------------------------------------ binary

    /** ElementwiseKernels.binary on the CPU: out = op(a, b) over same-shape operands of any strides. */
    public static void binary(BinaryOp op, Operand a, Operand b, Operand out) {
        StridedLoop loop = StridedLoop.of(out.shape(), a.strides(), b.strides(), out.strides());
        int sa = loop.innerStride(0), sb = loop.innerStride(1);
        int[] base = {a.offset(), b.offset(), out.offset()};
        if (a.dtype() == DType.FLOAT32) {
            float[] x = f(a), y = f(b);
            if (op.isComparison()) {
                byte[] o = b(out);
                loop.forAll(base, GRAIN, (offs, len) -> compareF(op, x, offs[0], sa, y, offs[1], sb, o, offs[2], len));
            } else {
                float[] o = f(out);
                boolean vector = CpuFeatures.vectorized();
                loop.forAll(base, GRAIN, (offs, len) -> {
                    int done = vector ? ElementwiseVector.binary(op, x, offs[0], sa, y, offs[1], sb, o, offs[2], len) : 0;
                    rowF(op, x, offs[0] + done * sa, sa, y, offs[1] + done * sb, sb, o, offs[2] + done, len - done);
                });
            }
        } else if (a.dtype() == DType.INT32) {
            int[] x = i(a), y = i(b);
            if (op.isComparison()) {
                byte[] o = b(out);
                loop.forAll(base, GRAIN, (offs, len) -> compareI(op, x, offs[0], sa, y, offs[1], sb, o, offs[2], len));
            } else {
                int[] o = i(out);
                loop.forAll(base, GRAIN, (offs, len) -> rowI(op, x, offs[0], sa, y, offs[1], sb, o, offs[2], len));
            }
        } else {
            throw new IllegalArgumentException(op + ": binary kernels take float32 or int32 operands, got " + a.dtype());
        }
    }

    private static void rowF(BinaryOp op, float[] x, int xo, int sx, float[] y, int yo, int sy, float[] o, int oo, int n) {
        switch (op) {
            case ADD -> { for (int k = 0; k < n; k++) o[oo + k] = x[xo + k * sx] + y[yo + k * sy]; }
            case SUB -> { for (int k = 0; k < n; k++) o[oo + k] = x[xo + k * sx] - y[yo + k * sy]; }
            case MUL -> { for (int k = 0; k < n; k++) o[oo + k] = x[xo + k * sx] * y[yo + k * sy]; }
            case DIV -> { for (int k = 0; k < n; k++) o[oo + k] = x[xo + k * sx] / y[yo + k * sy]; }
            case POW -> { for (int k = 0; k < n; k++) o[oo + k] = (float) Math.pow(x[xo + k * sx], y[yo + k * sy]); }
            case MAXIMUM -> { for (int k = 0; k < n; k++) { float p = x[xo + k * sx], q = y[yo + k * sy]; o[oo + k] = p != p || q != q ? Float.NaN : Math.max(p, q); } }
            case MINIMUM -> { for (int k = 0; k < n; k++) { float p = x[xo + k * sx], q = y[yo + k * sy]; o[oo + k] = p != p || q != q ? Float.NaN : Math.min(p, q); } }
            // y > 0 ? x : +0 as a bit mask: an int select compiles without a branch (the gate is open half the time)
            case RELU_GRAD -> {
                for (int k = 0; k < n; k++) o[oo + k] = Float.intBitsToFloat(Float.floatToRawIntBits(x[xo + k * sx]) & (y[yo + k * sy] > 0 ? -1 : 0));
            }
            default -> throw new IllegalStateException(op + " is a comparison");
        }
    }

    private static void rowI(BinaryOp op, int[] x, int xo, int sx, int[] y, int yo, int sy, int[] o, int oo, int n) {
        switch (op) {
            case ADD -> { for (int k = 0; k < n; k++) o[oo + k] = x[xo + k * sx] + y[yo + k * sy]; }
            case SUB -> { for (int k = 0; k < n; k++) o[oo + k] = x[xo + k * sx] - y[yo + k * sy]; }
            case MUL -> { for (int k = 0; k < n; k++) o[oo + k] = x[xo + k * sx] * y[yo + k * sy]; }
            case DIV -> {
                for (int k = 0; k < n; k++) {
                    int q = y[yo + k * sy];
                    if (q == 0) throw new ArithmeticException("div: integer division by zero");
                    o[oo + k] = Math.floorDiv(x[xo + k * sx], q);
                }
            }
            case POW -> { for (int k = 0; k < n; k++) o[oo + k] = (int) Math.pow(x[xo + k * sx], y[yo + k * sy]); }
            case MAXIMUM -> { for (int k = 0; k < n; k++) o[oo + k] = Math.max(x[xo + k * sx], y[yo + k * sy]); }
            case MINIMUM -> { for (int k = 0; k < n; k++) o[oo + k] = Math.min(x[xo + k * sx], y[yo + k * sy]); }
            case RELU_GRAD -> { for (int k = 0; k < n; k++) o[oo + k] = y[yo + k * sy] > 0 ? x[xo + k * sx] : 0; }
            default -> throw new IllegalStateException(op + " is a comparison");
        }
    }

    private static void compareF(BinaryOp op, float[] x, int xo, int sx, float[] y, int yo, int sy, byte[] o, int oo, int n) {
        for (int k = 0; k < n; k++) {
            float p = x[xo + k * sx], q = y[yo + k * sy];
            boolean r = switch (op) {
                case EQ -> p == q;
                case NE -> p != q;
                case LT -> p < q;
                case LE -> p <= q;
                case GT -> p > q;
                case GE -> p >= q;
                default -> throw new IllegalStateException(op + " is not a comparison");
            };
            o[oo + k] = (byte) (r ? 1 : 0);
        }
    }

    private static void compareI(BinaryOp op, int[] x, int xo, int sx, int[] y, int yo, int sy, byte[] o, int oo, int n) {
        for (int k = 0; k < n; k++) {
            int p = x[xo + k * sx], q = y[yo + k * sy];
            boolean r = switch (op) {
                case EQ -> p == q;
                case NE -> p != q;
                case LT -> p < q;
                case LE -> p <= q;
                case GT -> p > q;
                case GE -> p >= q;
                default -> throw new IllegalStateException(op + " is not a comparison");
            };
            o[oo + k] = (byte) (r ? 1 : 0);
        }
    }

    // ------------------------------------------------------------------ where

    /** ElementwiseKernels.where on the CPU: out = cond != 0 ? a : b over same-shape operands, cond UINT8. */
    public static void where(Operand cond, Operand a, Operand b, Operand out) {
        StridedLoop loop = StridedLoop.of(out.shape(), cond.strides(), a.strides(), b.strides(), out.strides());
        int sc = loop.innerStride(0), sa = loop.innerStride(1), sb = loop.innerStride(2);
        byte[] c = b(cond);
        int[] base = {cond.offset(), a.offset(), b.offset(), out.offset()};
        if (out.dtype() == DType.FLOAT32) {
            float[] x = f(a), y = f(b), o = f(out);
            loop.forAll(base, GRAIN, (offs, len) -> {
                for (int k = 0; k < len; k++) o[offs[3] + k] = c[offs[0] + k * sc] != 0 ? x[offs[1] + k * sa] : y[offs[2] + k * sb];
            });
        } else if (out.dtype() == DType.INT32) {
            int[] x = i(a), y = i(b), o = i(out);
            loop.forAll(base, GRAIN, (offs, len) -> {
                for (int k = 0; k < len; k++) o[offs[3] + k] = c[offs[0] + k * sc] != 0 ? x[offs[1] + k * sa] : y[offs[2] + k * sb];
            });
        } else {
            byte[] x = b(a), y = b(b), o = b(out);
            loop.forAll(base, GRAIN, (offs, len) -> {
                for (int k = 0; k < len; k++) o[offs[3] + k] = c[offs[0] + k * sc] != 0 ? x[offs[1] + k * sa] : y[offs[2] + k * sb];
            });
        }
    }
}
