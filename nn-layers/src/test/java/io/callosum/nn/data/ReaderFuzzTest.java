package io.callosum.nn.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.callosum.nn.data.CifarDataset.Cifar100Label;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Jazzer targets for the dataset readers. In a plain test run each replays its seed corpus (valid files in the real
 * formats, under {@code ReaderFuzzTestInputs/<method>/} in the test resources, plus any crash reproducer saved there);
 * with {@code JAZZER_FUZZ=1} the selected one fuzzes (see RELIABILITY.md for the command). An input must load and read
 * fully or be refused with the readers' documented exceptions: {@link DatasetFormatException} for bad content,
 * {@link IOException} for an unreadable file. Anything else (AIOOBE, OOM, NegativeArraySize, …) is a finding.
 *
 * <p>The targets hand the readers the input in memory ({@link ByteSource#of}), through the same parsing code as a
 * memory-mapped file: no file is written per execution, which would make the fuzzer measure the file system. The
 * file-based entry points are covered by the readers' own tests and by {@link ReaderMutationTest}. Each target skips
 * inputs longer than its {@code MAX_LEN}, a little more than its largest seed, so that the fuzzer spends its
 * executions on the formats' structure rather than on copying megabytes of pixels.
 */
class ReaderFuzzTest {
    private static final long MAX_EXECUTIONS = 1_000_000;
    /** A safety cap only: at the readers' speed 1 M executions take minutes, so the execution count ends a run. */
    private static final String MAX_DURATION = "30m";

    /** IDX: the selector byte and a file of up to 4 KiB (the seeds are under 100 bytes). */
    static final int IDX_MAX_LEN = 1 + 4096;
    /** CIFAR: the selector byte and up to two CIFAR-100 records. */
    static final int CIFAR_MAX_LEN = 1 + 2 * (2 + 3 * 32 * 32);
    /** STL-10: the labels length, up to 255 label bytes and up to two 96×96×3 images. */
    static final int STL10_MAX_LEN = 1 + 255 + 2 * 3 * 96 * 96;
    /** Image folder: an encoded image of up to 16 KiB (the seeds are under 1 KiB). */
    static final int IMAGE_MAX_LEN = 16 * 1024;
    /** Image folder: images of more pixels are refused from their header, before decoding (the seeds are 12×10). */
    static final long IMAGE_MAX_PIXELS = 1 << 16;

    /** Three labels and three 4×5 images: the valid partner of a fuzzed IDX file. */
    private static final byte[] IDX_LABELS = DataFiles.idxLabels(new int[]{1, 2, 3});
    private static final byte[] IDX_IMAGES = DataFiles.idxImages(3, 4, 5);
    /** The decoder an image folder configured for 16×16 RGB with resizing and grey expansion uses. */
    private static final ImageDecoder DECODER = new ImageDecoder(3, 16, 16, true, true, IMAGE_MAX_PIXELS);

    /** Reads every item, as training would. */
    private static void readAll(Dataset ds) {
        for (int i = 0; i < ds.size(); i++) {
            ds.image(i);
            int label = ds.label(i);
            if (label < -1 || label >= ds.numClasses()) throw new IllegalStateException("label " + label + " of " + ds.numClasses());
        }
    }

    private static ByteSource source(String name, byte[] input, int from, int to) {
        return ByteSource.of(Path.of(name), Arrays.copyOfRange(input, from, to));
    }

    /** First byte even: the rest is the images file (labels valid); odd: the labels file (images valid). */
    @FuzzTest(maxExecutions = MAX_EXECUTIONS, maxDuration = MAX_DURATION)
    void idx(byte[] input) throws IOException {
        if (input.length == 0 || input.length > IDX_MAX_LEN) return;
        ByteSource fuzzed = source("fuzzed.idx", input, 1, input.length);
        try {
            readAll((input[0] & 1) == 0
                    ? IdxDataset.open(fuzzed, ByteSource.of(Path.of("labels.idx"), IDX_LABELS), IdxDataset.FASHION_MNIST_CLASSES, "fuzz")
                    : IdxDataset.open(ByteSource.of(Path.of("images.idx"), IDX_IMAGES), fuzzed, IdxDataset.FASHION_MNIST_CLASSES, "fuzz"));
        } catch (DatasetFormatException | IOException documented) {
            // refused with the documented exception
        }
    }

    /** First byte even: the rest is a CIFAR-10 batch file; odd: CIFAR-100 (fine labels). */
    @FuzzTest(maxExecutions = MAX_EXECUTIONS, maxDuration = MAX_DURATION)
    void cifar(byte[] input) {
        if (input.length == 0 || input.length > CIFAR_MAX_LEN) return;
        List<ByteSource> batch = List.of(source("fuzzed.bin", input, 1, input.length));
        try {
            readAll((input[0] & 1) == 0 ? CifarDataset.cifar10Of(batch) : CifarDataset.cifar100Of(batch, Cifar100Label.FINE));
        } catch (DatasetFormatException documented) {
            // refused with the documented exception
        }
    }

    /** First byte n: the next n bytes are the labels file, the rest the images file. */
    @FuzzTest(maxExecutions = MAX_EXECUTIONS, maxDuration = MAX_DURATION)
    void stl10(byte[] input) {
        if (input.length == 0 || input.length > STL10_MAX_LEN) return;
        int labelsEnd = Math.min(input.length, 1 + (input[0] & 0xff));
        try {
            readAll(Stl10Dataset.open(source("fuzzed_X.bin", input, labelsEnd, input.length),
                    source("fuzzed_y.bin", input, 1, labelsEnd), "fuzz"));
        } catch (DatasetFormatException documented) {
            // refused with the documented exception
        }
    }

    /** The input is one image file of an image folder (16×16, resizing and grey expansion on): check, then decode it. */
    @FuzzTest(maxExecutions = MAX_EXECUTIONS, maxDuration = MAX_DURATION)
    void imageFolderImage(byte[] input) {
        if (input.length > IMAGE_MAX_LEN) return;
        try {
            DECODER.verify(input, "c/x.png", 0);
        } catch (DatasetFormatException documented) {
            return;
        }
        Image img = DECODER.decode(input, "c/x.png", 0); // what verify passed must decode
        if (img.height() != 16 || img.width() != 16 || img.channels() != 3) throw new IllegalStateException(img.toString());
    }
}
