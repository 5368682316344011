package io.callosum.nn.data;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-memory dataset for loader tests: predictable pixels, optional delay per item, an optional broken item. */
final class SyntheticDataset implements Dataset {
    final int n;
    final int channels;
    final int side;
    final long delayMillis;
    final int brokenIndex;
    final int oddSizedIndex;
    final AtomicInteger loads = new AtomicInteger();

    SyntheticDataset(int n, int channels, int side, long delayMillis, int brokenIndex, int oddSizedIndex) {
        this.n = n;
        this.channels = channels;
        this.side = side;
        this.delayMillis = delayMillis;
        this.brokenIndex = brokenIndex;
        this.oddSizedIndex = oddSizedIndex;
    }

    SyntheticDataset(int n) {
        this(n, 3, 8, 0, -1, -1);
    }

    static float value(int index, int k) {
        return ((index * 131 + k * 7) % 997) / 997f;
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public int numClasses() {
        return 10;
    }

    @Override
    public String name() {
        return "synthetic(" + n + ")";
    }

    @Override
    public Image image(int index) {
        checkIndex(index);
        loads.incrementAndGet();
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        if (index == brokenIndex) {
            throw new DatasetFormatException(Path.of("/data/broken-" + index + ".png"), index, DatasetFormatException.UNKNOWN,
                    "cannot decode the image: planted fault");
        }
        int s = index == oddSizedIndex ? side + 1 : side;
        Image img = Image.zeros(channels, s, s);
        float[] d = img.data();
        for (int k = 0; k < d.length; k++) d[k] = value(index, k);
        return img;
    }

    @Override
    public int label(int index) {
        checkIndex(index);
        return index % 10;
    }
}
