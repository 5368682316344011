package io.callosum.tensor;

import java.util.function.Function;

/**
 * Numerical gradient checking: compares the gradients autodiff computes for {@code sum(v · f(inputs))} (v a fixed
 * random projection) with central differences taken in double precision, perturbing one input element at a time in
 * the input's own dtype. FLOAT64 inputs make the check sharp (PyTorch's gradcheck defaults: step 1e-6, atol 1e-5,
 * rtol 1e-3); FLOAT32 inputs need a coarse step. Keep inputs small (each element costs two forward passes) and away
 * from kinks.
 */
public final class GradCheck {
    private GradCheck() {
    }

    /**
     * Outcome: worst absolute error, the allowed error there, and where it occurred.
     *
     * @param maxError the absolute error at the worst element, the one furthest beyond its allowance (infinite for NaN)
     * @param allowed the allowed error at that element
     * @param input which input it belongs to
     * @param index its flat (row-major) index in that input
     * @param analytic the gradient autodiff computed there
     * @param numeric the central-difference estimate there
     */
    public record Result(double maxError, double allowed, int input, int index, double analytic, double numeric) {
        /**
         * Whether the worst error is within the allowed error.
         *
         * @return true when the gradients agree
         */
        public boolean passed() {
            return maxError <= allowed;
        }

        @Override
        public String toString() {
            return String.format("gradcheck: input %d element %d: analytic %.6g vs numeric %.6g (error %.3g, allowed %.3g)",
                    input, index, analytic, numeric, maxError, allowed);
        }
    }

    /**
     * Default step and tolerances for O(1) inputs: float64's when every input is FLOAT64, else float32's.
     *
     * @param f the function; its inputs are fresh leaf tensors on the inputs' device
     * @param inputs floating tensors (any device); only their values are used
     * @return the worst element's comparison
     */
    public static Result check(Function<Tensor[], Tensor> f, Tensor... inputs) {
        return allFloat64(inputs) ? check(f, inputs, 1e-6, 1e-5, 1e-3) : check(f, inputs, 1e-2, 2e-3, 2e-2);
    }

    private static boolean allFloat64(Tensor[] inputs) {
        for (Tensor t : inputs) if (t.dtype() != DType.FLOAT64) return false;
        return inputs.length > 0;
    }

    /**
     * Compares autodiff's gradients of f with central differences, with the given step and tolerances.
     *
     * @param f      the function; its inputs are fresh leaf tensors on the inputs' device
     * @param inputs FLOAT32 or FLOAT64 tensors (any device); only their values and dtypes are used
     * @param eps    perturbation step
     * @param atol   absolute tolerance
     * @param rtol   tolerance relative to the larger of |analytic| and |numeric|
     * @return the worst element's comparison
     */
    public static Result check(Function<Tensor[], Tensor> f, Tensor[] inputs, double eps, double atol, double rtol) {
        return check(f, inputs, eps, atol, rtol, false);
    }

    /** @param createGraph take the analytic gradient through the create-graph (higher-order capable) backward path */
    private static Result check(Function<Tensor[], Tensor> f, Tensor[] inputs, double eps, double atol, double rtol, boolean createGraph) {
        int n = inputs.length;
        double[][] values = new double[n][];
        int[][] shapes = new int[n][];
        DType[] types = new DType[n];
        Device device = inputs[0].device();
        for (int i = 0; i < n; i++) {
            values[i] = inputs[i].toDoubleArray();
            shapes[i] = inputs[i].shape();
            types[i] = inputs[i].dtype();
        }
        // analytic
        Tensor[] leaves = leaves(values, shapes, types, device, -1, -1, 0);
        Tensor y = f.apply(leaves);
        double[] v = projection(y.numel());
        Tensor vt = projectionTensor(v, y);
        y.mul(vt).sum().backward(null, false, createGraph);
        double[][] analytic = new double[n][];
        for (int i = 0; i < n; i++) {
            Tensor g = leaves[i].grad();
            analytic[i] = g == null ? new double[values[i].length] : g.toDoubleArray();
        }
        // numeric
        Result worst = new Result(0, 1, 0, 0, 0, 0);
        double worstRatio = -1;
        {   // grad mode stays on: f may itself differentiate (second-order checks)
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < values[i].length; j++) {
                    double orig = values[i][j];
                    double plus = inDType(types[i], orig + eps), minus = inDType(types[i], orig - eps);
                    double fp = project(f.apply(leaves(values, shapes, types, device, i, j, plus)), v);
                    double fm = project(f.apply(leaves(values, shapes, types, device, i, j, minus)), v);
                    double numeric = (fp - fm) / (plus - minus);
                    double a = analytic[i][j];
                    double err = Math.abs(a - numeric);
                    double allowed = atol + rtol * Math.max(Math.abs(a), Math.abs(numeric));
                    double ratio = err / allowed;
                    if (ratio > worstRatio || Double.isNaN(err)) {
                        worstRatio = Double.isNaN(err) ? Double.POSITIVE_INFINITY : ratio;
                        worst = new Result(Double.isNaN(err) ? Double.POSITIVE_INFINITY : err, allowed, i, j, a, numeric);
                    }
                }
            }
        }
        return worst;
    }

    /**
     * Throws AssertionError with the worst element when the check fails.
     *
     * @param what names the check in the message
     * @param f the function
     * @param inputs floating tensors (any device), all FLOAT64 for float64's step and tolerances; only their values are used
     */
    public static void assertGradients(String what, Function<Tensor[], Tensor> f, Tensor... inputs) {
        Result r = check(f, inputs);
        if (!r.passed()) throw new AssertionError(what + ": " + r);
    }

    /**
     * Like {@link #check(Function, Tensor[], double, double, double)}, throwing AssertionError with the worst element
     * when the check fails.
     *
     * @param what names the check in the message
     * @param f the function
     * @param inputs FLOAT32 or FLOAT64 tensors (any device); only their values and dtypes are used
     * @param eps perturbation step
     * @param atol absolute tolerance
     * @param rtol tolerance relative to the larger of |analytic| and |numeric|
     */
    public static void assertGradients(String what, Function<Tensor[], Tensor> f, Tensor[] inputs, double eps, double atol, double rtol) {
        Result r = check(f, inputs, eps, atol, rtol);
        if (!r.passed()) throw new AssertionError(what + ": " + r);
    }

    /**
     * Second-order check (with float64's step and tolerances when every input is FLOAT64). First the create-graph
     * backward path (which some ops implement with a different, composite formula) must give correct first-order
     * gradients; then the gradients of that first-order gradient of sum(v·f) with respect to input 0 are checked
     * numerically like {@link #check}.
     *
     * @param f the function; it must be twice differentiable near the inputs
     * @param inputs floating tensors (any device), all FLOAT64 for float64's step and tolerances; only their values are used
     * @return the first failing stage's worst comparison, else the second-order one
     */
    public static Result checkSecondOrder(Function<Tensor[], Tensor> f, Tensor... inputs) {
        boolean wide = allFloat64(inputs);
        Result first = wide ? check(f, inputs, 1e-6, 1e-5, 1e-3, true) : check(f, inputs, 1e-2, 2e-3, 2e-2, true);
        if (!first.passed()) return first;
        Function<Tensor[], Tensor> firstOrder = xs -> {
            // check() evaluates the numeric differences under no-grad; the first-order gradient needs its graph
            try (Grad.Guard on = Grad.enabled()) {
                Tensor y = f.apply(xs);
                double[] v = projection(y.numel());
                Tensor vt = projectionTensor(v, y);
                return Grad.grad(y.mul(vt).sum(), null, true, xs[0])[0];
            }
        };
        return wide ? check(firstOrder, inputs, 1e-6, 1e-5, 1e-3) : check(firstOrder, inputs, 1e-2, 5e-3, 3e-2);
    }

    /** value as the input's dtype holds it (the step actually taken is the difference of the rounded values). */
    private static double inDType(DType type, double value) {
        return type == DType.FLOAT64 ? value : (float) value;
    }

    private static Tensor[] leaves(double[][] values, int[][] shapes, DType[] types, Device device, int which, int index, double value) {
        Tensor[] out = new Tensor[values.length];
        for (int i = 0; i < values.length; i++) {
            double[] v = values[i];
            if (i == which) {
                v = v.clone();
                v[index] = value;
            }
            Tensor t = types[i] == DType.FLOAT64 ? Tensor.of(v, shapes[i]) : Tensor.of(toFloats(v), shapes[i]);
            out[i] = t.to(device).requiresGrad(true);
        }
        return out;
    }

    /** v as a tensor of y's shape, dtype and device. */
    private static Tensor projectionTensor(double[] v, Tensor y) {
        Tensor t = y.dtype() == DType.FLOAT64 ? Tensor.of(v, y.shape()) : Tensor.of(toFloats(v), y.shape());
        return t.to(y.device());
    }

    private static double project(Tensor y, double[] v) {
        double[] a = y.toDoubleArray();
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * v[i];
        return s;
    }

    /** A fixed pseudo-random projection in [−1, 1] (so every output element matters, with distinct weights). */
    private static double[] projection(int n) {
        double[] v = new double[n];
        long z = 0x2545F4914F6CDD1DL;
        for (int i = 0; i < n; i++) {
            z ^= z << 13;
            z ^= z >>> 7;
            z ^= z << 17;
            v[i] = ((z >>> 11) * 0x1.0p-53) * 2 - 1;
        }
        return v;
    }

    private static float[] toFloats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
        return f;
    }
}
