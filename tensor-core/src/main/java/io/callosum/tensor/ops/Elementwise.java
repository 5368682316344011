package io.callosum.tensor.ops;

import io.callosum.tensor.Autograd;
import io.callosum.tensor.DType;
import io.callosum.tensor.Grad;
import io.callosum.tensor.Shape;
import io.callosum.tensor.Tensor;
import io.callosum.tensor.internal.TensorInternals;
import io.callosum.tensor.spi.BinaryOp;
import io.callosum.tensor.spi.UnaryOp;

import static io.callosum.tensor.Autograd.needs;

/** Elementwise maths and activations, each forward next to its backward rule. */
public final class Elementwise {
    private Elementwise() {
    }

    private static final double INV_SQRT_2 = 0.7071067811865476;
    private static final double INV_SQRT_2PI = 0.3989422804014327;
    private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;
    private static final double SOFTPLUS_LINEAR_ABOVE = 20;

    // ------------------------------------------------------------------ raw kernels (no autodiff)

    /** Runs a unary kernel on x (integers cast to FLOAT32; floats computed in their own dtype) into a new contiguous tensor. */
    public static Tensor unaryRaw(String op, UnaryOp kind, Tensor x, double alpha, double beta) {
        x.checkOpen(op);
        DType type = x.dtype().floating();
        Tensor src = x.dtype() == type ? x : Shapes.castRaw(x, type);
        DType outType = kind == UnaryOp.NON_FINITE ? DType.UINT8 : type;
        Tensor out = Tensor.empty(x.device(), outType, x.shape());
        x.backend().unary(kind, src, out, alpha, beta);
        if (src != x) src.close();
        return out;
    }

    /** Broadcasts a and b, promotes their dtypes, runs a binary kernel into a new contiguous tensor. */
    public static Tensor binaryRaw(String op, BinaryOp kind, Tensor a, Tensor b) {
        Checks.sameDevice(op, a, b);
        int[] shape = Shape.broadcast(op, a.shape(), b.shape());
        DType type = DType.promote(a.dtype(), b.dtype());
        Tensor ca = a.dtype() == type ? a : Shapes.castRaw(a, type);
        Tensor cb = b.dtype() == type ? b : Shapes.castRaw(b, type);
        Tensor ea = Shapes.expandRaw(ca, shape);
        Tensor eb = Shapes.expandRaw(cb, shape);
        Tensor out = Tensor.empty(a.device(), kind.isComparison() ? DType.UINT8 : type, shape);
        a.backend().binary(kind, ea, eb, out);
        closeTemps(ca, a, cb, b, ea, eb);
        return out;
    }

    private static void closeTemps(Tensor ca, Tensor a, Tensor cb, Tensor b, Tensor ea, Tensor eb) {
        if (ea != ca) ea.close();
        if (eb != cb) eb.close();
        if (ca != a) ca.close();
        if (cb != b) cb.close();
    }

    private static Tensor scalarLike(Tensor t, double v) {
        return Tensor.scalar(t.device(), t.dtype(), v);
    }

    // ------------------------------------------------------------------ arithmetic

    /** Elementwise a + b, broadcasting and promoting dtypes; the gradient of each input is summed back to its shape. */
    public static Tensor add(Tensor a, Tensor b) {
        Tensor out = binaryRaw("add", BinaryOp.ADD, a, b);
        return Autograd.record("add", out, g -> new Tensor[]{
                needs(a) ? Reductions.sumTo(g, a.shape()) : null,
                needs(b) ? Reductions.sumTo(g, b.shape()) : null}, a, b);
    }

    /** Elementwise a − b, broadcasting and promoting dtypes; the gradient of each input is summed back to its shape. */
    public static Tensor sub(Tensor a, Tensor b) {
        Tensor out = binaryRaw("sub", BinaryOp.SUB, a, b);
        return Autograd.record("sub", out, g -> new Tensor[]{
                needs(a) ? Reductions.sumTo(g, a.shape()) : null,
                needs(b) ? Reductions.sumTo(g.neg(), b.shape()) : null}, a, b);
    }

    /** Elementwise a · b, broadcasting and promoting dtypes; the gradient of each input is summed back to its shape. */
    public static Tensor mul(Tensor a, Tensor b) {
        Tensor out = binaryRaw("mul", BinaryOp.MUL, a, b);
        return Autograd.record("mul", out, g -> new Tensor[]{
                needs(a) ? Reductions.sumTo(g.mul(b), a.shape()) : null,
                needs(b) ? Reductions.sumTo(g.mul(a), b.shape()) : null}, a, b);
    }

    /**
     * Elementwise a / b (true division, even for integers), broadcasting and promoting dtypes; the gradient of each
     * input is summed back to its shape.
     */
    public static Tensor div(Tensor a, Tensor b) {
        Tensor fa = a.dtype().isFloating() || b.dtype().isFloating() ? a : a.to(DType.FLOAT32); // integer division is true division
        Tensor out = binaryRaw("div", BinaryOp.DIV, fa, b);
        return Autograd.record("div", out, g -> new Tensor[]{
                needs(a) ? Reductions.sumTo(g.div(b), a.shape()) : null,
                needs(b) ? Reductions.sumTo(g.mul(a).div(b.square()).neg(), b.shape()) : null}, a, b);
    }

    /** Elementwise aᵖ, differentiable in both, broadcasting and promoting dtypes; the gradient of each input is summed back to its shape. */
    public static Tensor pow(Tensor a, Tensor p) {
        Tensor out = binaryRaw("pow", BinaryOp.POW, a, p);
        return Autograd.record("pow", out, g -> new Tensor[]{
                needs(a) ? Reductions.sumTo(g.mul(p).mul(a.pow(p.sub(1.0))), a.shape()) : null,
                needs(p) ? Reductions.sumTo(g.mul(out).mul(a.log()), p.shape()) : null}, a, p);
    }

    /** Elementwise larger value, broadcasting; ties split the gradient evenly. */
    public static Tensor maximum(Tensor a, Tensor b) {
        return extremum("maximum", BinaryOp.MAXIMUM, BinaryOp.GT, a, b);
    }

    /** Elementwise smaller value, broadcasting; ties split the gradient evenly. */
    public static Tensor minimum(Tensor a, Tensor b) {
        return extremum("minimum", BinaryOp.MINIMUM, BinaryOp.LT, a, b);
    }

    /** Gradient goes to the winning side; ties split it evenly (PyTorch's rule). */
    private static Tensor extremum(String name, BinaryOp op, BinaryOp wins, Tensor a, Tensor b) {
        Tensor out = binaryRaw(name, op, a, b);
        return Autograd.record(name, out, g -> {
            Tensor aWins = compare(wins, a, b);
            Tensor tie = compare(BinaryOp.EQ, a, b);
            Tensor half = g.mul(0.5);
            Tensor zero = scalarLike(g, 0);
            Tensor ga = needs(a) ? Reductions.sumTo(where(aWins, g, where(tie, half, zero)), a.shape()) : null;
            Tensor gb = needs(b) ? Reductions.sumTo(where(aWins, zero, where(tie, half, g)), b.shape()) : null;
            return new Tensor[]{ga, gb};
        }, a, b);
    }

    /** x + s; integer tensors stay integer. */
    public static Tensor addScalar(Tensor x, double s) {
        if (!x.dtype().isFloating()) return binaryRaw("add", BinaryOp.ADD, x, scalarLike(x, s));
        Tensor out = unaryRaw("add", UnaryOp.ADD_SCALAR, x, s, 0);
        return Autograd.record("add", out, g -> new Tensor[]{g}, x);
    }

    /** x · s; integer tensors stay integer when s is a whole number. */
    public static Tensor mulScalar(Tensor x, double s) {
        if (!x.dtype().isFloating() && s == Math.rint(s)) return binaryRaw("mul", BinaryOp.MUL, x, scalarLike(x, s));
        Tensor out = unaryRaw("mul", UnaryOp.MUL_SCALAR, x, s, 0);
        return Autograd.record("mul", out, g -> new Tensor[]{g.mul(s)}, x);
    }

    /** x / s: float32 multiplies by 1/s (its tuned path); float64 divides, so the result is the correctly rounded quotient. */
    public static Tensor divScalar(Tensor x, double s) {
        if (x.dtype() == DType.FLOAT64) return div(x, scalarLike(x, s));
        return mulScalar(x, 1.0 / s);
    }

    /** s − x. */
    public static Tensor rsubScalar(Tensor x, double s) {
        Tensor out = unaryRaw("rsub", UnaryOp.RSUB_SCALAR, x, s, 0);
        return Autograd.record("rsub", out, g -> new Tensor[]{g.neg()}, x);
    }

    /** s / x. */
    public static Tensor rdivScalar(Tensor x, double s) {
        Tensor out = unaryRaw("rdiv", UnaryOp.RDIV_SCALAR, x, s, 0);
        return Autograd.record("rdiv", out, g -> new Tensor[]{g.mul(out).div(x).neg()}, x);
    }

    /** xᵖ for a scalar exponent (x itself when p is 1). */
    public static Tensor powScalar(Tensor x, double p) {
        if (p == 1) return x;
        Tensor out = unaryRaw("pow", UnaryOp.POW, x, p, 0);
        return Autograd.record("pow", out, g -> new Tensor[]{g.mul(x.pow(p - 1)).mul(p)}, x);
    }

    /** −x; integer tensors stay integer. */
    public static Tensor neg(Tensor x) {
        if (!x.dtype().isFloating()) return binaryRaw("neg", BinaryOp.SUB, scalarLike(x, 0), x);
        Tensor out = unaryRaw("neg", UnaryOp.NEG, x, 0, 0);
        return Autograd.record("neg", out, g -> new Tensor[]{g.neg()}, x);
    }

    // ------------------------------------------------------------------ maths

    /** |x|, with gradient sign(x) (0 at 0). */
    public static Tensor abs(Tensor x) {
        Tensor out = unaryRaw("abs", UnaryOp.ABS, x, 0, 0);
        return Autograd.record("abs", out, g -> new Tensor[]{g.mul(x.sign())}, x);
    }

    /** Sign, floor, ceil and round are piecewise constant: their gradient is zero. */
    private static Tensor stepwise(String name, UnaryOp op, Tensor x) {
        Tensor out = unaryRaw(name, op, x, 0, 0);
        return Autograd.record(name, out, g -> new Tensor[]{Tensor.zerosLike(g)}, x);
    }

    /** Sign (−1, 0, 1) in x's floating dtype (FLOAT32 for integers); zero gradient. */
    public static Tensor sign(Tensor x) {
        return stepwise("sign", UnaryOp.SIGN, x);
    }

    /** Floor in x's floating dtype (FLOAT32 for integers); zero gradient. */
    public static Tensor floor(Tensor x) {
        return stepwise("floor", UnaryOp.FLOOR, x);
    }

    /** Ceiling in x's floating dtype (FLOAT32 for integers); zero gradient. */
    public static Tensor ceil(Tensor x) {
        return stepwise("ceil", UnaryOp.CEIL, x);
    }

    /** Rounding to the nearest integer in x's floating dtype (FLOAT32 for integers); zero gradient. */
    public static Tensor round(Tensor x) {
        return stepwise("round", UnaryOp.ROUND, x);
    }

    /** eˣ, elementwise. */
    public static Tensor exp(Tensor x) {
        Tensor out = unaryRaw("exp", UnaryOp.EXP, x, 0, 0);
        return Autograd.record("exp", out, g -> new Tensor[]{g.mul(out)}, x);
    }

    /** Natural logarithm, elementwise. */
    public static Tensor log(Tensor x) {
        Tensor out = unaryRaw("log", UnaryOp.LOG, x, 0, 0);
        return Autograd.record("log", out, g -> new Tensor[]{g.div(x)}, x);
    }

    /** Square root, elementwise. */
    public static Tensor sqrt(Tensor x) {
        Tensor out = unaryRaw("sqrt", UnaryOp.SQRT, x, 0, 0);
        return Autograd.record("sqrt", out, g -> new Tensor[]{g.div(out).mul(0.5)}, x);
    }

    /** 1/√x, elementwise. */
    public static Tensor rsqrt(Tensor x) {
        Tensor out = unaryRaw("rsqrt", UnaryOp.RSQRT, x, 0, 0);
        return Autograd.record("rsqrt", out, g -> new Tensor[]{g.mul(out.pow(3)).mul(-0.5)}, x);
    }

    /** x², elementwise. */
    public static Tensor square(Tensor x) {
        Tensor out = unaryRaw("square", UnaryOp.SQUARE, x, 0, 0);
        return Autograd.record("square", out, g -> new Tensor[]{g.mul(x).mul(2.0)}, x);
    }

    /** 1/x, elementwise. */
    public static Tensor reciprocal(Tensor x) {
        Tensor out = unaryRaw("reciprocal", UnaryOp.RECIPROCAL, x, 0, 0);
        return Autograd.record("reciprocal", out, g -> new Tensor[]{g.mul(out.square()).neg()}, x);
    }

    /** Sine, elementwise. */
    public static Tensor sin(Tensor x) {
        Tensor out = unaryRaw("sin", UnaryOp.SIN, x, 0, 0);
        return Autograd.record("sin", out, g -> new Tensor[]{g.mul(x.cos())}, x);
    }

    /** Cosine, elementwise. */
    public static Tensor cos(Tensor x) {
        Tensor out = unaryRaw("cos", UnaryOp.COS, x, 0, 0);
        return Autograd.record("cos", out, g -> new Tensor[]{g.mul(x.sin()).neg()}, x);
    }

    /** Error function, elementwise. */
    public static Tensor erf(Tensor x) {
        Tensor out = unaryRaw("erf", UnaryOp.ERF, x, 0, 0);
        return Autograd.record("erf", out, g -> new Tensor[]{g.mul(x.square().neg().exp()).mul(TWO_OVER_SQRT_PI)}, x);
    }

    // ------------------------------------------------------------------ activations

    /** max(x, 0); the backward is {@link #reluBackward}, elementwise. */
    public static Tensor relu(Tensor x) {
        Tensor out = unaryRaw("relu", UnaryOp.RELU, x, 0, 0);
        return Autograd.record("relu", out, g -> new Tensor[]{reluBackward(g, out)}, x);
    }

    /** g where y > 0, else 0. Itself differentiable in g (for higher-order gradients). */
    public static Tensor reluBackward(Tensor g, Tensor y) {
        Tensor out = binaryRaw("reluBackward", BinaryOp.RELU_GRAD, g, y);
        return Autograd.record("reluBackward", out, gg -> new Tensor[]{reluBackward(gg, y), null}, g, y);
    }

    /** x where positive, else slope · x, elementwise. */
    public static Tensor leakyRelu(Tensor x, double slope) {
        Tensor out = unaryRaw("leakyRelu", UnaryOp.LEAKY_RELU, x, slope, 0);
        return Autograd.record("leakyRelu", out, g -> new Tensor[]{where(x.gt(0), g, g.mul(slope))}, x);
    }

    /** Logistic sigmoid, with gradient y·(1 − y) from the output, elementwise. */
    public static Tensor sigmoid(Tensor x) {
        Tensor out = unaryRaw("sigmoid", UnaryOp.SIGMOID, x, 0, 0);
        return Autograd.record("sigmoid", out, g -> new Tensor[]{g.mul(out.mul(out.rsub(1.0)))}, x);
    }

    /**
     * log(1 + eˣ), composed of existing ops (autograd gives its gradient, the sigmoid). As PyTorch's softplus, x itself
     * above 20, where the two agree in float and eˣ would soon overflow; exp reads x clamped so that branch stays finite.
     */
    public static Tensor softplus(Tensor x) {
        Tensor smooth = x.clampMax(SOFTPLUS_LINEAR_ABOVE).exp().add(1.0).log();
        return where(x.gt(SOFTPLUS_LINEAR_ABOVE), x, smooth);
    }

    /** Hyperbolic tangent, with gradient 1 − y² from the output, elementwise. */
    public static Tensor tanh(Tensor x) {
        Tensor out = unaryRaw("tanh", UnaryOp.TANH, x, 0, 0);
        return Autograd.record("tanh", out, g -> new Tensor[]{g.mul(out.square().rsub(1.0))}, x);
    }

    /** Exact (erf) GELU, PyTorch's default. Its derivative Φ(x) + x·φ(x) is composed of differentiable ops. */
    public static Tensor gelu(Tensor x) {
        Tensor out = unaryRaw("gelu", UnaryOp.GELU, x, 0, 0);
        return Autograd.record("gelu", out, g -> {
            Tensor cdf = x.mul(INV_SQRT_2).erf().add(1.0).mul(0.5);
            Tensor pdf = x.square().mul(-0.5).exp().mul(INV_SQRT_2PI);
            return new Tensor[]{g.mul(cdf.add(x.mul(pdf)))};
        }, x);
    }

    /** x limited to [min, max] (NaN for an open side); the gradient passes where x is inside. */
    public static Tensor clamp(Tensor x, double min, double max) {
        if (!Double.isNaN(min) && !Double.isNaN(max) && min > max) {
            throw new IllegalArgumentException("clamp: min " + min + " is greater than max " + max);
        }
        Tensor out = unaryRaw("clamp", UnaryOp.CLAMP, x, min, max);
        return Autograd.record("clamp", out, g -> new Tensor[]{where(out.eq(x), g, scalarLike(g, 0))}, x);
    }

    // ------------------------------------------------------------------ comparisons and selection

    /** A comparison op ({@link BinaryOp#isComparison()}) as a UINT8 0/1 mask of the broadcast shape; not recorded. */
    public static Tensor compare(BinaryOp op, Tensor a, Tensor b) {
        return binaryRaw(op.name().toLowerCase(java.util.Locale.ROOT), op, a, b);
    }

    /** A comparison of a with a scalar, in a's dtype unless s needs a float. */
    public static Tensor compareScalar(BinaryOp op, Tensor a, double s) {
        DType type = a.dtype().isFloating() ? a.dtype() : (s != Math.rint(s) ? DType.FLOAT32 : a.dtype());
        return compare(op, a, Tensor.scalar(a.device(), type, s));
    }

    /** UINT8 mask of NaN and ±∞ elements (all zero for integer tensors). */
    public static Tensor isNonFinite(Tensor x) {
        if (!x.dtype().isFloating()) return Tensor.zeros(x.device(), DType.UINT8, x.shape());
        return unaryRaw("isNonFinite", UnaryOp.NON_FINITE, x, 0, 0);
    }

    /** cond != 0 ? a : b, broadcasting all three; the gradient goes to the side that was taken. */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) {
        Checks.sameDevice("where", cond, a, b);
        int[] shape = Shape.broadcast("where", Shape.broadcast("where", cond.shape(), a.shape()), b.shape());
        DType type = DType.promote(a.dtype(), b.dtype());
        Tensor c8 = cond.dtype() == DType.UINT8 ? cond : Shapes.castRaw(cond.ne(0), DType.UINT8);
        Tensor ca = a.dtype() == type ? a : Shapes.castRaw(a, type);
        Tensor cb = b.dtype() == type ? b : Shapes.castRaw(b, type);
        Tensor out = Tensor.empty(a.device(), type, shape);
        a.backend().where(Shapes.expandRaw(c8, shape), Shapes.expandRaw(ca, shape), Shapes.expandRaw(cb, shape), out);
        return Autograd.record("where", out, g -> {
            Tensor zero = scalarLike(g, 0);
            return new Tensor[]{null,
                    needs(a) ? Reductions.sumTo(where(c8, g, zero), a.shape()) : null,
                    needs(b) ? Reductions.sumTo(where(c8, zero, g), b.shape()) : null};
        }, cond, a, b);
    }

    /** x where mask is 0, value where it is not; the mask must be UINT8 (the comparisons' type) and broadcast to x. */
    public static Tensor maskedFill(Tensor x, Tensor mask, double value) {
        Checks.dtype("maskedFill", "mask", mask, DType.UINT8);
        int[] shape = Shape.broadcast("maskedFill", x.shape(), mask.shape());
        if (!Shape.equal(shape, x.shape())) {
            throw new IllegalArgumentException("maskedFill: mask " + Shape.str(mask.shape()) + " does not broadcast to input " + Shape.str(x.shape()));
        }
        return where(mask, scalarLike(x, value), x);
    }

    // ------------------------------------------------------------------ in-place (not recorded)

    private static void checkInPlace(String op, Tensor self) {
        self.checkOpen(op);
        if (Grad.isEnabled() && self.requiresGrad()) {
            throw new IllegalStateException(op + ": in-place update of tensor " + Shape.str(self.shape())
                    + " that requires grad; run it inside Grad.disabled() (as optimizers do)");
        }
    }

    /** Writes result into self (directly when self is contiguous, else through a strided copy). */
    private static Tensor assign(Tensor self, Tensor result) {
        if (result != self) {
            self.backend().copy(result, self);
            result.close();
        }
        TensorInternals.storage(self).bumpVersion();
        return self;
    }

    /** self += alpha · other (broadcast to self), not recorded; fails if self requires grad while recording. */
    public static Tensor addInPlace(Tensor self, Tensor other, double alpha) {
        checkInPlace("addInPlace", self);
        Checks.sameDevice("addInPlace", self, other);
        Shape.broadcast("addInPlace", self.shape(), other.shape());
        try (Grad.Guard ng = Grad.disabled()) {
            Tensor scaled = alpha == 1.0 ? other : other.mul(alpha);
            Tensor eo = Shapes.expandRaw(scaled.dtype() == self.dtype() ? scaled : Shapes.castRaw(scaled, self.dtype()), self.shape());
            if (self.isContiguous() && self.offset() >= 0) {
                self.backend().binary(BinaryOp.ADD, self, eo, self);
                return assign(self, self);
            }
            return assign(self, self.add(eo));
        }
    }

    /** self *= other (broadcast to self), not recorded. */
    public static Tensor mulInPlace(Tensor self, Tensor other) {
        checkInPlace("mulInPlace", self);
        try (Grad.Guard ng = Grad.disabled()) {
            return assign(self, self.mul(other));
        }
    }

    /** Applies a unary kernel to self in place, not recorded; non-contiguous or integer tensors go through a copy. */
    public static Tensor unaryInPlace(Tensor self, UnaryOp op, double alpha, double beta) {
        checkInPlace(op.name().toLowerCase(java.util.Locale.ROOT) + "InPlace", self);
        if (self.isContiguous() && self.dtype().isFloating()) {
            self.backend().unary(op, self, self, alpha, beta);
            return assign(self, self);
        }
        try (Grad.Guard ng = Grad.disabled()) {
            return assign(self, unaryRaw("unaryInPlace", op, self, alpha, beta));
        }
    }

    /** Copies src (broadcast to self, converted to its dtype) into self, not recorded. */
    public static Tensor copyInPlace(Tensor self, Tensor src) {
        checkInPlace("copyFrom", self);
        Checks.sameDevice("copyFrom", self, src);
        Shape.broadcast("copyFrom", self.shape(), src.shape());
        Tensor e = Shapes.expandRaw(src, self.shape());
        self.backend().copy(e, self);
        if (e != src) e.close();
        TensorInternals.storage(self).bumpVersion();
        return self;
    }

    /** Sets every element of self to value, not recorded. */
    public static Tensor fillInPlace(Tensor self, double value) {
        checkInPlace("fill", self);
        self.backend().fill(self, value);
        TensorInternals.storage(self).bumpVersion();
        return self;
    }
}
