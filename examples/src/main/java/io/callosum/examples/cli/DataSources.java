package io.callosum.examples.cli;

import io.callosum.nn.data.CifarDataset;
import io.callosum.nn.data.Dataset;
import io.callosum.nn.data.Example;
import io.callosum.nn.data.IdxDataset;
import io.callosum.nn.data.Image;
import io.callosum.nn.data.ImageFolderCheck;
import io.callosum.nn.data.ImageFolderDataset;
import io.callosum.nn.data.Split;
import io.callosum.nn.data.Stl10Dataset;
import io.callosum.nn.data.Subset;
import io.callosum.splitbrain.data.SyntheticColorDataset;
import io.callosum.tensor.Generator;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Turns {@code --data} into datasets. Names: {@code synthetic} (generated from the seed) and {@code fashion-mnist}
 * (Debian's dataset-fashion-mnist package). A folder is recognised by what it holds: STL-10 binaries
 * ({@code train_X.bin}), CIFAR-10 ({@code data_batch_1.bin}) or CIFAR-100 ({@code train.bin}) binaries (also inside
 * the folder their archives extract to), IDX files ({@code train-images-idx3-ubyte[.gz]}), or an image folder with one
 * sub-folder per class — split into {@code train/} and {@code test/} (or {@code val/}), or split 80/20 by the seed.
 */
public final class DataSources {
    static final int SYNTHETIC_UNLABELLED = 4096, SYNTHETIC_TRAIN = 1000, SYNTHETIC_TEST = 1000;

    private DataSources() {
    }

    /** What a folder given as --data holds, recognised by its files. */
    enum FolderKind { STL10, CIFAR10, CIFAR100, IDX, IMAGE_FOLDER }

    public static Data open(DataOptions opt, long seed) throws IOException {
        return open(opt, seed, new PrintWriter(Writer.nullWriter()));
    }

    /**
     * The datasets --data names; an image folder is decoded in full first ({@link ImageFolderCheck}), with one
     * summary line per folder (and the bad files skipped, under --skip-bad-images) to log.
     */
    public static Data open(DataOptions opt, long seed, PrintWriter log) throws IOException {
        String name = opt.data() == null ? "synthetic" : opt.data().trim();
        if (opt.imageSizeGiven() && !(isFolder(name) && kind(Path.of(name)) == FolderKind.IMAGE_FOLDER)) {
            throw new CliUsageException("--image-size applies to image folders only; --data " + name
                    + " has images of a fixed size: drop --image-size");
        }
        Data all = switch (name) {
            case "synthetic" -> synthetic(opt, seed);
            case "fashion-mnist" -> fashionMnist();
            default -> folder(Path.of(name), opt, seed, log);
        };
        if (name.equals("synthetic")) return all;
        return new Data(all.description(), sample(all.unlabelled(), opt.unlabelled, seed + 1, "--unlabelled"),
                sample(all.train(), opt.train, seed + 2, "--train"), sample(all.test(), opt.test, seed + 3, "--test"));
    }

    private static Data synthetic(DataOptions opt, long seed) {
        int u = size(opt.unlabelled, SYNTHETIC_UNLABELLED, "--unlabelled");
        int tr = size(opt.train, SYNTHETIC_TRAIN, "--train"), te = size(opt.test, SYNTHETIC_TEST, "--test");
        // the same seeds as SyntheticDemo, so the CLI and the demo see the same images
        return new Data("synthetic colour scenes (seed " + seed + ")",
                SyntheticColorDataset.standard(u, seed * 31 + 1, false),
                SyntheticColorDataset.standard(tr, seed * 31 + 2, true),
                SyntheticColorDataset.standard(te, seed * 31 + 3, true));
    }

    private static Data fashionMnist() throws IOException {
        Path dir = IdxDataset.FASHION_MNIST_DIR;
        if (!Files.isRegularFile(dir.resolve("train-images-idx3-ubyte.gz"))) {
            throw new CliUsageException("--data fashion-mnist: not installed at " + dir
                    + " (apt-get install dataset-fashion-mnist, or pass --data DIR holding the four IDX files)");
        }
        return labelled("fashion-mnist (" + dir + ")", IdxDataset.fashionMnist(dir, Split.TRAIN), IdxDataset.fashionMnist(dir, Split.TEST));
    }

    private static boolean isFolder(String name) {
        return !name.equals("synthetic") && !name.equals("fashion-mnist") && Files.isDirectory(Path.of(name));
    }

    /** What the folder holds: the first of STL-10, CIFAR-10, CIFAR-100 or IDX files found, else an image folder. */
    static FolderKind kind(Path dir) {
        if (Files.isReadable(inner(dir, "stl10_binary").resolve("train_X.bin"))) return FolderKind.STL10;
        if (Files.isReadable(inner(dir, "cifar-10-batches-bin").resolve("data_batch_1.bin"))) return FolderKind.CIFAR10;
        if (Files.isReadable(inner(dir, "cifar-100-binary").resolve("train.bin"))) return FolderKind.CIFAR100;
        if (Files.isReadable(dir.resolve("train-images-idx3-ubyte.gz")) || Files.isReadable(dir.resolve("train-images-idx3-ubyte"))) {
            return FolderKind.IDX;
        }
        return FolderKind.IMAGE_FOLDER;
    }

    private static Data folder(Path dir, DataOptions opt, long seed, PrintWriter log) throws IOException {
        if (!Files.exists(dir)) {
            throw new CliUsageException("--data " + dir + ": no such file or directory (expected synthetic, fashion-mnist or a dataset folder)");
        }
        if (!Files.isDirectory(dir)) {
            throw new CliUsageException("--data " + dir + ": is a file; expected a folder (image folder, STL-10, CIFAR or IDX files) "
                    + "or a dataset name (synthetic, fashion-mnist)");
        }
        return switch (kind(dir)) {
            case STL10 -> {
                Dataset train = Stl10Dataset.open(dir, Split.TRAIN), test = Stl10Dataset.open(dir, Split.TEST);
                Dataset unlabelled = Files.isReadable(inner(dir, "stl10_binary").resolve("unlabeled_X.bin"))
                        ? Stl10Dataset.open(dir, Split.UNLABELLED) : new Unlabelled(train);
                yield new Data("STL-10 (" + dir + ")", unlabelled, train, test);
            }
            case CIFAR10 -> labelled("CIFAR-10 (" + dir + ")", CifarDataset.cifar10(dir, Split.TRAIN), CifarDataset.cifar10(dir, Split.TEST));
            case CIFAR100 -> labelled("CIFAR-100 (" + dir + ")", CifarDataset.cifar100(dir, Split.TRAIN, CifarDataset.Cifar100Label.FINE),
                    CifarDataset.cifar100(dir, Split.TEST, CifarDataset.Cifar100Label.FINE));
            case IDX -> labelled("IDX images (" + dir + ")", IdxDataset.mnist(dir, Split.TRAIN), IdxDataset.mnist(dir, Split.TEST));
            case IMAGE_FOLDER -> imageFolder(dir, opt.imageSize, seed, opt.skipBadImages, log);
        };
    }

    private static Data imageFolder(Path dir, int side, long seed, boolean skipBad, PrintWriter log) throws IOException {
        if (side < 8 || side % 8 != 0) throw new CliUsageException("--image-size must be a positive multiple of 8, got " + side);
        Path test = Files.isDirectory(dir.resolve("test")) ? dir.resolve("test") : dir.resolve("val");
        String what = "image folder " + dir + " (" + side + "×" + side + ")";
        if (Files.isDirectory(dir.resolve("train")) && Files.isDirectory(test)) {
            ImageFolderDataset tr = imageFolderAt(dir.resolve("train"), side), te = imageFolderAt(test, side);
            if (!tr.classNames().equals(te.classNames())) {
                throw new CliUsageException("--data " + dir + ": train/ has classes " + tr.classNames() + " but "
                        + test.getFileName() + "/ has " + te.classNames());
            }
            return labelled(what, checked(tr, skipBad, log), checked(te, skipBad, log));
        }
        ImageFolderDataset all = checked(imageFolderAt(dir, side), skipBad, log);
        if (all.size() < 2) {
            throw new CliUsageException("--data " + dir + ": found " + all.size() + " image(s) in its class sub-folders; need at least 2 (PNG or JPEG)");
        }
        int[] order = new Generator(seed + 5).permutation(all.size());
        int nTest = Math.max(1, all.size() / 5);
        return labelled(what + ", 80/20 split by seed " + seed,
                new Subset(all, Arrays.copyOfRange(order, nTest, order.length), "image folder " + dir + " (train 80 %)"),
                new Subset(all, Arrays.copyOfRange(order, 0, nTest), "image folder " + dir + " (test 20 %)"));
    }

    private static ImageFolderDataset imageFolderAt(Path dir, int side) throws IOException {
        return ImageFolderDataset.builder(dir).size(side, side).channels(3).resize(true).expandGrey(true).build();
    }

    /**
     * The folder after decoding every image once: a bad file stops the command now (one sentence naming it), or with
     * --skip-bad-images is dropped and listed. Logs one summary line: files, classes, seconds.
     */
    private static ImageFolderDataset checked(ImageFolderDataset folder, boolean skipBad, PrintWriter log) {
        ImageFolderCheck.Result r = ImageFolderCheck.of(folder).skipBadImages(skipBad).minClasses(1).run();
        log.printf(Locale.ROOT, "checked %s: %d images in %d classes decoded in %.1f s%s%n", folder.root(), r.checkedFiles(),
                r.classes().size(), r.elapsed().toMillis() / 1000.0,
                r.badImages().isEmpty() ? "" : ", " + r.badImages().size() + " bad image(s) skipped:");
        for (ImageFolderCheck.BadImage b : r.badImages()) log.println("  skipped " + b);
        log.flush();
        return r.dataset();
    }

    private static Data labelled(String description, Dataset train, Dataset test) {
        return new Data(description, new Unlabelled(train), train, test);
    }

    private static Path inner(Path dir, String archiveFolder) {
        Path nested = dir.resolve(archiveFolder);
        return Files.isDirectory(nested) ? nested : dir;
    }

    private static int size(Integer asked, int fallback, String option) {
        int n = asked == null ? fallback : asked;
        if (n < 1) throw new CliUsageException(option + " must be at least 1, got " + n);
        return affordable(option, n);
    }

    /**
     * A generated split's size, refused up front when its per-epoch bookkeeping alone (a shuffled order of int
     * indices) would take more than a quarter of the heap: such a run would fail with an OutOfMemoryError later.
     */
    static int affordable(String option, int n) {
        long orderBytes = (long) n * Integer.BYTES, heap = Runtime.getRuntime().maxMemory();
        if (orderBytes > heap / 4) {
            throw new CliUsageException(String.format(Locale.ROOT, "%s %d: too many images for this Java heap (%,d MiB): their "
                    + "shuffled order alone takes %,d MiB per epoch; use fewer, or give the JVM more memory (CALLOSUM_JAVA_OPTS=-Xmx…)",
                    option, n, heap >> 20, orderBytes >> 20));
        }
        return n;
    }

    /** A seeded sample of n items (all of them when n is null or not smaller than the dataset). */
    static Dataset sample(Dataset d, Integer n, long seed, String option) {
        if (n == null) return d;
        if (n < 1) throw new CliUsageException(option + " must be at least 1, got " + n);
        if (n >= d.size()) return d;
        int[] pick = Arrays.copyOf(new Generator(seed).permutation(d.size()), n);
        return new Subset(d, pick, d.name() + " [" + n + " sampled]");
    }

    /** A dataset's images with their labels hidden: what pretraining may see. */
    static final class Unlabelled implements Dataset {
        private final Dataset base;

        Unlabelled(Dataset base) {
            this.base = base;
        }

        @Override public int size() { return base.size(); }
        @Override public int numClasses() { return base.numClasses(); }
        @Override public String name() { return base.name() + " (labels hidden)"; }
        @Override public Image image(int index) { return base.image(index); }
        @Override public List<String> classNames() { return base.classNames(); }

        @Override
        public int label(int index) {
            checkIndex(index);
            return Example.UNLABELLED;
        }
    }
}
