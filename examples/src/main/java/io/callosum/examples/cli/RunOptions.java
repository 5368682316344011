package io.callosum.examples.cli;

import io.callosum.splitbrain.config.Placement;
import io.callosum.tensor.Backends;
import io.callosum.tensor.Device;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options every command that computes shares: where it runs, where it writes, its seed and its loader threads. */
public final class RunOptions {
    @Option(names = "--device", paramLabel = "DEVICE", defaultValue = "cpu", converter = DeviceConverter.class,
            description = "cpu, cuda or cuda:N (default: ${DEFAULT-VALUE}). cuda needs the GPU backend and a GPU.")
    Device device;

    @Option(names = "--out", paramLabel = "DIR", description = "Folder for reports and checkpoints (default: runs/<command>).")
    Path out;

    @Option(names = "--overwrite", description = "Delete the outputs an earlier run left in --out first (other files stay); "
            + "without it a folder holding another run's outputs is refused, and colorize does not replace an existing picture.")
    boolean overwrite;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Seed of every random draw (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "2",
            description = "Background threads that load and decode images (default: ${DEFAULT-VALUE}; 0 loads on the training thread).")
    int workers;

    /** The device, after checking that a backend for it is present and usable (one sentence if not). */
    public Device device() {
        if (!device.isCpu()) {
            try {
                Backends.get(device);
            } catch (IllegalStateException | IllegalArgumentException e) {
                throw new CliUsageException(e.getMessage());
            }
        }
        return device;
    }

    public boolean overwrite() {
        return overwrite;
    }

    public Path out(String command) {
        return out != null ? out : Path.of("runs", command);
    }

    public long seed() {
        return seed;
    }

    public int workers() {
        if (workers < 0) throw new CliUsageException("--workers must be >= 0, got " + workers);
        return workers;
    }

    /** The device (checked) and loader threads. */
    public Placement placement() {
        return new Placement(device(), workers());
    }
}
