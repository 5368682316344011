package io.callosum.tensor;

import java.util.Locale;
import java.util.Objects;

/**
 * Where a tensor's storage lives: a backend type ("cpu", "cuda", or any type a {@link io.callosum.tensor.spi.BackendProvider}
 * registers) and an index. Ops never copy between devices implicitly; mixing devices is an error.
 *
 * @param type the backend type, lower case, e.g. {@code cpu} or {@code cuda}
 * @param index which device of that type, from 0 (always 0 for the CPU)
 */
public record Device(String type, int index) {
    /** The CPU, where tensors are created unless a device is named. */
    public static final Device CPU = new Device("cpu", 0);

    /**
     * Checks the components.
     *
     * @param type the backend type, e.g. "cpu" or "cuda"
     * @param index the device's number within its type, from 0
     * @throws IllegalArgumentException if type is blank, not lower case or contains ':', or index is negative
     */
    public Device {
        Objects.requireNonNull(type, "type");
        if (type.isBlank() || !type.equals(type.toLowerCase(Locale.ROOT)) || type.contains(":")) {
            throw new IllegalArgumentException("Device: type must be a lower-case name without ':', got '" + type + "'");
        }
        if (index < 0) throw new IllegalArgumentException("Device: index must be >= 0, got " + index + " for " + type);
    }

    /**
     * A CUDA GPU, like torch.device('cuda', index); usable when cuda-kernels is on the class path and the GPU exists.
     *
     * @param index the GPU's number, from 0
     * @return the device
     */
    public static Device cuda(int index) {
        return new Device("cuda", index);
    }

    /**
     * The first CUDA GPU, {@code cuda:0}.
     *
     * @return the device
     */
    public static Device cuda() {
        return cuda(0);
    }

    /**
     * Parses "cpu", "cuda", "cuda:1" (or any "type[:index]").
     *
     * @param text the device, case and surrounding spaces ignored
     * @return the device
     * @throws IllegalArgumentException if the index is not an integer or the type is invalid
     */
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

    /**
     * Whether this is the CPU (any index).
     *
     * @return true for type "cpu"
     */
    public boolean isCpu() {
        return type.equals("cpu");
    }

    /** PyTorch's spelling: {@code cpu}, or type:index such as {@code cuda:0}. */
    @Override
    public String toString() {
        return isCpu() ? "cpu" : type + ":" + index;
    }
}
