package io.callosum.nn.train;

import io.callosum.nn.io.CheckpointException;
import io.callosum.nn.metrics.TopKAccuracy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a {@link Trainer} stands (epochs and steps done, loss history, the running epoch's metric counts), and its
 * round trip through a checkpoint's metadata, so a resumed run picks up mid-epoch exactly.
 */
final class Progress {
    int epochsDone;
    int stepInEpoch;
    long globalStep;
    int skippedSteps;
    long imagesInEpoch;
    /** Index in stepLosses of the current epoch's first loss. */
    int epochFirstLoss;
    final List<Double> stepLosses = new ArrayList<>();
    final List<Double> epochLosses = new ArrayList<>();

    void save(Map<String, String> meta, List<TopKAccuracy> trainMetrics) {
        meta.put("step_in_epoch", Integer.toString(stepInEpoch));
        meta.put("skipped_steps", Integer.toString(skippedSteps));
        meta.put("images_in_epoch", Long.toString(imagesInEpoch));
        meta.put("epoch_first_loss", Integer.toString(epochFirstLoss));
        meta.put("step_losses", join(stepLosses));
        meta.put("epoch_losses", join(epochLosses));
        for (TopKAccuracy m : trainMetrics) meta.put("train_top" + m.k(), m.correct() + "/" + m.total());
    }

    /**
     * Fills this (fresh) progress and the (fresh) metrics from a checkpoint's step, epoch and metadata; absent keys
     * (older checkpoints) read as zero.
     */
    void restore(Path file, long step, int epoch, Map<String, String> meta, List<TopKAccuracy> trainMetrics) throws CheckpointException {
        try {
            List<Double> steps = split(meta.get("step_losses")), epochs = split(meta.get("epoch_losses"));
            int inEpoch = parseInt(meta, "step_in_epoch"), skipped = parseInt(meta, "skipped_steps");
            int firstLoss = meta.containsKey("epoch_first_loss") ? parseInt(meta, "epoch_first_loss") : steps.size();
            long images = meta.containsKey("images_in_epoch") ? Long.parseLong(meta.get("images_in_epoch")) : 0;
            if (firstLoss > steps.size() || inEpoch < 0 || skipped < 0) {
                throw new NumberFormatException("inconsistent counters: step_in_epoch " + inEpoch + ", epoch_first_loss " + firstLoss
                        + " of " + steps.size() + " losses");
            }
            for (TopKAccuracy m : trainMetrics) {
                String counts = meta.get("train_top" + m.k());
                if (counts != null) {
                    String[] p = counts.split("/");
                    m.add(Long.parseLong(p[0]), Long.parseLong(p[1]));
                }
            }
            epochsDone = epoch;
            globalStep = step;
            stepInEpoch = inEpoch;
            skippedSteps = skipped;
            imagesInEpoch = images;
            epochFirstLoss = firstLoss;
            stepLosses.clear();
            stepLosses.addAll(steps);
            epochLosses.clear();
            epochLosses.addAll(epochs);
        } catch (RuntimeException e) {
            throw new CheckpointException(file, "training progress in the metadata is invalid: " + e.getMessage(), e);
        }
    }

    /** Mean of the current epoch's recorded step losses, summed in order (NaN when none). */
    double epochMeanLoss() {
        double sum = 0;
        for (int i = epochFirstLoss; i < stepLosses.size(); i++) sum += stepLosses.get(i);
        int n = stepLosses.size() - epochFirstLoss;
        return n == 0 ? Double.NaN : sum / n;
    }

    private static int parseInt(Map<String, String> meta, String key) {
        String v = meta.get(key);
        return v == null ? 0 : Integer.parseInt(v);
    }

    private static String join(List<Double> xs) {
        StringBuilder sb = new StringBuilder();
        for (double x : xs) {
            if (sb.length() > 0) sb.append(',');
            sb.append(x); // Double.toString round-trips exactly
        }
        return sb.toString();
    }

    private static List<Double> split(String s) {
        List<Double> out = new ArrayList<>();
        if (s == null || s.isEmpty()) return out;
        for (String p : s.split(",")) out.add(Double.parseDouble(p));
        return out;
    }
}
