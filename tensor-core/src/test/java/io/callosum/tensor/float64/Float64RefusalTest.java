package io.callosum.tensor.float64;

import io.callosum.tensor.Color;
import io.callosum.tensor.DType;
import io.callosum.tensor.Device;
import io.callosum.tensor.Functional;
import io.callosum.tensor.Generator;
import io.callosum.tensor.Reduction;
import io.callosum.tensor.Tensor;
import io.callosum.tensor.spi.Backend;
import io.callosum.tensor.testing.RecordingBackendProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ops without float64 kernels refuse a float64 input at once, naming the op and the dtype and saying how to convert,
 * instead of failing deep in a float32 kernel; one case per op family.
 */
class Float64RefusalTest {
    static void refused(String op, Executable call) {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, call, op);
        String m = e.getMessage();
        assertTrue(m.startsWith(op + ":") && m.contains("float64") && m.contains(".to(DType.FLOAT32)"), op + ": " + m);
    }

    @Test
    void everyFloat32OnlyFamilyRefusesFloat64() {
        Tensor img = Tensor.rand(new Generator(1), DType.FLOAT64, 1, 3, 4, 4);
        Tensor w = Tensor.zeros(DType.FLOAT64, 2, 3, 3, 3);
        refused("conv2d", () -> Functional.conv2d(img, w, null, 1, 1));
        refused("conv2d", () -> Functional.conv2d(img.to(DType.FLOAT32), w, null, 1, 1));
        refused("convTranspose2d", () -> Functional.convTranspose2d(img, w.permute(1, 0, 2, 3), null, 1, 1));
        refused("maxPool2d", () -> Functional.maxPool2d(img, 2));
        refused("avgPool2d", () -> Functional.avgPool2d(img, 2));
        refused("adaptiveAvgPool2d", () -> Functional.adaptiveAvgPool2d(img, 1, 1));
        refused("upsampleBilinear", () -> Functional.upsampleBilinear(img, 8, 8, false));
        refused("upsampleNearest", () -> Functional.upsampleNearest(img, 8, 8));
        refused("batchNorm", () -> Functional.batchNorm(img, null, null, null, null, true, 0.1, 1e-5));
        refused("rgbToLab", () -> Color.rgbToLab(img));
        refused("labToRgb", () -> Color.labToRgb(img));
        refused("softmax", () -> Functional.softmax(img, 1));
        refused("logSoftmax", () -> Functional.logSoftmax(img, 1));
        Tensor logits = Tensor.zeros(DType.FLOAT64, 2, 3);
        Tensor target = Tensor.of(new int[]{0, 2}, 2);
        refused("crossEntropy", () -> Functional.crossEntropy(logits, target, null, -100, Reduction.MEAN));
        refused("nllLoss", () -> Functional.nllLoss(logits, target, null, -100, Reduction.MEAN));
    }

    @Test
    void aBackendWithoutFloat64RefusesItAtAllocationAndOnTheWayThere() {
        Device rec = new Device("rec", 0);
        RecordingBackendProvider.float64 = false;
        try {
            for (Executable call : new Executable[]{
                    () -> Tensor.zeros(rec, DType.FLOAT64, 2),
                    () -> Tensor.of(new double[]{1, 2}, 2).to(rec),
                    () -> Tensor.zeros(rec, DType.FLOAT32, 2).to(DType.FLOAT64)}) {
                UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, call);
                assertTrue(e.getMessage().contains("float64") && e.getMessage().contains(rec.toString())
                        && e.getMessage().contains(".to(DType.FLOAT32)"), e.getMessage());
            }
            assertTrue(Tensor.ones(rec, DType.FLOAT32, 2).sum().item() == 2f, "float32 still works there");
        } finally {
            RecordingBackendProvider.float64 = true;
        }
        assertTrue(Tensor.of(new double[]{1, 2}, 2).to(rec).sum().doubleItem() == 3, "with float64 declared, rec runs it");
    }

    @Test
    void backendsDeclareFloat64AndRefuseItByDefault() throws Throwable {
        assertTrue(io.callosum.tensor.Backends.cpu().supports(DType.FLOAT64));
        Backend bare = (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[]{Backend.class},
                (proxy, m, args) -> {
                    if (m.isDefault()) return InvocationHandler.invokeDefault(proxy, m, args);
                    throw new AssertionError("not a default method: " + m.getName());
                });
        assertFalse(bare.supports(DType.FLOAT64), "a backend that does not opt in has no float64");
        for (DType t : new DType[]{DType.FLOAT32, DType.INT32, DType.UINT8}) assertTrue(bare.supports(t), t.toString());
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> bare.fromDoubles(new double[1]));
        assertTrue(e.getMessage().contains("float64"), e.getMessage());
    }
}
