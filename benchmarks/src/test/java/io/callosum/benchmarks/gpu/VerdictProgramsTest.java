package io.callosum.benchmarks.gpu;

import io.callosum.splitbrain.model.Architecture;
import io.callosum.tensor.Scope;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pieces of the GPU verdict programs that decide PASS or FAIL, on the CPU. */
class VerdictProgramsTest {
    @Test
    void relativeErrorIsTheNormOfTheDifferenceOverTheReferenceNorm() {
        assertEquals(0.0, StepAgreement.relativeError(new float[]{1, 2}, new float[]{1, 2}));
        assertEquals(0.5, StepAgreement.relativeError(new float[]{3, 4}, new float[]{3 + 1.5f, 4 + 2f}), 1e-12);
        assertTrue(Double.isNaN(StepAgreement.relativeError(new float[]{1}, new float[]{1, 2})), "shape mismatch");
        assertTrue(Double.isNaN(StepAgreement.relativeError(new float[]{1}, new float[]{Float.NaN})), "NaN gradient");
        assertEquals(Double.POSITIVE_INFINITY, StepAgreement.relativeError(new float[]{0}, new float[]{1e-3f}));
    }

    @Test
    void aRowWithATabOrNewlineIsRefusedSoTheTableCannotBeMisread() {
        assertThrows(IllegalArgumentException.class, () -> new VerdictRow("s", "a\tb", VerdictRow.Status.PASS, "", ""));
        assertThrows(IllegalArgumentException.class, () -> new VerdictRow("s", "a", VerdictRow.Status.PASS, "1\n2", ""));
        assertEquals(VerdictRow.Status.FAIL, VerdictRow.check("s", "i", false, "v", "d").status());
    }

    @Test
    void twoTargetsFromOneSeedStartFromTheSameStep() {
        try (TrainingStep a = new TrainingStep(Architecture.SIMPLENET, 1, 11, Target.parse("cpu"));
             TrainingStep b = new TrainingStep(Architecture.SIMPLENET, 1, 11, Target.parse("cpu"));
             TrainingStep other = new TrainingStep(Architecture.SIMPLENET, 1, 12, Target.parse("cpu"));
             Scope s = Scope.open()) {
            float la = a.forwardBackward().item();
            assertEquals(la, b.forwardBackward().item(), 0f, "same seed, same device: bit-identical loss");
            assertTrue(la != other.forwardBackward().item(), "another seed gives another batch");
        }
    }

    @Test
    void anUnknownDeviceIsRefusedWithItsName() {
        RuntimeException e = assertThrows(RuntimeException.class, () -> Target.parse("tpu"));
        assertTrue(e.getMessage().contains("tpu"), e.getMessage());
    }
}
