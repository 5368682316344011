package io.callosum.tensor.cpu.runtime;

import org.junit.jupiter.api.Test;

import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CpuSettingsTest {

    /** Reads property with the given raw value set, restoring whatever was there before. */
    private static <T> T readWith(String property, String value, T fallback, Function<String, T> parse) {
        String prev = System.getProperty(property);
        System.setProperty(property, value);
        try {
            return CpuSettings.read(property, fallback, parse);
        } finally {
            if (prev == null) System.clearProperty(property);
            else System.setProperty(property, prev);
        }
    }

    private static void assertRejected(String property, String value, Function<String, ?> parse) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> readWith(property, value, null, parse));
        assertTrue(e.getMessage().contains(property) && e.getMessage().contains(value), e.getMessage());
    }

    @Test
    void unsetPropertiesGiveTheDefault() {
        String prev = System.clearProperty(CpuSettings.WINOGRAD_TILE);
        try {
            assertEquals(42, CpuSettings.read(CpuSettings.WINOGRAD_TILE, 42, CpuSettings::parseTile));
        } finally {
            if (prev != null) System.setProperty(CpuSettings.WINOGRAD_TILE, prev);
        }
    }

    @Test
    void validValuesParse() {
        assertEquals(0, readWith(CpuSettings.WINOGRAD_TILE, "auto", -1, CpuSettings::parseTile));
        assertEquals(6, readWith(CpuSettings.WINOGRAD_TILE, " 6 ", -1, CpuSettings::parseTile));
        assertEquals(3, readWith(CpuSettings.THREADS, "3", -1, CpuSettings::parseThreads));
        assertTrue(readWith(CpuSettings.SCALAR, "TRUE", false, CpuSettings::parseBoolean));
        assertFalse(readWith(CpuSettings.WINOGRAD, "false", true, CpuSettings::parseBoolean));
    }

    @Test
    void badValuesAreErrorsNamingThePropertyAndTheValue() {
        assertRejected(CpuSettings.WINOGRAD_TILE, "8", CpuSettings::parseTile);
        assertRejected(CpuSettings.WINOGRAD_TILE, "four", CpuSettings::parseTile);
        assertRejected(CpuSettings.THREADS, "0", CpuSettings::parseThreads);
        assertRejected(CpuSettings.SCALAR, "yes", CpuSettings::parseBoolean);
    }

    @Test
    void settersValidateAndReturnThePreviousValue() {
        assertThrows(IllegalArgumentException.class, () -> CpuSettings.setWinogradTile(5));
        assertThrows(IllegalArgumentException.class, () -> CpuSettings.setPoolBytes(-1));
        int prevTile = CpuSettings.setWinogradTile(6);
        try {
            assertEquals(6, CpuSettings.winogradTile());
        } finally {
            assertEquals(6, CpuSettings.setWinogradTile(prevTile));
        }
        boolean prevScalar = CpuSettings.setScalar(true);
        try {
            assertFalse(CpuFeatures.vectorized());
        } finally {
            assertTrue(CpuSettings.setScalar(prevScalar));
        }
    }

    @Test
    void theThreadCountIsFixedOnceTheTeamRuns() {
        int n = Parallel.threads();    // starts the team
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> CpuSettings.setThreads(n + 1));
        assertTrue(e.getMessage().contains(CpuSettings.THREADS), e.getMessage());
        assertEquals(n, CpuSettings.threads());
    }
}
