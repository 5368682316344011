package io.callosum.nn.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Grey-scale images in the IDX format of MNIST and Fashion-MNIST: an images file (N×rows×cols unsigned bytes) and an
 * optional labels file (N unsigned bytes), each raw or gzip-compressed (told apart by their first bytes). Raw files are
 * memory-mapped and read on demand; gzip files are decompressed into memory once. Every label is checked at open.
 */
public final class IdxDataset implements Dataset {
    /** Where Debian's {@code dataset-fashion-mnist} package installs the files. */
    public static final Path FASHION_MNIST_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    /** Fashion-MNIST's class names, index = label. */
    public static final List<String> FASHION_MNIST_CLASSES = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private static final int LABELS_HEADER = 8;

    private final String name;
    private final RecordFile images;
    private final int height;
    private final int width;
    private final byte[] labels; // null when unlabelled
    private final int numClasses;
    private final List<String> classNames;

    private IdxDataset(String name, RecordFile images, int height, int width, byte[] labels, List<String> classNames) {
        this.name = name;
        this.images = images;
        this.height = height;
        this.width = width;
        this.labels = labels;
        this.numClasses = classNames.size();
        this.classNames = List.copyOf(classNames);
    }

    /**
     * Opens an images file and its labels file (or null for unlabelled images); labels must be below
     * classNames.size().
     */
    public static IdxDataset open(Path imagesFile, Path labelsFile, List<String> classNames, String name) throws IOException {
        return open(ByteSource.map(imagesFile), labelsFile == null ? null : ByteSource.map(labelsFile), classNames, name);
    }

    /** {@link #open(Path, Path, List, String)} on files already mapped or in memory (labels may be null). */
    static IdxDataset open(ByteSource imagesFile, ByteSource labelsFile, List<String> classNames, String name) throws IOException {
        IdxHeader ih = IdxHeader.read(imagesFile, 3);
        int n = ih.dims()[0], rows = ih.dims()[1], cols = ih.dims()[2];
        if (rows == 0 || cols == 0 || (long) rows * cols > Image.MAX_VALUES) {
            throw new DatasetFormatException(imagesFile.path, DatasetFormatException.UNKNOWN, 8,
                    "images of " + rows + "×" + cols + " pixels are not supported (1 to " + Image.MAX_VALUES + " pixels)");
        }
        int recordLength = rows * cols;
        RecordFile images = RecordFile.declared(
                imagesFile.content(ih.length() + (long) n * recordLength), ih.length(), recordLength, n);
        byte[] labels = labelsFile == null ? null : readLabels(labelsFile, n, imagesFile, classNames.size());
        return new IdxDataset(name, images, rows, cols, labels, classNames);
    }

    /** Fashion-MNIST's train (60 000) or test (10 000) split from a directory holding the four original files. */
    public static IdxDataset fashionMnist(Path dir, Split split) throws IOException {
        return standard(dir, split, FASHION_MNIST_CLASSES, "fashion-mnist");
    }

    /** Fashion-MNIST from Debian's package location. */
    public static IdxDataset fashionMnist(Split split) throws IOException {
        return fashionMnist(FASHION_MNIST_DIR, split);
    }

    /** MNIST's train or test split from a directory holding the original files. */
    public static IdxDataset mnist(Path dir, Split split) throws IOException {
        List<String> digits = new ArrayList<>();
        for (int d = 0; d < 10; d++) digits.add(Integer.toString(d));
        return standard(dir, split, digits, "mnist");
    }

    private static IdxDataset standard(Path dir, Split split, List<String> classes, String family) throws IOException {
        String prefix = switch (split) {
            case TRAIN -> "train";
            case TEST -> "t10k";
            case UNLABELLED -> throw new IllegalArgumentException(family + " has no unlabelled split");
        };
        Path images = find(dir, prefix + "-images-idx3-ubyte");
        Path labels = find(dir, prefix + "-labels-idx1-ubyte");
        return open(images, labels, classes, family + " " + split.name().toLowerCase() + " (" + dir + ")");
    }

    /** The file under its original name, gzip-compressed or not. */
    private static Path find(Path dir, String baseName) throws NoSuchFileException {
        for (String candidate : new String[]{baseName + ".gz", baseName}) {
            Path p = dir.resolve(candidate);
            if (Files.isRegularFile(p)) return p;
        }
        throw new NoSuchFileException(dir.resolve(baseName) + "[.gz]", null, "no IDX file of that name (gzip or raw)");
    }

    private static byte[] readLabels(ByteSource labelsFile, int expectedCount, ByteSource imagesFile, int numClasses) throws IOException {
        IdxHeader lh = IdxHeader.read(labelsFile, 1);
        int n = lh.dims()[0];
        if (n != expectedCount) {
            throw new DatasetFormatException(labelsFile.path, DatasetFormatException.UNKNOWN, 4,
                    "declares " + n + " labels but " + imagesFile.path + " declares " + expectedCount + " images");
        }
        RecordFile file = RecordFile.declared(labelsFile.content(LABELS_HEADER + (long) n), LABELS_HEADER, 1, n);
        byte[] labels = file.source.bytes(LABELS_HEADER, n);
        for (int i = 0; i < n; i++) {
            int label = labels[i] & 0xff;
            if (label >= numClasses) {
                throw file.error(i, 0, "label " + label + " is out of range 0.." + (numClasses - 1));
            }
        }
        return labels;
    }

    @Override
    public int size() {
        return images.count;
    }

    @Override
    public int numClasses() {
        return numClasses;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public Image image(int index) {
        checkIndex(index);
        return Pixels.planar(images.record(index), 0, 1, height, width);
    }

    @Override
    public int label(int index) {
        checkIndex(index);
        return labels == null ? Example.UNLABELLED : labels[index] & 0xff;
    }

    /** Image height in pixels. */
    public int height() {
        return height;
    }

    /** Image width in pixels. */
    public int width() {
        return width;
    }
}
