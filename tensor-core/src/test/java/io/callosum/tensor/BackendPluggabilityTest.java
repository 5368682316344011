package io.callosum.tensor;

import io.callosum.tensor.testing.RecordingBackendProvider;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A second backend plugs in through ServiceLoader without touching tensor-core: the test-only "rec" backend
 * (registered in src/test/resources/META-INF/services) records each kernel call and delegates to the CPU.
 */
class BackendPluggabilityTest {
    @Test
    void opsOnAnotherDeviceRunThroughItsBackendAndAutodiffWorks() {
        Device rec = new Device("rec", 0);
        RecordingBackendProvider.CALLS.clear();
        Tensor x = Tensor.of(new float[]{1, 2, 3}, 3).to(rec).requiresGrad(true);
        assertEquals(rec, x.device());
        Tensor y = x.mul(x).sum();
        y.backward();
        assertEquals(rec, x.grad().device());
        assertArrayEquals(new float[]{2, 4, 6}, x.grad().toFloatArray());
        assertTrue(RecordingBackendProvider.CALLS.contains("binary"), RecordingBackendProvider.CALLS.toString());
        assertTrue(RecordingBackendProvider.CALLS.contains("reduce"), RecordingBackendProvider.CALLS.toString());
    }

    @Test
    void mixingDevicesIsAnErrorThatNamesBoth() {
        Tensor a = Tensor.ones(2).to(new Device("rec", 0));
        var e = assertThrows(IllegalArgumentException.class, () -> a.add(Tensor.ones(2)));
        assertEquals("add: tensors are on different devices: [2] float32 rec:0 and [2] float32 cpu; move one with .to(device)", e.getMessage());
    }

    @Test
    void unknownDeviceTypesAndIndicesAreClearErrors() {
        var e = assertThrows(IllegalStateException.class, () -> Tensor.zeros(new Device("tpu", 0), DType.FLOAT32, 2));
        assertTrue(e.getMessage().contains("no backend for device type 'tpu'"), e.getMessage());
        var i = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(new Device("rec", 3), DType.FLOAT32, 2));
        assertTrue(i.getMessage().contains("rec:3 does not exist"), i.getMessage());
    }
}
