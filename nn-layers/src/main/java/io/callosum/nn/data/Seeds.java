package io.callosum.nn.data;

/**
 * Derives independent seeds from a tuple of longs (seed, stream tag, epoch, index…) by chained 64-bit finalisers
 * (MurmurHash3's fmix64), so that each example's randomness depends only on its own coordinates, never on which
 * thread or in which order it was processed.
 */
public final class Seeds {
    private Seeds() {
    }

    /** A well-mixed seed from parts, so (seed, epoch, index) streams do not overlap. */
    public static long mix(long... parts) {
        long h = 0x6A09E667F3BCC909L;
        for (long p : parts) h = fmix64(h ^ fmix64(p + 0x9E3779B97F4A7C15L));
        return h;
    }

    static long fmix64(long k) {
        k ^= k >>> 33;
        k *= 0xFF51AFD7ED558CCDL;
        k ^= k >>> 33;
        k *= 0xC4CEB9FE1A85EC53L;
        k ^= k >>> 33;
        return k;
    }
}
