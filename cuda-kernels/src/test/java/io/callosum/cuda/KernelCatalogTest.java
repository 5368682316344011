package io.callosum.cuda;

import io.callosum.tensor.DType;
import io.callosum.tensor.spi.BinaryOp;
import io.callosum.tensor.spi.UnaryOp;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every kernel the Java side launches exists in the committed PTX, found by the name the Java side builds, with the
 * number of parameters it passes — a launch of a missing or mis-declared kernel would otherwise only fail on a GPU.
 */
class KernelCatalogTest {
    /** module → kernel → parameter count, read from the PTX resources on the class path. */
    static Map<String, Map<String, Integer>> catalog() throws IOException {
        Map<String, Map<String, Integer>> out = new HashMap<>();
        Pattern entry = Pattern.compile("\\.entry\\s+(\\w+)\\s*\\(([^)]*)\\)", Pattern.DOTALL);
        for (String module : List.of("color", "conv", "elementwise", "gemm", "index", "loss", "memory", "norm", "pool", "random", "reduce")) {
            String ptx;
            try (InputStream in = KernelCatalogTest.class.getResourceAsStream("/io/callosum/cuda/kernels/" + module + ".ptx")) {
                assertTrue(in != null, module + ".ptx is packaged");
                ptx = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            }
            Map<String, Integer> kernels = new HashMap<>();
            Matcher m = entry.matcher(ptx);
            while (m.find()) kernels.put(m.group(1), m.group(2).isBlank() ? 0 : m.group(2).split(",").length);
            out.put(module, kernels);
        }
        return out;
    }

    private static void expect(Map<String, Map<String, Integer>> cat, String module, String kernel, int params, Set<String> seen) {
        Integer got = cat.get(module).get(kernel);
        assertTrue(got != null, module + ".ptx has no kernel " + kernel);
        assertEquals(params, got, kernel + " parameter count");
        seen.add(module + "." + kernel);
    }

    @Test
    void everyLaunchedKernelExistsWithItsParameterCount() throws IOException {
        Map<String, Map<String, Integer>> cat = catalog();
        Set<String> seen = new HashSet<>();
        for (UnaryOp op : UnaryOp.values()) {
            if (op == UnaryOp.NON_FINITE) continue;
            String name = "unary_" + op.name().toLowerCase(Locale.ROOT);
            expect(cat, "elementwise", name, 6, seen);
            expect(cat, "elementwise", name + "_c", 5, seen);
        }
        expect(cat, "elementwise", "unary_non_finite", 4, seen);
        for (BinaryOp op : BinaryOp.values()) {
            for (String t : List.of("f32", "i32")) {
                String name = "binary_" + t + "_" + op.name().toLowerCase(Locale.ROOT);
                expect(cat, "elementwise", name, 6, seen);
                expect(cat, "elementwise", name + "_c", 5, seen);
            }
        }
        for (String w : List.of("b32", "b8")) {
            expect(cat, "elementwise", "where_" + w, 6, seen);
            expect(cat, "memory", "fill_" + w, 4, seen);
            expect(cat, "index", "gather_" + w, 6, seen);
            expect(cat, "index", "index_select_" + w, 7, seen);
        }
        List<DType> stored = List.of(DType.FLOAT32, DType.INT32, DType.UINT8); // the CUDA backend has no FLOAT64
        for (DType from : stored) {
            for (DType to : stored) expect(cat, "memory", "copy_" + Family.typeName(from) + "_" + Family.typeName(to), 4, seen);
            expect(cat, "index", "scatter_add_" + Family.typeName(from), 6, seen);
            expect(cat, "index", "index_add_" + Family.typeName(from), 7, seen);
        }
        Object[][] fixed = {
                {"reduce", "reduce_block_f32", 9}, {"reduce", "reduce_finish_f32", 6}, {"reduce", "reduce_thread_f32", 8}, {"reduce", "reduce_warp_f32", 8},
                {"reduce", "reduce_thread_i32", 7}, {"reduce", "argreduce_f32", 7}, {"reduce", "argreduce_i32", 7},
                {"reduce", "topk_shared", 7}, {"reduce", "topk_keys", 6}, {"reduce", "topk_step", 5}, {"reduce", "topk_extract", 8},
                {"gemm", "sgemm_tiled", 17},
                {"conv", "im2col", 8}, {"conv", "col2im", 8}, {"conv", "add_channel_bias", 5},
                {"pool", "maxpool_fwd", 4}, {"pool", "maxpool_bwd", 4}, {"pool", "avgpool_fwd", 3}, {"pool", "avgpool_bwd", 3},
                {"pool", "adaptive_avg_fwd", 7}, {"pool", "adaptive_avg_bwd", 7}, {"pool", "nearest_fwd", 7}, {"pool", "nearest_bwd", 7},
                {"pool", "bilinear_fwd", 8}, {"pool", "bilinear_bwd", 8},
                {"norm", "bn_partial_stats", 7}, {"norm", "bn_finish_stats", 11}, {"norm", "bn_apply", 9},
                {"norm", "bn_backward_partial", 10}, {"norm", "bn_backward_finish", 6}, {"norm", "bn_backward_apply", 11},
                {"loss", "softmax_rows", 5}, {"loss", "softmax_cols", 6}, {"loss", "softmax_bwd_rows", 6}, {"loss", "softmax_bwd_cols", 7},
                {"loss", "nll_fwd", 9}, {"loss", "nll_bwd", 8},
                {"color", "rgb_to_lab", 4}, {"color", "rgb_to_lab_bwd", 5}, {"color", "lab_to_rgb", 4}, {"color", "lab_to_rgb_bwd", 5},
                {"color", "quantize", 5},
                {"random", "fill_uniform", 6}, {"random", "fill_normal", 6}, {"random", "fill_bernoulli", 5}};
        for (Object[] f : fixed) expect(cat, (String) f[0], (String) f[1], (Integer) f[2], seen);
        int total = 0;
        for (Map<String, Integer> m : cat.values()) total += m.size();
        assertEquals(total, seen.size(), "every kernel in the PTX is accounted for (no dead kernels)");
    }

    @Test
    void structsPassedByValueHaveTheSizesTheKernelsDeclare() throws IOException {
        String elementwise = resource("elementwise");
        // Geo: 1 + 8 + 4·8 ints
        assertTrue(elementwise.contains(".param .align 4 .b8 unary_neg_param_0[" + 4 * StridedGeometry.PACKED_INTS + "]"), "Geo is 164 bytes");
        assertTrue(resource("conv").contains(".b8 im2col_param_0[52]"), "ConvGeo is 13 ints");
        assertTrue(resource("pool").contains(".b8 maxpool_fwd_param_0[56]"), "PoolGeo is 14 ints");
        assertTrue(resource("color").contains(".b8 quantize_param_0[" + 4 * (1 + 3 * CudaColor.MAX_CHANNELS) + "]"), "QuantParams");
    }

    private static String resource(String module) throws IOException {
        try (InputStream in = KernelCatalogTest.class.getResourceAsStream("/io/callosum/cuda/kernels/" + module + ".ptx")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
