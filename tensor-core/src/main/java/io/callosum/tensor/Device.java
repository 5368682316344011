package io.callosum.tensor;

import java.util.Locale;
import java.util.Objects;

/**
 * Where a tensor's storage lives: a backend type ("cpu", "cuda", or any type a {@link io.callosum.tensor.spi.BackendProvider}
 * registers) and an index. Ops never copy between devices implicitly; mixing devices is an error.
 */
public record Device(String type, int index) {
    public static final Device CPU = new Device("cpu", 0);

    public Device {
        Objects.requireNonNull(type, "type");
        if (type.isBlank() || !type.equals(type.toLowerCase(Locale.ROOT)) || type.contains(":")) {
            throw new IllegalArgumentException("Device: type must be a lower-case name without ':', got '" + type + "'");
        }
        if (index < 0) throw new IllegalArgumentException("Device: index must be >= 0, got " + index + " for " + type);
    }

    public static Device cuda(int index) {
        return new Device("cuda", index);
    }

    public static Device cuda() {
        return cuda(0);
    }

    /** Parses "cpu", "cuda", "cuda:1" (or any "type[:index]"). */
    public static Device parse(String text) {
        Objects.requireNonNull(text, "device");
        String s = text.trim().toLowerCase(Locale.ROOT);
        int colon = s.indexOf(':');
        if (colon < 0) return s.equals("cpu") ? CPU : new Device(s, 0);
        String type = s.substring(0, colon);
        String idx = s.substring(colon + 1);
        try {
            return new Device(type, Integer.parseInt(idx));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Device: cannot parse '" + text + "': expected cpu, cuda or cuda:N");
        }
    }

    public boolean isCpu() {
        return type.equals("cpu");
    }

    @Override
    public String toString() {
        return isCpu() ? "cpu" : type + ":" + index;
    }
}
