package io.callosum.cuda.vendor;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The descriptor cache's bound: least recently used out first, and every evicted or cleared value closed. */
class LruCacheTest {
    final List<String> closed = new ArrayList<>();

    AutoCloseable value(String name) {
        return () -> closed.add(name);
    }

    @Test
    void staysWithinItsCapacityAndClosesTheLeastRecentlyUsed() {
        LruCache<String, AutoCloseable> c = new LruCache<>(2);
        AutoCloseable a = c.computeIfAbsent("a", this::value);
        c.computeIfAbsent("b", this::value);
        assertSame(a, c.computeIfAbsent("a", k -> { throw new AssertionError("cached"); }), "a hit, and a becomes most recent");
        c.computeIfAbsent("c", this::value);
        assertEquals(2, c.size());
        assertEquals(List.of("b"), closed, "b was the least recently used");
        assertTrue(c.containsKey("a"));
        assertFalse(c.containsKey("b"));
        assertEquals(1, c.evictions());
    }

    @Test
    void aThousandGeometriesNeverHoldMoreThanTheBound() {
        LruCache<Integer, AutoCloseable> c = new LruCache<>(Cudnn.DEFAULT_CACHE_SIZE);
        for (int i = 0; i < 1000; i++) c.computeIfAbsent(i, k -> value("g" + k));
        assertEquals(Cudnn.DEFAULT_CACHE_SIZE, c.size());
        assertEquals(1000 - Cudnn.DEFAULT_CACHE_SIZE, closed.size());
        assertEquals("g0", closed.get(0));
    }

    @Test
    void removeAndClearCloseWhatTheyDrop() {
        LruCache<String, AutoCloseable> c = new LruCache<>(4);
        c.computeIfAbsent("a", this::value);
        c.computeIfAbsent("b", this::value);
        c.remove("a");
        c.remove("missing");
        assertEquals(List.of("a"), closed);
        c.clear();
        assertEquals(List.of("a", "b"), closed);
        assertEquals(0, c.size());
    }

    @Test
    void capacityAndItsPropertyAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new LruCache<String, AutoCloseable>(0));
        assertEquals(Cudnn.DEFAULT_CACHE_SIZE, Cudnn.cacheSize(null));
        assertEquals(16, Cudnn.cacheSize(" 16 "));
        for (String bad : new String[]{"0", "-3", "many"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cudnn.cacheSize(bad));
            assertTrue(e.getMessage().startsWith("-Dcallosum.cuda.cudnn.cacheSize must be a positive integer"), e.getMessage());
        }
    }
}
