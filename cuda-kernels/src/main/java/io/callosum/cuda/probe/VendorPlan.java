package io.callosum.cuda.probe;

import java.nio.file.Path;
import java.util.ArrayList;
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

    /** How a vendor library will be brought in, or why it will not. */
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

    /**
     * What to do for one library, the libraries to load first (absolute paths, in order), those of them that may fail
     * to load without harm (companions the backend's calls may never need), a label saying which library and where it
     * came from, and a reason when not usable.
     */
    public record Choice(Kind kind, List<Path> preload, List<Path> optional, String label, String reason) {
        Choice(Kind kind, List<Path> preload, String label, String reason) {
            this(kind, preload, List.of(), label, reason);
        }

        /** Whether the plan is to load the library (as is or through the forwarder). */
        public boolean usable() {
            return kind == Kind.USE || kind == Kind.BUILD_FORWARDER;
        }
    }

    /** cuBLAS 12/13 is two libraries: libcublas needs libcublasLt of the same release. */
    static final String CUBLAS_LT = "libcublasLt.so.";

    /**
     * cuDNN 9's sub-libraries, dependencies first, after NVRTC (which the runtime-compiled engines open; the builtins'
     * name is that of the CUDA 12.6 redist jar). libcudnn.so.9 opens them lazily by soname; loading them first by
     * absolute path is what lets a copy outside the linker's search path (a jar's, a -Dcallosum.cuda.libraryPath one)
     * be found, and makes a broken one fail at start-up. Each is optional: the self-test decides what matters.
     */
    public static final List<String> CUDNN_SUBLIBRARIES = List.of("libnvrtc.so.12", "libnvrtc-builtins.so.12.6",
            "libcudnn_graph.so.9", "libcudnn_engines_precompiled.so.9",
            "libcudnn_engines_runtime_compiled.so.9", "libcudnn_heuristic.so.9", "libcudnn_ops.so.9", "libcudnn_cnn.so.9",
            "libcudnn_adv.so.9");

    /**
     * JCublas2 12.6.0 links libcublas.so.12. A CUDA 12 machine has it; a CUDA 13 machine has libcublas.so.13 only, and
     * then a forwarding libcublas.so.12 (prebuilt, or built here with a C compiler) loaded after it stands in.
     */
    public static Choice cublas(boolean enabled, LibrarySearch search, Optional<Path> prebuiltForwarder, Optional<Path> compiler) {
        if (!enabled) return new Choice(Kind.DISABLED, List.of(), "cuBLAS", "cuBLAS off (switched off by -Dcallosum.cuda.vendor=false or -Dcallosum.cuda.cublas=false)");
        Optional<LibrarySearch.Found> v12 = search.locate("libcublas.so.12");
        if (v12.isPresent()) {
            return new Choice(Kind.USE, withLt(search, v12.get(), "12"), "cuBLAS (" + v12.get().describe() + ")", "");
        }
        Optional<LibrarySearch.Found> v13 = search.locate("libcublas.so.13");
        if (v13.isEmpty()) {
            return new Choice(Kind.UNAVAILABLE, List.of(), "cuBLAS",
                    "cuBLAS not found (neither libcublas.so.12 nor libcublas.so.13 in " + search.describe() + "), using the built-in SGEMM kernel");
        }
        List<Path> target = withLt(search, v13.get(), "13");
        if (prebuiltForwarder.isPresent()) {
            List<Path> preload = new ArrayList<>(target);
            preload.add(prebuiltForwarder.get());
            return new Choice(Kind.USE, preload,
                    "cuBLAS (" + v13.get().describe() + " through the forwarding libcublas.so.12 " + prebuiltForwarder.get() + ")", "");
        }
        if (compiler.isPresent()) {
            return new Choice(Kind.BUILD_FORWARDER, target,
                    "cuBLAS (" + v13.get().describe() + " through a forwarding libcublas.so.12 built with " + compiler.get().getFileName() + ")", "");
        }
        return new Choice(Kind.UNAVAILABLE, List.of(), "cuBLAS",
                "cuBLAS not used: found " + v13.get().path() + " but JCublas2 12.6.0 needs libcublas.so.12, and there is no forwarding library "
                        + "(set -Dcallosum.cuda.cublasForwarder=<libcublas.so.12 from cuda-kernels/prepare-device.sh> or put a C compiler on the PATH); "
                        + "using the built-in SGEMM kernel");
    }

    /** libcublasLt of the same installation (when there) before libcublas. */
    private static List<Path> withLt(LibrarySearch search, LibrarySearch.Found cublas, String major) {
        List<Path> out = new ArrayList<>();
        search.companion(cublas, CUBLAS_LT + major).ifPresent(f -> out.add(f.path()));
        out.add(cublas.path());
        return out;
    }

    /** jcudnn-natives 12.6.0 is built for cuDNN 9 (libcudnn.so.9); its legacy convolution API is what we call. */
    public static Choice cudnn(boolean enabled, LibrarySearch search) {
        if (!enabled) return new Choice(Kind.DISABLED, List.of(), "cuDNN", "cuDNN off (switched off by -Dcallosum.cuda.vendor=false or -Dcallosum.cuda.cudnn=false)");
        Optional<LibrarySearch.Found> v9 = search.locate("libcudnn.so.9");
        if (v9.isPresent()) {
            List<Path> subs = new ArrayList<>();
            for (String name : CUDNN_SUBLIBRARIES) search.companion(v9.get(), name).ifPresent(f -> subs.add(f.path()));
            List<Path> preload = new ArrayList<>(subs);
            preload.add(v9.get().path());
            return new Choice(Kind.USE, preload, subs, "cuDNN (" + v9.get().describe() + ")", "");
        }
        Optional<Path> v8 = search.find("libcudnn.so.8");
        String why = v8.isPresent()
                ? "cuDNN not used: found cuDNN 8 at " + v8.get() + " but jcudnn-natives 12.6.0 is built for cuDNN 9 (libcudnn.so.9)"
                : "cuDNN not found (libcudnn.so.9 in " + search.describe() + ")";
        return new Choice(Kind.UNAVAILABLE, List.of(), "cuDNN", why + ", using built-in convolution kernels");
    }
}
