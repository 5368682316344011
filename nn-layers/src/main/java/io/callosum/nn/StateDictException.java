package io.callosum.nn;

import java.util.List;

/** A state dict that does not fit a module: lists every missing key, unexpected key and shape mismatch at once. */
public final class StateDictException extends IllegalArgumentException {
    /** Names the module has that the state lacks. */
    private final List<String> missing;
    /** Names the state has that the module lacks. */
    private final List<String> unexpected;
    /** Names whose shape differs from the module's. */
    private final List<String> mismatched;

    /** A state dict that does not match module: missing, unexpected and mismatched names. */
    public StateDictException(String module, List<String> missing, List<String> unexpected, List<String> mismatched, boolean strict) {
        super(message(module, missing, unexpected, mismatched, strict));
        this.missing = List.copyOf(missing);
        this.unexpected = List.copyOf(unexpected);
        this.mismatched = List.copyOf(mismatched);
    }

    private static String message(String module, List<String> missing, List<String> unexpected, List<String> mismatched, boolean strict) {
        StringBuilder sb = new StringBuilder("loadStateDict(" + module + (strict ? ", strict" : ", non-strict") + "): state dict does not fit");
        if (strict && !missing.isEmpty()) sb.append("; missing keys ").append(missing);
        if (strict && !unexpected.isEmpty()) sb.append("; unexpected keys ").append(unexpected);
        if (!mismatched.isEmpty()) sb.append("; size mismatches ").append(mismatched);
        return sb.toString();
    }

    /** Names the module has that the state lacks. */
    public List<String> missing() {
        return missing;
    }

    /** Names the state has that the module lacks. */
    public List<String> unexpected() {
        return unexpected;
    }

    /** Names whose shape differs from the module's. */
    public List<String> mismatched() {
        return mismatched;
    }
}
