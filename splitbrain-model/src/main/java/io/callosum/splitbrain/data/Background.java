package io.callosum.splitbrain.data;

import io.callosum.tensor.Generator;

/** A textured, desaturated background: gradient, stripes, checks or smooth value noise between two colours. */
final class Background {
    private enum Kind { GRADIENT, STRIPES, CHECKS, NOISE }

    private final Kind kind;
    private final double[] a, b;
    private final double cos, sin, frequency, phase;
    private final double[] noise; // 5×5 lattice for value noise

    private Background(Kind kind, double[] a, double[] b, double angle, double frequency, double phase, double[] noise) {
        this.kind = kind;
        this.a = a;
        this.b = b;
        this.cos = Math.cos(angle);
        this.sin = Math.sin(angle);
        this.frequency = frequency;
        this.phase = phase;
        this.noise = noise;
    }

    static Background random(Generator g) {
        Kind kind = Kind.values()[g.nextInt(Kind.values().length)];
        double hue = g.nextDouble();
        double[] a = SceneRenderer.hsv(hue, 0.05 + 0.35 * g.nextDouble(), 0.25 + 0.65 * g.nextDouble());
        double[] b = SceneRenderer.hsv(hue + (g.nextDouble() - 0.5) * 0.3, 0.05 + 0.35 * g.nextDouble(), 0.25 + 0.65 * g.nextDouble());
        double[] noise = new double[25];
        for (int i = 0; i < noise.length; i++) noise[i] = g.nextDouble();
        return new Background(kind, a, b, g.nextDouble() * Math.PI, 2 + 6 * g.nextDouble(), g.nextDouble(), noise);
    }

    /** Colour at normalised coordinates (x, y) ∈ [0,1)². */
    void colour(double x, double y, double[] out) {
        double along = x * cos + y * sin;
        double t = switch (kind) {
            case GRADIENT -> (along + 1) / 2.5;
            case STRIPES -> 0.5 + 0.5 * Math.sin(2 * Math.PI * (along * frequency + phase));
            case CHECKS -> ((int) Math.floor(x * frequency) + (int) Math.floor(y * frequency)) % 2 == 0 ? 0.2 : 0.8;
            case NOISE -> valueNoise(x * 4, y * 4);
        };
        for (int c = 0; c < 3; c++) out[c] = a[c] + (b[c] - a[c]) * t;
    }

    private double valueNoise(double x, double y) {
        int i = Math.min(3, (int) x), j = Math.min(3, (int) y);
        double fx = smooth(x - i), fy = smooth(y - j);
        double v00 = noise[j * 5 + i], v10 = noise[j * 5 + i + 1], v01 = noise[(j + 1) * 5 + i], v11 = noise[(j + 1) * 5 + i + 1];
        return (v00 * (1 - fx) + v10 * fx) * (1 - fy) + (v01 * (1 - fx) + v11 * fx) * fy;
    }

    private static double smooth(double t) {
        return t * t * (3 - 2 * t);
    }
}
