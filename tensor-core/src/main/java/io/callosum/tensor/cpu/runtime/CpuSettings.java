package io.callosum.tensor.cpu.runtime;

import java.util.Locale;
import java.util.function.Function;

/**
 * Every {@code callosum.cpu.*} system property in one place: read once when the CPU backend first needs a setting,
 * validated with a message naming the property, and settable from Java so that tests and harnesses switch paths
 * without restarting the JVM.
 * <ul>
 *   <li>{@code callosum.cpu.threads} — threads of the CPU backend, caller included (≥ 1; default one per core).
 *       Fixed once the thread team has started.</li>
 *   <li>{@code callosum.cpu.poolBytes} — bytes the buffer pool may park (≥ 0; default a quarter of the max heap).</li>
 *   <li>{@code callosum.cpu.poisonPool} — fill arrays returned to the pool with NaN (−1 for ints), so a kernel that
 *       reads before it writes shows NaN (default false).</li>
 *   <li>{@code callosum.cpu.scalar} — force the scalar kernels even when the Vector API is present (default false).</li>
 *   <li>{@code callosum.cpu.winograd} — run eligible 3×3 stride-1 convolutions by Winograd (default true).</li>
 *   <li>{@code callosum.cpu.winograd.tile} — Winograd output tile: {@code auto}, 4 or 6 (default auto).</li>
 * </ul>
 */
public final class CpuSettings {
    private CpuSettings() {
    }

    /** Property: threads of the CPU backend, caller included. */
    public static final String THREADS = "callosum.cpu.threads";
    /** Property: bytes the buffer pool may keep for reuse. */
    public static final String POOL_BYTES = "callosum.cpu.poolBytes";
    /** Property: fill pooled arrays with NaN (−1 for ints) to expose reads before writes. */
    public static final String POISON_POOL = "callosum.cpu.poisonPool";
    /** Property: force the scalar kernels. */
    public static final String SCALAR = "callosum.cpu.scalar";
    /** Property: run eligible 3×3 stride-1 convolutions by Winograd. */
    public static final String WINOGRAD = "callosum.cpu.winograd";
    /** Property: Winograd's output tile, auto, 4 or 6. */
    public static final String WINOGRAD_TILE = "callosum.cpu.winograd.tile";

    private static volatile int threads = read(THREADS, Runtime.getRuntime().availableProcessors(),
            CpuSettings::parseThreads);
    private static volatile boolean threadsFixed;
    private static volatile long poolBytes = read(POOL_BYTES, Runtime.getRuntime().maxMemory() / 4,
            v -> checkPoolBytes(Long.parseLong(v)));
    private static volatile boolean poisonPool = read(POISON_POOL, false, CpuSettings::parseBoolean);
    private static volatile boolean scalar = read(SCALAR, false, CpuSettings::parseBoolean);
    private static volatile boolean winograd = read(WINOGRAD, true, CpuSettings::parseBoolean);
    private static volatile int winogradTile = read(WINOGRAD_TILE, 0, CpuSettings::parseTile);

    /** The CPU backend's thread count, caller included. */
    public static int threads() {
        return threads;
    }

    /** Thread count for the team; only before the team has started (the first parallel CPU kernel starts it). */
    public static int setThreads(int n) {
        synchronized (CpuSettings.class) {
            if (threadsFixed) {
                throw new IllegalStateException(THREADS + " cannot change to " + n + ": the CPU thread team already runs "
                        + threads + " threads (set it before the first CPU kernel, or with -D" + THREADS + ")");
            }
            int prev = threads;
            threads = checkThreads(n);
            return prev;
        }
    }

    /** Called by {@link Parallel} when it starts its team: the count can no longer change. */
    static int fixThreads() {
        synchronized (CpuSettings.class) {
            threadsFixed = true;
            return threads;
        }
    }

    /** The buffer pool's budget in bytes. */
    public static long poolBytes() {
        return poolBytes;
    }

    /** Returns the previous budget; arrays already parked stay until taken or {@link CpuBufferPool#clear}ed. */
    public static long setPoolBytes(long bytes) {
        long prev = poolBytes;
        poolBytes = checkPoolBytes(bytes);
        return prev;
    }

    /** Whether arrays returned to the pool are poisoned. */
    public static boolean poisonPool() {
        return poisonPool;
    }

    /** Switches pool poisoning for arrays returned from now on; returns the previous setting. */
    public static boolean setPoisonPool(boolean on) {
        boolean prev = poisonPool;
        poisonPool = on;
        return prev;
    }

    /** Whether the scalar kernels are forced. */
    public static boolean scalar() {
        return scalar;
    }

    /** Forces (true) or releases (false) the scalar path; returns the previous setting. */
    public static boolean setScalar(boolean on) {
        boolean prev = scalar;
        scalar = on;
        return prev;
    }

    /** Whether eligible convolutions run by Winograd. */
    public static boolean winograd() {
        return winograd;
    }

    /**
     * Switches the Winograd path of 3×3 stride-1 convolutions; returns the previous setting. Both paths compute the
     * same convolution, Winograd with a quarter to a fifth of the multiply-adds and more rounding.
     */
    public static boolean setWinograd(boolean on) {
        boolean prev = winograd;
        winograd = on;
        return prev;
    }

    /** 0 (chosen per output size), 4 (F(4×4, 3×3)) or 6 (F(6×6, 3×3)). */
    public static int winogradTile() {
        return winogradTile;
    }

    /** Forces Winograd's output tile (0: choose per output size); returns the previous setting. */
    public static int setWinogradTile(int tile) {
        int prev = winogradTile;
        winogradTile = checkTile(tile);
        return prev;
    }

    // ------------------------------------------------------------------ parsing

    /** The property's value through parse, or the default when unset; a bad value is an error naming the property. */
    static <T> T read(String property, T fallback, Function<String, T> parse) {
        String v = System.getProperty(property);
        if (v == null) return fallback;
        try {
            return parse.apply(v.trim());
        } catch (IllegalArgumentException e) {    // NumberFormatException too
            throw new IllegalArgumentException("-D" + property + "=" + v + " is invalid: " + e.getMessage(), e);
        }
    }

    static boolean parseBoolean(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("expected true or false");
        };
    }

    static int parseThreads(String v) {
        return checkThreads(Integer.parseInt(v));
    }

    /** "auto" → 0, else 0, 4 or 6. */
    static int parseTile(String v) {
        if (v.equals("auto")) return 0;
        return checkTile(Integer.parseInt(v));
    }

    private static int checkThreads(int n) {
        if (n < 1) throw new IllegalArgumentException("CPU thread count must be at least 1, got " + n);
        return n;
    }

    private static long checkPoolBytes(long bytes) {
        if (bytes < 0) throw new IllegalArgumentException("buffer pool budget must be at least 0 bytes, got " + bytes);
        return bytes;
    }

    private static int checkTile(int tile) {
        if (tile != 0 && tile != 4 && tile != 6) {
            throw new IllegalArgumentException("Winograd tile must be auto (0), 4 or 6, got " + tile);
        }
        return tile;
    }
}
