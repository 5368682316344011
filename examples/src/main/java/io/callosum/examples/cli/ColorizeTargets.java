package io.callosum.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Where colorize writes each picture, decided before any work: one distinct file per input (a/p.png and b/p.png
 * become p-colorized.png and p-2-colorized.png), never an input, and no existing file unless --overwrite.
 */
final class ColorizeTargets {
    private ColorizeTargets() {
    }

    /** The output file of each input, in order; a usage error naming the file when one would be lost. */
    static List<Path> plan(List<Path> inputs, Path output, Path dir, String suffix, boolean overwrite) throws IOException {
        List<Path> targets = new ArrayList<>();
        if (output != null) {
            targets.add(output);
        } else {
            Set<String> taken = new HashSet<>();
            for (Path in : inputs) {
                String stem = stem(in), name = stem + suffix;
                for (int k = 2; !taken.add(name); k++) name = stem + "-" + k + suffix;
                targets.add(dir.resolve(name));
            }
        }
        for (int i = 0; i < targets.size(); i++) {
            Path t = targets.get(i);
            String option = output != null ? "--output " : "";
            for (Path in : inputs) {
                if (same(t, in)) throw new CliUsageException(option + t + ": would overwrite the input " + in + "; write the colorization elsewhere");
            }
            if (Files.isDirectory(t)) throw new CliUsageException(option + t + ": is a folder; name a PNG file");
            if (Files.exists(t) && !overwrite) {
                throw new CliUsageException(option + t + ": exists (from an earlier run?); pass --overwrite to replace it, or write elsewhere");
            }
        }
        return targets;
    }

    private static boolean same(Path a, Path b) throws IOException {
        if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) return true;
        return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
    }

    private static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
