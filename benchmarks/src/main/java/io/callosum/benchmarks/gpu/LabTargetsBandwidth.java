package io.callosum.benchmarks.gpu;

import io.callosum.splitbrain.targets.ChannelSplit;
import io.callosum.splitbrain.targets.GridQuantizer;
import io.callosum.tensor.Color;
import io.callosum.tensor.Generator;
import io.callosum.tensor.Grad;
import io.callosum.tensor.Scope;
import io.callosum.tensor.Tensor;

/**
 * Memory throughput of the split-brain targets path — RGB → Lab with the 8×8 block means in one pass
 * ({@link Color#rgbToLabPooled}), then the L and ab quantizers on the block means, as ChannelSplit.prepare does —
 * against a plain copy of the same RGB batch in the same run. Both count the bytes they must move at least: the
 * targets path reads the RGB batch and writes its Lab image, block means and two int32 target maps; the copy reads
 * and writes the batch. A ratio near 1 means the colour kernel runs at copy speed, i.e. it is memory-bound as it
 * should be.
 *
 * <p>{@code LabTargetsBandwidth <device> <batch> <repeats>}
 */
public final class LabTargetsBandwidth {
    private LabTargetsBandwidth() {
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: LabTargetsBandwidth <device> <batch> <repeats>");
            System.exit(2);
        }
        Target target = Target.parse(args[0]);
        int batch = Integer.parseInt(args[1]), reps = Integer.parseInt(args[2]);
        if (batch < 1 || reps < 1) throw new IllegalArgumentException("LabTargetsBandwidth: needs batch >= 1 and repeats >= 1, got " + batch + ", " + reps);
        int side = TrainingStep.SIDE, cells = batch * (side / ChannelSplit.POOL) * (side / ChannelSplit.POOL);
        long rgbBytes = 4L * batch * 3 * side * side;
        long targetBytes = rgbBytes /* read */ + rgbBytes /* Lab written */ + 4L * 3 * cells /* block means */ + 2 * 4L * cells /* targets */;
        GridQuantizer l = GridQuantizer.lightness(), ab = GridQuantizer.ab();
        try (Grad.Guard ng = Grad.disabled(); Tensor rgb = Tensor.rand(new Generator(0), batch, 3, side, side).to(target.device());
             Target.Activation on = target.activate()) {
            double targets = seconds(target, reps, () -> {
                Color.LabPooled lab = Color.rgbToLabPooled(rgb, ChannelSplit.POOL);
                ab.encode(lab.pooled().narrow(1, 1, 2));
                l.encode(lab.pooled().narrow(1, 0, 1));
            });
            double copy = seconds(target, reps, rgb::copy);
            double targetsGbs = targetBytes / targets / 1e9, copyGbs = 2.0 * rgbBytes / copy / 1e9;
            String item = VerdictRow.fmt("b%d 3×%d×%d on %s", batch, side, side, target);
            new VerdictRow("lab-targets", item + " Lab+pool+quantize", VerdictRow.Status.INFO, VerdictRow.fmt("%.2f GB/s", targetsGbs),
                    VerdictRow.fmt("%.3f ms per batch, %.1f MB moved", targets * 1e3, targetBytes / 1e6)).print();
            new VerdictRow("lab-targets", item + " copy", VerdictRow.Status.INFO, VerdictRow.fmt("%.2f GB/s", copyGbs),
                    VerdictRow.fmt("%.3f ms per batch, %.1f MB moved; Lab path at %.3f× copy speed", copy * 1e3, 2.0 * rgbBytes / 1e6, targetsGbs / copyGbs)).print();
        }
    }

    /** Seconds per call after two warm-up calls, each call in its own scope, one synchronisation at the end. */
    private static double seconds(Target target, int reps, Runnable body) {
        for (int i = 0; i < 2; i++) {
            try (Scope s = Scope.open()) {
                body.run();
            }
        }
        target.synchronize();
        long t0 = System.nanoTime();
        for (int i = 0; i < reps; i++) {
            try (Scope s = Scope.open()) {
                body.run();
            }
        }
        target.synchronize();
        return (System.nanoTime() - t0) / 1e9 / reps;
    }
}
