package io.callosum.cuda;

import io.callosum.tensor.Backends;
import io.callosum.tensor.DType;
import io.callosum.tensor.Device;
import io.callosum.tensor.Tensor;
import io.callosum.tensor.spi.BackendProvider;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** The provider is found by ServiceLoader and, on a machine without a GPU, says why in one sentence instead of throwing. */
class CudaAvailabilityTest {

    @Test
    void providerIsRegisteredAndAnswersWithoutThrowing() {
        BackendProvider p = Backends.provider("cuda");
        assertEquals("cuda", p.deviceType());
        assertTrue(p instanceof CudaBackendProvider);
        if (p.isAvailable()) {
            assertTrue(p.deviceCount() > 0);
            assertEquals("", p.unavailableReason());
        } else {
            assertEquals(0, p.deviceCount());
            assertFalse(p.unavailableReason().isBlank());
            assertFalse(p.unavailableReason().contains("\n"), "one sentence: " + p.unavailableReason());
        }
    }

    @Test
    void askingForCudaWithoutAGpuNamesTheDeviceAndTheReason() {
        assumeFalse(Backends.isAvailable("cuda"), "this machine has a usable GPU");
        String reason = Backends.provider("cuda").unavailableReason();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Tensor.zeros(Device.cuda(0), DType.FLOAT32, 2, 3));
        assertEquals("device cuda:0 is not available: " + reason, e.getMessage());
        IllegalStateException viaTo = assertThrows(IllegalStateException.class, () -> Tensor.of(new float[]{1, 2}, 2).to(Device.cuda()));
        assertTrue(viaTo.getMessage().startsWith("device cuda:0 is not available: "), viaTo.getMessage());
        IllegalStateException create = assertThrows(IllegalStateException.class, () -> new CudaBackendProvider().create(0));
        assertTrue(create.getMessage().startsWith("device cuda:0 is not available: "), create.getMessage());
    }
}
