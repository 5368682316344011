package io.callosum.cuda;

import io.callosum.tensor.spi.CounterRandom;
import io.callosum.tensor.testing.RepositoryFiles;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * random.cu must compute CounterRandom bit for bit. Its SplitMix64 constants and shifts are parsed out of the CUDA
 * source, a Java port is built from exactly those numbers, and the port is compared with CounterRandom over many
 * (seed, counter) pairs: a changed constant or shift on either side fails here, without a GPU.
 */
class PortedRandomTest {
    static final String SOURCE;

    static {
        try {
            SOURCE = Files.readString(RepositoryFiles.file("cuda-kernels/src/main/cuda/random.cu"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The body of counter_bits as (golden, mul1, mul2, shift1, shift2, shift3). */
    static long[] parsedMixer() {
        Matcher body = Pattern.compile("counter_bits\\([^)]*\\)\\s*\\{(.*?)\\n}", Pattern.DOTALL).matcher(SOURCE);
        assertTrue(body.find(), "counter_bits in random.cu");
        String b = body.group(1);
        List<Long> hex = new ArrayList<>();
        Matcher h = Pattern.compile("0x([0-9A-Fa-f]+)ULL").matcher(b);
        while (h.find()) hex.add(Long.parseUnsignedLong(h.group(1), 16));
        List<Long> shifts = new ArrayList<>();
        Matcher s = Pattern.compile(">>\\s*(\\d+)").matcher(b);
        while (s.find()) shifts.add(Long.parseLong(s.group(1)));
        assertEquals(3, hex.size(), "golden ratio and two multipliers: " + hex);
        assertEquals(3, shifts.size(), "three xor-shifts: " + shifts);
        assertTrue(b.contains("(counter + 1ULL)"), "the counter is offset by one");
        return new long[]{hex.get(0), hex.get(1), hex.get(2), shifts.get(0), shifts.get(1), shifts.get(2)};
    }

    static long port(long[] k, long seed, long counter) {
        long z = seed + (counter + 1) * k[0];
        z = (z ^ (z >>> k[3])) * k[1];
        z = (z ^ (z >>> k[4])) * k[2];
        return z ^ (z >>> k[5]);
    }

    @Test
    void cudaMixerEqualsCounterRandom() {
        long[] k = parsedMixer();
        SplittableRandom r = new SplittableRandom(42);
        for (int i = 0; i < 100_000; i++) {
            long seed = r.nextLong(), counter = i < 1000 ? i : r.nextLong(0, Integer.MAX_VALUE);
            assertEquals(CounterRandom.bits(seed, counter), port(k, seed, counter), "seed " + seed + " counter " + counter);
        }
    }

    @Test
    void uniformAndNormalUseTheSameBitsAsCounterRandom() {
        // uniform: the top 24 bits times 2^-24; normal: Box–Muller on the top 24 bits + 1 and bits 8..31
        assertTrue(SOURCE.contains("(float)(counter_bits(seed, counter) >> 40) * 0x1.0p-24f"), "uniform from the top 24 bits");
        assertTrue(SOURCE.contains("(float)((b >> 40) + 1ULL) * 0x1.0p-24f"), "u1 in (0, 1]");
        assertTrue(SOURCE.contains("(float)((b >> 8) & 0xFFFFFFULL) * 0x1.0p-24f"), "u2 from bits 8..31");
        assertTrue(SOURCE.contains("sqrt(__dmul_rn(-2.0, log((double)u1)))"), "radius in double, no FMA");
        assertTrue(SOURCE.contains("cos(__dmul_rn(2.0 * 3.141592653589793, (double)u2))"), "angle in double, no FMA");
        assertEquals(2.0 * Math.PI, 2.0 * 3.141592653589793, 0.0, "the literal is Math.PI");
        long[] k = parsedMixer();
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 10_000; i++) {
            long seed = r.nextLong();
            long b = port(k, seed, i);
            assertEquals(CounterRandom.uniform(seed, i), (b >>> 40) * 0x1.0p-24f);
            float u1 = ((b >>> 40) + 1) * 0x1.0p-24f, u2 = ((b >>> 8) & 0xFFFFFF) * 0x1.0p-24f;
            assertEquals(CounterRandom.normal(seed, i), (float) (Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2)));
        }
    }

    @Test
    void fillsApplyLoSpanAndMeanStdInDoubleWithoutContraction() {
        assertTrue(SOURCE.contains("__dadd_rn(lo, __dmul_rn(span, (double)counter_uniform(seed, i)))"));
        assertTrue(SOURCE.contains("__dadd_rn(mean, __dmul_rn(std, (double)counter_normal(seed, i)))"));
        assertTrue(SOURCE.contains("(double)counter_uniform(seed, i) < p ? 1.0 : 0.0"));
    }
}
