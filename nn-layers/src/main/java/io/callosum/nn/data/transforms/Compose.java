package io.callosum.nn.data.transforms;

import io.callosum.nn.data.Image;
import io.callosum.tensor.Generator;

import java.util.ArrayList;
import java.util.List;

/** Transforms applied in order, each drawing from the same generator. */
public final class Compose implements Transform {
    private final List<Transform> steps;

    /** Applies steps in order. */
    public Compose(List<? extends Transform> steps) {
        List<Transform> flat = new ArrayList<>();
        for (Transform t : steps) {
            if (t == null) throw new NullPointerException("Compose: step " + flat.size() + " is null");
            if (t instanceof Compose c) flat.addAll(c.steps); else flat.add(t);
        }
        this.steps = List.copyOf(flat);
    }

    /** Applies steps in order. */
    public static Compose of(Transform... steps) {
        return new Compose(List.of(steps));
    }

    /** The steps, in order. */
    public List<Transform> steps() {
        return steps;
    }

    @Override
    public Image apply(Image image, Generator gen) {
        for (Transform t : steps) image = t.apply(image, gen);
        return image;
    }

    @Override
    public String toString() {
        return "Compose" + steps;
    }
}
