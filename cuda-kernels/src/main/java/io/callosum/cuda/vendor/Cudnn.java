package io.callosum.cuda.vendor;

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

import java.util.HashMap;
import java.util.Map;

/**
 * cuDNN convolution through JCudnn (Java classes 11.7.0 over the cuDNN 9 natives of jcudnn-natives 12.6.0), legacy
 * API only. Descriptors and the chosen algorithm (with its workspace size) are cached per geometry and direction:
 * cudnnGet…_v7 heuristics by default, measured cudnnFind… with -Dcallosum.cuda.cudnn.benchmark=true. cuDNN 9
 * renumbered its status codes, so results are compared with 0 and described by the library's own
 * cudnnGetErrorString, never by 11.7.0's Java constants.
 */
public final class Cudnn {
    private static final int NCHW = 0, FLOAT = 0, CROSS_CORRELATION = 1, DEFAULT_MATH = 0, FMA_MATH = 3;
    private static final long WORKSPACE_LIMIT = Long.getLong("callosum.cuda.cudnn.workspaceBytes", 1L << 30);

    private final cudnnHandle handle = new cudnnHandle();
    private final long version;
    private final boolean tf32;
    private final boolean benchmark = Boolean.getBoolean("callosum.cuda.cudnn.benchmark");
    private final Map<Conv2dGeometry, Descriptors> descriptors = new HashMap<>();

    /** The device side the convolutions need: workspace memory and error reporting in the backend's terms. */
    public interface Workspace {
        /** A device buffer of at least bytes, valid until {@link AutoCloseable#close()}. */
        Buffer workspace(long bytes);

        RuntimeException error(String call, int status, String description);
    }

    public interface Buffer extends AutoCloseable {
        CUdeviceptr pointer();

        @Override
        void close();
    }

    private Cudnn(CUstream stream, boolean tf32) {
        JCudnn.setExceptionsEnabled(false);
        int s = JCudnn.cudnnCreate(handle);
        if (s != 0) throw new IllegalStateException("cudnnCreate returned status " + s + " (" + describe(s) + ")");
        s = JCudnn.cudnnSetStream(handle, new cudaStream_t(stream));
        if (s != 0) throw new IllegalStateException("cudnnSetStream returned status " + s + " (" + describe(s) + ")");
        this.version = JCudnn.cudnnGetVersion();
        this.tf32 = tf32;
    }

    public static Cudnn open(CUstream stream, boolean tf32) {
        return new Cudnn(stream, tf32);
    }

    public long version() {
        return version;
    }

    public static String describe(int status) {
        try {
            String s = JCudnn.cudnnGetErrorString(status);
            return s == null ? "" : s;
        } catch (RuntimeException | LinkageError e) {
            return "";
        }
    }

    public void convolutionForward(Workspace ws, Conv2dGeometry g, CUdeviceptr x, CUdeviceptr w, CUdeviceptr y) {
        Descriptors d = descriptors(ws, g);
        if (d.fwdAlgo < 0) {
            int count = 8;
            int[] returned = new int[1];
            cudnnConvolutionFwdAlgoPerf[] perf = new cudnnConvolutionFwdAlgoPerf[count];
            for (int i = 0; i < count; i++) perf[i] = new cudnnConvolutionFwdAlgoPerf();
            int s = benchmark
                    ? JCudnn.cudnnFindConvolutionForwardAlgorithm(handle, d.x, d.w, d.conv, d.y, count, returned, perf)
                    : JCudnn.cudnnGetConvolutionForwardAlgorithm_v7(handle, d.x, d.w, d.conv, d.y, count, returned, perf);
            check(ws, "cudnnGet/FindConvolutionForwardAlgorithm", s);
            for (int i = 0; i < returned[0] && d.fwdAlgo < 0; i++) {
                if (perf[i].status == 0 && perf[i].memory <= WORKSPACE_LIMIT) {
                    d.fwdAlgo = perf[i].algo;
                    d.fwdBytes = perf[i].memory;
                }
            }
            if (d.fwdAlgo < 0) throw ws.error("cudnn forward algorithm choice", -1, "no algorithm fits the " + WORKSPACE_LIMIT + "-byte workspace limit");
        }
        try (Buffer b = ws.workspace(d.fwdBytes)) {
            check(ws, "cudnnConvolutionForward", JCudnn.cudnnConvolutionForward(handle, one(), d.x, x, d.w, w, d.conv, d.fwdAlgo,
                    b.pointer(), d.fwdBytes, zero(), d.y, y));
        }
    }

    public void convolutionBackwardData(Workspace ws, Conv2dGeometry g, CUdeviceptr w, CUdeviceptr dy, CUdeviceptr dx) {
        Descriptors d = descriptors(ws, g);
        if (d.dataAlgo < 0) {
            int count = 8;
            int[] returned = new int[1];
            cudnnConvolutionBwdDataAlgoPerf[] perf = new cudnnConvolutionBwdDataAlgoPerf[count];
            for (int i = 0; i < count; i++) perf[i] = new cudnnConvolutionBwdDataAlgoPerf();
            int s = benchmark
                    ? JCudnn.cudnnFindConvolutionBackwardDataAlgorithm(handle, d.w, d.y, d.conv, d.x, count, returned, perf)
                    : JCudnn.cudnnGetConvolutionBackwardDataAlgorithm_v7(handle, d.w, d.y, d.conv, d.x, count, returned, perf);
            check(ws, "cudnnGet/FindConvolutionBackwardDataAlgorithm", s);
            for (int i = 0; i < returned[0] && d.dataAlgo < 0; i++) {
                if (perf[i].status == 0 && perf[i].memory <= WORKSPACE_LIMIT) {
                    d.dataAlgo = perf[i].algo;
                    d.dataBytes = perf[i].memory;
                }
            }
            if (d.dataAlgo < 0) throw ws.error("cudnn backward-data algorithm choice", -1, "no algorithm fits the workspace limit");
        }
        try (Buffer b = ws.workspace(d.dataBytes)) {
            check(ws, "cudnnConvolutionBackwardData", JCudnn.cudnnConvolutionBackwardData(handle, one(), d.w, w, d.y, dy, d.conv,
                    d.dataAlgo, b.pointer(), d.dataBytes, zero(), d.x, dx));
        }
    }

    public void convolutionBackwardFilter(Workspace ws, Conv2dGeometry g, CUdeviceptr x, CUdeviceptr dy, CUdeviceptr dw) {
        Descriptors d = descriptors(ws, g);
        if (d.filterAlgo < 0) {
            int count = 8;
            int[] returned = new int[1];
            cudnnConvolutionBwdFilterAlgoPerf[] perf = new cudnnConvolutionBwdFilterAlgoPerf[count];
            for (int i = 0; i < count; i++) perf[i] = new cudnnConvolutionBwdFilterAlgoPerf();
            int s = benchmark
                    ? JCudnn.cudnnFindConvolutionBackwardFilterAlgorithm(handle, d.x, d.y, d.conv, d.w, count, returned, perf)
                    : JCudnn.cudnnGetConvolutionBackwardFilterAlgorithm_v7(handle, d.x, d.y, d.conv, d.w, count, returned, perf);
            check(ws, "cudnnGet/FindConvolutionBackwardFilterAlgorithm", s);
            for (int i = 0; i < returned[0] && d.filterAlgo < 0; i++) {
                if (perf[i].status == 0 && perf[i].memory <= WORKSPACE_LIMIT) {
                    d.filterAlgo = perf[i].algo;
                    d.filterBytes = perf[i].memory;
                }
            }
            if (d.filterAlgo < 0) throw ws.error("cudnn backward-filter algorithm choice", -1, "no algorithm fits the workspace limit");
        }
        try (Buffer b = ws.workspace(d.filterBytes)) {
            check(ws, "cudnnConvolutionBackwardFilter", JCudnn.cudnnConvolutionBackwardFilter(handle, one(), d.x, x, d.y, dy, d.conv,
                    d.filterAlgo, b.pointer(), d.filterBytes, zero(), d.w, dw));
        }
    }

    /** Number of geometries whose descriptors (and chosen algorithms) are cached. */
    public int cachedGeometries() {
        return descriptors.size();
    }

    private Descriptors descriptors(Workspace ws, Conv2dGeometry g) {
        Descriptors d = descriptors.get(g);
        if (d != null) return d;
        d = new Descriptors();
        check(ws, "cudnnCreateTensorDescriptor", JCudnn.cudnnCreateTensorDescriptor(d.x));
        check(ws, "cudnnCreateTensorDescriptor", JCudnn.cudnnCreateTensorDescriptor(d.y));
        check(ws, "cudnnCreateFilterDescriptor", JCudnn.cudnnCreateFilterDescriptor(d.w));
        check(ws, "cudnnCreateConvolutionDescriptor", JCudnn.cudnnCreateConvolutionDescriptor(d.conv));
        check(ws, "cudnnSetTensor4dDescriptor(x)", JCudnn.cudnnSetTensor4dDescriptor(d.x, NCHW, FLOAT, g.n(), g.cin(), g.h(), g.w()));
        check(ws, "cudnnSetTensor4dDescriptor(y)", JCudnn.cudnnSetTensor4dDescriptor(d.y, NCHW, FLOAT, g.n(), g.cout(), g.outH(), g.outW()));
        check(ws, "cudnnSetFilter4dDescriptor", JCudnn.cudnnSetFilter4dDescriptor(d.w, FLOAT, NCHW, g.cout(), g.cin() / g.groups(), g.kh(), g.kw()));
        check(ws, "cudnnSetConvolution2dDescriptor", JCudnn.cudnnSetConvolution2dDescriptor(d.conv, g.padH(), g.padW(), g.strideH(),
                g.strideW(), g.dilationH(), g.dilationW(), CROSS_CORRELATION, FLOAT));
        check(ws, "cudnnSetConvolutionGroupCount", JCudnn.cudnnSetConvolutionGroupCount(d.conv, g.groups()));
        // FMA math keeps float32 exact to float32 rounding; TF32 tensor cores only when asked for.
        check(ws, "cudnnSetConvolutionMathType", JCudnn.cudnnSetConvolutionMathType(d.conv, tf32 ? DEFAULT_MATH : FMA_MATH));
        descriptors.put(g, d);
        return d;
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

    private static final class Descriptors {
        final cudnnTensorDescriptor x = new cudnnTensorDescriptor(), y = new cudnnTensorDescriptor();
        final cudnnFilterDescriptor w = new cudnnFilterDescriptor();
        final cudnnConvolutionDescriptor conv = new cudnnConvolutionDescriptor();
        int fwdAlgo = -1, dataAlgo = -1, filterAlgo = -1;
        long fwdBytes, dataBytes, filterBytes;
    }
}
