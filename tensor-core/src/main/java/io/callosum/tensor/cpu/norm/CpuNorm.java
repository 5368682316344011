package io.callosum.tensor.cpu.norm;

import io.callosum.tensor.cpu.memory.CpuMemory;
import io.callosum.tensor.cpu.reduce.ReduceVector;
import io.callosum.tensor.cpu.runtime.CpuFeatures;
import io.callosum.tensor.cpu.runtime.Parallel;
import io.callosum.tensor.spi.Operand;

import static io.callosum.tensor.cpu.memory.CpuMemory.f;

/**
 * Batch normalisation over channel dim 1 of a contiguous N×C×S tensor (S = product of the spatial dims, 1 for N×C).
 * Each channel is one task, so results do not depend on the thread count: its values are N runs of S contiguous
 * floats, a stride C·S apart. The statistics take one pass over memory: per run a sum (of deviations from the run's
 * first value) and, while the run is still in cache, the squared deviations from the run's own mean; runs are then
 * merged with Chan's parallel-variance formula in double (no cancellation, however large the mean). The backward takes two sums per run in one pass and
 * a second pass to write the input gradient. The per-run arithmetic is {@link RunMath}: Vector API or plain double.
 */
public final class CpuNorm {
    private CpuNorm() {
    }

    /** Geometry of the N×C×S view. */
    private record Layout(int n, int c, int s) {
        static Layout of(Operand x) {
            int n = x.size(0), c = x.size(1);
            int s = c == 0 || n == 0 ? 0 : x.numel() / (n * c);
            return new Layout(n, c, s);
        }

        int count() {
            return n * s;
        }

        int runStride() {
            return c * s;
        }

        int grain() {
            return Math.max(1, CpuMemory.GRAIN / Math.max(1, count()));
        }
    }

    /** NormKernels.batchNormForward on the CPU: per-channel statistics (training) or the running ones (eval), then the affine map. */
    public static void forward(Operand x, Operand gamma, Operand beta, Operand runningMean, Operand runningVar, Operand out,
                        Operand saveMean, Operand saveInvStd, boolean training, double momentum, double eps) {
        Layout l = Layout.of(x);
        float[] xs = f(x), os = f(out), sm = f(saveMean), si = f(saveInvStd);
        int xo = x.offset(), oo = out.offset(), smo = saveMean.offset(), sio = saveInvStd.offset();
        PerChannel g = PerChannel.of(gamma), b = PerChannel.of(beta), rm = PerChannel.of(runningMean), rv = PerChannel.of(runningVar);
        RunMath math = RunMath.current();
        int count = l.count();
        Parallel.range(l.c(), l.grain(), (c0, c1) -> {
            for (int c = c0; c < c1; c++) {
                int first = c * l.s();
                double mean, invStd;
                if (training) {
                    // Chan et al.: merge (count, mean, M2) run by run.
                    double m2 = 0;
                    mean = 0;
                    for (int i = 0; i < l.n() && l.s() > 0; i++) {
                        int at = xo + first + i * l.runStride(), seen = i * l.s();
                        float pivot = xs[at]; // a shift near the values: partial sums stay small, x − pivot exact
                        double runMean = pivot + math.sumDeviations(xs, at, l.s(), pivot) / l.s();
                        float centre = (float) runMean; // Σ(x − c)² = M2 + s·(mean − c)² for any c
                        double runM2 = math.sumSquaredDeviations(xs, at, l.s(), centre) - l.s() * sq(runMean - centre);
                        double delta = runMean - mean;
                        mean += delta * l.s() / (seen + l.s());
                        m2 += Math.max(0, runM2) + delta * delta * ((double) seen * l.s() / (seen + l.s()));
                    }
                    double biasedVar = m2 / count;
                    invStd = 1.0 / Math.sqrt(biasedVar + eps);
                    if (rm != null) rm.set(c, (1 - momentum) * rm.get(c) + momentum * mean);
                    // The running variance estimates the population variance: unbiased (count − 1) as in PyTorch.
                    if (rv != null) rv.set(c, (1 - momentum) * rv.get(c) + momentum * (m2 / (count - 1)));
                } else {
                    mean = rm.get(c);
                    invStd = 1.0 / Math.sqrt(rv.get(c) + eps);
                }
                sm[smo + c] = (float) mean;
                si[sio + c] = (float) invStd;
                // out = (x − mean)·scale + β with γ folded into the scale.
                double scale = invStd * (g == null ? 1 : g.get(c)), shift = b == null ? 0 : b.get(c);
                for (int i = 0; i < l.n(); i++) {
                    int at = first + i * l.runStride();
                    math.normalize(xs, xo + at, os, oo + at, l.s(), mean, scale, shift);
                }
            }
        });
    }

    private static double sq(double v) {
        return v * v;
    }

    /** NormKernels.batchNormBackward on the CPU: gx, gγ and gβ of training-mode batch norm from the saved statistics. */
    public static void backward(Operand gy, Operand x, Operand gamma, Operand saveMean, Operand saveInvStd, Operand gx, Operand ggamma, Operand gbeta) {
        Layout l = Layout.of(x);
        float[] gys = f(gy), xs = f(x), gxs = f(gx), sm = f(saveMean), si = f(saveInvStd);
        int gyo = gy.offset(), xo = x.offset(), gxo = gx.offset(), smo = saveMean.offset(), sio = saveInvStd.offset();
        PerChannel g = PerChannel.of(gamma), gg = PerChannel.of(ggamma), gb = PerChannel.of(gbeta);
        RunMath math = RunMath.current();
        int count = l.count();
        Parallel.range(l.c(), l.grain(), (c0, c1) -> {
            double[] sums = new double[2];
            for (int c = c0; c < c1; c++) {
                int first = c * l.s();
                float mean = sm[smo + c];
                double invStd = si[sio + c];
                // Σ gy and Σ gy·x̂ are the bias and weight gradients and the two corrections of the input gradient.
                sums[0] = 0;
                sums[1] = 0;
                for (int i = 0; i < l.n(); i++) {
                    int at = first + i * l.runStride();
                    math.gradientSums(gys, gyo + at, xs, xo + at, l.s(), mean, sums);
                }
                double sumG = sums[0], sumGXhat = sums[1] * invStd;
                if (gb != null) gb.set(c, sumG);
                if (gg != null) gg.set(c, sumGXhat);
                // gx = γ·invStd·(gy − mean(gy) − x̂·mean(gy·x̂)) = k·gy + b·(x − mean) + d
                double k = invStd * (g == null ? 1 : g.get(c));
                double meanG = sumG / count, meanGXhat = sumGXhat / count;
                double slope = -k * invStd * meanGXhat, shift = -k * meanG;
                for (int i = 0; i < l.n(); i++) {
                    int at = first + i * l.runStride();
                    math.inputGradient(gys, gyo + at, xs, xo + at, gxs, gxo + at, l.s(), k, slope, mean, shift);
                }
            }
        });
    }

    /** The per-run arithmetic: Vector API (float lanes, double block totals) or plain double loops. */
    private interface RunMath {
        /** Σ (x − c). */
        double sumDeviations(float[] x, int at, int len, float c);

        /** Σ (x − c)². */
        double sumSquaredDeviations(float[] x, int at, int len, float c);

        /** sums[0] += Σ g, sums[1] += Σ g·(x − c). */
        void gradientSums(float[] g, int go, float[] x, int xo, int len, float c, double[] sums);

        /** o = (x − mean)·scale + shift. */
        void normalize(float[] x, int xo, float[] o, int oo, int len, double mean, double scale, double shift);

        /** gx = a·g + b·(x − c) + d. */
        void inputGradient(float[] g, int go, float[] x, int xo, float[] gx, int gxo, int len, double a, double b, float c, double d);

        static RunMath current() {
            return CpuFeatures.vectorized() ? Vector.INSTANCE : Scalar.INSTANCE;
        }
    }

    private static final class Vector implements RunMath {
        static final Vector INSTANCE = new Vector();

        public double sumDeviations(float[] x, int at, int len, float c) {
            return ReduceVector.sumDeviations(x, at, len, c);
        }

        public double sumSquaredDeviations(float[] x, int at, int len, float c) {
            return ReduceVector.sumSquaredDeviations(x, at, len, c);
        }

        public void gradientSums(float[] g, int go, float[] x, int xo, int len, float c, double[] sums) {
            NormVector.gradientSums(g, go, x, xo, len, c, sums);
        }

        public void normalize(float[] x, int xo, float[] o, int oo, int len, double mean, double scale, double shift) {
            float hi = (float) mean;
            NormVector.normalize(x, xo, o, oo, len, hi, (float) (mean - hi), (float) scale, (float) shift);
        }

        public void inputGradient(float[] g, int go, float[] x, int xo, float[] gx, int gxo, int len, double a, double b, float c, double d) {
            NormVector.inputGradient(g, go, x, xo, gx, gxo, len, (float) a, (float) b, c, (float) d);
        }
    }

    private static final class Scalar implements RunMath {
        static final Scalar INSTANCE = new Scalar();

        public double sumDeviations(float[] x, int at, int len, float c) {
            double s = 0;
            for (int j = 0; j < len; j++) s += x[at + j] - (double) c;
            return s;
        }

        public double sumSquaredDeviations(float[] x, int at, int len, float c) {
            double s = 0;
            for (int j = 0; j < len; j++) s += sq(x[at + j] - (double) c);
            return s;
        }

        public void gradientSums(float[] g, int go, float[] x, int xo, int len, float c, double[] sums) {
            double sumG = 0, sumGX = 0;
            for (int j = 0; j < len; j++) {
                double gv = g[go + j];
                sumG += gv;
                sumGX += gv * (x[xo + j] - (double) c);
            }
            sums[0] += sumG;
            sums[1] += sumGX;
        }

        public void normalize(float[] x, int xo, float[] o, int oo, int len, double mean, double scale, double shift) {
            for (int j = 0; j < len; j++) o[oo + j] = (float) ((x[xo + j] - mean) * scale + shift);
        }

        public void inputGradient(float[] g, int go, float[] x, int xo, float[] gx, int gxo, int len, double a, double b, float c, double d) {
            for (int j = 0; j < len; j++) gx[gxo + j] = (float) (a * g[go + j] + b * (x[xo + j] - (double) c) + d);
        }
    }

    /** A [C] FLOAT32 vector addressed through its offset (null tensors map to null). */
    private record PerChannel(float[] data, int offset) {
        static PerChannel of(Operand t) {
            return t == null ? null : new PerChannel(f(t), t.offset());
        }

        double get(int c) {
            return data[offset + c];
        }

        void set(int c, double v) {
            data[offset + c] = (float) v;
        }
    }
}
