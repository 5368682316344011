package io.callosum.tensor.cpu.color;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;

/**
 * sRGB → Lab over runs of contiguous pixels with the Vector API, in float, with the constants of {@link ColorMath}.
 * Max |error| against that double reference ≈ 5e-5 in L/a/b units (ColorOpsTest measures it).
 *
 * <ul>
 * <li>Both curves are branch-free: every lane computes both sides of its knee and a mask picks one.</li>
 * <li>x^2.4 = 2^(2e) · 2^(0.4e + 2.4·log2 m) for x = m·2^e, with polynomials for log2 m and 2^f. The cube root is
 *     a Newton iteration for t^(-1/3) from a guess made on the float's bits, finished by one Newton step on the root
 *     whose residual t − root³ is computed exactly with fma. Plain arithmetic: VectorOperators.POW and CBRT call SVML
 *     stubs that cost ≈ 25 % more here (and run lane by lane where SVML is missing), and float → int conversion is
 *     avoided because JDK 17 does not intrinsify it for 512-bit vectors.</li>
 * <li>The work runs in stages over chunks of {@link #CHUNK} pixels, each stage a loop in a method of its own: C2
 *     keeps vectors in registers only when everything they pass through is inlined, and one method holding the
 *     whole conversion outgrows the inlining limits (then every vector is boxed, ≈ 3× slower).</li>
 * <li>Pixels with a channel outside [−{@link #LIMIT}, {@link #LIMIT}] (or NaN) are redone by the double reference:
 *     the approximations hold within that range. A run's last partial vector goes through the same stages from a
 *     zero-padded copy, so a pixel gets the same bits wherever it sits in a run.</li>
 * </ul>
 * One instance per thread: it owns its scratch buffers.
 */
final class ColorVector implements CpuColor.LabRun {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    private static final int LANES = F.length();
    /** Most pixels per staged chunk: its input, scratch and output planes (36 KiB) stay in L1. */
    private static final int CHUNK = 1024;
    /** Channel values beyond this (and NaN) take the double path; x^2.4 and the cube root are exact enough inside it. */
    static final float LIMIT = 1e6f;

    private static final float[] M = new float[9];

    static {
        for (int k = 0; k < 9; k++) M[k] = (float) ColorMath.RGB_TO_T[k / 3][k % 3];
    }

    private static final float SRGB_KNEE = (float) ColorMath.SRGB_KNEE, T_KNEE = (float) ColorMath.T_KNEE;
    private static final float SLOPE = (float) ColorMath.SLOPE, F_OFFSET = (float) ColorMath.F_OFFSET;
    private static final int SQRT2_BITS = Float.floatToRawIntBits((float) Math.sqrt(2));
    /** 1.5·2^23: adding it rounds a float of magnitude < 2^22 to an integer held in the low mantissa bits. */
    private static final float ROUNDER = 12582912f;
    private static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);
    /** Bits of a first guess for t^(-1/3) are INV_CBRT_MAGIC − bits(t)/3 (≈ 3.5 % off). */
    private static final int INV_CBRT_MAGIC = 0x54a2fa8c;

    // 2.4·log2(1 + u) ≈ u·P(u) on u ∈ [√½ − 1, √2 − 1], |error| 7e-8: least squares at 2000 Chebyshev nodes (numpy).
    private static final float L0 = 3.462467909e+00f, L1 = -1.731233597e+00f, L2 = 1.154185534e+00f, L3 = -8.656916618e-01f,
            L4 = 6.910035610e-01f, L5 = -5.734074116e-01f, L6 = 5.176103711e-01f, L7 = -4.978225529e-01f, L8 = 3.027637601e-01f;
    // 2^f on f ∈ [−½, ½], relative error 1.8e-8, fitted the same way.
    private static final float E0 = 1f, E1 = 0.6931471825f, E2 = 0.2402265072f, E3 = 0.05550327152f,
            E4 = 0.009618025273f, E5 = 0.001340044197f, E6 = 0.0001546974090f;

    private final float[] linR = new float[CHUNK], linG = new float[CHUNK], linB = new float[CHUNK];
    private final float[] tailIn = new float[3 * LANES], tailOut = new float[3 * LANES];
    private final double[] pixel = new double[3];

    @Override
    public void rgbToLab(float[] src, int r, int g, int b, float[] dst, int l, int a, int bb, int n) {
        int full = n - n % LANES;
        // equal chunks of at most CHUNK pixels: a short last chunk runs its stage loops at a much higher cost per pixel
        int chunks = (full + CHUNK - 1) / CHUNK, size = chunks == 0 ? 0 : ((full + chunks - 1) / chunks + LANES - 1) / LANES * LANES;
        for (int s = 0; s < full; s += size) {
            convertChunk(src, r + s, g + s, b + s, dst, l + s, a + s, bb + s, Math.min(size, full - s));
        }
        int tail = n - full;
        if (tail == 0) return;
        Arrays.fill(tailIn, 0f);
        System.arraycopy(src, r + full, tailIn, 0, tail);
        System.arraycopy(src, g + full, tailIn, LANES, tail);
        System.arraycopy(src, b + full, tailIn, 2 * LANES, tail);
        convertChunk(tailIn, 0, LANES, 2 * LANES, tailOut, 0, LANES, 2 * LANES, LANES);
        System.arraycopy(tailOut, 0, dst, l + full, tail);
        System.arraycopy(tailOut, LANES, dst, a + full, tail);
        System.arraycopy(tailOut, 2 * LANES, dst, bb + full, tail);
    }

    @Override
    public void sumRows(float[] src, int at, int w, int rows, float[] columns) {
        int full = F.loopBound(w);
        for (int k = 0; k < full; k += LANES) {
            FloatVector sum = FloatVector.fromArray(F, src, at + k);
            for (int i = 1; i < rows; i++) sum = sum.add(FloatVector.fromArray(F, src, at + i * w + k));
            sum.intoArray(columns, k);
        }
        for (int k = full; k < w; k++) {
            float sum = 0;
            for (int i = 0; i < rows; i++) sum += src[at + i * w + k];
            columns[k] = sum;
        }
    }

    /** len is a multiple of LANES. f(X), f(Y), f(Z) pass through dst's a, L and b planes before the final combination. */
    private void convertChunk(float[] src, int r, int g, int b, float[] dst, int l, int a, int bb, int len) {
        boolean inDomain = linearize(src, r, linR, len);
        inDomain &= linearize(src, g, linG, len);
        inDomain &= linearize(src, b, linB, len);
        labCurve(0, dst, a, len);
        labCurve(1, dst, l, len);
        labCurve(2, dst, bb, len);
        combine(dst, l, a, bb, len);
        if (!inDomain) redoOutOfDomain(src, r, g, b, dst, l, a, bb, len);
    }

    /** dst = sRGB c → linear; false when some |c| > LIMIT or is NaN (those lanes hold garbage). */
    private static boolean linearize(float[] src, int off, float[] dst, int n) {
        boolean inDomain = true;
        for (int i = 0; i < n; i += LANES) {
            FloatVector c = FloatVector.fromArray(F, src, off + i);
            inDomain &= c.abs().compare(VectorOperators.LE, LIMIT).allTrue();
            // x = (c + 0.055) / 1.055 = m·2^e with m in [√½, √2)
            IntVector bits = c.add(0.055f).mul(1 / 1.055f).reinterpretAsInts();
            IntVector mBits = bits.and(0x007fffff).or(0x3f800000);
            IntVector e = bits.lanewise(VectorOperators.LSHR, 23).sub(127);
            VectorMask<Integer> high = mBits.compare(VectorOperators.GT, SQRT2_BITS);
            mBits = mBits.sub(0x00800000, high);
            e = e.add(1, high);
            FloatVector u = mBits.reinterpretAsFloats().sub(1f);
            FloatVector p = FloatVector.broadcast(F, L8);
            p = p.fma(u, FloatVector.broadcast(F, L7));
            p = p.fma(u, FloatVector.broadcast(F, L6));
            p = p.fma(u, FloatVector.broadcast(F, L5));
            p = p.fma(u, FloatVector.broadcast(F, L4));
            p = p.fma(u, FloatVector.broadcast(F, L3));
            p = p.fma(u, FloatVector.broadcast(F, L2));
            p = p.fma(u, FloatVector.broadcast(F, L1));
            p = p.fma(u, FloatVector.broadcast(F, L0));
            // x^2.4 = 2^(2e) · 2^y with y = 0.4e + 2.4·log2 m: the integer part of the exponent stays out of the rounding
            FloatVector y = ((FloatVector) e.convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(F, 0.4f), p.mul(u));
            FloatVector shifted = y.add(ROUNDER);
            FloatVector frac = y.sub(shifted.sub(ROUNDER));
            FloatVector q = FloatVector.broadcast(F, E6);
            q = q.fma(frac, FloatVector.broadcast(F, E5));
            q = q.fma(frac, FloatVector.broadcast(F, E4));
            q = q.fma(frac, FloatVector.broadcast(F, E3));
            q = q.fma(frac, FloatVector.broadcast(F, E2));
            q = q.fma(frac, FloatVector.broadcast(F, E1));
            q = q.fma(frac, FloatVector.broadcast(F, E0));
            IntVector exponent = shifted.reinterpretAsInts().sub(ROUNDER_BITS).add(e.add(e)).lanewise(VectorOperators.LSHL, 23);
            FloatVector power = q.reinterpretAsInts().add(exponent).reinterpretAsFloats();
            c.mul(1 / 12.92f).blend(power, c.compare(VectorOperators.GT, SRGB_KNEE)).intoArray(dst, i);
        }
        return inDomain;
    }

    /** dst[off..] = f(t) for t = row {@code row} of RGB_TO_T applied to the linear planes. */
    private void labCurve(int row, float[] dst, int off, int n) {
        FloatVector m1 = FloatVector.broadcast(F, M[3 * row + 1]), m2 = FloatVector.broadcast(F, M[3 * row + 2]);
        float m0 = M[3 * row];
        float[] lr = linR, lg = linG, lb = linB;
        for (int i = 0; i < n; i += LANES) {
            FloatVector t = FloatVector.fromArray(F, lb, i).fma(m2, FloatVector.fromArray(F, lg, i).fma(m1, FloatVector.fromArray(F, lr, i).mul(m0)));
            // bits(t)/3 by shifts, (1/4 + 1/16)(1 + 1/16)(1 + 1/256) ≈ 1/3 (integer division is not intrinsified)
            IntVector bits = t.reinterpretAsInts();
            IntVector third = bits.lanewise(VectorOperators.LSHR, 2).add(bits.lanewise(VectorOperators.LSHR, 4));
            third = third.add(third.lanewise(VectorOperators.LSHR, 4));
            third = third.add(third.lanewise(VectorOperators.LSHR, 8));
            FloatVector y = IntVector.broadcast(I, INV_CBRT_MAGIC).sub(third).reinterpretAsFloats();
            // two Newton steps for y = t^(-1/3): y ← y·(4/3 − (t/3)·y³), error 3.5 % → 2e-3 → 1e-5
            FloatVector minusThirdT = t.mul(-1 / 3f), fourThirds = FloatVector.broadcast(F, 4 / 3f);
            y = y.mul(y.mul(y).mul(y).fma(minusThirdT, fourThirds));
            y = y.mul(y.mul(y).mul(y).fma(minusThirdT, fourThirds));
            // one Newton step on the root itself, root ← root − (root³ − t)·y²/3 (1/(3·root²) ≈ y²/3), with root³ − t
            // exact to a rounding: root² = sq + sqError exactly, and fma rounds sq·root − t once
            FloatVector root = t.mul(y).mul(y);
            FloatVector sq = root.mul(root), sqError = root.fma(root, sq.neg());
            FloatVector excess = sqError.fma(root, sq.fma(root, t.neg()));
            root = excess.fma(y.mul(y).mul(-1 / 3f), root);
            t.mul(SLOPE).add(F_OFFSET).blend(root, t.compare(VectorOperators.GT, T_KNEE)).intoArray(dst, off + i);
        }
    }

    /** L = 116 f(Y) − 16, a = 500 (f(X) − f(Y)), b = 200 (f(Y) − f(Z)), in place over the planes holding f(Y), f(X), f(Z). */
    private static void combine(float[] dst, int l, int a, int bb, int n) {
        for (int i = 0; i < n; i += LANES) {
            FloatVector fx = FloatVector.fromArray(F, dst, a + i);
            FloatVector fy = FloatVector.fromArray(F, dst, l + i);
            FloatVector fz = FloatVector.fromArray(F, dst, bb + i);
            fy.mul(116f).sub(16f).intoArray(dst, l + i);
            fx.sub(fy).mul(500f).intoArray(dst, a + i);
            fy.sub(fz).mul(200f).intoArray(dst, bb + i);
        }
    }

    private void redoOutOfDomain(float[] src, int r, int g, int b, float[] dst, int l, int a, int bb, int n) {
        for (int i = 0; i < n; i++) {
            float cr = src[r + i], cg = src[g + i], cb = src[b + i];
            if (Math.abs(cr) <= LIMIT && Math.abs(cg) <= LIMIT && Math.abs(cb) <= LIMIT) continue;
            ColorMath.rgbToLab(cr, cg, cb, pixel);
            dst[l + i] = (float) pixel[0];
            dst[a + i] = (float) pixel[1];
            dst[bb + i] = (float) pixel[2];
        }
    }
}
