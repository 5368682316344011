package io.callosum.cuda.vendor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads a set of shared libraries by absolute path in the given (dependency) order. One that fails is tried again
 * after a round in which another loaded, since an unlisted ordering constraint is the usual reason; the loop ends
 * when a round loads nothing. Only the failure of a required library is an error.
 */
final class PreloadOrder {
    private PreloadOrder() {
    }

    /** dlopen by path (System.load in production); throws UnsatisfiedLinkError on failure. */
    interface Loader {
        void load(Path library);
    }

    /** Empty when every required library loaded, else the first required one that did not, with the loader's message. */
    static Optional<String> loadAll(List<Path> libraries, Collection<Path> optional, Loader loader) {
        List<Path> left = new ArrayList<>(libraries);
        Map<Path, String> errors = new LinkedHashMap<>();
        boolean progress = true;
        while (!left.isEmpty() && progress) {
            progress = false;
            for (Iterator<Path> it = left.iterator(); it.hasNext(); ) {
                Path p = it.next();
                try {
                    loader.load(p);
                    it.remove();
                    errors.remove(p);
                    progress = true;
                } catch (UnsatisfiedLinkError e) {
                    errors.put(p, firstLine(String.valueOf(e.getMessage())));
                }
            }
        }
        for (Path p : left) {
            if (!optional.contains(p)) return Optional.of("loading " + p + " failed: " + errors.get(p));
        }
        return Optional.empty();
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
