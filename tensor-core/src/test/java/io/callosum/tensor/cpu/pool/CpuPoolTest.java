package io.callosum.tensor.cpu.pool;

import io.callosum.tensor.DType;
import io.callosum.tensor.Tensor;
import io.callosum.tensor.cpu.runtime.CpuSettings;
import io.callosum.tensor.spi.Pool2dGeometry;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The vectorised max pool against the scalar one, value for value and index for index, on inputs wide enough for
 * the vector path (rows shorter than, equal to and longer than a vector of outputs, the last vector overlapping the
 * previous one, planes ending at the end of the array) and on planes of narrow rows pooled whole, with many ties (values from a handful, as after a ReLU),
 * NaN and −∞, over kernel, stride, padding, dilation and ceil-mode combinations. Ties must resolve to the first
 * element in row-major order, as in PyTorch: checked directly on an all-zero input.
 */
class CpuPoolTest {

    /** kernel, stride, padding, dilation (square), ceil mode. */
    record Geometry(int k, int s, int p, int d, boolean ceil) {
        Pool2dGeometry of(int[] in) {
            int[] k2 = {k, k}, s2 = {s, s}, p2 = {p, p}, d2 = {d, d};
            return Pool2dGeometry.of("maxPool2d", in, k2, s2, p2, d2, ceil, false);
        }
    }

    static final Geometry[] GEOMETRIES = {
            new Geometry(2, 2, 0, 1, false), new Geometry(3, 2, 1, 1, false), new Geometry(3, 1, 1, 1, false),
            new Geometry(2, 1, 0, 1, false), new Geometry(3, 2, 1, 2, false), new Geometry(2, 2, 0, 1, true),
            new Geometry(3, 2, 0, 1, true), new Geometry(3, 3, 1, 1, false), new Geometry(1, 2, 0, 1, false),
            new Geometry(3, 3, 0, 1, false), new Geometry(2, 2, 0, 2, false)};

    /** Values from {−1, 0, 0.5, 2} with NaN and −∞ sprinkled in: ties everywhere. */
    static float[] tiesAndSpecials(long seed, int n, boolean specials) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] pool = {-1f, 0f, 0.5f, 2f};
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = pool[r.nextInt(pool.length)];
            if (specials && r.nextInt(40) == 0) v[i] = Float.NaN;
            else if (specials && r.nextInt(40) == 0) v[i] = Float.NEGATIVE_INFINITY;
        }
        return v;
    }

    /** {values, indices} from the kernel on one path; the input sits at an offset inside its storage. */
    static Object[] run(boolean scalar, float[] data, int[] in, Geometry geo) {
        boolean prev = CpuSettings.setScalar(scalar);
        try {
            int[] padded = {in[0] + 1, in[1], in[2], in[3]};
            Tensor x = Tensor.of(data, padded).narrow(0, 1, in[0]);
            Pool2dGeometry g = geo.of(in);
            Tensor out = Tensor.empty(x.device(), DType.FLOAT32, g.outputShape());
            Tensor idx = Tensor.empty(x.device(), DType.INT32, g.outputShape());
            x.backend().maxPool2dForward(x, out, idx, g);
            return new Object[]{out.toFloatArray(), idx.toIntArray()};
        } finally {
            CpuSettings.setScalar(prev);
        }
    }

    @Test
    void vectorMatchesScalarValuesAndIndices() {
        for (Geometry geo : GEOMETRIES) {
            // 6 rows: the row kernel (wide rows) and scalar cells; 24 rows: narrow rows pooled as whole planes
            for (int[] hw : new int[][]{{6, 7}, {6, 31}, {6, 32}, {6, 33}, {6, 34}, {6, 47}, {6, 64}, {6, 65}, {6, 96},
                    {6, 97}, {24, 7}, {24, 24}, {24, 31}, {9, 9}}) {
                int w = hw[1];
                for (boolean specials : new boolean[]{false, true}) {
                    int[] in = {2, 3, hw[0], w};
                    float[] data = tiesAndSpecials(w * 7L + geo.k() + (specials ? 1 : 0), (in[0] + 1) * 3 * hw[0] * w, specials);
                    Object[] vector = run(false, data, in, geo), scalar = run(true, data, in, geo);
                    String what = geo + " " + hw[0] + "×" + w + (specials ? " with NaN/−∞" : "");
                    float[] vv = (float[]) vector[0], sv = (float[]) scalar[0];
                    for (int i = 0; i < sv.length; i++) {
                        boolean same = Float.isNaN(sv[i]) ? Float.isNaN(vv[i]) : Float.floatToIntBits(sv[i]) == Float.floatToIntBits(vv[i]);
                        if (!same) throw new AssertionError(what + ": value " + i + ": scalar " + sv[i] + ", vector " + vv[i]);
                    }
                    assertArrayEquals((int[]) scalar[1], (int[]) vector[1], what + ": indices");
                }
            }
        }
    }

    @Test
    void tiesTakeTheFirstElementOfTheWindowOnBothPaths() {
        for (int[] in : new int[][]{{1, 2, 4, 70}, {1, 2, 24, 24}}) {
            float[] zeros = new float[2 * 2 * in[2] * in[3]]; // the first plane of the padded batch is skipped
            for (boolean scalar : new boolean[]{false, true}) {
                for (Geometry geo : new Geometry[]{GEOMETRIES[0], GEOMETRIES[1]}) {
                    Object[] r = run(scalar, zeros, in, geo);
                    Pool2dGeometry g = geo.of(in);
                    int[] idx = (int[]) r[1];
                    for (int pl = 0; pl < 2; pl++) {
                        for (int oy = 0; oy < g.outH(); oy++) {
                            for (int ox = 0; ox < g.outW(); ox++) {
                                int h0 = Math.max(0, oy * geo.s() - geo.p()), w0 = Math.max(0, ox * geo.s() - geo.p());
                                int at = (pl * g.outH() + oy) * g.outW() + ox;
                                assertEquals(h0 * in[3] + w0, idx[at], (scalar ? "scalar " : "vector ") + geo + " " + Arrays.toString(in) + " output " + oy + "," + ox);
                            }
                        }
                    }
                    float[] values = (float[]) r[0];
                    assertArrayEquals(new float[values.length], values, "max of zeros");
                    assertEquals(0, Arrays.stream(idx).filter(i -> i < 0).count());
                }
            }
        }
    }
}
