package io.callosum.benchmarks.gpu;

import io.callosum.cuda.alloc.MemoryStats;
import io.callosum.splitbrain.model.Architecture;
import io.callosum.tensor.LeakDetector;

import java.util.ArrayList;
import java.util.List;

/**
 * Leak check of a training loop: snapshots ({@link MemorySnapshot}) after a first and a second number of steps; by
 * the first, every cache (optimizer state, allocator blocks, cuDNN workspaces, loaded kernels) has reached its steady
 * size, so what grows after it grows with the step count.
 *
 * <p>Bounds on the growth from the first to the second snapshot: open tensors none (every step's tensors are closed
 * by its scope); allocator-allocated bytes {@link #ALLOCATED_SLACK} (block rounding of a changed size order); reserved
 * bytes {@link #RESERVED_SLACK} and driver-used bytes {@link #DRIVER_SLACK} (a late new segment or workspace, not a
 * per-step growth: 800 steps leaking even 100 KiB each would exceed them); CPU heap after GC {@link #HEAP_SLACK}.
 *
 * <p>{@code MemoryGrowth <device> <model> <batch> <first steps> <second steps>}
 */
public final class MemoryGrowth {
    static final long ALLOCATED_SLACK = 1L << 20;
    static final long RESERVED_SLACK = 64L << 20;
    static final long DRIVER_SLACK = 128L << 20;
    static final long HEAP_SLACK = 64L << 20;

    private MemoryGrowth() {
    }

    public static void main(String[] args) {
        if (args.length != 5) {
            System.err.println("usage: MemoryGrowth <device> <model: simplenet|resnet18> <batch> <first steps> <second steps>");
            System.exit(2);
        }
        LeakDetector.enable(LeakDetector.Level.COUNT);
        Target target = Target.parse(args[0]);
        Architecture arch = Architecture.parse(args[1]);
        int batch = Integer.parseInt(args[2]), first = Integer.parseInt(args[3]), second = Integer.parseInt(args[4]);
        if (first < 1 || second <= first) throw new IllegalArgumentException("MemoryGrowth: needs 1 <= first < second, got " + first + ", " + second);
        MemorySnapshot a, b;
        try (TrainingStep step = new TrainingStep(arch, batch, 5, target)) {
            for (int i = 0; i < first; i++) step.run();
            a = MemorySnapshot.take(target);
            System.out.println("after " + first + " steps: " + a.describe());
            for (int i = first; i < second; i++) step.run();
            b = MemorySnapshot.take(target);
            System.out.println("after " + second + " steps: " + b.describe());
        }
        if (SelfTest.injects("memory")) {
            b = new MemorySnapshot(b.openTensors() + 1, b.allocatedBytes(), b.reservedBytes(), b.driverUsedBytes(), b.heapBytes());
            System.out.println("self-test: one open tensor added to the second snapshot");
        }
        List<String> over = new ArrayList<>();
        bound(over, "open tensors", b.openTensors() - a.openTensors(), 0, false);
        if (target.isCuda()) {
            bound(over, "allocated", b.allocatedBytes() - a.allocatedBytes(), ALLOCATED_SLACK, true);
            bound(over, "reserved", b.reservedBytes() - a.reservedBytes(), RESERVED_SLACK, true);
            bound(over, "driver used", b.driverUsedBytes() - a.driverUsedBytes(), DRIVER_SLACK, true);
        } else {
            bound(over, "heap", b.heapBytes() - a.heapBytes(), HEAP_SLACK, true);
        }
        String item = VerdictRow.fmt("%s b%d on %s, steps %d→%d", arch.label(), batch, target, first, second);
        VerdictRow row = VerdictRow.check("memory", item, over.isEmpty(), b.describe(),
                over.isEmpty() ? "growth within bounds (" + a.describe() + " at " + first + ")" : "grew: " + String.join("; ", over)).print();
        if (row.status() == VerdictRow.Status.FAIL) System.exit(1);
    }

    private static void bound(List<String> over, String what, long growth, long slack, boolean bytes) {
        String g = bytes ? MemoryStats.bytes(Math.abs(growth)) : String.valueOf(Math.abs(growth));
        String line = what + (growth < 0 ? " −" : " +") + g;
        System.out.println("growth: " + line + " (bound " + (bytes ? MemoryStats.bytes(slack) : slack) + ")");
        if (growth > slack) over.add(line + " > " + (bytes ? MemoryStats.bytes(slack) : String.valueOf(slack)));
    }
}
