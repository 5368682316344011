import io.callosum.splitbrain.data.SceneRenderer;
import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;
/** Writes a strip of synthetic scenes (top) and their lightness (bottom). Args: seed out.png. */
public class ShowScenes {
    public static void main(String[] a) throws Exception {
        SceneRenderer r = new SceneRenderer(96, 10);
        int n = 16, s = 96;
        BufferedImage img = new BufferedImage(n * s, 2 * s, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < n; i++) {
            float[] px = r.render(Long.parseLong(a[0]), i);
            for (int y = 0; y < s; y++) for (int x = 0; x < s; x++) {
                int at = y * s + x;
                float R = px[at], G = px[at + s * s], B = px[at + 2 * s * s];
                img.setRGB(i * s + x, y, ((int) (R * 255) << 16) | ((int) (G * 255) << 8) | (int) (B * 255));
                double lin = 0.2126 * lin(R) + 0.7152 * lin(G) + 0.0722 * lin(B);
                double L = lin > 0.008856 ? 116 * Math.cbrt(lin) - 16 : 903.3 * lin;
                int v = (int) Math.round(L * 2.55);
                img.setRGB(i * s + x, s + y, (v << 16) | (v << 8) | v);
            }
        }
        ImageIO.write(img, "png", new File(a[1]));
    }
    static double lin(double c) { return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4); }
}
