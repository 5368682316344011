package io.callosum.cuda.verdict;

import java.util.Locale;
import java.util.Map;

/** The op family a test class checks, for the per-family rows of the GPU verdict. */
final class OpFamilies {
    private OpFamilies() {
    }

    private static final Map<String, String> BY_CLASS = Map.ofEntries(
            Map.entry("ElementwiseOpsTest", "elementwise"),
            Map.entry("ReductionOpsTest", "reductions"),
            Map.entry("MatmulOpsTest", "matmul"),
            Map.entry("ConvOpsTest", "conv"),
            Map.entry("PoolOpsTest", "pool"),
            Map.entry("NormOpsTest", "norm"),
            Map.entry("LossOpsTest", "loss"),
            Map.entry("ColorOpsTest", "colour"),
            Map.entry("ColorLabPooledTest", "colour"),
            Map.entry("IndexingOpsTest", "index"),
            Map.entry("DropoutTest", "random"),
            Map.entry("ShapeOpsTest", "memory"));

    /**
     * The family of a fully qualified test class: the table above for tensor-core's op suite, "cuda-unit" for
     * cuda-kernels' own tests, and for a class added later its simple name without "OpsTest"/"Test", so it still
     * gets a row of its own instead of being folded into another family.
     */
    static String of(String className) {
        String simple = className.substring(className.lastIndexOf('.') + 1);
        int nested = simple.indexOf('$');
        if (nested >= 0) simple = simple.substring(0, nested);
        if (className.startsWith("io.callosum.cuda.")) return "cuda-unit";
        String known = BY_CLASS.get(simple);
        if (known != null) return known;
        return simple.replaceAll("(Ops)?Test$", "").toLowerCase(Locale.ROOT);
    }
}
