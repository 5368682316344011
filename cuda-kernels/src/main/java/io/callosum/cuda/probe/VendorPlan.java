package io.callosum.cuda.probe;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Decides, from what is on disk, how each vendor library would be brought in — without loading anything, so the
 * decision is unit-tested with fake file systems. The native step then loads {@link Choice#preload()} in order and
 * initialises the JCuda binding; a failure there also ends in "not used, because …".
 */
public final class VendorPlan {
    private VendorPlan() {
    }

    public enum Kind {
        /** Load the preload list, then the JCuda binding. */
        USE,
        /** As USE, after building the forwarding libcublas.so.12 with the C compiler found. */
        BUILD_FORWARDER,
        /** Turned off by a switch. */
        DISABLED,
        /** Not possible on this machine; the reason says why. */
        UNAVAILABLE
    }

    /** What to do for one library, the libraries to load first (absolute paths, in order), a label and a reason. */
    public record Choice(Kind kind, List<Path> preload, String label, String reason) {
        public boolean usable() {
            return kind == Kind.USE || kind == Kind.BUILD_FORWARDER;
        }
    }

    /**
     * JCublas2 12.6.0 links libcublas.so.12. A CUDA 12 machine has it; a CUDA 13 machine has libcublas.so.13 only, and
     * then a forwarding libcublas.so.12 (prebuilt, or built here with a C compiler) loaded after it stands in.
     */
    public static Choice cublas(boolean enabled, LibrarySearch search, Optional<Path> prebuiltForwarder, Optional<Path> compiler) {
        if (!enabled) return new Choice(Kind.DISABLED, List.of(), "cuBLAS", "cuBLAS off (switched off by -Dcallosum.cuda.vendor=false or -Dcallosum.cuda.cublas=false)");
        Optional<Path> v12 = search.find("libcublas.so.12");
        if (v12.isPresent()) return new Choice(Kind.USE, List.of(v12.get()), "cuBLAS (libcublas.so.12)", "");
        Optional<Path> v13 = search.find("libcublas.so.13");
        if (v13.isEmpty()) {
            return new Choice(Kind.UNAVAILABLE, List.of(), "cuBLAS",
                    "cuBLAS not found (neither libcublas.so.12 nor libcublas.so.13 in " + search.describe() + "), using the built-in SGEMM kernel");
        }
        if (prebuiltForwarder.isPresent()) {
            return new Choice(Kind.USE, List.of(v13.get(), prebuiltForwarder.get()),
                    "cuBLAS (libcublas.so.13 through the forwarding libcublas.so.12)", "");
        }
        if (compiler.isPresent()) {
            return new Choice(Kind.BUILD_FORWARDER, List.of(v13.get()),
                    "cuBLAS (libcublas.so.13 through a forwarding libcublas.so.12 built with " + compiler.get().getFileName() + ")", "");
        }
        return new Choice(Kind.UNAVAILABLE, List.of(), "cuBLAS",
                "cuBLAS not used: found " + v13.get() + " but JCublas2 12.6.0 needs libcublas.so.12, and there is no forwarding library "
                        + "(set -Dcallosum.cuda.cublasForwarder=<libcublas.so.12 from cuda-kernels/prepare-device.sh> or put a C compiler on the PATH); "
                        + "using the built-in SGEMM kernel");
    }

    /** jcudnn-natives 12.6.0 is built for cuDNN 9 (libcudnn.so.9); its legacy convolution API is what we call. */
    public static Choice cudnn(boolean enabled, LibrarySearch search) {
        if (!enabled) return new Choice(Kind.DISABLED, List.of(), "cuDNN", "cuDNN off (switched off by -Dcallosum.cuda.vendor=false or -Dcallosum.cuda.cudnn=false)");
        Optional<Path> v9 = search.find("libcudnn.so.9");
        if (v9.isPresent()) return new Choice(Kind.USE, List.of(v9.get()), "cuDNN (libcudnn.so.9)", "");
        Optional<Path> v8 = search.find("libcudnn.so.8");
        String why = v8.isPresent()
                ? "cuDNN not used: found cuDNN 8 at " + v8.get() + " but jcudnn-natives 12.6.0 is built for cuDNN 9 (libcudnn.so.9)"
                : "cuDNN not found (libcudnn.so.9 in " + search.describe() + ")";
        return new Choice(Kind.UNAVAILABLE, List.of(), "cuDNN", why + ", using built-in convolution kernels");
    }
}
