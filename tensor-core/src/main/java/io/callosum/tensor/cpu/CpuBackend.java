package io.callosum.tensor.cpu;

import io.callosum.tensor.cpu.runtime.CpuSettings;
import io.callosum.tensor.cpu.memory.CpuMemory;
import io.callosum.tensor.cpu.memory.CpuStorage;
import io.callosum.tensor.cpu.color.ColorPooled;
import io.callosum.tensor.cpu.color.CpuColor;
import io.callosum.tensor.cpu.conv.CpuConv;
import io.callosum.tensor.cpu.elementwise.CpuElementwise;
import io.callosum.tensor.cpu.gemm.CpuGemm;
import io.callosum.tensor.cpu.loss.CpuLoss;
import io.callosum.tensor.cpu.norm.CpuNorm;
import io.callosum.tensor.cpu.pool.CpuPool;
import io.callosum.tensor.cpu.reduce.CpuReductions;
import io.callosum.tensor.cpu.runtime.CpuFeatures;
import io.callosum.tensor.cpu.runtime.Parallel;

import io.callosum.tensor.DType;
import io.callosum.tensor.Device;
import io.callosum.tensor.Tensor;
import io.callosum.tensor.spi.Backend;
import io.callosum.tensor.spi.BinaryOp;
import io.callosum.tensor.spi.Conv2dGeometry;
import io.callosum.tensor.spi.Pool2dGeometry;
import io.callosum.tensor.spi.ReduceOp;
import io.callosum.tensor.spi.Storage;
import io.callosum.tensor.spi.UnaryOp;

/** The pure-Java backend: every kernel family lives in its own Cpu* class; this class only routes calls. */
public final class CpuBackend implements Backend {
    private static final CpuBackend INSTANCE = new CpuBackend();
    private static final System.Logger LOG = System.getLogger("io.callosum.tensor.cpu");
    private static volatile boolean announced;

    private CpuBackend() {
    }

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

    @Override
    public String describe() {
        return "cpu · " + CpuFeatures.describePath() + " · " + Parallel.threads() + " threads"
                + (CpuSettings.winograd() ? " · Winograd 3×3" : "");
    }

    // memory
    @Override public Storage allocate(DType dtype, int numel) { return CpuMemory.allocate(this, dtype, numel); }
    @Override public Storage fromFloats(float[] data) { return new CpuStorage(this, data, false); }
    @Override public Storage fromInts(int[] data) { return new CpuStorage(this, data, false); }
    @Override public Storage fromBytes(byte[] data) { return new CpuStorage(this, data, false); }
    @Override public float[] toFloatArray(Tensor src) { return CpuMemory.toFloatArray(src); }
    @Override public int[] toIntArray(Tensor src) { return CpuMemory.toIntArray(src); }
    @Override public byte[] toByteArray(Tensor src) { return CpuMemory.toByteArray(src); }
    @Override public void copy(Tensor src, Tensor dst) { CpuMemory.copy(src, dst); }
    @Override public void fill(Tensor dst, double value) { CpuMemory.fill(dst, value); }

    // elementwise
    @Override public void unary(UnaryOp op, Tensor x, Tensor out, double alpha, double beta) { CpuElementwise.unary(op, x, out, alpha, beta); }
    @Override public void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) { CpuElementwise.binary(op, a, b, out); }
    @Override public void where(Tensor cond, Tensor a, Tensor b, Tensor out) { CpuElementwise.where(cond, a, b, out); }

    // reductions
    @Override public void reduce(ReduceOp op, Tensor x, int[] dims, Tensor out) { CpuReductions.reduce(op, x, dims, out); }
    @Override public void topk(Tensor x, int k, boolean largest, Tensor values, Tensor indices) { CpuReductions.topk(x, k, largest, values, indices); }

    // linear algebra
    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, Tensor a, int lda, long strideA,
                     Tensor b, int ldb, long strideB, float beta, Tensor c, int ldc, long strideC, int batch) {
        CpuGemm.gemm(transA, transB, m, n, k, alpha, a, lda, strideA, b, ldb, strideB, beta, c, ldc, strideC, batch);
    }

    // convolution
    @Override public void conv2dForward(Tensor x, Tensor w, Tensor bias, Tensor out, Conv2dGeometry g) { CpuConv.forward(x, w, bias, out, g); }
    @Override public void conv2dBackwardInput(Tensor gy, Tensor w, Tensor gx, Conv2dGeometry g) { CpuConv.backwardInput(gy, w, gx, g); }
    @Override public void conv2dBackwardWeight(Tensor gy, Tensor x, Tensor gw, Conv2dGeometry g) { CpuConv.backwardWeight(gy, x, gw, g); }

    // pooling and resampling
    @Override public void maxPool2dForward(Tensor x, Tensor out, Tensor indices, Pool2dGeometry g) { CpuPool.maxForward(x, out, indices, g); }
    @Override public void maxPool2dBackward(Tensor gy, Tensor indices, Tensor gx, Pool2dGeometry g) { CpuPool.maxBackward(gy, indices, gx, g); }
    @Override public void avgPool2dForward(Tensor x, Tensor out, Pool2dGeometry g) { CpuPool.avgForward(x, out, g); }
    @Override public void avgPool2dBackward(Tensor gy, Tensor gx, Pool2dGeometry g) { CpuPool.avgBackward(gy, gx, g); }
    @Override public void adaptiveAvgPool2dForward(Tensor x, Tensor out) { CpuPool.adaptiveForward(x, out); }
    @Override public void adaptiveAvgPool2dBackward(Tensor gy, Tensor gx) { CpuPool.adaptiveBackward(gy, gx); }
    @Override public void upsampleNearestForward(Tensor x, Tensor out) { CpuPool.nearestForward(x, out); }
    @Override public void upsampleNearestBackward(Tensor gy, Tensor gx) { CpuPool.nearestBackward(gy, gx); }
    @Override public void upsampleBilinearForward(Tensor x, Tensor out, boolean alignCorners) { CpuPool.bilinearForward(x, out, alignCorners); }
    @Override public void upsampleBilinearBackward(Tensor gy, Tensor gx, boolean alignCorners) { CpuPool.bilinearBackward(gy, gx, alignCorners); }

    // normalisation
    @Override
    public void batchNormForward(Tensor x, Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVar, Tensor out,
                                 Tensor saveMean, Tensor saveInvStd, boolean training, double momentum, double eps) {
        CpuNorm.forward(x, gamma, beta, runningMean, runningVar, out, saveMean, saveInvStd, training, momentum, eps);
    }

    @Override
    public void batchNormBackward(Tensor gy, Tensor x, Tensor gamma, Tensor saveMean, Tensor saveInvStd, Tensor gx, Tensor ggamma, Tensor gbeta) {
        CpuNorm.backward(gy, x, gamma, saveMean, saveInvStd, gx, ggamma, gbeta);
    }

    // softmax and losses
    @Override public void softmaxForward(Tensor x, Tensor out, int dim, boolean log) { CpuLoss.softmaxForward(x, out, dim, log); }
    @Override public void softmaxBackward(Tensor gy, Tensor y, Tensor gx, int dim, boolean log) { CpuLoss.softmaxBackward(gy, y, gx, dim, log); }
    @Override public void nllLossForward(Tensor logp, Tensor target, Tensor weight, int ignoreIndex, Tensor loss, Tensor lossWeight) { CpuLoss.nllForward(logp, target, weight, ignoreIndex, loss, lossWeight); }
    @Override public void nllLossBackward(Tensor gloss, Tensor target, Tensor weight, int ignoreIndex, Tensor glogp) { CpuLoss.nllBackward(gloss, target, weight, ignoreIndex, glogp); }

    // colour
    @Override public void rgbToLab(Tensor x, Tensor out) { CpuColor.rgbToLab(x, out); }
    @Override public void rgbToLabPooled(Tensor x, int pool, Tensor lab, Tensor pooled) { ColorPooled.rgbToLabPooled(x, pool, lab, pooled); }
    @Override public void rgbToLabBackward(Tensor gy, Tensor x, Tensor gx) { CpuColor.rgbToLabBackward(gy, x, gx); }
    @Override public void labToRgb(Tensor x, Tensor out) { CpuColor.labToRgb(x, out); }
    @Override public void labToRgbBackward(Tensor gy, Tensor x, Tensor gx) { CpuColor.labToRgbBackward(gy, x, gx); }
    @Override public void quantize(Tensor x, float[] lo, float[] hi, int[] bins, Tensor out) { CpuColor.quantize(x, lo, hi, bins, out); }

    // indexing
    @Override public void gather(Tensor x, int dim, Tensor index, Tensor out) { CpuIndex.gather(x, dim, index, out); }
    @Override public void scatterAdd(Tensor src, int dim, Tensor index, Tensor out) { CpuIndex.scatterAdd(src, dim, index, out); }
    @Override public void indexSelect(Tensor x, int dim, Tensor index, Tensor out) { CpuIndex.indexSelect(x, dim, index, out); }
    @Override public void indexAdd(Tensor src, int dim, Tensor index, Tensor out) { CpuIndex.indexAdd(src, dim, index, out); }

    // random
    @Override public void fillUniform(Tensor out, long seed, double lo, double hi) { CpuRandom.uniform(out, seed, lo, hi); }
    @Override public void fillNormal(Tensor out, long seed, double mean, double std) { CpuRandom.normal(out, seed, mean, std); }
    @Override public void fillBernoulli(Tensor out, long seed, double p) { CpuRandom.bernoulli(out, seed, p); }
}
