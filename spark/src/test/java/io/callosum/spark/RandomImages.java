package io.callosum.spark;

import io.callosum.nn.data.Dataset;
import io.callosum.nn.data.Image;

import java.util.SplittableRandom;

/** Seeded random C×H×W images whose label is their index mod classes: a dataset of any size for tests. */
record RandomImages(int size, int channels, int side, int classes, long seed) implements Dataset {
    @Override
    public int numClasses() {
        return classes;
    }

    @Override
    public String name() {
        return "random images (" + size + ")";
    }

    @Override
    public Image image(int index) {
        checkIndex(index);
        SplittableRandom r = new SplittableRandom(seed * 1_000_003L + index);
        float[] v = new float[channels * side * side];
        for (int i = 0; i < v.length; i++) v[i] = (float) r.nextDouble();
        return new Image(channels, side, side, v);
    }

    @Override
    public int label(int index) {
        return index % classes;
    }
}
