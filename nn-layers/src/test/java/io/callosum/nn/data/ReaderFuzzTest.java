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
 */
class ReaderFuzzTest {
    private static final long MAX_EXECUTIONS = 1_000_000;
    private static final Path DIR = FuzzFiles.scratchDir("callosum-reader-fuzz");
    /** Three labels and three 4×5 images: the valid partner of a fuzzed IDX file. */
    private static final Path IDX_LABELS = FuzzFiles.fixed(DIR.resolve("labels.idx"), DataFiles.idxLabels(new int[]{1, 2, 3}));
    private static final Path IDX_IMAGES = FuzzFiles.fixed(DIR.resolve("images.idx"), DataFiles.idxImages(3, 4, 5));
    private static final Path STL_LABELS = FuzzFiles.fixed(DIR.resolve("stl-labels.bin"), new byte[]{3});

    /** Reads every item, as training would. */
    private static void readAll(Dataset ds) {
        for (int i = 0; i < ds.size(); i++) {
            ds.image(i);
            int label = ds.label(i);
            if (label < -1 || label >= ds.numClasses()) throw new IllegalStateException("label " + label + " of " + ds.numClasses());
        }
    }

    /** First byte even: the input is the images file (labels valid); odd: the labels file (images valid). */
    @FuzzTest(maxExecutions = MAX_EXECUTIONS, maxDuration = "8m")
    void idx(byte[] input) throws IOException {
        if (input.length == 0) return;
        Path f = FuzzFiles.write(DIR.resolve("fuzzed.idx"), Arrays.copyOfRange(input, 1, input.length));
        try {
            readAll((input[0] & 1) == 0
                    ? IdxDataset.open(f, IDX_LABELS, IdxDataset.FASHION_MNIST_CLASSES, "fuzz")
                    : IdxDataset.open(IDX_IMAGES, f, IdxDataset.FASHION_MNIST_CLASSES, "fuzz"));
        } catch (DatasetFormatException | IOException documented) {
            // refused with the documented exception
        }
    }

    /** First byte even: a CIFAR-10 batch file; odd: CIFAR-100 (fine labels). */
    @FuzzTest(maxExecutions = MAX_EXECUTIONS, maxDuration = "8m")
    void cifar(byte[] input) throws IOException {
        if (input.length == 0) return;
        Path f = FuzzFiles.write(DIR.resolve("fuzzed.cifar"), Arrays.copyOfRange(input, 1, input.length));
        try {
            readAll((input[0] & 1) == 0 ? CifarDataset.cifar10(List.of(f)) : CifarDataset.cifar100(List.of(f), Cifar100Label.FINE));
        } catch (DatasetFormatException | IOException documented) {
            // refused with the documented exception
        }
    }

    /** The input is an STL-10 images file of one image, with a valid labels file. */
    @FuzzTest(maxExecutions = MAX_EXECUTIONS, maxDuration = "8m")
    void stl10(byte[] input) throws IOException {
        Path f = FuzzFiles.write(DIR.resolve("fuzzed-stl.bin"), input);
        try {
            readAll(Stl10Dataset.open(f, STL_LABELS, "fuzz"));
        } catch (DatasetFormatException | IOException documented) {
            // refused with the documented exception
        }
    }

    /** The input is one image file of an image folder (resizing and grey expansion on): check, then decode it. */
    @FuzzTest(maxExecutions = MAX_EXECUTIONS, maxDuration = "8m")
    void imageFolderImage(byte[] input) throws IOException {
        Path root = DIR.resolve("folder");
        FuzzFiles.write(root.resolve("c/x.png"), input);
        ImageFolderDataset ds = ImageFolderDataset.builder(root).size(16, 16).resize(true).expandGrey(true).build();
        try {
            ds.verify(0);
        } catch (DatasetFormatException documented) {
            return;
        }
        Image img = ds.image(0); // what verify passed must decode
        if (img.height() != 16 || img.width() != 16 || img.channels() != 3) throw new IllegalStateException(img.toString());
    }
}
