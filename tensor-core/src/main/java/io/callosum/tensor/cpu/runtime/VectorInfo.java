package io.callosum.tensor.cpu.runtime;

import jdk.incubator.vector.FloatVector;

/** Touches the Vector API; loaded only when the module is present. */
final class VectorInfo {
    private VectorInfo() {
    }

    static String describe() {
        var s = FloatVector.SPECIES_PREFERRED;
        return "Vector API (" + s.vectorBitSize() + "-bit, " + s.length() + " floats)";
    }
}
