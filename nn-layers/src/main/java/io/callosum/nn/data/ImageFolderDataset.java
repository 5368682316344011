package io.callosum.nn.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Images in one sub-folder per class ({@code root/cat/001.png}), like torchvision's {@code ImageFolder}: classes are
 * the sub-folder names in sorted order, images are the PNG/JPEG files under each (searched recursively, sorted by
 * path; other files and hidden entries are skipped; symbolic links, class folders included, are followed). A class
 * folder without images is an error, not a class with no examples. Images are decoded on demand, and
 * {@link ImageFolderCheck} checks them all up front. Every image must have the
 * configured size — an image of another size is an error naming the file unless resizing is enabled — and the
 * configured channel count: grey images become 3-channel only when grey expansion is enabled; alpha is dropped.
 */
public final class ImageFolderDataset implements Dataset {
    private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg");

    private final Path root;
    private final List<String> classes;
    private final Path[] files;
    private final int[] labels;
    private final ImageDecoder decoder;

    private ImageFolderDataset(Path root, List<String> classes, Path[] files, int[] labels, ImageDecoder decoder) {
        this.root = root;
        this.classes = classes;
        this.files = files;
        this.labels = labels;
        this.decoder = decoder;
    }

    /** Starts a dataset over root, whose sub-folders name the classes. */
    public static Builder builder(Path root) {
        return new Builder(root);
    }

    /** Configures and opens an image folder. Required: the image size; defaults: 3 channels, no resizing. */
    public static final class Builder {
        private final Path root;
        private int height = -1;
        private int width = -1;
        private int channels = 3;
        private boolean resize;
        private boolean expandGrey;

        private Builder(Path root) {
            this.root = root;
        }

        /** Size every image is resized to, so images stack into batches. */
        public Builder size(int height, int width) {
            this.height = height;
            this.width = width;
            return this;
        }

        /** Channels images are converted to (1 grey, 3 RGB). */
        public Builder channels(int channels) {
            this.channels = channels;
            return this;
        }

        /** Resize (bilinearly) images of another size instead of rejecting them. */
        public Builder resize(boolean resize) {
            this.resize = resize;
            return this;
        }

        /** Replicate grey images to 3 channels instead of rejecting them (with channels(3)). */
        public Builder expandGrey(boolean expandGrey) {
            this.expandGrey = expandGrey;
            return this;
        }

        /** Scans the folders; fails naming the root when no image is found. */
        public ImageFolderDataset build() throws IOException {
            if (height <= 0 || width <= 0) {
                throw new IllegalArgumentException("ImageFolder " + root + ": set a positive image size with size(h, w), got " + height + "×" + width);
            }
            ImageDecoder decoder = new ImageDecoder(channels, height, width, resize, expandGrey);
            if (!Files.isDirectory(root)) throw new NoSuchFileException(root.toString(), null, "image folder root is not a directory");
            List<String> classes = new ArrayList<>();
            List<Path> files = new ArrayList<>();
            List<Integer> labels = new ArrayList<>();
            for (Path dir : sorted(Files.list(root))) {
                if (!Files.isDirectory(dir) || isHidden(dir.getFileName())) continue; // isDirectory follows a symlinked class folder
                int label = classes.size();
                classes.add(dir.getFileName().toString());
                int before = files.size();
                for (Path f : sorted(Files.walk(dir, FileVisitOption.FOLLOW_LINKS))) {
                    // not "isRegularFile": a broken link or unreadable entry named like an image must fail the check, not vanish
                    if (!Files.isDirectory(f) && isImage(f) && !isHidden(dir.relativize(f))) {
                        files.add(f);
                        labels.add(label);
                    }
                }
                if (files.size() == before) {
                    throw new DatasetFormatException(dir, "class folder '" + dir.getFileName() + "' holds no PNG or JPEG images; "
                            + "remove it or add images (an empty class would still count as a class)");
                }
            }
            if (classes.isEmpty()) {
                throw new DatasetFormatException(root, "no class sub-folders: an image folder holds one sub-folder of images per class");
            }
            return new ImageFolderDataset(root, List.copyOf(classes), files.toArray(new Path[0]),
                    labels.stream().mapToInt(Integer::intValue).toArray(), decoder);
        }

        private static List<Path> sorted(Stream<Path> paths) throws IOException {
            try (paths) {
                return paths.sorted().toList();
            } catch (UncheckedIOException e) {
                throw e.getCause(); // also a FileSystemLoopException for a symbolic link back into the folder
            }
        }

        /** True when any name along the (relative) path starts with a dot. */
        private static boolean isHidden(Path p) {
            for (Path part : p) if (part.toString().startsWith(".")) return true;
            return false;
        }

        private static boolean isImage(Path p) {
            String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
            for (String ext : EXTENSIONS) if (n.endsWith(ext)) return true;
            return false;
        }
    }

    @Override
    public int size() {
        return files.length;
    }

    @Override
    public int numClasses() {
        return classes.size();
    }

    @Override
    public String name() {
        return "image folder " + root;
    }

    @Override
    public List<String> classNames() {
        return classes;
    }

    /** The file behind item index. */
    public Path file(int index) {
        checkIndex(index);
        return files[index];
    }

    /**
     * Decodes item index fully and checks it as {@link #image} would (size, channels, damaged data), without converting
     * it: throws the {@link DatasetFormatException} that training would meet.
     */
    public void verify(int index) {
        checkIndex(index);
        decoder.verify(files[index], index);
    }

    /** This folder without the given items (same classes, same labels): what training reads after a skipping check. */
    public ImageFolderDataset without(Set<Integer> indices) {
        List<Path> keptFiles = new ArrayList<>();
        List<Integer> keptLabels = new ArrayList<>();
        for (int i = 0; i < files.length; i++) {
            if (indices.contains(i)) continue;
            keptFiles.add(files[i]);
            keptLabels.add(labels[i]);
        }
        return new ImageFolderDataset(root, classes, keptFiles.toArray(new Path[0]),
                keptLabels.stream().mapToInt(Integer::intValue).toArray(), decoder);
    }

    /** The folder this dataset was read from. */
    public Path root() {
        return root;
    }

    @Override
    public Image image(int index) {
        checkIndex(index);
        return decoder.decode(files[index], index);
    }

    @Override
    public int label(int index) {
        checkIndex(index);
        return labels[index];
    }
}
