package io.callosum.cuda;

import io.callosum.cuda.alloc.Block;
import io.callosum.cuda.alloc.CachingAllocator;
import io.callosum.tensor.Device;
import io.callosum.tensor.spi.Operand;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUevent;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;
import jcuda.driver.CUstream;
import jcuda.driver.JCudaDriver;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One GPU as the backend drives it: its primary context, one non-blocking stream on which everything is queued in
 * order, the PTX modules, the caching allocator, a ring of pinned staging buffers for transfers, and the error word through
 * which kernels report bad data (integer division by zero). The host waits for the GPU only in {@link #synchronize}
 * (called where values are read). Every backend call runs inside {@link #run}, which holds the device lock, makes the
 * context current on the calling thread and turns CUDA failures into {@link CudaException}s naming the op.
 */
final class CudaDevice implements io.callosum.cuda.vendor.Cudnn.Workspace {
    static final int BLOCK = 256;

    final int index;
    final Device device;
    final String name;
    final int ccMajor, ccMinor, multiprocessors;
    final long totalMemory;
    final CUstream stream = new CUstream();
    final CachingAllocator<CUdeviceptr> allocator;

    private final CUcontext context = new CUcontext();
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, CUmodule> modules = new HashMap<>();
    private final Map<String, CUfunction> functions = new HashMap<>();
    private final OpLog log = new OpLog();
    private final boolean syncEachOp = Boolean.getBoolean("callosum.cuda.sync");
    private final Pointer errorHost = new Pointer();
    private final CUdeviceptr errorDevice = new CUdeviceptr();
    private final ByteBuffer errorWord;
    private final CUevent[] stagingEvents = new CUevent[StagingRing.SLOTS];
    private final StagingRing<Pinned> staging = new StagingRing<>(new PinnedHost());
    private volatile String broken;
    private String currentOp = "cuda setup";
    private Operand[] currentTensors = new Operand[0];
    private static final ThreadLocal<CudaDevice> CURRENT = new ThreadLocal<>();

    CudaDevice(int index) {
        this.index = index;
        this.device = Device.cuda(index);
        CUdevice dev = new CUdevice();
        check(JCudaDriver.cuDeviceGet(dev, index), "cuDeviceGet(" + index + ")");
        check(JCudaDriver.cuDevicePrimaryCtxRetain(context, dev), "cuDevicePrimaryCtxRetain");
        check(JCudaDriver.cuCtxSetCurrent(context), "cuCtxSetCurrent");
        CURRENT.set(this);
        byte[] nameBytes = new byte[256];
        check(JCudaDriver.cuDeviceGetName(nameBytes, nameBytes.length, dev), "cuDeviceGetName");
        int len = 0;
        while (len < nameBytes.length && nameBytes[len] != 0) len++;
        this.name = new String(nameBytes, 0, len, java.nio.charset.StandardCharsets.US_ASCII);
        this.ccMajor = attribute(dev, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR);
        this.ccMinor = attribute(dev, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR);
        this.multiprocessors = attribute(dev, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT);
        long[] total = new long[1];
        check(JCudaDriver.cuDeviceTotalMem(total, dev), "cuDeviceTotalMem");
        this.totalMemory = total[0];
        check(JCudaDriver.cuStreamCreate(stream, 1 /* CU_STREAM_NON_BLOCKING */), "cuStreamCreate");
        for (int i = 0; i < stagingEvents.length; i++) {
            stagingEvents[i] = new CUevent();
            check(JCudaDriver.cuEventCreate(stagingEvents[i], 2 /* CU_EVENT_DISABLE_TIMING */), "cuEventCreate");
        }
        // The error word: pinned host memory the kernels write through its device alias; read after each synchronisation.
        check(JCudaDriver.cuMemHostAlloc(errorHost, 4, 2 /* CU_MEMHOSTALLOC_DEVICEMAP */), "cuMemHostAlloc(error word)");
        check(JCudaDriver.cuMemHostGetDevicePointer(errorDevice, errorHost, 0), "cuMemHostGetDevicePointer");
        this.errorWord = errorHost.getByteBuffer(0, 4).order(ByteOrder.nativeOrder());
        errorWord.putInt(0, 0);
        this.allocator = new CachingAllocator<>(new DriverMemory(this), device.toString());
    }

    private int attribute(CUdevice dev, int attr) {
        int[] v = new int[1];
        check(JCudaDriver.cuDeviceGetAttribute(v, attr, dev), "cuDeviceGetAttribute(" + attr + ")");
        return v[0];
    }

    // ------------------------------------------------------------------ running ops

    /** Runs one backend op: lock, current context, op context for errors, optional synchronisation (-Dcallosum.cuda.sync). */
    <T> T run(String op, Operand[] tensors, Supplier<T> body) {
        lock.lock();
        try {
            if (broken != null) {
                throw new IllegalStateException(op + " on " + device + ": the CUDA context is unusable after an earlier error ("
                        + broken + "); restart the JVM");
            }
            makeCurrent();
            String prevOp = currentOp;
            Operand[] prevTensors = currentTensors;
            currentOp = op;
            currentTensors = tensors;
            try {
                log.record(op, tensors);
                T result = body.get();
                if (syncEachOp) synchronize();
                return result;
            } finally {
                currentOp = prevOp;
                currentTensors = prevTensors;
            }
        } finally {
            lock.unlock();
        }
    }

    void run(String op, Operand[] tensors, Runnable body) {
        run(op, tensors, () -> {
            body.run();
            return null;
        });
    }

    void makeCurrent() {
        if (CURRENT.get() != this) {
            check(JCudaDriver.cuCtxSetCurrent(context), "cuCtxSetCurrent");
            CURRENT.set(this);
        }
    }

    /** Waits for queued work; surfaces asynchronous CUDA errors and errors the kernels reported. */
    void synchronize() {
        int r = JCudaDriver.cuStreamSynchronize(stream);
        if (r != CUresult.CUDA_SUCCESS) {
            String err = errorName(r);
            if (isSticky(r)) broken = err;
            throw new CudaException("CUDA error " + err + " on " + device + ", surfaced while synchronising for " + currentOp + " "
                    + OpLog.shapes(currentTensors) + "; the ops queued last were: " + log.describe()
                    + (syncEachOp ? "" : "; rerun with -Dcallosum.cuda.sync=true to stop at the op that failed")
                    + (isSticky(r) ? "; the CUDA context is unusable now" : ""), r);
        }
        int code = errorWord.getInt(0);
        if (code != 0) {
            errorWord.putInt(0, 0);
            if (code == 1) {
                throw new ArithmeticException("integer division by zero in a kernel on " + device + " (detected at synchronisation for "
                        + currentOp + "; the ops queued last were: " + log.describe() + ")");
            }
            throw new CudaException("a kernel on " + device + " reported error code " + code + " (ops queued last: " + log.describe() + ")", code);
        }
    }

    /** Throws a CudaException naming the current op when a driver call failed. */
    void check(int result, String call) {
        if (result == CUresult.CUDA_SUCCESS) return;
        String err = errorName(result);
        if (isSticky(result)) broken = err;
        throw new CudaException(currentOp + " on " + device + " failed for " + OpLog.shapes(currentTensors) + ": " + call
                + " returned " + err, result);
    }

    /** An exception for a failed vendor-library call (cuBLAS/cuDNN status codes), naming the op and shapes. */
    CudaException libraryError(String call, int status, String description) {
        return new CudaException(currentOp + " on " + device + " failed for " + OpLog.shapes(currentTensors) + ": " + call
                + " returned status " + status + (description.isEmpty() ? "" : " (" + description + ")"), status);
    }

    String currentOp() {
        return currentOp;
    }

    static String errorName(int r) {
        String[] desc = new String[1];
        String name = CUresult.stringFor(r);
        try {
            if (JCudaDriver.cuGetErrorString(r, desc) == CUresult.CUDA_SUCCESS && desc[0] != null) return name + " (" + desc[0] + ")";
        } catch (RuntimeException | LinkageError ignored) {
            // the name alone still says what happened
        }
        return name;
    }

    /** Errors after which the context cannot be used (illegal address, launch failure, …): see {@link CudaErrors}. */
    static boolean isSticky(int r) {
        return CudaErrors.losesContext(r);
    }

    // ------------------------------------------------------------------ kernels

    /** A grid-stride launch over n items: enough blocks to fill the GPU, at most one per BLOCK items. */
    int gridFor(long n) {
        long blocks = (n + BLOCK - 1) / BLOCK;
        return (int) Math.max(1, Math.min(blocks, (long) multiprocessors * 32));
    }

    /** Launches module.kernel with the given arguments (see {@link KernelArgs}). */
    void launch(String module, String kernel, int gridX, int gridY, int gridZ, int block, int sharedBytes, Object... args) {
        CUfunction f = function(module, kernel);
        Pointer params = KernelArgs.pack(args);
        int r = JCudaDriver.cuLaunchKernel(f, gridX, gridY, gridZ, block, 1, 1, sharedBytes, stream, params, null);
        check(r, "cuLaunchKernel(" + kernel + ", grid " + gridX + "×" + gridY + "×" + gridZ + ", block " + block + ")");
    }

    /** 1-D grid-stride launch over n items (nothing to do when n is 0). */
    void launch1d(String module, String kernel, long n, Object... args) {
        if (n <= 0) return;
        launch(module, kernel, gridFor(n), 1, 1, BLOCK, 0, args);
    }

    private CUfunction function(String module, String kernel) {
        String key = module + "." + kernel;
        CUfunction f = functions.get(key);
        if (f != null) return f;
        CUmodule m = modules.computeIfAbsent(module, this::loadModule);
        f = new CUfunction();
        check(JCudaDriver.cuModuleGetFunction(f, m, kernel), "cuModuleGetFunction(" + key + ")");
        functions.put(key, f);
        return f;
    }

    private CUmodule loadModule(String module) {
        String resource = "/io/callosum/cuda/kernels/" + module + ".ptx";
        byte[] ptx;
        try (InputStream in = CudaDevice.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("PTX module " + resource + " is missing from the cuda-kernels jar");
            ptx = in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
        byte[] text = Arrays.copyOf(ptx, ptx.length + 1); // the driver wants a NUL-terminated string
        CUmodule m = new CUmodule();
        int r = JCudaDriver.cuModuleLoadData(m, text);
        String hint = r == CUresult.CUDA_ERROR_UNSUPPORTED_PTX_VERSION
                ? CudaRuntime.ptxIsa().flatMap(isa -> isa.incompatibility(CudaRuntime.driverVersion())).map(s -> "; " + s).orElse("")
                : "";
        check(r, "cuModuleLoadData(" + module + ".ptx, JIT for sm_" + ccMajor + ccMinor + ")" + hint);
        return m;
    }

    /** The device alias of the error word, passed to kernels that can detect bad data. */
    CUdeviceptr errorWordPointer() {
        return errorDevice;
    }

    // ------------------------------------------------------------------ memory

    Block<CUdeviceptr> allocate(long bytes) {
        return allocator.allocate(bytes);
    }

    static CUdeviceptr pointer(Block<CUdeviceptr> b) {
        return b.segmentHandle().withByteOffset(b.offset());
    }

    /** A temporary device buffer, returned to the cache on close (stream order makes reuse safe). */
    Scratch scratch(long bytes) {
        return new Scratch(allocate(bytes));
    }

    @Override
    public Scratch workspace(long bytes) {
        return scratch(Math.max(bytes, 1));
    }

    @Override
    public RuntimeException error(String call, int status, String description) {
        return libraryError(call, status, description);
    }

    final class Scratch implements io.callosum.cuda.vendor.Cudnn.Buffer {
        private final Block<CUdeviceptr> block;
        final CUdeviceptr ptr;

        private Scratch(Block<CUdeviceptr> block) {
            this.block = block;
            this.ptr = CudaDevice.pointer(block);
        }

        @Override
        public CUdeviceptr pointer() {
            return ptr;
        }

        @Override
        public void close() {
            allocator.free(block);
        }
    }

    /**
     * Host → device without waiting for the GPU: the data goes into the next pinned staging buffer of the ring (the
     * host waits only if that buffer's copy from {@value StagingRing#SLOTS} uploads ago is still queued), then an
     * async copy is queued.
     */
    void upload(CUdeviceptr dst, long bytes, Consumer<ByteBuffer> fill) {
        if (bytes == 0) return;
        StagingRing.Lease<Pinned> lease = staging.acquire(transferSize(bytes));
        fill.accept(lease.buffer().view(bytes));
        check(JCudaDriver.cuMemcpyHtoDAsync(dst, lease.buffer().ptr(), bytes, stream), "cuMemcpyHtoDAsync(" + bytes + " bytes)");
        staging.queued(lease);
    }

    /** Device → host: queues the copy, synchronises, and hands the staged bytes to the reader. */
    void download(CUdeviceptr src, long bytes, Consumer<ByteBuffer> read) {
        if (bytes == 0) {
            synchronize();
            staging.allIdle();
            return;
        }
        StagingRing.Lease<Pinned> lease = staging.acquire(transferSize(bytes));
        check(JCudaDriver.cuMemcpyDtoHAsync(lease.buffer().ptr(), src, bytes, stream), "cuMemcpyDtoHAsync(" + bytes + " bytes)");
        staging.queued(lease);
        synchronize();
        staging.allIdle();
        read.accept(lease.buffer().view(bytes));
    }

    private long transferSize(long bytes) {
        if (bytes > Integer.MAX_VALUE) throw new IllegalArgumentException(currentOp + ": transfer of " + bytes + " bytes is too large");
        return bytes;
    }

    /** A pinned host allocation and its byte view. */
    private record Pinned(Pointer ptr, ByteBuffer all) {
        ByteBuffer view(long bytes) {
            ByteBuffer b = all.duplicate().order(ByteOrder.nativeOrder());
            b.clear();
            b.limit((int) bytes);
            return b;
        }
    }

    /** cuMemAllocHost / cuMemFreeHost and the per-slot events on this device's stream. */
    private final class PinnedHost implements StagingRing.Host<Pinned> {
        @Override
        public Pinned allocate(long bytes) {
            Pointer p = new Pointer();
            check(JCudaDriver.cuMemAllocHost(p, bytes), "cuMemAllocHost(" + bytes + " bytes)");
            return new Pinned(p, p.getByteBuffer(0, bytes).order(ByteOrder.nativeOrder()));
        }

        @Override
        public void free(Pinned buffer) {
            check(JCudaDriver.cuMemFreeHost(buffer.ptr()), "cuMemFreeHost");
        }

        @Override
        public void record(int slot) {
            check(JCudaDriver.cuEventRecord(stagingEvents[slot], stream), "cuEventRecord(staging " + slot + ")");
        }

        @Override
        public void await(int slot) {
            check(JCudaDriver.cuEventSynchronize(stagingEvents[slot]), "cuEventSynchronize(staging " + slot + ")");
        }
    }
}
