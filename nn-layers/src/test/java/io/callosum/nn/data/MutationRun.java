package io.callosum.nn.data;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The reliability mutation run over a folder built by {@code src/test/scripts/build_mutation_folder.py} (run it with
 * {@code src/test/scripts/mutation_run.sh}): the up-front check must name every damaged file listed in damaged.tsv
 * and nothing else, CMYK JPEGs must decode to PIL's colours, and a training epoch over the checked folder must read
 * every good image and no damaged one. Prints the check's wall time; exits 1 on any mismatch.
 */
public final class MutationRun {
    private MutationRun() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]).toAbsolutePath();
        Map<Path, String> damaged = tsv(out.resolve("damaged.tsv"));
        Map<Path, String> cmyk = tsv(out.resolve("cmyk.tsv"));
        // resizing on, so that a damaged file of another size (skimage's truncated.jpg is 100×100) must be caught as damaged
        ImageFolderDataset ds = ImageFolderDataset.builder(out.resolve("images")).size(96, 96).resize(true).expandGrey(true).build();
        int failures = 0;

        try {
            ImageFolderCheck.of(ds).run();
            System.out.println("FAIL: the check without skipping passed");
            failures++;
        } catch (DatasetCheckException e) {
            System.out.println("without skipping: " + e.getMessage());
        }
        long t0 = System.nanoTime();
        ImageFolderCheck.Result r = ImageFolderCheck.of(ds).skipBadImages(true).run();
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.println(r.summary());
        System.out.printf("check wall time: %.2f s for %d files on %d threads%n", seconds, r.checkedFiles(), Runtime.getRuntime().availableProcessors());

        Set<Path> named = new TreeSet<>();
        for (ImageFolderCheck.BadImage b : r.badImages()) named.add(b.file());
        for (Path d : damaged.keySet()) {
            if (!named.contains(d)) {
                System.out.println("FAIL: damaged file not named (" + damaged.get(d) + "): " + d);
                failures++;
            }
        }
        for (ImageFolderCheck.BadImage b : r.badImages()) {
            if (!damaged.containsKey(b.file())) {
                System.out.println("FAIL: an intact file was named: " + b);
                failures++;
            } else {
                System.out.println("named (" + damaged.get(b.file()) + "): " + b);
            }
        }

        Map<Path, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < r.dataset().size(); i++) index.put(r.dataset().file(i), i);
        for (Map.Entry<Path, String> e : cmyk.entrySet()) {
            Image got = r.dataset().image(index.get(e.getKey()));
            BufferedImage pil = ImageIO.read(Path.of(e.getValue()).toFile());
            double worst = 0;
            for (int y = 0; y < 96; y++) {
                for (int x = 0; x < 96; x++) {
                    int rgb = pil.getRGB(x, y);
                    int[] want = {(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff};
                    for (int c = 0; c < 3; c++) worst = Math.max(worst, Math.abs(got.get(c, y, x) * 255 - want[c]));
                }
            }
            System.out.printf("CMYK %s: largest difference from PIL %.1f levels%n", e.getKey().getFileName(), worst);
            if (worst > 4) failures++;
        }

        Set<Path> trained = new HashSet<>();
        long t1 = System.nanoTime();
        try (DataLoader loader = DataLoader.builder(r.dataset()).batchSize(32).shuffle(true).seed(1).workers(2).build()) {
            for (Batch b : loader) {
                try (b) {
                    for (int i : b.indices()) trained.add(r.dataset().file(i));
                }
            }
        }
        int reachedTraining = 0;
        for (Path p : trained) if (damaged.containsKey(p)) reachedTraining++;
        System.out.printf("training epoch: %d images read in %.2f s, %d damaged among them%n", trained.size(),
                (System.nanoTime() - t1) / 1e9, reachedTraining);
        if (reachedTraining > 0 || trained.size() != ds.size() - damaged.size()) failures++;
        System.out.println(failures == 0 ? "PASS: " + damaged.size() + " damaged files named, none reached training"
                : "FAILURES: " + failures);
        System.exit(failures == 0 ? 0 : 1);
    }

    private static Map<Path, String> tsv(Path file) throws IOException {
        Map<Path, String> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) continue;
            String[] f = line.split("\t");
            out.put(Path.of(f[0]), f[1]);
        }
        return out;
    }
}
