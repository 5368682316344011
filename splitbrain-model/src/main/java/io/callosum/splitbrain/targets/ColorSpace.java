package io.callosum.splitbrain.targets;

import java.util.Arrays;
import java.util.Locale;

/** The colour spaces of the split: which channels each half sees and predicts. */
public enum ColorSpace {
    /** L → ab and ab → L. */
    LAB,
    /** As LAB, but each image's target channels are stretched to their own min..max before quantization. */
    RESCALED_LAB,
    /** R → GB and GB → R. */
    RGB;

    /** Parses a name case-insensitively ("lab", "rescaled-lab", "rescaled_lab", "rgb"). */
    public static ColorSpace parse(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (ColorSpace c : values()) if (c.name().equals(n)) return c;
        throw new IllegalArgumentException("unknown colour space '" + name + "': expected one of "
                + Arrays.toString(Arrays.stream(values()).map(v -> v.name().toLowerCase(Locale.ROOT).replace('_', '-')).toArray()));
    }

    /** Whether the space is a Lab variant (lightness plus ab colour). */
    public boolean isLab() {
        return this != RGB;
    }

    /** The name reports and logs show for this space. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
