package io.callosum.tensor.ops;

/**
 * Double-precision references for pooling and resampling, written from PyTorch's definitions. Each is given as its
 * taps: output element o reads input element i with weight w. A linear op is then y[o] = Σ w·x[i] and its
 * gradient gx[i] = Σ w·gy[o]; max pooling is linear given its argmax, so it emits one tap per window.
 */
final class PoolReference {
    private PoolReference() {
    }

    interface Taps {
        void at(int out, int in, double weight);
    }

    /** One op's taps for an input of a given shape (the values matter only for max pooling). */
    interface Ref {
        void taps(float[] x, int[] shape, Taps t);
    }

    static double[] forward(Ref ref, float[] x, int[] in, int[] out) {
        double[] y = new double[out[0] * out[1] * out[2] * out[3]];
        ref.taps(x, in, (o, i, w) -> y[o] += w * x[i]);
        return y;
    }

    static double[] backward(Ref ref, float[] x, int[] in, float[] gy) {
        double[] gx = new double[in[0] * in[1] * in[2] * in[3]];
        ref.taps(x, in, (o, i, w) -> gx[i] += w * gy[o]);
        return gx;
    }

    /** PyTorch's pooling output size, including the ceil-mode rule that the last window must start inside input + left padding. */
    static int poolOut(int in, int k, int s, int p, int d, boolean ceil) {
        double span = (double) (in + 2 * p - d * (k - 1) - 1) / s;
        int out = (int) (ceil ? Math.ceil(span) : Math.floor(span)) + 1;
        if (ceil && (out - 1) * s >= in + p) out--;
        return out;
    }

    /** Calls body(plane, oh, ow, outIndex) for every output of an N×C×OH×OW result. */
    interface OutputVisitor {
        void at(int plane, int oh, int ow, int o);
    }

    static void forEachOutput(int planes, int oh, int ow, OutputVisitor v) {
        for (int pl = 0, o = 0; pl < planes; pl++)
            for (int r = 0; r < oh; r++)
                for (int q = 0; q < ow; q++, o++) v.at(pl, r, q, o);
    }

    /** Max over the window's in-bounds elements in row-major order; a NaN beats anything (a later NaN an earlier one); ties keep the first. */
    static Ref maxPool(int[] k, int[] s, int[] p, int[] d, boolean ceil) {
        return (x, in, t) -> {
            int h = in[2], w = in[3];
            int oh = poolOut(h, k[0], s[0], p[0], d[0], ceil), ow = poolOut(w, k[1], s[1], p[1], d[1], ceil);
            forEachOutput(in[0] * in[1], oh, ow, (pl, r, q, o) -> {
                double best = Double.NEGATIVE_INFINITY;
                int arg = -1;
                for (int i = 0; i < k[0]; i++)
                    for (int j = 0; j < k[1]; j++) {
                        int ih = r * s[0] - p[0] + i * d[0], iw = q * s[1] - p[1] + j * d[1];
                        if (ih < 0 || ih >= h || iw < 0 || iw >= w) continue;
                        int at = (pl * h + ih) * w + iw;
                        if (arg < 0) arg = at; // the first in-bounds element stands when nothing beats −∞
                        if (x[at] > best || Float.isNaN(x[at])) {
                            best = x[at];
                            arg = at;
                        }
                    }
                if (arg >= 0) t.at(o, arg, 1);
            });
        };
    }

    /**
     * PyTorch's avg_pool2d: the window [o·s − p, o·s − p + k) is clipped to the padded input; that size is the
     * divisor when padding counts, else the size of the window clipped to the input itself.
     */
    static Ref avgPool(int[] k, int[] s, int[] p, boolean ceil, boolean countIncludePad) {
        return (x, in, t) -> {
            int h = in[2], w = in[3];
            int oh = poolOut(h, k[0], s[0], p[0], 1, ceil), ow = poolOut(w, k[1], s[1], p[1], 1, ceil);
            forEachOutput(in[0] * in[1], oh, ow, (pl, r, q, o) -> {
                int h0 = r * s[0] - p[0], w0 = q * s[1] - p[1];
                int h1 = Math.min(h0 + k[0], h + p[0]), w1 = Math.min(w0 + k[1], w + p[1]);
                int padded = (h1 - h0) * (w1 - w0);
                int hs = Math.max(h0, 0), ws = Math.max(w0, 0), he = Math.min(h1, h), we = Math.min(w1, w);
                int inside = (he - hs) * (we - ws);
                double weight = 1.0 / (countIncludePad ? padded : inside);
                for (int ih = hs; ih < he; ih++)
                    for (int iw = ws; iw < we; iw++) t.at(o, (pl * h + ih) * w + iw, weight);
            });
        };
    }

    /** Rows [floor(o·H/OH), ceil((o+1)·H/OH)), likewise for columns, averaged. */
    static Ref adaptiveAvgPool(int oh, int ow) {
        return (x, in, t) -> {
            int h = in[2], w = in[3];
            forEachOutput(in[0] * in[1], oh, ow, (pl, r, q, o) -> {
                int h0 = (int) Math.floor((double) r * h / oh), h1 = (int) Math.ceil((double) (r + 1) * h / oh);
                int w0 = (int) Math.floor((double) q * w / ow), w1 = (int) Math.ceil((double) (q + 1) * w / ow);
                double weight = 1.0 / ((h1 - h0) * (w1 - w0));
                for (int ih = h0; ih < h1; ih++)
                    for (int iw = w0; iw < w1; iw++) t.at(o, (pl * h + ih) * w + iw, weight);
            });
        };
    }

    /**
     * PyTorch's nearest_idx in double, rounding to float where PyTorch computes in float: scale = (float) in/out, then
     * the product o · scale (exact in double) rounded to float, floored and clamped to in − 1.
     */
    static int nearestSource(int o, int in, int out) {
        double scale = (float) ((double) in / out);
        return Math.min(in - 1, (int) Math.floor((float) (o * scale)));
    }

    /** Source pixel {@link #nearestSource} along each axis. */
    static Ref nearest(int oh, int ow) {
        return (x, in, t) -> {
            int h = in[2], w = in[3];
            forEachOutput(in[0] * in[1], oh, ow, (pl, r, q, o) -> {
                int ih = nearestSource(r, h, oh), iw = nearestSource(q, w, ow);
                t.at(o, (pl * h + ih) * w + iw, 1);
            });
        };
    }

    /**
     * Source coordinate along an axis: align_corners maps corner centres to corner centres (o·(in−1)/(out−1), 0 for
     * a single output); otherwise (o + ½)·in/out − ½, clamped below at 0. Returns {i0, i1, weight of i1}.
     */
    static double[] linearSource(int o, int in, int out, boolean alignCorners) {
        double src = alignCorners ? (out > 1 ? o * (in - 1.0) / (out - 1.0) : 0) : Math.max(0, (o + 0.5) * in / out - 0.5);
        int i0 = Math.min((int) Math.floor(src), in - 1);
        int i1 = Math.min(i0 + 1, in - 1);
        return new double[]{i0, i1, src - i0};
    }

    static Ref bilinear(int oh, int ow, boolean alignCorners) {
        return (x, in, t) -> {
            int h = in[2], w = in[3];
            forEachOutput(in[0] * in[1], oh, ow, (pl, r, q, o) -> {
                double[] ry = linearSource(r, h, oh, alignCorners), rx = linearSource(q, w, ow, alignCorners);
                int[] ys = {(int) ry[0], (int) ry[1]}, xs = {(int) rx[0], (int) rx[1]};
                double[] wy = {1 - ry[2], ry[2]}, wx = {1 - rx[2], rx[2]};
                for (int a = 0; a < 2; a++)
                    for (int b = 0; b < 2; b++) t.at(o, (pl * h + ys[a]) * w + xs[b], wy[a] * wx[b]);
            });
        };
    }
}
