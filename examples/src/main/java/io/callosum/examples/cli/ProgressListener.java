package io.callosum.examples.cli;

import io.callosum.nn.train.Callback;
import io.callosum.nn.train.Trainer;
import io.callosum.splitbrain.train.TrainListener;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Draws a progress bar per training epoch (images done, images/s, ETA, current loss) on one stream and writes a
 * one-line summary per epoch on another. On a terminal the bar redraws in place, fitted to its width; otherwise (a
 * log file, a test) it prints a line every half minute, so logs stay short.
 */
public final class ProgressListener implements TrainListener {
    private final PrintWriter summaries;
    private final PrintWriter bars;
    private final boolean interactive;
    private ProgressBar bar;
    private String barPhase;
    private int barEpoch;
    private final DivergenceGuard divergence = new DivergenceGuard();

    public ProgressListener(PrintWriter summaries, PrintWriter bars, boolean interactive) {
        this.summaries = summaries;
        this.bars = bars;
        this.interactive = interactive;
    }

    /** Bars on a terminal when there is one. */
    public static ProgressListener forConsole(PrintWriter summaries, PrintWriter bars) {
        return new ProgressListener(summaries, bars, System.console() != null);
    }

    /** Every step of a training loop: stops it when its loss has exploded, then draws it. */
    @Override
    public void onStepEnd(Trainer trainer, Callback.StepEnd s) {
        divergence.check(trainer, s);
        TrainListener.super.onStepEnd(trainer, s);
    }

    @Override
    public void onStep(String phase, int epoch, int step, int stepsInEpoch, double loss, int images) {
        if (bar == null || !phase.equals(barPhase) || epoch != barEpoch) {
            closeBar();
            // the loop reports images done so far: at step 1 that is the batch size, which sizes the whole epoch
            long expected = (long) stepsInEpoch * Math.max(1, images / Math.max(1, step));
            bar = new ProgressBarBuilder().setTaskName(phase + " epoch " + (epoch + 1)).setInitialMax(expected)
                    .setUnit(" img", 1).showSpeed().setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(interactive ? 500 : 30_000)
                    .setConsumer(interactive ? new ConsoleProgressBarConsumer(WriterStreams.printStream(bars)) : new LineConsumer(bars))
                    .build();
            barPhase = phase;
            barEpoch = epoch;
        }
        bar.stepTo(images);
        bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f", loss));
    }

    @Override
    public void onEpoch(String phase, int epoch, double meanLoss, double seconds, double imagesPerSecond) {
        closeBar();
        if (phase.startsWith("probe ")) {
            // ProbeTable reports one probe per "epoch", passing 1 − top-1 as its loss
            summaries.printf(Locale.ROOT, "%s: test top-1 %.1f %% (%.1f s)%n", phase, 100 * (1 - meanLoss), seconds);
        } else {
            summaries.printf(Locale.ROOT, "%s epoch %d: mean loss %.4f, %.1f s, %.1f images/s%n", phase, epoch + 1, meanLoss, seconds, imagesPerSecond);
        }
        summaries.flush();
    }

    /** Ends a bar left open by a loop that stopped early (an exception). */
    public void close() {
        closeBar();
    }

    private void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    /** Off a terminal: each refresh as a line of its own (every half minute), so log files stay readable. */
    private static final class LineConsumer implements ProgressBarConsumer {
        private final PrintWriter out;

        LineConsumer(PrintWriter out) {
            this.out = out;
        }

        @Override
        public int getMaxRenderedLength() {
            return 110;
        }

        @Override
        public void accept(String rendered) {
            out.println(rendered);
            out.flush();
        }

        @Override
        public void close() {
            out.flush();
        }
    }
}
