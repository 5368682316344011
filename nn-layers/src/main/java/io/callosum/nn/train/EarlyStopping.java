package io.callosum.nn.train;

import java.util.Map;

/**
 * Stops training once a monitored epoch metric (e.g. {@code val_top1}, {@code loss}) has not improved by more than
 * minDelta for `patience` epochs in a row, so a run does not spend its budget past its best epoch.
 */
public final class EarlyStopping implements Callback {
    /** Whether a smaller (loss) or a larger (accuracy) value is better. */
    public enum Mode {
        /** Lower is better (a loss). */
        MIN,
        /** Higher is better (an accuracy). */
        MAX
    }

    private final String metric;
    private final Mode mode;
    private final int patience;
    private final double minDelta;
    private double best = Double.NaN;
    private int bestEpoch = -1;
    private int epochsWithoutImprovement;

    /** Stops after patience epochs in which metric did not improve by more than minDelta in the direction mode. */
    public EarlyStopping(String metric, Mode mode, int patience, double minDelta) {
        if (patience < 1) throw new IllegalArgumentException("EarlyStopping: patience must be >= 1 epoch, got " + patience);
        if (!(minDelta >= 0)) throw new IllegalArgumentException("EarlyStopping: minDelta must be >= 0, got " + minDelta);
        this.metric = metric;
        this.mode = mode;
        this.patience = patience;
        this.minDelta = minDelta;
    }

    @Override
    public void onEpochEnd(Trainer trainer, EpochEnd epoch) {
        Double v = epoch.metrics().get(metric);
        if (v == null) {
            throw new IllegalArgumentException("EarlyStopping: no epoch metric '" + metric + "'; the trainer reports "
                    + epoch.metrics().keySet() + " (add .validation(...) for val_top<k>, .trainTopK(...) for top<k>)");
        }
        if (Double.isNaN(best) || (mode == Mode.MIN ? v < best - minDelta : v > best + minDelta)) {
            best = v;
            bestEpoch = epoch.epoch();
            epochsWithoutImprovement = 0;
        } else if (++epochsWithoutImprovement >= patience) {
            trainer.requestStop();
        }
    }

    /** The best value seen (NaN before the first epoch). */
    public double best() {
        return best;
    }

    /** The 0-based epoch that gave {@link #best()}, or −1. */
    public int bestEpoch() {
        return bestEpoch;
    }

    @Override
    public void saveState(Map<String, String> metadata) {
        metadata.put(key("best"), Double.toString(best));
        metadata.put(key("best_epoch"), Integer.toString(bestEpoch));
        metadata.put(key("wait"), Integer.toString(epochsWithoutImprovement));
    }

    @Override
    public void restoreState(Map<String, String> metadata) {
        if (!metadata.containsKey(key("best"))) return;
        best = Double.parseDouble(metadata.get(key("best")));
        bestEpoch = Integer.parseInt(metadata.get(key("best_epoch")));
        epochsWithoutImprovement = Integer.parseInt(metadata.get(key("wait")));
    }

    private String key(String what) {
        return "early_stopping." + metric + "." + what;
    }
}
