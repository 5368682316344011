package io.callosum.splitbrain.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SceneRendererTest {
    private static final int S = 96;
    private final SceneRenderer renderer = new SceneRenderer(S, 10);

    @Test
    void sameSeedAndIndexGiveTheSameScene() {
        assertArrayEquals(renderer.render(3, 17), renderer.render(3, 17));
        assertFalse(java.util.Arrays.equals(renderer.render(3, 17), renderer.render(3, 18)));
        assertFalse(java.util.Arrays.equals(renderer.render(3, 17), renderer.render(4, 17)));
    }

    @Test
    void pixelsAreInTheUnitRange() {
        for (int i = 0; i < 10; i++) {
            for (float v : renderer.render(1, i)) assertTrue(v >= 0 && v <= 1, "pixel " + v);
        }
    }

    @Test
    void labelsAreBalanced() {
        int[] counts = new int[10];
        for (int i = 0; i < 1000; i++) counts[renderer.label(5, i)]++;
        for (int c : counts) assertEquals(100, c);
    }

    /** Only the outline is this dark: backgrounds, blobs and objects all keep a channel above 0.15. */
    private static boolean[] outline(float[] rgb) {
        boolean[] dark = new boolean[S * S];
        for (int p = 0; p < S * S; p++) dark[p] = rgb[p] < 0.1f && rgb[p + S * S] < 0.1f && rgb[p + 2 * S * S] < 0.1f;
        return dark;
    }

    @Test
    void everyObjectHasADarkOutlineSoItsShapeShowsInLightness() {
        for (int i = 0; i < 30; i++) {
            int n = 0;
            for (boolean d : outline(renderer.render(2, i))) if (d) n++;
            // without an outline no pixel is this dark; the smallest object (a diamond of radius 19 px, perimeter
            // ~93 px) gives ~95 pixels dark in all three channels, the rest of its band being anti-aliased
            assertTrue(n >= 60, "scene " + i + " (" + renderer.label(2, i) + "): only " + n + " outline pixels");
        }
    }

    @Test
    void objectsStandUpright() {
        int squares = 0;
        for (int i = 0; squares < 5; i++) {
            if (renderer.label(9, i) != SceneRenderer.ShapeKind.SQUARE.ordinal()) continue;
            squares++;
            boolean[] dark = outline(renderer.render(9, i));
            int x0 = S, x1 = -1, y0 = S, y1 = -1, n = 0, nearEdge = 0;
            for (int p = 0; p < dark.length; p++) {
                if (!dark[p]) continue;
                int x = p % S, y = p / S;
                x0 = Math.min(x0, x);
                x1 = Math.max(x1, x);
                y0 = Math.min(y0, y);
                y1 = Math.max(y1, y);
            }
            for (int p = 0; p < dark.length; p++) {
                if (!dark[p]) continue;
                int x = p % S, y = p / S;
                n++;
                if (x - x0 <= 3 || x1 - x <= 3 || y - y0 <= 3 || y1 - y <= 3) nearEdge++;
            }
            // an axis-aligned square's outline lies on its bounding box; a rotated one's lies mostly inside it
            assertTrue(nearEdge >= 0.95 * n, "square " + i + ": " + nearEdge + " of " + n + " outline pixels on the bounding box");
        }
    }

    @Test
    void badSizesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new SceneRenderer(8, 10));
        assertThrows(IllegalArgumentException.class, () -> new SceneRenderer(96, 1));
        assertThrows(IllegalArgumentException.class, () -> new SceneRenderer(96, SceneRenderer.MAX_CLASSES + 1));
    }
}
