package io.callosum.tensor.spi;

/**
 * Everything a 2-D convolution kernel needs: input N×Cin×H×W, weight Cout×(Cin/groups)×KH×KW, output N×Cout×OH×OW.
 * Computed and validated once by the op layer so kernels never re-derive shapes.
 */
public record Conv2dGeometry(int n, int cin, int h, int w, int cout, int kh, int kw,
                             int strideH, int strideW, int padH, int padW, int dilationH, int dilationW,
                             int groups, int outH, int outW) {

    /** Validates input and weight shapes, channels, groups, stride, padding and dilation (errors name op) and derives OH×OW. */
    public static Conv2dGeometry of(String op, int[] x, int[] weight, int[] stride, int[] padding, int[] dilation, int groups) {
        if (x.length != 4) throw new IllegalArgumentException(op + ": input must be 4-D N×C×H×W, got " + java.util.Arrays.toString(x));
        if (weight.length != 4) throw new IllegalArgumentException(op + ": weight must be 4-D Cout×Cin/groups×KH×KW, got " + java.util.Arrays.toString(weight));
        if (groups < 1) throw new IllegalArgumentException(op + ": groups must be >= 1, got " + groups);
        int cin = x[1];
        if (cin % groups != 0 || weight[0] % groups != 0) {
            throw new IllegalArgumentException(op + ": channels " + cin + " (input) and " + weight[0]
                    + " (output) must both be divisible by groups=" + groups);
        }
        if (weight[1] * groups != cin) {
            throw new IllegalArgumentException(op + ": input " + java.util.Arrays.toString(x) + " has " + cin
                    + " channels but weight " + java.util.Arrays.toString(weight) + " expects " + weight[1] * groups
                    + " (Cin/groups=" + weight[1] + ", groups=" + groups + ")");
        }
        for (int v : stride) if (v < 1) throw new IllegalArgumentException(op + ": stride must be >= 1, got " + java.util.Arrays.toString(stride));
        for (int v : dilation) if (v < 1) throw new IllegalArgumentException(op + ": dilation must be >= 1, got " + java.util.Arrays.toString(dilation));
        for (int v : padding) if (v < 0) throw new IllegalArgumentException(op + ": padding must be >= 0, got " + java.util.Arrays.toString(padding));
        int kh = weight[2], kw = weight[3];
        int oh = (x[2] + 2 * padding[0] - dilation[0] * (kh - 1) - 1) / stride[0] + 1;
        int ow = (x[3] + 2 * padding[1] - dilation[1] * (kw - 1) - 1) / stride[1] + 1;
        if (x[2] + 2 * padding[0] < dilation[0] * (kh - 1) + 1 || x[3] + 2 * padding[1] < dilation[1] * (kw - 1) + 1) {
            throw new IllegalArgumentException(op + ": input " + java.util.Arrays.toString(x) + " (padded by "
                    + java.util.Arrays.toString(padding) + ") is smaller than the dilated kernel " + kh + "×" + kw);
        }
        return new Conv2dGeometry(x[0], cin, x[2], x[3], weight[0], kh, kw, stride[0], stride[1],
                padding[0], padding[1], dilation[0], dilation[1], groups, oh, ow);
    }

    /** [N, Cin, H, W]. */
    public int[] inputShape() {
        return new int[]{n, cin, h, w};
    }

    /** [Cout, Cin/groups, KH, KW]. */
    public int[] weightShape() {
        return new int[]{cout, cin / groups, kh, kw};
    }

    /** [N, Cout, OH, OW]. */
    public int[] outputShape() {
        return new int[]{n, cout, outH, outW};
    }

    /** Multiply-accumulates of one forward pass. */
    public long macs() {
        return (long) n * cout * outH * outW * (cin / groups) * kh * kw;
    }
}
