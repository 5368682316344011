package io.callosum.nn.data;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Checks an image folder before training, so that a bad file stops the run at start-up instead of mid-epoch, and
 * damaged data never reaches training: every image is decoded in full, in parallel — a header alone cannot show a
 * truncated JPEG, whose scan is the bulk of the file — and checked as training would read it (size, channels, no
 * decoder warning). The class structure is checked too: at least {@link #minClasses} classes, each with an image
 * left, and optionally the same classes as another split.
 *
 * <pre>{@code
 * ImageFolderCheck.Result r = ImageFolderCheck.of(train).skipBadImages(true).sameClassesAs(test).run();
 * train = r.dataset();                        // without the bad images; r.badImages() says which and why
 * }</pre>
 */
public final class ImageFolderCheck {
    /** A file that cannot be trained on, and why (the reader's message without the file name). */
    public record BadImage(Path file, String reason) {
        @Override
        public String toString() {
            return file + ": " + reason;
        }
    }

    /** The outcome of a check that passed. */
    public record Result(ImageFolderDataset dataset, int checkedFiles, List<String> classes, long[] classCounts,
                         List<BadImage> badImages, Duration elapsed) {
        /** One line: files, classes, images per class, bad files skipped, time. */
        public String summary() {
            StringBuilder sb = new StringBuilder().append(dataset.root()).append(": ").append(checkedFiles).append(" images checked in ")
                    .append(elapsed.toMillis()).append(" ms, ").append(classes.size()).append(" classes (");
            for (int c = 0; c < classes.size(); c++) sb.append(c == 0 ? "" : ", ").append(classes.get(c)).append(' ').append(classCounts[c]);
            sb.append(')');
            if (!badImages.isEmpty()) sb.append(", ").append(badImages.size()).append(" bad images skipped");
            return sb.toString();
        }
    }

    private final ImageFolderDataset dataset;
    private boolean skipBadImages;
    private int threads = Runtime.getRuntime().availableProcessors();
    private int minClasses = 2;
    private ImageFolderDataset other;

    private ImageFolderCheck(ImageFolderDataset dataset) {
        if (dataset == null) throw new NullPointerException("ImageFolderCheck: dataset is null");
        this.dataset = dataset;
    }

    /** Decodes every image of dataset once and reports the ones that fail. */
    public static ImageFolderCheck of(ImageFolderDataset dataset) {
        return new ImageFolderCheck(dataset);
    }

    /** Drop bad images and list them in the result instead of failing (default: fail naming the first). */
    public ImageFolderCheck skipBadImages(boolean skip) {
        this.skipBadImages = skip;
        return this;
    }

    /** Decoding threads (default: one per processor). */
    public ImageFolderCheck threads(int threads) {
        if (threads <= 0) throw new IllegalArgumentException("ImageFolderCheck: threads must be positive, got " + threads);
        this.threads = threads;
        return this;
    }

    /** The fewest classes the folder may have (default 2: one class cannot be classified; 1 for unlabelled use). */
    public ImageFolderCheck minClasses(int minClasses) {
        if (minClasses <= 0) throw new IllegalArgumentException("ImageFolderCheck: minClasses must be positive, got " + minClasses);
        this.minClasses = minClasses;
        return this;
    }

    /** Require the same class names, in the same order, as another split (train/ against test/). */
    public ImageFolderCheck sameClassesAs(ImageFolderDataset other) {
        this.other = other;
        return this;
    }

    /** Runs the check; throws {@link DatasetCheckException} when it fails. */
    public Result run() {
        long start = System.nanoTime();
        List<String> classes = dataset.classNames();
        if (classes.size() < minClasses) {
            throw structure("has " + classes.size() + " class folder" + (classes.size() == 1 ? " (" + classes.get(0) + ")" : "s")
                    + " but at least " + minClasses + " are needed: put each class's images in its own sub-folder");
        }
        if (other != null && !other.classNames().equals(classes)) {
            throw structure("has classes " + classes + " but " + other.root() + " has " + other.classNames()
                    + "; both splits need the same class folders");
        }
        List<BadImage> bad = new ArrayList<>();
        Set<Integer> badIndices = new HashSet<>();
        String[] reasons = verifyAll();
        for (int i = 0; i < reasons.length; i++) {
            if (reasons[i] != null) {
                bad.add(new BadImage(dataset.file(i), reasons[i]));
                badIndices.add(i);
            }
        }
        if (!bad.isEmpty() && !skipBadImages) {
            BadImage first = bad.get(0);
            String more = bad.size() == 1 ? "" : " (and " + (bad.size() - 1) + " more bad image" + (bad.size() == 2 ? "" : "s") + ")";
            throw new DatasetCheckException(first.file(), first.reason() + more
                    + "; fix or remove it, or skip bad images", bad);
        }
        ImageFolderDataset kept = bad.isEmpty() ? dataset : dataset.without(badIndices);
        long[] counts = kept.classCounts();
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] == 0) {
                throw new DatasetCheckException(dataset.root().resolve(classes.get(c)), "class folder '" + classes.get(c)
                        + "' has no good image left after skipping " + bad.size() + " bad ones", bad);
            }
        }
        return new Result(kept, dataset.size(), classes, counts, List.copyOf(bad), Duration.ofNanos(System.nanoTime() - start));
    }

    private DatasetCheckException structure(String problem) {
        return new DatasetCheckException(dataset.root(), problem, List.of());
    }

    /** The reason each item is bad, or null where it is fine; items are claimed one at a time by the threads. */
    private String[] verifyAll() {
        int n = dataset.size();
        String[] reasons = new String[n];
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            for (int i; (i = next.getAndIncrement()) < n; ) {
                try {
                    dataset.verify(i);
                } catch (DatasetFormatException e) {
                    reasons[i] = e.problem();
                } catch (RuntimeException e) {
                    reasons[i] = "cannot be read: " + e;
                }
            }
        };
        int t = Math.min(threads, Math.max(1, n));
        ExecutorService pool = Executors.newFixedThreadPool(t, r -> {
            Thread th = new Thread(r, "callosum-image-check");
            th.setDaemon(true);
            return th;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int k = 0; k < t; k++) running.add(pool.submit(worker));
            for (Future<?> f : running) f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("ImageFolderCheck of " + dataset.root() + " was interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("ImageFolderCheck of " + dataset.root() + ": " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return reasons;
    }
}
