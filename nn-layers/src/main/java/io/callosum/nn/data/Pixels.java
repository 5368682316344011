package io.callosum.nn.data;

/** Unsigned 8-bit pixels to floats in [0, 1], in the layouts the binary formats use. */
final class Pixels {
    private Pixels() {
    }

    private static final float[] UNIT = new float[256];

    static {
        for (int i = 0; i < 256; i++) UNIT[i] = i / 255f;
    }

    static float unit(byte b) {
        return UNIT[b & 0xff];
    }

    /** Row-major bytes (already C×H×W) to an image. */
    static Image planar(byte[] src, int srcOff, int channels, int height, int width) {
        Image img = Image.zeros(channels, height, width);
        float[] dst = img.data();
        for (int i = 0; i < dst.length; i++) dst[i] = UNIT[src[srcOff + i] & 0xff];
        return img;
    }

    /**
     * Channel planes stored column by column (x outer, y inner; STL-10's MATLAB-style order) to a row-major C×H×W
     * image: byte (c, x, y) lands at pixel (c, y, x).
     */
    static Image columnMajorPlanes(byte[] src, int srcOff, int channels, int height, int width) {
        Image img = Image.zeros(channels, height, width);
        float[] dst = img.data();
        int plane = height * width;
        for (int c = 0; c < channels; c++) {
            int base = c * plane;
            for (int x = 0; x < width; x++) {
                int from = srcOff + base + x * height;
                for (int y = 0; y < height; y++) dst[base + y * width + x] = UNIT[src[from + y] & 0xff];
            }
        }
        return img;
    }
}
