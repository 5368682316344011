package io.callosum.nn.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * STL-10 in its binary form: {@code *_X.bin} holds 3×96×96 uint8 images back to back, each channel plane stored
 * column by column (MATLAB order), which this reader transposes to row-major C×H×W; {@code *_y.bin} holds one label
 * byte 1..10 per image, reported as 0..9. The unlabelled split (100 000 images, 2.7 GB) is memory-mapped and read
 * record by record, never loaded whole.
 */
public final class Stl10Dataset implements Dataset {
    /** Colour channels of an STL-10 image. */
    public static final int CHANNELS = 3;
    /** Height and width of an STL-10 image. */
    public static final int SIDE = 96;
    private static final int RECORD = CHANNELS * SIDE * SIDE;

    /** STL-10's class names, index = label. */
    public static final List<String> CLASSES = List.of(
            "airplane", "bird", "car", "cat", "deer", "dog", "horse", "monkey", "ship", "truck");

    private final String name;
    private final RecordFile images;
    private final byte[] labels; // 0-based, or null when unlabelled

    private Stl10Dataset(String name, RecordFile images, byte[] labels) {
        this.name = name;
        this.images = images;
        this.labels = labels;
    }

    /** An images file and its labels file (null for the unlabelled split). */
    public static Stl10Dataset open(Path imagesFile, Path labelsFile, String name) throws IOException {
        return open(ByteSource.map(imagesFile), labelsFile == null ? null : ByteSource.map(labelsFile), name);
    }

    /** {@link #open(Path, Path, String)} on files already mapped or in memory (labels may be null). */
    static Stl10Dataset open(ByteSource imagesFile, ByteSource labelsFile, String name) {
        RecordFile images = RecordFile.whole(imagesFile, RECORD);
        byte[] labels = labelsFile == null ? null : readLabels(labelsFile, images.count, imagesFile);
        return new Stl10Dataset(name, images, labels);
    }

    /** A split from the extracted {@code stl10_binary} directory (or its parent). */
    public static Stl10Dataset open(Path dir, Split split) throws IOException {
        Path d = Files.isDirectory(dir.resolve("stl10_binary")) ? dir.resolve("stl10_binary") : dir;
        String label = "stl-10 " + split.name().toLowerCase() + " (" + d + ")";
        return switch (split) {
            case TRAIN -> open(existing(d.resolve("train_X.bin")), existing(d.resolve("train_y.bin")), label);
            case TEST -> open(existing(d.resolve("test_X.bin")), existing(d.resolve("test_y.bin")), label);
            case UNLABELLED -> open(existing(d.resolve("unlabeled_X.bin")), null, label);
        };
    }

    private static Path existing(Path p) throws NoSuchFileException {
        if (!Files.isRegularFile(p)) throw new NoSuchFileException(p.toString(), null, "STL-10 file not found");
        return p;
    }

    private static byte[] readLabels(ByteSource labelsFile, int imageCount, ByteSource imagesFile) {
        RecordFile file = RecordFile.whole(labelsFile, 1);
        if (file.count != imageCount) {
            throw new DatasetFormatException(labelsFile.path, DatasetFormatException.UNKNOWN, Math.min(file.count, imageCount),
                    "holds " + file.count + " labels but " + imagesFile.path + " holds " + imageCount + " images");
        }
        byte[] labels = file.source.bytes(0, file.count);
        for (int i = 0; i < labels.length; i++) {
            int l = labels[i] & 0xff;
            if (l < 1 || l > CLASSES.size()) {
                throw file.error(i, 0, "label " + l + " is out of range 1.." + CLASSES.size());
            }
            labels[i] = (byte) (l - 1);
        }
        return labels;
    }

    @Override
    public int size() {
        return images.count;
    }

    @Override
    public int numClasses() {
        return CLASSES.size();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> classNames() {
        return CLASSES;
    }

    /** Whether this split has labels (the unlabelled split has none). */
    public boolean isLabelled() {
        return labels != null;
    }

    @Override
    public Image image(int index) {
        checkIndex(index);
        return Pixels.columnMajorPlanes(images.record(index), 0, CHANNELS, SIDE, SIDE);
    }

    @Override
    public int label(int index) {
        checkIndex(index);
        return labels == null ? Example.UNLABELLED : labels[index];
    }
}
