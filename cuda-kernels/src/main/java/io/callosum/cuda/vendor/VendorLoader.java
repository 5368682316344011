package io.callosum.cuda.vendor;

import io.callosum.cuda.probe.VendorPlan;
import jcuda.jcublas.JCublas2;
import jcuda.jcudnn.JCudnn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Carries out a {@link VendorPlan} once per JVM: loads the listed libraries by absolute path ({@link PreloadOrder}, so
 * the JCuda bindings' own dependencies — libcublas.so.12, libcudnn.so.9 — are already in the process, matched by
 * soname, wherever they were found), builds the
 * cuBLAS forwarder when planned, then initialises the binding. Any failure becomes a reason, never an Error.
 */
public final class VendorLoader {
    private VendorLoader() {
    }

    /** Whether the binding is usable, and otherwise why not. */
    public record Outcome(boolean loaded, String reason) {
    }

    private static Outcome cublas;
    private static Outcome cudnn;

    /** Loads cuBLAS as {@code choice} plans (the first call only; later calls return the same outcome). */
    public static synchronized Outcome cublas(VendorPlan.Choice choice) {
        if (cublas == null) cublas = load(choice, () -> {
            if (choice.kind() == VendorPlan.Kind.BUILD_FORWARDER) {
                Path cc = CublasForwarder.findCompiler().orElseThrow(() -> new IOException("no C compiler on the PATH"));
                System.load(CublasForwarder.buildCached(cc).toAbsolutePath().toString());
            }
            JCublas2.initialize();
        });
        return cublas;
    }

    /** Loads cuDNN as {@code choice} plans (the first call only; later calls return the same outcome). */
    public static synchronized Outcome cudnn(VendorPlan.Choice choice) {
        if (cudnn == null) cudnn = load(choice, JCudnn::initialize);
        return cudnn;
    }

    private interface Step {
        void run() throws IOException;
    }

    private static Outcome load(VendorPlan.Choice choice, Step bind) {
        if (!choice.usable()) return new Outcome(false, choice.reason());
        try {
            Optional<String> failed = PreloadOrder.loadAll(choice.preload(), choice.optional(), p -> System.load(p.toAbsolutePath().toString()));
            if (failed.isPresent()) return new Outcome(false, choice.label() + " not used: " + failed.get());
            bind.run();
            return new Outcome(true, "");
        } catch (IOException | RuntimeException | LinkageError e) {
            return new Outcome(false, choice.label() + " not used: " + e.getClass().getSimpleName() + ": " + firstLine(String.valueOf(e.getMessage())));
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
