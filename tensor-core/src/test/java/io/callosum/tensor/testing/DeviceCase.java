package io.callosum.tensor.testing;

import io.callosum.tensor.Backends;
import io.callosum.tensor.Device;
import io.callosum.tensor.Tensor;
import io.callosum.tensor.cpu.runtime.CpuSettings;
import io.callosum.tensor.spi.BackendProvider;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One backend configuration the op suite runs on: "cpu" (vectorised where available), "cpu-scalar" (the fallback
 * path forced), and "cuda" when a GPU backend is present and available. The set is chosen by the system property
 * {@code callosum.test.devices} (default {@code cpu,cpu-scalar,cuda}); an unavailable device is left out with its
 * reason printed once.
 *
 * <pre>{@code
 * @ParameterizedTest @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
 * void exp(DeviceCase dc) { try (var on = dc.activate()) { ... dc.tensor(values, shape) ... } }
 * }</pre>
 */
public record DeviceCase(String name, Device device, boolean scalar) {
    private static volatile boolean reported;

    public static Stream<DeviceCase> all() {
        String spec = System.getProperty("callosum.test.devices", "cpu,cpu-scalar,cuda");
        List<DeviceCase> cases = new ArrayList<>();
        for (String raw : spec.split(",")) {
            String s = raw.trim();
            if (s.isEmpty()) continue;
            if (s.equals("cpu")) cases.add(new DeviceCase("cpu", Device.CPU, false));
            else if (s.equals("cpu-scalar")) cases.add(new DeviceCase("cpu-scalar", Device.CPU, true));
            else {
                Device d = Device.parse(s);
                String reason = unavailable(d.type());
                if (reason == null) cases.add(new DeviceCase(d.toString(), d, false));
                else report("[callosum tests] " + d + " skipped: " + reason);
            }
        }
        return cases.stream();
    }

    /** Null when the device type is usable, else why not. */
    public static String unavailable(String type) {
        for (BackendProvider p : Backends.providers()) {
            if (p.deviceType().equals(type)) return p.isAvailable() ? null : p.unavailableReason();
        }
        return "no '" + type + "' backend on the class path (add the io.callosum:cuda-kernels module for cuda)";
    }

    private static void report(String line) {
        if (!reported) {
            reported = true;
            System.out.println(line);
        }
    }

    /** Selects this case's CPU path for the duration of a test. */
    public AutoCloseable activate() {
        boolean prev = CpuSettings.setScalar(scalar);
        return () -> CpuSettings.setScalar(prev);
    }

    /** A FLOAT32 tensor with these values on this case's device. */
    public Tensor tensor(float[] values, int... shape) {
        return Tensor.of(values, shape).to(device);
    }

    public Tensor ints(int[] values, int... shape) {
        return Tensor.of(values, shape).to(device);
    }

    @Override
    public String toString() {
        return name;
    }
}
