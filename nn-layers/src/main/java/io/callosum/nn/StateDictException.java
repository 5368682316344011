package io.callosum.nn;

import java.util.List;

/** A state dict that does not fit a module: lists every missing key, unexpected key and shape mismatch at once. */
public final class StateDictException extends IllegalArgumentException {
    private final List<String> missing, unexpected, mismatched;

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

    public List<String> missing() {
        return missing;
    }

    public List<String> unexpected() {
        return unexpected;
    }

    public List<String> mismatched() {
        return mismatched;
    }
}
