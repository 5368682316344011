package io.callosum.cuda;

import jcuda.driver.CUresult;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sticky-error table: which CUresult codes end the context, checked code by code against CUDA's meanings. */
class CudaErrorsTest {
    /** 700–721 as cuda.h documents them: true where it says the process/context is left unusable. */
    static final Map<Integer, Boolean> EXPECTED = Map.ofEntries(
            Map.entry(700, true), Map.entry(701, false), Map.entry(702, true), Map.entry(703, false),
            Map.entry(704, false), Map.entry(705, false), Map.entry(708, false), Map.entry(709, true),
            Map.entry(710, true), Map.entry(711, false), Map.entry(712, false), Map.entry(713, false),
            Map.entry(714, true), Map.entry(715, true), Map.entry(716, true), Map.entry(717, true),
            Map.entry(718, true), Map.entry(719, true), Map.entry(720, false), Map.entry(721, true));

    @Test
    void eachCodeOfThe700RangeIsClassifiedAsDocumented() {
        for (Map.Entry<Integer, Boolean> e : EXPECTED.entrySet()) {
            assertEquals(e.getValue(), CudaDevice.isSticky(e.getKey()), "code " + e.getKey() + " (" + CUresult.stringFor(e.getKey()) + ")");
        }
    }

    @Test
    void recoverableErrorsOutsideTheRangeStayRecoverable() {
        for (int code : new int[]{0, 1, 2, 98, 200, 209, 218, 222, 400, 500, 600, 800, 801, 909, 910, 999}) {
            assertFalse(CudaDevice.isSticky(code), "code " + code + " (" + CUresult.stringFor(code) + ")");
        }
        assertTrue(CudaDevice.isSticky(911), "CUDA_ERROR_EXTERNAL_DEVICE leaves the process inconsistent");
    }

    @Test
    void tableNamesAgreeWithJCudasNamesWhereJCudaKnowsTheCode() {
        Set<Integer> checked = new TreeSet<>();
        for (Map.Entry<Integer, String> e : CudaErrors.CONTEXT_LOST.entrySet()) {
            String jcuda = CUresult.stringFor(e.getKey());
            if (jcuda.startsWith("INVALID")) continue; // newer than JCuda 12.6 (721)
            assertTrue(e.getValue().startsWith(jcuda + ":"), e.getKey() + ": table says '" + e.getValue() + "', JCuda says " + jcuda);
            checked.add(e.getKey());
        }
        assertTrue(checked.containsAll(Set.of(700, 702, 709, 710, 714, 715, 716, 717, 718, 719)), "checked " + checked);
    }
}
