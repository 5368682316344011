package io.callosum.tensor.ops;

/**
 * Plain double-precision convolutions written from their definitions, for the op tests. Weight layouts follow
 * PyTorch: conv2d [Cout, Cin/G, KH, KW], convTranspose2d [Cin, Cout/G, KH, KW].
 */
final class ConvReference {
    private ConvReference() {
    }

    /** Stride, padding, dilation ({h, w} each) and groups of a convolution. */
    record Spec(int[] stride, int[] pad, int[] dil, int groups) {
        static Spec of(int stride, int pad, int dil, int groups) {
            return new Spec(new int[]{stride, stride}, new int[]{pad, pad}, new int[]{dil, dil}, groups);
        }
    }

    /** Called for every (output element, input element, weight element) triple that one multiply-add joins. */
    interface Tap {
        void at(int y, int x, int w);
    }

    static int convOut(int in, int k, int stride, int pad, int dil) {
        return (in + 2 * pad - dil * (k - 1) - 1) / stride + 1;
    }

    static int[] conv2dShape(int[] x, int[] w, Spec s) {
        return new int[]{x[0], w[0], convOut(x[2], w[2], s.stride[0], s.pad[0], s.dil[0]), convOut(x[3], w[3], s.stride[1], s.pad[1], s.dil[1])};
    }

    /** Enumerates conv2d's taps: y[n, co, oh, ow] += x[n, g·Cin/G + ci, oh·s − p + i·d, …] · w[co, ci, i, j]. */
    static void forEachTap(int[] x, int[] w, Spec s, Tap tap) {
        int[] y = conv2dShape(x, w, s);
        int coutG = w[0] / s.groups, cinG = w[1];
        for (int n = 0; n < x[0]; n++)
            for (int co = 0; co < w[0]; co++)
                for (int oh = 0; oh < y[2]; oh++)
                    for (int ow = 0; ow < y[3]; ow++)
                        for (int ci = 0; ci < cinG; ci++)
                            for (int i = 0; i < w[2]; i++)
                                for (int j = 0; j < w[3]; j++) {
                                    int ih = oh * s.stride[0] - s.pad[0] + i * s.dil[0];
                                    int iw = ow * s.stride[1] - s.pad[1] + j * s.dil[1];
                                    if (ih < 0 || ih >= x[2] || iw < 0 || iw >= x[3]) continue;
                                    int c = (co / coutG) * cinG + ci;
                                    tap.at(((n * y[1] + co) * y[2] + oh) * y[3] + ow,
                                            ((n * x[1] + c) * x[2] + ih) * x[3] + iw,
                                            ((co * cinG + ci) * w[2] + i) * w[3] + j);
                                }
    }

    static double[] conv2d(float[] x, int[] xs, float[] w, int[] ws, float[] bias, Spec s) {
        int[] ys = conv2dShape(xs, ws, s);
        double[] y = new double[ys[0] * ys[1] * ys[2] * ys[3]];
        forEachTap(xs, ws, s, (yi, xi, wi) -> y[yi] += (double) x[xi] * w[wi]);
        if (bias != null) {
            int plane = ys[2] * ys[3];
            for (int i = 0; i < y.length; i++) y[i] += bias[(i / plane) % ys[1]];
        }
        return y;
    }

    /** ∂(Σ gy·y)/∂x. */
    static double[] conv2dInputGrad(float[] gy, int[] xs, float[] w, int[] ws, Spec s) {
        double[] gx = new double[xs[0] * xs[1] * xs[2] * xs[3]];
        forEachTap(xs, ws, s, (yi, xi, wi) -> gx[xi] += (double) gy[yi] * w[wi]);
        return gx;
    }

    /** ∂(Σ gy·y)/∂w. */
    static double[] conv2dWeightGrad(float[] gy, float[] x, int[] xs, int[] ws, Spec s) {
        double[] gw = new double[ws[0] * ws[1] * ws[2] * ws[3]];
        forEachTap(xs, ws, s, (yi, xi, wi) -> gw[wi] += (double) gy[yi] * x[xi]);
        return gw;
    }

    /** PyTorch's ConvTranspose2d output size. */
    static int[] convTranspose2dShape(int[] x, int[] w, Spec s, int[] outPad) {
        int[] o = new int[4];
        o[0] = x[0];
        o[1] = w[1] * s.groups;
        for (int a = 0; a < 2; a++) o[2 + a] = (x[2 + a] - 1) * s.stride[a] - 2 * s.pad[a] + s.dil[a] * (w[2 + a] - 1) + outPad[a] + 1;
        return o;
    }

    /**
     * The scatter form: every input pixel x[n, ci, ih, iw] adds x · w[ci, co, i, j] to output pixel
     * (ih·s − p + i·d, iw·s − p + j·d) of channel g·Cout/G + co, where g is ci's group.
     */
    static double[] convTranspose2d(float[] x, int[] xs, float[] w, int[] ws, float[] bias, Spec s, int[] outPad) {
        int[] ys = convTranspose2dShape(xs, ws, s, outPad);
        double[] y = new double[ys[0] * ys[1] * ys[2] * ys[3]];
        int cinG = xs[1] / s.groups, coutG = ws[1];
        for (int n = 0; n < xs[0]; n++)
            for (int ci = 0; ci < xs[1]; ci++)
                for (int ih = 0; ih < xs[2]; ih++)
                    for (int iw = 0; iw < xs[3]; iw++)
                        for (int co = 0; co < coutG; co++)
                            for (int i = 0; i < ws[2]; i++)
                                for (int j = 0; j < ws[3]; j++) {
                                    int oh = ih * s.stride[0] - s.pad[0] + i * s.dil[0];
                                    int ow = iw * s.stride[1] - s.pad[1] + j * s.dil[1];
                                    if (oh < 0 || oh >= ys[2] || ow < 0 || ow >= ys[3]) continue;
                                    int c = (ci / cinG) * coutG + co;
                                    y[((n * ys[1] + c) * ys[2] + oh) * ys[3] + ow] +=
                                            (double) x[((n * xs[1] + ci) * xs[2] + ih) * xs[3] + iw]
                                                    * w[((ci * coutG + co) * ws[2] + i) * ws[3] + j];
                                }
        if (bias != null) {
            int plane = ys[2] * ys[3];
            for (int i = 0; i < y.length; i++) y[i] += bias[(i / plane) % ys[1]];
        }
        return y;
    }
}
