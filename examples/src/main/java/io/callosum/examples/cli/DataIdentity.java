package io.callosum.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * What a pretraining run read, stored in its checkpoints (entry {@value #KEY}) so that {@code pretrain --resume}
 * can refuse other images: the kind of data, its folder, the image side of an image folder (0 otherwise), the
 * images per split, and the number and a hash of the folder's sorted file names.
 */
record DataIdentity(String kind, String location, int imageSize, int unlabelled, int train, int test, int files, String filesHash) {
    static final String KEY = "data";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The identity of the data these options opened as d. */
    static DataIdentity of(DataOptions opt, Data d) throws IOException {
        String name = opt.data() == null ? "synthetic" : opt.data().trim();
        var sizes = d.sizes();
        if (name.equals("synthetic")) return new DataIdentity("synthetic", "", 0, sizes.unlabelled(), sizes.train(), sizes.test(), 0, "");
        Path dir = name.equals("fashion-mnist") ? io.callosum.nn.data.IdxDataset.FASHION_MNIST_DIR : Path.of(name);
        DataSources.FolderKind kind = name.equals("fashion-mnist") ? DataSources.FolderKind.IDX : DataSources.kind(dir);
        int side = kind == DataSources.FolderKind.IMAGE_FOLDER ? opt.imageSize : 0;
        List<String> names = fileNames(dir);
        return new DataIdentity(name.equals("fashion-mnist") ? "fashion-mnist" : kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                dir.toAbsolutePath().normalize().toString(), side, sizes.unlabelled(), sizes.train(), sizes.test(), names.size(), hash(names));
    }

    /** The folder's regular files (symbolic links followed), relative, sorted. */
    private static List<String> fileNames(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
            return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/')).sorted().toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static String hash(List<String> names) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String n : names) sha.update((n + "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** Refuses (exit 2) to resume checkpoint on data other than this, saying what differs; old checkpoints record none. */
    void requireSameAs(Path checkpoint) throws IOException {
        java.util.Optional<String> stored = io.callosum.splitbrain.config.CheckpointConfig.readExtra(checkpoint, KEY);
        if (stored.isEmpty()) return;
        List<String> differ = fromJson(stored.get()).differences(this);
        if (!differ.isEmpty()) {
            throw new CliUsageException("--resume " + checkpoint + ": this run reads other images than the run it continues ("
                    + String.join("; ", differ) + "); pass the first run's --data and image options, or start a new run");
        }
    }

    String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("DataIdentity: cannot write " + this, e);
        }
    }

    static DataIdentity fromJson(String json) {
        try {
            return JSON.readValue(json, DataIdentity.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the checkpoint's data entry is not readable: " + e.getOriginalMessage(), e);
        }
    }

    /** What differs between the run that wrote a checkpoint (this) and now, in words; empty when nothing does. */
    List<String> differences(DataIdentity now) {
        List<String> d = new ArrayList<>();
        if (!kind.equals(now.kind) || !location.equals(now.location)) {
            d.add("the data: it was " + describe() + ", now " + now.describe());
            return d;
        }
        if (imageSize != now.imageSize) d.add("--image-size: it was " + imageSize + ", now " + now.imageSize);
        if (unlabelled != now.unlabelled) d.add("--unlabelled: it was " + unlabelled + " images, now " + now.unlabelled);
        if (train != now.train) d.add("--train: it was " + train + " images, now " + now.train);
        if (test != now.test) d.add("--test: it was " + test + " images, now " + now.test);
        if (files != now.files || !Objects.equals(filesHash, now.filesHash)) {
            d.add("the files in " + location + ": " + files + " then, " + now.files + " now" + (files == now.files ? " (with other names)" : ""));
        }
        return d;
    }

    private String describe() {
        return location.isEmpty() ? kind : kind + " " + location;
    }
}
