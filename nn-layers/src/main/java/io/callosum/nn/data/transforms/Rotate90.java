package io.callosum.nn.data.transforms;

import io.callosum.nn.data.Image;
import io.callosum.tensor.Generator;

/**
 * An exact rotation by k·90° counter-clockwise (as displayed, like {@code numpy.rot90}); height and width swap for odd
 * k. Used by the rotation-prediction baseline, where interpolation would leak the answer.
 */
public final class Rotate90 implements Transform {
    private final int quarterTurns;

    /** Rotates by k quarter turns counter-clockwise (any k; taken modulo 4). */
    public Rotate90(int k) {
        this.quarterTurns = Math.floorMod(k, 4);
    }

    /** Quarter turns counter-clockwise, 0..3. */
    public int quarterTurns() {
        return quarterTurns;
    }

    @Override
    public Image apply(Image image, Generator gen) {
        return rotate(image, quarterTurns);
    }

    /** image rotated k quarter turns counter-clockwise (a new image unless k ≡ 0 mod 4). */
    public static Image rotate(Image image, int k) {
        int q = Math.floorMod(k, 4);
        if (q == 0) return image;
        int c = image.channels(), h = image.height(), w = image.width();
        int oh = q == 2 ? h : w, ow = q == 2 ? w : h;
        Image out = Image.zeros(c, oh, ow);
        float[] s = image.data(), d = out.data();
        for (int ch = 0; ch < c; ch++) {
            int sp = ch * h * w, dp = ch * oh * ow;
            for (int y = 0; y < oh; y++) {
                for (int x = 0; x < ow; x++) {
                    int sy, sx;
                    switch (q) {
                        case 1 -> { sy = x; sx = w - 1 - y; }
                        case 2 -> { sy = h - 1 - y; sx = w - 1 - x; }
                        default -> { sy = h - 1 - x; sx = y; }
                    }
                    d[dp + y * ow + x] = s[sp + sy * w + sx];
                }
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "Rotate90(" + quarterTurns + ")";
    }
}
