package io.callosum.splitbrain.targets;

import io.callosum.tensor.Color;
import io.callosum.tensor.DType;
import io.callosum.tensor.Grad;
import io.callosum.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * The in-gamut cells of a 10-unit ab grid over [−110, 110]² (Zhang et al. 2016 publish 313): the cells that some
 * sRGB colour reaches, found by converting a dense 129³ sample of the RGB cube with {@link Color#rgbToLab}. Positions
 * whose ab falls in an out-of-gamut cell take the nearest in-gamut cell.
 *
 * <p>The count this gives is 266 (268 when sampling 161³; 261 with cells centred on multiples of 10 instead of edged
 * on them): exact sRGB sampling does not reproduce Zhang et al.'s 313 cells, which came from their own gamut
 * estimate; the smaller set has no cell that no sRGB colour can produce.
 */
public final class GamutQuantizer implements Quantizer {
    static final int GRID = 22;
    static final float CELL = 10f;
    private static volatile GamutQuantizer instance;

    private final int[] cellToClass;   // GRID² → class, every cell mapped (nearest in-gamut for the others)
    private final float[][] centres;
    private final Tensor lut;

    private GamutQuantizer(boolean[] inGamut) {
        List<Integer> cells = new ArrayList<>();
        for (int i = 0; i < inGamut.length; i++) if (inGamut[i]) cells.add(i);
        centres = new float[cells.size()][2];
        int[] classOf = new int[GRID * GRID];
        java.util.Arrays.fill(classOf, -1);
        for (int k = 0; k < cells.size(); k++) {
            int cell = cells.get(k);
            classOf[cell] = k;
            centres[k][0] = Color.AB_MIN + (cell / GRID + 0.5f) * CELL;
            centres[k][1] = Color.AB_MIN + (cell % GRID + 0.5f) * CELL;
        }
        cellToClass = new int[GRID * GRID];
        for (int cell = 0; cell < cellToClass.length; cell++) {
            if (classOf[cell] >= 0) {
                cellToClass[cell] = classOf[cell];
                continue;
            }
            float a = Color.AB_MIN + (cell / GRID + 0.5f) * CELL, b = Color.AB_MIN + (cell % GRID + 0.5f) * CELL;
            int best = 0;
            double bestD = Double.MAX_VALUE;
            for (int k = 0; k < centres.length; k++) {
                double d = Math.pow(centres[k][0] - a, 2) + Math.pow(centres[k][1] - b, 2);
                if (d < bestD) {
                    bestD = d;
                    best = k;
                }
            }
            cellToClass[cell] = best;
        }
        lut = Tensor.of(cellToClass, cellToClass.length);
    }

    /** The shared instance (the gamut is computed once per JVM). */
    public static GamutQuantizer instance() {
        if (instance == null) {
            synchronized (GamutQuantizer.class) {
                if (instance == null) instance = new GamutQuantizer(computeGamut(129));
            }
        }
        return instance;
    }

    /** Which GRID×GRID ab cells sRGB colours reach, sampling the RGB cube with n steps per axis. */
    static boolean[] computeGamut(int n) {
        boolean[] used = new boolean[GRID * GRID];
        try (Grad.Guard ng = Grad.disabled()) {
            for (int r = 0; r < n; r++) {
                float[] rgb = new float[3 * n * n];
                for (int g = 0; g < n; g++) {
                    for (int b = 0; b < n; b++) {
                        int p = g * n + b;
                        rgb[p] = r / (float) (n - 1);
                        rgb[n * n + p] = g / (float) (n - 1);
                        rgb[2 * n * n + p] = b / (float) (n - 1);
                    }
                }
                float[] lab = Color.rgbToLab(Tensor.of(rgb, 1, 3, n, n)).toFloatArray();
                for (int p = 0; p < n * n; p++) used[cellOf(lab[n * n + p], lab[2 * n * n + p])] = true;
            }
        }
        return used;
    }

    static int cellOf(float a, float b) {
        int i = Math.min(GRID - 1, Math.max(0, (int) Math.floor((a - Color.AB_MIN) / CELL)));
        int j = Math.min(GRID - 1, Math.max(0, (int) Math.floor((b - Color.AB_MIN) / CELL)));
        return i * GRID + j;
    }

    @Override
    public int classes() {
        return centres.length;
    }

    @Override
    public int channels() {
        return 2;
    }

    @Override
    public Tensor encode(Tensor pooled) {
        Tensor cell = Color.quantize(pooled, new float[]{Color.AB_MIN, Color.AB_MIN}, new float[]{Color.AB_MAX, Color.AB_MAX}, new int[]{GRID, GRID});
        int[] shape = cell.shape();
        return lut.to(pooled.device()).indexSelect(0, cell.reshape(-1)).reshape(shape).to(DType.INT32);
    }

    @Override
    public float[][] centres() {
        float[][] c = new float[centres.length][];
        for (int k = 0; k < c.length; k++) c[k] = centres[k].clone();
        return c;
    }

    @Override
    public String describe() {
        return classes() + " in-gamut cells of a 10-unit ab grid";
    }
}
