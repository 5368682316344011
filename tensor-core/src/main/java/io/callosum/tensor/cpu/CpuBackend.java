package io.callosum.tensor.cpu;

import io.callosum.tensor.DType;
import io.callosum.tensor.Device;
import io.callosum.tensor.cpu.color.ColorPooled;
import io.callosum.tensor.cpu.color.CpuColor;
import io.callosum.tensor.cpu.conv.CpuConv;
import io.callosum.tensor.cpu.elementwise.CpuElementwise;
import io.callosum.tensor.cpu.gemm.CpuGemm;
import io.callosum.tensor.cpu.generic.GenericElementwise;
import io.callosum.tensor.cpu.generic.GenericGemm;
import io.callosum.tensor.cpu.generic.GenericReductions;
import io.callosum.tensor.cpu.index.CpuIndex;
import io.callosum.tensor.cpu.loss.CpuLoss;
import io.callosum.tensor.cpu.memory.CpuMemory;
import io.callosum.tensor.cpu.memory.CpuStorage;
import io.callosum.tensor.cpu.norm.CpuNorm;
import io.callosum.tensor.cpu.pool.CpuPool;
import io.callosum.tensor.cpu.random.CpuRandom;
import io.callosum.tensor.cpu.reduce.CpuReductions;
import io.callosum.tensor.cpu.runtime.CpuFeatures;
import io.callosum.tensor.cpu.runtime.CpuSettings;
import io.callosum.tensor.cpu.runtime.Parallel;
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
 * The pure-Java backend: every kernel family lives in its own package (entry point Cpu&lt;Family&gt;); this class only
 * routes calls, and provides the optional {@link ColorKernels}.
 */
public final class CpuBackend implements Backend, ColorKernels {
    private static final CpuBackend INSTANCE = new CpuBackend();
    private static final System.Logger LOG = System.getLogger("io.callosum.tensor.cpu");
    private static volatile boolean announced;

    private CpuBackend() {
    }

    /** The one CPU backend (its provider hands out this instance); logs its description once, on first use. */
    public static CpuBackend instance() {
        if (!announced) {
            announced = true;
            LOG.log(System.Logger.Level.INFO, "callosum cpu backend: {0}", INSTANCE.describe());
        }
        return INSTANCE;
    }

    @Override
    public Device device() {
        return Device.CPU;
    }

    /** Every dtype, FLOAT64 through the dtype-generic kernels of {@code cpu.generic}. */
    @Override
    public boolean supports(DType dtype) {
        return true;
    }

    @Override
    public String describe() {
        return "cpu · " + CpuFeatures.describePath() + " · " + Parallel.threads() + " threads"
                + (CpuSettings.winograd() ? " · Winograd 3×3" : "");
    }

    // memory
    @Override public Storage allocate(DType dtype, int numel) { return CpuMemory.allocate(this, dtype, numel); }
    @Override public Storage fromFloats(float[] data) { return new CpuStorage(this, data, false); }
    @Override public Storage fromDoubles(double[] data) { return new CpuStorage(this, data); }
    @Override public double[] toDoubleArray(Operand src) { return CpuMemory.toDoubleArray(src); }
    @Override public Storage fromInts(int[] data) { return new CpuStorage(this, data, false); }
    @Override public Storage fromBytes(byte[] data) { return new CpuStorage(this, data, false); }
    @Override public float[] toFloatArray(Operand src) { return CpuMemory.toFloatArray(src); }
    @Override public int[] toIntArray(Operand src) { return CpuMemory.toIntArray(src); }
    @Override public byte[] toByteArray(Operand src) { return CpuMemory.toByteArray(src); }
    @Override public void copy(Operand src, Operand dst) { CpuMemory.copy(src, dst); }
    @Override public void fill(Operand dst, double value) { CpuMemory.fill(dst, value); }

    // elementwise
    @Override
    public void unary(UnaryOp op, Operand x, Operand out, double alpha, double beta) {
        if (float64(x)) GenericElementwise.unary(op, x, out, alpha, beta);
        else CpuElementwise.unary(op, x, out, alpha, beta);
    }

    @Override
    public void binary(BinaryOp op, Operand a, Operand b, Operand out) {
        if (float64(a)) GenericElementwise.binary(op, a, b, out);
        else CpuElementwise.binary(op, a, b, out);
    }

    @Override
    public void where(Operand cond, Operand a, Operand b, Operand out) {
        if (float64(out)) GenericElementwise.where(cond, a, b, out);
        else CpuElementwise.where(cond, a, b, out);
    }

    // reductions
    @Override
    public void reduce(ReduceOp op, Operand x, int[] dims, Operand out) {
        if ((op == ReduceOp.ARGMAX || op == ReduceOp.ARGMIN) && dims.length != 1) {
            throw new IllegalArgumentException(op + ": reduces exactly one dimension, got " + java.util.Arrays.toString(dims));
        }
        if (float64(x)) GenericReductions.reduce(op, x, dims, out);
        else CpuReductions.reduce(op, x, dims, out);
    }

    @Override
    public void topk(Operand x, int k, boolean largest, Operand values, Operand indices) {
        if (float64(x)) GenericReductions.topk(x, k, largest, values, indices);
        else CpuReductions.topk(x, k, largest, values, indices);
    }

    // linear algebra
    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, Operand a, int lda, long strideA,
                     Operand b, int ldb, long strideB, float beta, Operand c, int ldc, long strideC, int batch) {
        if (float64(a)) GenericGemm.gemm(transA, transB, m, n, k, alpha, a, lda, strideA, b, ldb, strideB, beta, c, ldc, strideC, batch);
        else CpuGemm.gemm(transA, transB, m, n, k, alpha, a, lda, strideA, b, ldb, strideB, beta, c, ldc, strideC, batch);
    }

    /** FLOAT64 operands go to the dtype-generic kernels; every other dtype keeps its tuned kernel. */
    private static boolean float64(Operand t) {
        return t.dtype() == DType.FLOAT64;
    }

    // convolution
    @Override public void conv2dForward(Operand x, Operand w, Operand bias, Operand out, Conv2dGeometry g) { CpuConv.forward(x, w, bias, out, g); }
    @Override public void conv2dBackwardInput(Operand gy, Operand w, Operand gx, Conv2dGeometry g) { CpuConv.backwardInput(gy, w, gx, g); }
    @Override public void conv2dBackwardWeight(Operand gy, Operand x, Operand gw, Conv2dGeometry g) { CpuConv.backwardWeight(gy, x, gw, g); }

    // pooling and resampling
    @Override public void maxPool2dForward(Operand x, Operand out, Operand indices, Pool2dGeometry g) { CpuPool.maxForward(x, out, indices, g); }
    @Override public void maxPool2dBackward(Operand gy, Operand indices, Operand gx, Pool2dGeometry g) { CpuPool.maxBackward(gy, indices, gx, g); }
    @Override public void avgPool2dForward(Operand x, Operand out, Pool2dGeometry g) { CpuPool.avgForward(x, out, g); }
    @Override public void avgPool2dBackward(Operand gy, Operand gx, Pool2dGeometry g) { CpuPool.avgBackward(gy, gx, g); }
    @Override public void adaptiveAvgPool2dForward(Operand x, Operand out) { CpuPool.adaptiveForward(x, out); }
    @Override public void adaptiveAvgPool2dBackward(Operand gy, Operand gx) { CpuPool.adaptiveBackward(gy, gx); }
    @Override public void upsampleNearestForward(Operand x, Operand out) { CpuPool.nearestForward(x, out); }
    @Override public void upsampleNearestBackward(Operand gy, Operand gx) { CpuPool.nearestBackward(gy, gx); }
    @Override public void upsampleBilinearForward(Operand x, Operand out, boolean alignCorners) { CpuPool.bilinearForward(x, out, alignCorners); }
    @Override public void upsampleBilinearBackward(Operand gy, Operand gx, boolean alignCorners) { CpuPool.bilinearBackward(gy, gx, alignCorners); }

    // normalisation
    @Override
    public void batchNormForward(Operand x, Operand gamma, Operand beta, Operand runningMean, Operand runningVar, Operand out,
                                 Operand saveMean, Operand saveInvStd, boolean training, double momentum, double eps) {
        CpuNorm.forward(x, gamma, beta, runningMean, runningVar, out, saveMean, saveInvStd, training, momentum, eps);
    }

    @Override
    public void batchNormBackward(Operand gy, Operand x, Operand gamma, Operand saveMean, Operand saveInvStd, Operand gx, Operand ggamma, Operand gbeta) {
        CpuNorm.backward(gy, x, gamma, saveMean, saveInvStd, gx, ggamma, gbeta);
    }

    // softmax and losses
    @Override public void softmaxForward(Operand x, Operand out, int dim, boolean log) { CpuLoss.softmaxForward(x, out, dim, log); }
    @Override public void softmaxBackward(Operand gy, Operand y, Operand gx, int dim, boolean log) { CpuLoss.softmaxBackward(gy, y, gx, dim, log); }
    @Override public void nllLossForward(Operand logp, Operand target, Operand weight, int ignoreIndex, Operand loss, Operand lossWeight) { CpuLoss.nllForward(logp, target, weight, ignoreIndex, loss, lossWeight); }
    @Override public void nllLossBackward(Operand gloss, Operand target, Operand weight, int ignoreIndex, Operand glogp) { CpuLoss.nllBackward(gloss, target, weight, ignoreIndex, glogp); }

    // colour
    @Override public void rgbToLab(Operand x, Operand out) { CpuColor.rgbToLab(x, out); }
    @Override public void rgbToLabPooled(Operand x, int pool, Operand lab, Operand pooled) { ColorPooled.rgbToLabPooled(x, pool, lab, pooled); }
    @Override public void rgbToLabBackward(Operand gy, Operand x, Operand gx) { CpuColor.rgbToLabBackward(gy, x, gx); }
    @Override public void labToRgb(Operand x, Operand out) { CpuColor.labToRgb(x, out); }
    @Override public void labToRgbBackward(Operand gy, Operand x, Operand gx) { CpuColor.labToRgbBackward(gy, x, gx); }
    @Override public void quantize(Operand x, float[] lo, float[] hi, int[] bins, Operand out) { CpuColor.quantize(x, lo, hi, bins, out); }

    // indexing
    @Override public void gather(Operand x, int dim, Operand index, Operand out) { CpuIndex.gather(x, dim, index, out); }
    @Override public void scatterAdd(Operand src, int dim, Operand index, Operand out) { CpuIndex.scatterAdd(src, dim, index, out); }
    @Override public void indexSelect(Operand x, int dim, Operand index, Operand out) { CpuIndex.indexSelect(x, dim, index, out); }
    @Override public void indexAdd(Operand src, int dim, Operand index, Operand out) { CpuIndex.indexAdd(src, dim, index, out); }

    // random
    @Override public void fillUniform(Operand out, long seed, double lo, double hi) { CpuRandom.uniform(out, seed, lo, hi); }
    @Override public void fillNormal(Operand out, long seed, double mean, double std) { CpuRandom.normal(out, seed, mean, std); }
    @Override public void fillBernoulli(Operand out, long seed, double p) { CpuRandom.bernoulli(out, seed, p); }
}
