package io.callosum.tensor.npy;

import io.callosum.tensor.DType;
import io.callosum.tensor.Tensor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Java writes → NumPy loads and checks the values → NumPy writes (float32, float64, int32, uint8, bool, big-endian,
 * Fortran order) → Java reads and checks. Skipped, with the reason, where /usr/bin/python3 has no numpy.
 */
class NpyNumpyInteropTest {
    @TempDir
    Path dir;

    static String run(Path dir, String script) throws Exception {
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", script).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS)) throw new AssertionError("python3 did not finish");
        if (p.exitValue() != 0) throw new AssertionError("python3 failed:\n" + out);
        return out;
    }

    static void assumeNumpy(Path dir) {
        String reason;
        try {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import numpy").directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            reason = p.waitFor() == 0 ? null : "numpy is not importable in /usr/bin/python3: " + out.strip();
        } catch (Exception e) {
            reason = "/usr/bin/python3 cannot run: " + e.getMessage();
        }
        Assumptions.assumeTrue(reason == null, reason);
    }

    @Test
    void javaAndNumpyReadEachOthersFiles() throws Exception {
        assumeNumpy(dir);
        Npy.write(dir.resolve("f.npy"), Tensor.of(new float[][]{{1.5f, -2}, {0.1f, 3e-38f}}));
        Npy.write(dir.resolve("i.npy"), Tensor.of(new int[]{-7, 0, Integer.MAX_VALUE}, 3));
        Npy.write(dir.resolve("u.npy"), Tensor.ofBytes(new byte[]{0, (byte) 255}, 1, 2));
        Npy.writeBool(dir.resolve("b.npy"), Tensor.of(new float[]{-1, 1, 2}, 3).gt(0));
        Npy.write(dir.resolve("d.npy"), Tensor.of(new double[][]{{0.1, 1.0 / 3}, {-1e300, 5e-324}}));
        run(dir, String.join("\n",
                "import numpy as np",
                "f = np.load('f.npy'); assert f.dtype == np.float32 and f.shape == (2, 2), f",
                "assert (f == np.array([[1.5, -2], [0.1, 3e-38]], dtype=np.float32)).all(), f",
                "i = np.load('i.npy'); assert i.dtype == np.int32 and list(i) == [-7, 0, 2**31 - 1], i",
                "u = np.load('u.npy'); assert u.dtype == np.uint8 and u.tolist() == [[0, 255]], u",
                "b = np.load('b.npy'); assert b.dtype == np.bool_ and b.tolist() == [False, True, True], b",
                "d = np.load('d.npy'); assert d.dtype == np.float64 and d.shape == (2, 2), d",
                "assert (d == np.array([[0.1, 1 / 3], [-1e300, 5e-324]])).all(), d",
                "np.save('nf.npy', np.arange(6, dtype=np.float32).reshape(2, 3) / 4)",
                "np.save('nd.npy', np.array([0.1, -1e10]))",
                "np.save('nbe.npy', np.arange(4, dtype='>i4'))",
                "np.save('nfo.npy', np.asfortranarray(np.arange(6, dtype=np.float32).reshape(2, 3)))",
                "np.save('nb.npy', np.array([[True, False]]))",
                "np.save('nu.npy', np.array([200, 3], dtype=np.uint8))"));
        Tensor nf = Npy.read(dir.resolve("nf.npy"));
        assertArrayEquals(new int[]{2, 3}, nf.shape());
        assertArrayEquals(new float[]{0, 0.25f, 0.5f, 0.75f, 1, 1.25f}, nf.toFloatArray());
        assertArrayEquals(new float[]{0.1f, -1e10f}, Npy.readAsFloat32(dir.resolve("nd.npy")).toFloatArray());
        Tensor nd = Npy.read(dir.resolve("nd.npy"));
        assertEquals(DType.FLOAT64, nd.dtype());
        assertArrayEquals(new double[]{0.1, -1e10}, nd.toDoubleArray());
        Tensor be = Npy.read(dir.resolve("nbe.npy"));
        assertEquals(DType.INT32, be.dtype());
        assertArrayEquals(new int[]{0, 1, 2, 3}, be.toIntArray());
        Tensor fo = Npy.read(dir.resolve("nfo.npy"));
        assertArrayEquals(new int[]{2, 3}, fo.shape());
        assertArrayEquals(new float[]{0, 1, 2, 3, 4, 5}, fo.toFloatArray());
        assertArrayEquals(new byte[]{1, 0}, Npy.read(dir.resolve("nb.npy")).toByteArray());
        assertEquals(200, Npy.read(dir.resolve("nu.npy")).getInt(0));
    }
}
