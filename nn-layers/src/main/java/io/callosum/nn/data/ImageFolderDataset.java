package io.callosum.nn.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Images in one sub-folder per class ({@code root/cat/001.png}), like torchvision's {@code ImageFolder}: classes are
 * the sub-folder names in sorted order, images are the PNG/JPEG files under each (searched recursively, sorted by
 * path; other files and hidden entries are skipped). Images are decoded on demand. Every image must have the
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

        public Builder size(int height, int width) {
            this.height = height;
            this.width = width;
            return this;
        }

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
                if (!Files.isDirectory(dir) || isHidden(dir.getFileName())) continue;
                int label = classes.size();
                classes.add(dir.getFileName().toString());
                for (Path f : sorted(Files.walk(dir))) {
                    if (Files.isRegularFile(f) && isImage(f) && !isHidden(dir.relativize(f))) {
                        files.add(f);
                        labels.add(label);
                    }
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
                throw e.getCause();
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
