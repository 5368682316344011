package io.callosum.benchmarks.gpu;

import io.callosum.splitbrain.model.Architecture;

/**
 * Images/s of full SplitBrain training steps ({@link TrainingStep}) on one target: warm-up steps first (PTX JIT,
 * cuDNN algorithm choice, C2), then timed steps with one device synchronisation at the end — as gpu_ref.py times
 * PyTorch, so neither side pays a read-back per step.
 *
 * <p>{@code TrainThroughput <device> <model> <batch,batch,...> <warm-up steps> <timed steps>}; the precision label
 * ("tf32" or "fp32") is the {@code -Dcallosum.cuda.tf32} setting.
 */
public final class TrainThroughput {
    private TrainThroughput() {
    }

    public static void main(String[] args) {
        if (args.length != 5) {
            System.err.println("usage: TrainThroughput <device> <model: simplenet|resnet18> <batch,batch,...> <warm-up steps> <timed steps>");
            System.exit(2);
        }
        Target target = Target.parse(args[0]);
        Architecture arch = Architecture.parse(args[1]);
        int warmup = Integer.parseInt(args[3]), steps = Integer.parseInt(args[4]);
        if (warmup < 0 || steps < 1) throw new IllegalArgumentException("TrainThroughput: needs warm-up >= 0 and timed steps >= 1, got " + warmup + ", " + steps);
        // the label is the setting, as gpu_ref.py labels PyTorch's; on the CPU it changes nothing
        String precision = Boolean.getBoolean("callosum.cuda.tf32") ? "tf32" : "fp32";
        for (String b : args[2].split(",")) {
            int batch = Integer.parseInt(b.trim());
            try (TrainingStep step = new TrainingStep(arch, batch, 3, target)) {
                for (int i = 0; i < warmup; i++) step.run();
                target.synchronize();
                long t0 = System.nanoTime();
                for (int i = 0; i < steps; i++) step.run();
                target.synchronize();
                double seconds = (System.nanoTime() - t0) / 1e9;
                double imagesPerSecond = (double) batch * steps / seconds;
                new VerdictRow("throughput", VerdictRow.fmt("%s b%d %s", arch.label(), batch, precision), VerdictRow.Status.INFO,
                        VerdictRow.fmt("%.1f img/s", imagesPerSecond),
                        VerdictRow.fmt("callosum on %s, %d timed steps after %d warm-up, %.2f s", target, steps, warmup, seconds)).print();
            }
        }
    }
}
