package io.callosum.splitbrain.config;

/** The range checks of the configuration records, each failing with the record, the field and the value. */
final class Checks {
    private Checks() {
    }

    static int atLeast(String where, String field, int value, int min) {
        if (value < min) throw new IllegalArgumentException(where + ": " + field + " must be at least " + min + ", got " + value);
        return value;
    }

    static double positive(String where, String field, double value) {
        if (!(value > 0) || Double.isInfinite(value)) throw new IllegalArgumentException(where + ": " + field + " must be positive and finite, got " + value);
        return value;
    }

    static double nonNegative(String where, String field, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) throw new IllegalArgumentException(where + ": " + field + " must be >= 0 and finite, got " + value);
        return value;
    }

    static <T> T present(String where, String field, T value) {
        if (value == null) throw new IllegalArgumentException(where + ": " + field + " is missing");
        return value;
    }
}
