package io.callosum.cuda.vendor;

import io.callosum.cuda.probe.CudnnProbe;
import io.callosum.tensor.spi.Conv2dGeometry;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUstream;
import jcuda.jcudnn.JCudnn;
import jcuda.jcudnn.cudnnConvolutionBwdDataAlgoPerf;
import jcuda.jcudnn.cudnnConvolutionBwdFilterAlgoPerf;
import jcuda.jcudnn.cudnnConvolutionDescriptor;
import jcuda.jcudnn.cudnnConvolutionFwdAlgoPerf;
import jcuda.jcudnn.cudnnFilterDescriptor;
import jcuda.jcudnn.cudnnHandle;
import jcuda.jcudnn.cudnnTensorDescriptor;
import jcuda.runtime.cudaStream_t;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;

/**
 * cuDNN convolution through JCudnn (Java classes 11.7.0 over the cuDNN 9 natives of jcudnn-natives 12.6.0), legacy
 * API only. Per geometry (and TF32 setting) the descriptors and cuDNN's ranked algorithm lists live in an LRU cache of
 * {@code -Dcallosum.cuda.cudnn.cacheSize} entries (default {@value #DEFAULT_CACHE_SIZE}); evicted entries destroy their
 * descriptors. Ranking: cudnnGet…_v7 heuristics by default, measured cudnnFind… with
 * -Dcallosum.cuda.cudnn.benchmark=true. Each call runs the best algorithm that works ({@link AlgorithmFallback});
 * when none does the method returns false and the caller uses its built-in kernels. cuDNN 9 renumbered its status
 * codes, so results are compared with 0 and described by the library's own cudnnGetErrorString, never by 11.7.0's
 * Java constants.
 */
public final class Cudnn implements AutoCloseable {
    /** How many geometries keep their descriptors and algorithm lists when the property is not set. */
    public static final int DEFAULT_CACHE_SIZE = 256;
    /** The system property that bounds the per-geometry cache. */
    public static final String CACHE_SIZE_PROPERTY = "callosum.cuda.cudnn.cacheSize";
    private static final int NCHW = 0, FLOAT = 0, CROSS_CORRELATION = 1, DEFAULT_MATH = 0, FMA_MATH = 3;
    private static final int RANKED = 8;
    /** Status the self-test reports when no ranked algorithm could run. */
    private static final int NO_ALGORITHM = -1;
    private static final System.Logger LOG = System.getLogger("io.callosum.cuda");
    private static final long WORKSPACE_LIMIT = Long.getLong("callosum.cuda.cudnn.workspaceBytes", 1L << 30);

    private final cudnnHandle handle = new cudnnHandle();
    private final long version;
    private final BooleanSupplier tf32;
    private final boolean benchmark = Boolean.getBoolean("callosum.cuda.cudnn.benchmark");
    private final LruCache<Key, Plan> plans;
    private long fallbacks;

    /** The device side the convolutions need: workspace memory and error reporting in the backend's terms. */
    public interface Workspace {
        /** A device buffer of at least bytes, valid until {@link AutoCloseable#close()}. */
        Buffer workspace(long bytes);

        /** The exception for a failed cuDNN {@code call}, its {@code status} and cuDNN's {@code description} of it. */
        RuntimeException error(String call, int status, String description);
    }

    /** Device memory lent to cuDNN for one call; closing gives it back to the backend. */
    public interface Buffer extends AutoCloseable {
        /** The buffer's device address. */
        CUdeviceptr pointer();

        @Override
        void close();
    }

    private record Key(Conv2dGeometry geometry, boolean tf32) {
    }

    private Cudnn(CUstream stream, BooleanSupplier tf32, int cacheSize) {
        this.plans = new LruCache<>(cacheSize);
        JCudnn.setExceptionsEnabled(false);
        int s = JCudnn.cudnnCreate(handle);
        if (s != 0) throw new IllegalStateException("cudnnCreate returned status " + s + " (" + describe(s) + ")");
        s = JCudnn.cudnnSetStream(handle, new cudaStream_t(stream));
        if (s != 0) {
            JCudnn.cudnnDestroy(handle);
            throw new IllegalStateException("cudnnSetStream returned status " + s + " (" + describe(s) + ")");
        }
        this.version = JCudnn.cudnnGetVersion();
        this.tf32 = tf32;
    }

    /** A handle on the stream; the TF32 setting is read at each convolution. */
    public static Cudnn open(CUstream stream, BooleanSupplier tf32) {
        return new Cudnn(stream, tf32, cacheSize(System.getProperty(CACHE_SIZE_PROPERTY)));
    }

    /** The LRU bound from its property: a positive integer, default {@value #DEFAULT_CACHE_SIZE}. */
    public static int cacheSize(String value) {
        if (value == null || value.isBlank()) return DEFAULT_CACHE_SIZE;
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) return n;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("-D" + CACHE_SIZE_PROPERTY + " must be a positive integer, got '" + value + "'");
    }

    /** cuDNN's version as cudnnGetVersion reports it (e.g. 90100), for the probe line. */
    public long version() {
        return version;
    }

    /** The loaded cuDNN's own text for {@code status} ("" when it has none), for error messages. */
    public static String describe(int status) {
        if (status == NO_ALGORITHM) return "no ranked algorithm could run";
        try {
            String s = JCudnn.cudnnGetErrorString(status);
            return s == null ? "" : s;
        } catch (RuntimeException | LinkageError e) {
            return "";
        }
    }

    /** y = conv(x, w); false when no cuDNN algorithm could run it (the caller then uses its own kernels). */
    public boolean convolutionForward(Workspace ws, Conv2dGeometry g, CUdeviceptr x, CUdeviceptr w, CUdeviceptr y) {
        Plan p = plan(ws, g);
        if (p.forward == null) p.forward = rankForward(ws, p);
        return execute(ws, p, 0, g, p.forward, "cudnnConvolutionForward", (c, b) -> JCudnn.cudnnConvolutionForward(handle, one(), p.x, x,
                p.w, w, p.conv, c.algo(), b.pointer(), c.workspaceBytes(), zero(), p.y, y));
    }

    /** dx = conv_backward_data(w, dy); false when no cuDNN algorithm could run it. */
    public boolean convolutionBackwardData(Workspace ws, Conv2dGeometry g, CUdeviceptr w, CUdeviceptr dy, CUdeviceptr dx) {
        Plan p = plan(ws, g);
        if (p.backwardData == null) p.backwardData = rankBackwardData(ws, p);
        return execute(ws, p, 1, g, p.backwardData, "cudnnConvolutionBackwardData", (c, b) -> JCudnn.cudnnConvolutionBackwardData(handle, one(),
                p.w, w, p.y, dy, p.conv, c.algo(), b.pointer(), c.workspaceBytes(), zero(), p.x, dx));
    }

    /** dw = conv_backward_filter(x, dy); false when no cuDNN algorithm could run it. */
    public boolean convolutionBackwardFilter(Workspace ws, Conv2dGeometry g, CUdeviceptr x, CUdeviceptr dy, CUdeviceptr dw) {
        Plan p = plan(ws, g);
        if (p.backwardFilter == null) p.backwardFilter = rankBackwardFilter(ws, p);
        return execute(ws, p, 2, g, p.backwardFilter, "cudnnConvolutionBackwardFilter", (c, b) -> JCudnn.cudnnConvolutionBackwardFilter(handle, one(),
                p.x, x, p.y, dy, p.conv, c.algo(), b.pointer(), c.workspaceBytes(), zero(), p.w, dw));
    }

    /**
     * What the backend will use, once on a tiny geometry: descriptors, the three algorithm rankings and one
     * convolution in each direction (which makes cuDNN 9 load its ops/cnn/engine sub-libraries). Empty when all
     * worked, else what failed. Wrap errors thrown by ws as failures too.
     */
    public Optional<String> selfTest(Workspace ws) {
        Conv2dGeometry g = new Conv2dGeometry(1, 2, 5, 5, 2, 3, 3, 1, 1, 0, 0, 1, 1, 1, 3, 3);
        try (Buffer x = ws.workspace(4L * 2 * 5 * 5); Buffer w = ws.workspace(4L * 2 * 2 * 3 * 3); Buffer y = ws.workspace(4L * 2 * 3 * 3)) {
            List<CudnnProbe.Step> steps = List.of(
                    new CudnnProbe.Step("creating and setting tensor/filter/convolution descriptors for 1×2×5×5 * 2×2×3×3", () -> {
                        plan(ws, g);
                        return 0;
                    }),
                    new CudnnProbe.Step("cudnnConvolutionForward on 1×2×5×5", () ->
                            convolutionForward(ws, g, x.pointer(), w.pointer(), y.pointer()) ? 0 : NO_ALGORITHM),
                    new CudnnProbe.Step("cudnnConvolutionBackwardData on 1×2×5×5", () ->
                            convolutionBackwardData(ws, g, w.pointer(), y.pointer(), x.pointer()) ? 0 : NO_ALGORITHM),
                    new CudnnProbe.Step("cudnnConvolutionBackwardFilter on 1×2×5×5", () ->
                            convolutionBackwardFilter(ws, g, x.pointer(), y.pointer(), w.pointer()) ? 0 : NO_ALGORITHM));
            return CudnnProbe.firstFailure(steps, Cudnn::describe);
        } catch (RuntimeException e) {
            return Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            plans.remove(new Key(g, tf32.getAsBoolean()));
        }
    }

    /** Number of geometries whose descriptors (and rankings) are cached. */
    public int cachedGeometries() {
        return plans.size();
    }

    /** Convolutions that no cuDNN algorithm could run, so the caller's built-in kernels did. */
    public long fallbacks() {
        return fallbacks;
    }

    /** Destroys every cached descriptor and the handle. */
    @Override
    public void close() {
        plans.clear();
        JCudnn.cudnnDestroy(handle);
    }

    /** Runs the call with the first working ranked algorithm; the first time none works for a plan and direction, says so once. */
    private boolean execute(Workspace ws, Plan p, int direction, Conv2dGeometry g, List<AlgorithmFallback.Candidate> ranked, String call,
                            AlgorithmFallback.Attempt attempt) {
        boolean ran = AlgorithmFallback.run(ranked, ws::workspace, attempt,
                (c, s) -> ws.error(call + " (algorithm " + c.algo() + ", " + c.workspaceBytes() + "-byte workspace)", s, describe(s))).isPresent();
        if (!ran) {
            fallbacks++;
            if (!p.fellBack[direction]) {
                p.fellBack[direction] = true;
                LOG.log(System.Logger.Level.INFO, "cuDNN: no ranked algorithm could run " + call + " for " + g
                        + " (unsupported, or no room for its workspace); the built-in kernels do it");
            }
        }
        return ran;
    }

    private List<AlgorithmFallback.Candidate> rankForward(Workspace ws, Plan p) {
        cudnnConvolutionFwdAlgoPerf[] perf = new cudnnConvolutionFwdAlgoPerf[RANKED];
        for (int i = 0; i < RANKED; i++) perf[i] = new cudnnConvolutionFwdAlgoPerf();
        int[] n = new int[1];
        int s = benchmark
                ? JCudnn.cudnnFindConvolutionForwardAlgorithm(handle, p.x, p.w, p.conv, p.y, RANKED, n, perf)
                : JCudnn.cudnnGetConvolutionForwardAlgorithm_v7(handle, p.x, p.w, p.conv, p.y, RANKED, n, perf);
        check(ws, benchmark ? "cudnnFindConvolutionForwardAlgorithm" : "cudnnGetConvolutionForwardAlgorithm_v7", s);
        return usable(n[0], i -> perf[i].status, i -> perf[i].algo, i -> perf[i].memory);
    }

    private List<AlgorithmFallback.Candidate> rankBackwardData(Workspace ws, Plan p) {
        cudnnConvolutionBwdDataAlgoPerf[] perf = new cudnnConvolutionBwdDataAlgoPerf[RANKED];
        for (int i = 0; i < RANKED; i++) perf[i] = new cudnnConvolutionBwdDataAlgoPerf();
        int[] n = new int[1];
        int s = benchmark
                ? JCudnn.cudnnFindConvolutionBackwardDataAlgorithm(handle, p.w, p.y, p.conv, p.x, RANKED, n, perf)
                : JCudnn.cudnnGetConvolutionBackwardDataAlgorithm_v7(handle, p.w, p.y, p.conv, p.x, RANKED, n, perf);
        check(ws, benchmark ? "cudnnFindConvolutionBackwardDataAlgorithm" : "cudnnGetConvolutionBackwardDataAlgorithm_v7", s);
        return usable(n[0], i -> perf[i].status, i -> perf[i].algo, i -> perf[i].memory);
    }

    private List<AlgorithmFallback.Candidate> rankBackwardFilter(Workspace ws, Plan p) {
        cudnnConvolutionBwdFilterAlgoPerf[] perf = new cudnnConvolutionBwdFilterAlgoPerf[RANKED];
        for (int i = 0; i < RANKED; i++) perf[i] = new cudnnConvolutionBwdFilterAlgoPerf();
        int[] n = new int[1];
        int s = benchmark
                ? JCudnn.cudnnFindConvolutionBackwardFilterAlgorithm(handle, p.x, p.y, p.conv, p.w, RANKED, n, perf)
                : JCudnn.cudnnGetConvolutionBackwardFilterAlgorithm_v7(handle, p.x, p.y, p.conv, p.w, RANKED, n, perf);
        check(ws, benchmark ? "cudnnFindConvolutionBackwardFilterAlgorithm" : "cudnnGetConvolutionBackwardFilterAlgorithm_v7", s);
        return usable(n[0], i -> perf[i].status, i -> perf[i].algo, i -> perf[i].memory);
    }

    /** The ranked entries cuDNN reported as working whose workspace fits the limit, in cuDNN's order. */
    static List<AlgorithmFallback.Candidate> usable(int returned, IntUnaryOperator status, IntUnaryOperator algo, IntFunction<Long> memory) {
        List<AlgorithmFallback.Candidate> out = new ArrayList<>();
        for (int i = 0; i < returned; i++) {
            long bytes = memory.apply(i);
            if (status.applyAsInt(i) == 0 && bytes <= WORKSPACE_LIMIT) out.add(new AlgorithmFallback.Candidate(algo.applyAsInt(i), bytes));
        }
        return out;
    }

    private Plan plan(Workspace ws, Conv2dGeometry g) {
        boolean useTf32 = tf32.getAsBoolean();
        return plans.computeIfAbsent(new Key(g, useTf32), k -> createPlan(ws, g, useTf32));
    }

    private static Plan createPlan(Workspace ws, Conv2dGeometry g, boolean tf32) {
        Plan d = new Plan();
        try {
            check(ws, "cudnnCreateTensorDescriptor", JCudnn.cudnnCreateTensorDescriptor(d.x));
            d.created++;
            check(ws, "cudnnCreateTensorDescriptor", JCudnn.cudnnCreateTensorDescriptor(d.y));
            d.created++;
            check(ws, "cudnnCreateFilterDescriptor", JCudnn.cudnnCreateFilterDescriptor(d.w));
            d.created++;
            check(ws, "cudnnCreateConvolutionDescriptor", JCudnn.cudnnCreateConvolutionDescriptor(d.conv));
            d.created++;
            check(ws, "cudnnSetTensor4dDescriptor(x)", JCudnn.cudnnSetTensor4dDescriptor(d.x, NCHW, FLOAT, g.n(), g.cin(), g.h(), g.w()));
            check(ws, "cudnnSetTensor4dDescriptor(y)", JCudnn.cudnnSetTensor4dDescriptor(d.y, NCHW, FLOAT, g.n(), g.cout(), g.outH(), g.outW()));
            check(ws, "cudnnSetFilter4dDescriptor", JCudnn.cudnnSetFilter4dDescriptor(d.w, FLOAT, NCHW, g.cout(), g.cin() / g.groups(), g.kh(), g.kw()));
            check(ws, "cudnnSetConvolution2dDescriptor", JCudnn.cudnnSetConvolution2dDescriptor(d.conv, g.padH(), g.padW(), g.strideH(),
                    g.strideW(), g.dilationH(), g.dilationW(), CROSS_CORRELATION, FLOAT));
            check(ws, "cudnnSetConvolutionGroupCount", JCudnn.cudnnSetConvolutionGroupCount(d.conv, g.groups()));
            check(ws, "cudnnSetConvolutionMathType", JCudnn.cudnnSetConvolutionMathType(d.conv, mathType(tf32)));
            return d;
        } catch (RuntimeException e) {
            d.close();
            throw e;
        }
    }

    /**
     * CUDNN_FMA_MATH (3) keeps float32 convolutions exact to float32 rounding; with TF32 on, CUDNN_DEFAULT_MATH (0),
     * which is what PyTorch sets for allow_tf32, lets cuDNN use TF32 tensor cores but, unlike
     * CUDNN_TENSOR_OP_MATH_ALLOW_CONVERSION, never converts to FP16.
     */
    public static int mathType(boolean tf32) {
        return tf32 ? DEFAULT_MATH : FMA_MATH;
    }

    private static void check(Workspace ws, String call, int status) {
        if (status != 0) throw ws.error(call, status, describe(status));
    }

    private static Pointer one() {
        return Pointer.to(new float[]{1f});
    }

    private static Pointer zero() {
        return Pointer.to(new float[]{0f});
    }

    /** One geometry's descriptors and, once asked for, its ranked algorithms per direction. */
    private static final class Plan implements AutoCloseable {
        final cudnnTensorDescriptor x = new cudnnTensorDescriptor(), y = new cudnnTensorDescriptor();
        final cudnnFilterDescriptor w = new cudnnFilterDescriptor();
        final cudnnConvolutionDescriptor conv = new cudnnConvolutionDescriptor();
        /** How many of x, y, w, conv (in that order) were created, so a half-built plan destroys only those. */
        int created;
        List<AlgorithmFallback.Candidate> forward, backwardData, backwardFilter;
        /** Per direction (forward, backward data, backward filter): the fallback was already logged. */
        final boolean[] fellBack = new boolean[3];

        @Override
        public void close() {
            if (created > 0) JCudnn.cudnnDestroyTensorDescriptor(x);
            if (created > 1) JCudnn.cudnnDestroyTensorDescriptor(y);
            if (created > 2) JCudnn.cudnnDestroyFilterDescriptor(w);
            if (created > 3) JCudnn.cudnnDestroyConvolutionDescriptor(conv);
            created = 0;
        }
    }
}
