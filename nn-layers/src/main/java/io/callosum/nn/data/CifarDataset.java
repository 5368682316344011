package io.callosum.nn.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CIFAR-10 and CIFAR-100 in their binary form: records of label byte(s) followed by 3×32×32 pixels (red, green, blue
 * planes, each row-major). CIFAR-10 records carry one label (0..9); CIFAR-100 records carry a coarse (0..19) and a
 * fine (0..99) label, and the dataset reports whichever was asked for. Files are memory-mapped; every label is checked
 * at open.
 */
public final class CifarDataset implements Dataset {
    /** Colour channels of a CIFAR image. */
    public static final int CHANNELS = 3;
    /** Height and width of a CIFAR image. */
    public static final int SIDE = 32;
    private static final int PIXELS = CHANNELS * SIDE * SIDE;

    /** CIFAR-10's class names, index = label. */
    public static final List<String> CIFAR10_CLASSES = List.of(
            "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");

    /** Which label a CIFAR-100 dataset reports. */
    public enum Cifar100Label {
        /** The 20 superclasses. */
        COARSE,
        /** The 100 classes. */
        FINE
    }

    private final String name;
    private final RecordFiles files;
    private final int labelBytes;
    private final byte[] labels;      // the reported label per record
    private final byte[] coarseLabels; // CIFAR-100 only, else null
    private final List<String> classNames;

    private CifarDataset(String name, RecordFiles files, int labelBytes, byte[] labels, byte[] coarseLabels, List<String> classNames) {
        this.name = name;
        this.files = files;
        this.labelBytes = labelBytes;
        this.labels = labels;
        this.coarseLabels = coarseLabels;
        this.classNames = classNames;
    }

    /** CIFAR-10 from the given batch files, read in order. */
    public static CifarDataset cifar10(List<Path> batchFiles) throws IOException {
        return cifar10Of(mapped(batchFiles));
    }

    /** {@link #cifar10(List)} on batches already mapped or in memory. */
    static CifarDataset cifar10Of(List<ByteSource> batches) {
        RecordFiles files = records(batches, 1 + PIXELS);
        byte[] labels = checkedLabels(files, 0, 10, "label");
        return new CifarDataset("cifar-10 " + paths(batches), files, 1, labels, null, CIFAR10_CLASSES);
    }

    /** CIFAR-10's train ({@code data_batch_1..5.bin}) or test ({@code test_batch.bin}) split from the extracted directory. */
    public static CifarDataset cifar10(Path dir, Split split) throws IOException {
        Path d = inner(dir, "cifar-10-batches-bin");
        List<Path> batches = new ArrayList<>();
        switch (split) {
            case TRAIN -> {
                for (int i = 1; i <= 5; i++) batches.add(existing(d.resolve("data_batch_" + i + ".bin")));
            }
            case TEST -> batches.add(existing(d.resolve("test_batch.bin")));
            case UNLABELLED -> throw new IllegalArgumentException("CIFAR-10 has no unlabelled split");
        }
        return cifar10(batches);
    }

    /** CIFAR-100 from the given files, reporting coarse or fine labels. */
    public static CifarDataset cifar100(List<Path> files, Cifar100Label reported) throws IOException {
        return cifar100Of(mapped(files), reported);
    }

    /** {@link #cifar100(List, Cifar100Label)} on files already mapped or in memory. */
    static CifarDataset cifar100Of(List<ByteSource> files, Cifar100Label reported) {
        RecordFiles rf = records(files, 2 + PIXELS);
        byte[] coarse = checkedLabels(rf, 0, 20, "coarse label");
        byte[] fine = checkedLabels(rf, 1, 100, "fine label");
        boolean isFine = reported == Cifar100Label.FINE;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < (isFine ? 100 : 20); i++) names.add(Integer.toString(i));
        return new CifarDataset("cifar-100 (" + reported.name().toLowerCase() + ") " + paths(files), rf, 2,
                isFine ? fine : coarse, coarse, List.copyOf(names));
    }

    /** CIFAR-100's {@code train.bin} or {@code test.bin} from the extracted directory. */
    public static CifarDataset cifar100(Path dir, Split split, Cifar100Label reported) throws IOException {
        Path d = inner(dir, "cifar-100-binary");
        String file = switch (split) {
            case TRAIN -> "train.bin";
            case TEST -> "test.bin";
            case UNLABELLED -> throw new IllegalArgumentException("CIFAR-100 has no unlabelled split");
        };
        return cifar100(List.of(existing(d.resolve(file))), reported);
    }

    private static Path inner(Path dir, String archiveFolder) {
        Path nested = dir.resolve(archiveFolder);
        return Files.isDirectory(nested) ? nested : dir;
    }

    private static Path existing(Path p) throws NoSuchFileException {
        if (!Files.isRegularFile(p)) throw new NoSuchFileException(p.toString(), null, "CIFAR batch file not found");
        return p;
    }

    private static List<ByteSource> mapped(List<Path> paths) throws IOException {
        List<ByteSource> sources = new ArrayList<>();
        for (Path p : paths) sources.add(ByteSource.map(p));
        return sources;
    }

    private static List<Path> paths(List<ByteSource> sources) {
        return sources.stream().map(s -> s.path).toList();
    }

    private static RecordFiles records(List<ByteSource> sources, int recordLength) {
        List<RecordFile> files = new ArrayList<>();
        for (ByteSource s : sources) files.add(RecordFile.whole(s, recordLength));
        return new RecordFiles(files);
    }

    /** The label byte at offset `within` of every record, each checked to be below bound (what: its name in errors). */
    private static byte[] checkedLabels(RecordFiles files, int within, int bound, String what) {
        byte[] out = new byte[files.count()];
        int g = 0;
        for (int f = 0; f < files.numFiles(); f++) {
            RecordFile file = files.file(f);
            for (int r = 0; r < file.count; r++, g++) {
                int label = file.u8(r, within);
                if (label >= bound) {
                    throw file.error(r, within, what + " " + label + " is out of range 0.." + (bound - 1));
                }
                out[g] = (byte) label;
            }
        }
        return out;
    }

    @Override
    public int size() {
        return files.count();
    }

    @Override
    public int numClasses() {
        return classNames.size();
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
        return Pixels.planar(files.record(index), labelBytes, CHANNELS, SIDE, SIDE);
    }

    @Override
    public int label(int index) {
        checkIndex(index);
        return labels[index] & 0xff;
    }

    /** CIFAR-100's coarse (super-class) label, whichever label the dataset reports. */
    public int coarseLabel(int index) {
        checkIndex(index);
        if (coarseLabels == null) throw new IllegalStateException(name + ": CIFAR-10 records have no coarse label");
        return coarseLabels[index] & 0xff;
    }
}
