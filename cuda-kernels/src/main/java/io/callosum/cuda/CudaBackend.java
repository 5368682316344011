package io.callosum.cuda;

import io.callosum.cuda.alloc.MemoryStats;
import io.callosum.cuda.probe.ProbeLine;
import io.callosum.tensor.DType;
import io.callosum.tensor.Device;
import io.callosum.tensor.spi.Backend;
import io.callosum.tensor.spi.BinaryOp;
import io.callosum.tensor.spi.ColorKernels;
import io.callosum.tensor.spi.Conv2dGeometry;
import io.callosum.tensor.spi.Operand;
import io.callosum.tensor.spi.Pool2dGeometry;
import io.callosum.tensor.spi.ReduceOp;
import io.callosum.tensor.spi.Storage;
import io.callosum.tensor.spi.UnaryOp;

/**
 * The CUDA backend for one GPU. Routes every SPI kernel to its family class; all work is queued on the device's
 * stream and the host waits only where values are read ({@code toFloatArray}, {@code item}) or in {@link #synchronize()}.
 *
 * <p>Switches (system properties): the vendor-library ones are listed on {@link CudaVendors};
 * {@code callosum.cuda.tf32=true} lets cuBLAS and cuDNN use TF32 tensor cores (see {@link CudaSettings});
 * {@code callosum.cuda.sync=true} synchronises after every op so an asynchronous CUDA error names the op that caused it.
 */
public final class CudaBackend implements Backend, ColorKernels {
    private static final System.Logger LOG = System.getLogger("io.callosum.cuda");

    private final CudaDevice dev;
    private final CudaVendors vendors;
    private final CudaMemoryOps memory;
    private final CudaElementwise elementwise;
    private final CudaReductions reductions;
    private final CudaGemm gemm;
    private final CudaConv conv;
    private final CudaPool pool;
    private final CudaNorm norm;
    private final CudaLoss loss;
    private final CudaColor color;
    private final CudaIndex index;
    private final CudaRandom random;

    private CudaBackend(CudaDevice dev, CudaVendors vendors) {
        this.dev = dev;
        this.vendors = vendors;
        this.memory = new CudaMemoryOps(dev, this);
        this.elementwise = new CudaElementwise(dev);
        this.reductions = new CudaReductions(dev);
        this.gemm = new CudaGemm(dev, vendors.cublas());
        this.conv = new CudaConv(dev, gemm, memory, vendors.cudnn());
        this.pool = new CudaPool(dev, memory);
        this.norm = new CudaNorm(dev);
        this.loss = new CudaLoss(dev);
        this.color = new CudaColor(dev);
        this.index = new CudaIndex(dev);
        this.random = new CudaRandom(dev);
    }

    /**
     * Opens device {@code index}: context, stream, vendor libraries as the probe decides; logs the probe line (as a
     * warning when a library that was found could not be used).
     */
    static CudaBackend create(int index) {
        // malformed settings fail here, naming the property, rather than quietly switching a library off
        CudaSettings.tf32();
        io.callosum.cuda.vendor.Cudnn.cacheSize(System.getProperty(io.callosum.cuda.vendor.Cudnn.CACHE_SIZE_PROPERTY));
        CudaDevice dev = new CudaDevice(index);
        CudaBackend b = new CudaBackend(dev, CudaVendors.open(dev));
        LOG.log(b.vendors.anyFailed() ? System.Logger.Level.WARNING : System.Logger.Level.INFO, b.describe());
        return b;
    }

    @Override
    public Device device() {
        return dev.device;
    }

    /** The probe line: driver and PTX ISA, GPU, cuBLAS and cuDNN versions and origins (or why not), the TF32 setting. */
    @Override
    public String describe() {
        return ProbeLine.format(CudaRuntime.driverVersion(), CudaRuntime.ptxIsa(),
                new ProbeLine.Gpu(dev.index, dev.name, dev.ccMajor, dev.ccMinor, dev.multiprocessors, dev.totalMemory),
                vendors.cublasLine(), vendors.cudnnLine(), CudaSettings.tf32());
    }

    @Override
    public void synchronize() {
        dev.run("synchronize", new Operand[0], dev::synchronize);
    }

    /** The caching allocator's statistics (allocated / reserved / peak bytes, …). */
    public MemoryStats memoryStats() {
        return dev.allocator.stats();
    }

    /** Returns cached, wholly free device memory to the driver; the bytes released. */
    public long emptyCache() {
        return dev.run("emptyCache", new Operand[0], dev.allocator::emptyCache);
    }

    /** Storages reclaimed by the garbage collector instead of being closed (a leak counter). */
    public static long leakedStorages() {
        return CudaStorage.LEAKS.get();
    }

    /** Whether matrix products go through cuBLAS on this device (else the built-in SGEMM kernel). */
    public boolean usesCublas() {
        return gemm.usesCublas();
    }

    /** Whether convolutions go through cuDNN on this device (else the built-in im2col kernels). */
    public boolean usesCudnn() {
        return conv.usesCudnn();
    }

    private void run(String op, Runnable body, Operand... ts) {
        dev.run(op, ts, body);
    }

    private <T> T call(String op, java.util.function.Supplier<T> body, Operand... ts) {
        return dev.run(op, ts, body);
    }

    // memory
    @Override public Storage allocate(DType dtype, int numel) { return call("allocate", () -> memory.allocate(dtype, numel)); }
    @Override public Storage fromFloats(float[] data) { return call("fromFloats", () -> memory.fromFloats(data)); }
    @Override public Storage fromInts(int[] data) { return call("fromInts", () -> memory.fromInts(data)); }
    @Override public Storage fromBytes(byte[] data) { return call("fromBytes", () -> memory.fromBytes(data)); }
    @Override public float[] toFloatArray(Operand src) { return call("toFloatArray", () -> memory.toFloatArray(src), src); }
    @Override public int[] toIntArray(Operand src) { return call("toIntArray", () -> memory.toIntArray(src), src); }
    @Override public byte[] toByteArray(Operand src) { return call("toByteArray", () -> memory.toByteArray(src), src); }
    @Override public void copy(Operand src, Operand dst) { run("copy", () -> memory.copy(src, dst), src, dst); }
    @Override public void fill(Operand dst, double value) { run("fill", () -> memory.fill(dst, value), dst); }

    // elementwise
    @Override public void unary(UnaryOp op, Operand x, Operand out, double alpha, double beta) { run("unary " + op, () -> elementwise.unary(op, x, out, alpha, beta), x, out); }
    @Override public void binary(BinaryOp op, Operand a, Operand b, Operand out) { run("binary " + op, () -> elementwise.binary(op, a, b, out), a, b, out); }
    @Override public void where(Operand cond, Operand a, Operand b, Operand out) { run("where", () -> elementwise.where(cond, a, b, out), cond, a, b, out); }

    // reductions
    @Override public void reduce(ReduceOp op, Operand x, int[] dims, Operand out) { run("reduce " + op, () -> reductions.reduce(op, x, dims, out), x, out); }
    @Override public void topk(Operand x, int k, boolean largest, Operand values, Operand indices) { run("topk", () -> reductions.topk(x, k, largest, values, indices), x, values, indices); }

    // linear algebra
    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, Operand a, int lda, long strideA,
                     Operand b, int ldb, long strideB, float beta, Operand c, int ldc, long strideC, int batch) {
        run("gemm", () -> gemm.gemm(transA, transB, m, n, k, alpha, a, lda, strideA, b, ldb, strideB, beta, c, ldc, strideC, batch), a, b, c);
    }

    // convolution
    @Override public void conv2dForward(Operand x, Operand w, Operand bias, Operand out, Conv2dGeometry g) { run("conv2dForward", () -> conv.forward(x, w, bias, out, g), x, w, bias, out); }
    @Override public void conv2dBackwardInput(Operand gy, Operand w, Operand gx, Conv2dGeometry g) { run("conv2dBackwardInput", () -> conv.backwardInput(gy, w, gx, g), gy, w, gx); }
    @Override public void conv2dBackwardWeight(Operand gy, Operand x, Operand gw, Conv2dGeometry g) { run("conv2dBackwardWeight", () -> conv.backwardWeight(gy, x, gw, g), gy, x, gw); }

    // pooling and resampling
    @Override public void maxPool2dForward(Operand x, Operand out, Operand indices, Pool2dGeometry g) { run("maxPool2dForward", () -> pool.maxForward(x, out, indices, g), x, out); }
    @Override public void maxPool2dBackward(Operand gy, Operand indices, Operand gx, Pool2dGeometry g) { run("maxPool2dBackward", () -> pool.maxBackward(gy, indices, gx, g), gy, gx); }
    @Override public void avgPool2dForward(Operand x, Operand out, Pool2dGeometry g) { run("avgPool2dForward", () -> pool.avgForward(x, out, g), x, out); }
    @Override public void avgPool2dBackward(Operand gy, Operand gx, Pool2dGeometry g) { run("avgPool2dBackward", () -> pool.avgBackward(gy, gx, g), gy, gx); }
    @Override public void adaptiveAvgPool2dForward(Operand x, Operand out) { run("adaptiveAvgPool2dForward", () -> pool.adaptiveForward(x, out), x, out); }
    @Override public void adaptiveAvgPool2dBackward(Operand gy, Operand gx) { run("adaptiveAvgPool2dBackward", () -> pool.adaptiveBackward(gy, gx), gy, gx); }
    @Override public void upsampleNearestForward(Operand x, Operand out) { run("upsampleNearestForward", () -> pool.nearestForward(x, out), x, out); }
    @Override public void upsampleNearestBackward(Operand gy, Operand gx) { run("upsampleNearestBackward", () -> pool.nearestBackward(gy, gx), gy, gx); }
    @Override public void upsampleBilinearForward(Operand x, Operand out, boolean alignCorners) { run("upsampleBilinearForward", () -> pool.bilinearForward(x, out, alignCorners), x, out); }
    @Override public void upsampleBilinearBackward(Operand gy, Operand gx, boolean alignCorners) { run("upsampleBilinearBackward", () -> pool.bilinearBackward(gy, gx, alignCorners), gy, gx); }

    // normalisation
    @Override
    public void batchNormForward(Operand x, Operand gamma, Operand beta, Operand runningMean, Operand runningVar, Operand out,
                                 Operand saveMean, Operand saveInvStd, boolean training, double momentum, double eps) {
        run("batchNormForward", () -> norm.forward(x, gamma, beta, runningMean, runningVar, out, saveMean, saveInvStd, training, momentum, eps), x, out);
    }

    @Override
    public void batchNormBackward(Operand gy, Operand x, Operand gamma, Operand saveMean, Operand saveInvStd, Operand gx, Operand ggamma, Operand gbeta) {
        run("batchNormBackward", () -> norm.backward(gy, x, gamma, saveMean, saveInvStd, gx, ggamma, gbeta), gy, x, gx);
    }

    // softmax and losses
    @Override public void softmaxForward(Operand x, Operand out, int dim, boolean log) { run(log ? "logSoftmaxForward" : "softmaxForward", () -> loss.softmaxForward(x, out, dim, log), x, out); }
    @Override public void softmaxBackward(Operand gy, Operand y, Operand gx, int dim, boolean log) { run(log ? "logSoftmaxBackward" : "softmaxBackward", () -> loss.softmaxBackward(gy, y, gx, dim, log), gy, y, gx); }
    @Override public void nllLossForward(Operand logp, Operand target, Operand weight, int ignoreIndex, Operand loss, Operand lossWeight) { run("nllLossForward", () -> this.loss.nllForward(logp, target, weight, ignoreIndex, loss, lossWeight), logp, target, weight); }
    @Override public void nllLossBackward(Operand gloss, Operand target, Operand weight, int ignoreIndex, Operand glogp) { run("nllLossBackward", () -> loss.nllBackward(gloss, target, weight, ignoreIndex, glogp), gloss, target, glogp); }

    // colour
    @Override public void rgbToLab(Operand x, Operand out) { run("rgbToLab", () -> color.rgbToLab(x, out), x, out); }
    @Override public void rgbToLabBackward(Operand gy, Operand x, Operand gx) { run("rgbToLabBackward", () -> color.rgbToLabBackward(gy, x, gx), gy, x, gx); }
    @Override public void labToRgb(Operand x, Operand out) { run("labToRgb", () -> color.labToRgb(x, out), x, out); }
    @Override public void labToRgbBackward(Operand gy, Operand x, Operand gx) { run("labToRgbBackward", () -> color.labToRgbBackward(gy, x, gx), gy, x, gx); }
    @Override public void quantize(Operand x, float[] lo, float[] hi, int[] bins, Operand out) { run("quantize", () -> color.quantize(x, lo, hi, bins, out), x, out); }

    // indexing
    @Override public void gather(Operand x, int dim, Operand index, Operand out) { run("gather", () -> this.index.gather(x, dim, index, out), x, index, out); }
    @Override public void scatterAdd(Operand src, int dim, Operand index, Operand out) { run("scatterAdd", () -> this.index.scatterAdd(src, dim, index, out), src, index, out); }
    @Override public void indexSelect(Operand x, int dim, Operand index, Operand out) { run("indexSelect", () -> this.index.indexSelect(x, dim, index, out), x, index, out); }
    @Override public void indexAdd(Operand src, int dim, Operand index, Operand out) { run("indexAdd", () -> this.index.indexAdd(src, dim, index, out), src, index, out); }

    // random
    @Override public void fillUniform(Operand out, long seed, double lo, double hi) { run("fillUniform", () -> random.uniform(out, seed, lo, hi), out); }
    @Override public void fillNormal(Operand out, long seed, double mean, double std) { run("fillNormal", () -> random.normal(out, seed, mean, std), out); }
    @Override public void fillBernoulli(Operand out, long seed, double p) { run("fillBernoulli", () -> random.bernoulli(out, seed, p), out); }
}
