package io.callosum.spark;

import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Image files read through binaryFiles are decoded (and resized) per partition and sharded by the seed. */
@EnabledForJreRange(max = JRE.JAVA_22, disabledReason = LocalSpark.JDK_LIMIT)
class ImageFilesTest {
    @Test
    void pngFilesAreDecodedAndShardedOverTheWorkers(@TempDir Path dir) throws IOException {
        for (int i = 0; i < 7; i++) {
            BufferedImage img = new BufferedImage(12, 10, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 10; y++) for (int x = 0; x < 12; x++) img.setRGB(x, y, (i * 30) << 16 | 200 << 8 | 7);
            ImageIO.write(img, "png", dir.resolve("img" + i + ".png").toFile());
        }
        Files.writeString(dir.resolve("notes.txt"), "not matched by the glob");
        ShardedData data = ShardedData.imageFiles(LocalSpark.context(), dir + "/*.png", 3, 6, 6, true, 2, 4);
        assertEquals(7, data.size());
        assertEquals(4, data.partitionSize(0));
        assertEquals(3, data.partitionSize(1));
        List<Float> reds = new ArrayList<>();
        for (Sample s : data.rdd().values().collect()) {
            assertArrayEquals(new int[]{3, 6, 6}, s.shape());
            assertEquals(-1, s.label());
            assertEquals(200 / 255f, s.pixels()[36], 1e-6f, "green plane");
            assertEquals(7 / 255f, s.pixels()[72], 1e-6f, "blue plane");
            reds.add(s.pixels()[0] * 255f);
        }
        reds.sort(null);
        for (int i = 0; i < 7; i++) assertEquals(i * 30, reds.get(i), 1e-3);
        data.release();
    }

    @Test
    void aFileThatIsNoImageFailsNamingIt(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("broken.png"), "not a png");
        Exception e = assertThrows(Exception.class, () -> ShardedData.imageFiles(LocalSpark.context(), dir + "/*.png", 3, 6, 6, true, 1, 4));
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) all.append(t.getMessage());
        assertTrue(all.toString().contains("broken.png"), all.toString());
    }
}
