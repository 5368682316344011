package io.callosum.cuda.vendor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A bounded map that closes what it evicts: least recently used first. Holds native resources per key (cuDNN
 * descriptors per convolution geometry), so a workload with ever-new shapes cannot grow it without bound.
 */
public final class LruCache<K, V extends AutoCloseable> {
    private final int capacity;
    private final LinkedHashMap<K, V> map;
    private long evictions;

    /** An empty cache holding at most {@code capacity} values (at least 1). */
    public LruCache(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("LruCache: capacity must be at least 1, got " + capacity);
        this.capacity = capacity;
        this.map = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                if (size() <= LruCache.this.capacity) return false;
                evictions++;
                closeQuietly(eldest.getValue());
                return true;
            }
        };
    }

    /** The value for key (marking it most recently used), created by {@code create} when absent. */
    public V computeIfAbsent(K key, Function<K, V> create) {
        V v = map.get(key);
        if (v != null) return v;
        v = create.apply(key);
        map.put(key, v);
        return v;
    }

    /** How many values the cache holds now. */
    public int size() {
        return map.size();
    }

    /** The most values the cache holds before it evicts. */
    public int capacity() {
        return capacity;
    }

    /** How many values were evicted (and closed) to respect the capacity, for cache-size tuning. */
    public long evictions() {
        return evictions;
    }

    /** Whether {@code key} has a value, without marking it used. */
    public boolean containsKey(K key) {
        return map.containsKey(key);
    }

    /** Removes and closes the value for key, if any. */
    public void remove(K key) {
        V v = map.remove(key);
        if (v != null) closeQuietly(v);
    }

    /** Closes every value and empties the cache. */
    public void clear() {
        for (V v : map.values()) closeQuietly(v);
        map.clear();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing an evicted cache entry failed: " + e.getMessage(), e);
        }
    }
}
