package io.callosum.cuda;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The TF32 switch: property parsing and validation, and the Java override. */
class CudaSettingsTest {
    @AfterEach
    void reset() {
        CudaSettings.clearTf32();
        System.clearProperty(CudaSettings.TF32_PROPERTY);
    }

    @Test
    void absentOrBlankMeansExactFp32() {
        assertFalse(CudaSettings.parseTf32(null));
        assertFalse(CudaSettings.parseTf32(" "));
        assertFalse(CudaSettings.tf32(), "default without the property");
    }

    @Test
    void trueAndFalseInAnyCase() {
        assertTrue(CudaSettings.parseTf32("true"));
        assertTrue(CudaSettings.parseTf32(" TRUE "));
        assertFalse(CudaSettings.parseTf32("False"));
    }

    @Test
    void anythingElseIsAnErrorNamingTheProperty() {
        for (String bad : new String[]{"yes", "1", "on", "tf32", "truee"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CudaSettings.parseTf32(bad), bad);
            assertEquals("-Dcallosum.cuda.tf32 must be true or false, got '" + bad + "'", e.getMessage());
        }
        System.setProperty(CudaSettings.TF32_PROPERTY, "maybe");
        assertThrows(IllegalArgumentException.class, CudaSettings::tf32, "a malformed property is not silently false");
    }

    @Test
    void theJavaSettingOverridesThePropertyUntilCleared() {
        System.setProperty(CudaSettings.TF32_PROPERTY, "true");
        assertTrue(CudaSettings.tf32());
        CudaSettings.setTf32(false);
        assertFalse(CudaSettings.tf32());
        CudaSettings.clearTf32();
        assertTrue(CudaSettings.tf32());
    }
}
