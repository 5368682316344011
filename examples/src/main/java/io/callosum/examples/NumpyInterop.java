package io.callosum.examples;

import io.callosum.tensor.Index;
import io.callosum.tensor.Tensor;
import io.callosum.tensor.npy.Npy;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Working next to NumPy: build a tensor from nested arrays, slice it, mask it, gather from it, and exchange the
 * results as .npy files ({@code np.load} reads what this writes; a .npy NumPy wrote is read back).
 * Usage: {@code NumpyInterop [folder]} (default: a new temporary folder); reads {@code from_numpy.npy} there if present.
 */
public final class NumpyInterop {
    public static void main(String[] args) throws IOException {
        Path dir = args.length > 0 ? Files.createDirectories(Path.of(args[0])) : Files.createTempDirectory("callosum-npy");
        write(dir, System.out);
        Path fromNumpy = dir.resolve("from_numpy.npy");
        if (Files.exists(fromNumpy)) System.out.println("from_numpy.npy: " + read(fromNumpy));
    }

    /** Writes data.npy, window.npy, relu.npy, positive.npy (bool) and picked.npy into dir; prints what each holds. */
    public static void write(Path dir, PrintStream out) {
        Tensor data = Tensor.of(new float[][][]{                             // [2, 3, 4] from nested arrays
                {{1, -2, 3, -4}, {-5, 6, -7, 8}, {9, -10, 11, -12}},
                {{-1, 2, -3, 4}, {5, -6, 7, -8}, {-9, 10, -11, 12}}});
        Tensor window = data.index("..., 1:3");                              // data[..., 1:3], a view: [2, 3, 2]
        Tensor lastRow = data.index(Index.all(), Index.at(-1));              // data[:, -1]: [2, 4]
        Tensor positive = data.gt(0);                                        // a UINT8 mask
        Tensor relu = data.maskedFill(positive.eq(0), 0);                    // np.where(data > 0, data, 0)
        Tensor.ValuesIndices best = data.maxWithIndices(2, true);            // max over the last axis, with argmax
        Tensor picked = data.gather(2, best.indices());                      // np.take_along_axis(data, idx, 2)
        out.println("window " + window.describe() + ", last row " + lastRow.describe() + ", row maxima " + best.values().describe());
        Npy.write(dir.resolve("data.npy"), data);
        Npy.write(dir.resolve("window.npy"), window);
        Npy.write(dir.resolve("relu.npy"), relu);
        Npy.writeBool(dir.resolve("positive.npy"), positive);
        Npy.write(dir.resolve("picked.npy"), picked);
        Npy.write(dir.resolve("argmax.npy"), best.indices());
        out.println("wrote data, window, relu, positive, picked and argmax .npy to " + dir);
    }

    /** Reads a .npy file NumPy wrote; float64 arrays (NumPy's default) are rounded to float32 here, knowingly. */
    public static Tensor read(Path file) {
        return Npy.readAsFloat32(file);
    }
}
