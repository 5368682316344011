package io.callosum.tensor;

/** toString(): values in nested brackets, summarised with "…" beyond 6 entries per dimension when large. */
final class TensorFormat {
    private TensorFormat() {
    }

    private static final int EDGE = 3;
    private static final int SUMMARISE_ABOVE = 1000;

    static String format(Tensor t) {
        StringBuilder sb = new StringBuilder("tensor(");
        if (t.isClosed()) {
            sb.append("<closed>");
        } else {
            double[] v = t.toDoubleArray();
            boolean summarise = v.length > SUMMARISE_ABOVE;
            append(sb, v, t.shape(), 0, 0, summarise, t.dtype().isFloating());
        }
        sb.append(", shape=").append(Shape.str(t.shape())).append(", ").append(t.dtype());
        if (!t.device().isCpu()) sb.append(", device=").append(t.device());
        if (t.gradFnName() != null) sb.append(", grad_fn=").append(t.gradFnName());
        else if (t.requiresGrad()) sb.append(", requires_grad");
        return sb.append(')').toString();
    }

    private static void append(StringBuilder sb, double[] v, int[] shape, int dim, int base, boolean summarise, boolean floating) {
        if (shape.length == 0) {
            sb.append(num(v[0], floating));
            return;
        }
        int n = shape[dim];
        int inner = 1;
        for (int i = dim + 1; i < shape.length; i++) inner *= shape[i];
        sb.append('[');
        for (int i = 0; i < n; i++) {
            if (summarise && n > 2 * EDGE && i == EDGE) {
                sb.append("…, ");
                i = n - EDGE - 1;
                continue;
            }
            if (dim == shape.length - 1) sb.append(num(v[base + i], floating));
            else append(sb, v, shape, dim + 1, base + i * inner, summarise, floating);
            if (i < n - 1) sb.append(dim == shape.length - 1 ? ", " : ",\n" + " ".repeat(dim + 8));
        }
        sb.append(']');
    }

    private static String num(double x, boolean floating) {
        if (!floating) return Long.toString((long) x);
        if (x == Math.rint(x) && Math.abs(x) < 1e7) return String.format(java.util.Locale.ROOT, "%.1f", x);
        if (!Double.isFinite(x)) return Float.toString((float) x);
        // four significant digits without trailing zeros: 0.5, 0.3333, 1.235e-05
        String s = String.format(java.util.Locale.ROOT, "%.4g", x);
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e), exponent = e < 0 ? "" : s.substring(e);
        if (mantissa.contains(".")) mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", ".0");
        return mantissa + exponent;
    }
}
