package io.callosum.tensor;

import io.callosum.tensor.ops.BasicIndexing;
import io.callosum.tensor.ops.Elementwise;
import io.callosum.tensor.ops.Indexing;
import io.callosum.tensor.ops.Linalg;
import io.callosum.tensor.ops.Randoms;
import io.callosum.tensor.ops.Reductions;
import io.callosum.tensor.ops.Shapes;
import io.callosum.tensor.spi.Backend;
import io.callosum.tensor.spi.Operand;
import io.callosum.tensor.spi.Storage;
import io.callosum.tensor.spi.UnaryOp;

import java.util.Arrays;
import java.util.List;

/**
 * An n-dimensional array on a device: a storage shared with its views, plus shape, strides and offset. Ops are
 * recorded for reverse-mode autodiff when an input {@link #requiresGrad()} and {@link Grad#isEnabled()}.
 *
 * <p>Tensors are {@link AutoCloseable}: closing one releases its reference to the storage (the buffer goes back to the
 * backend when the last view is closed). A {@link Scope} closes every tensor created inside it except those kept.
 * Tensors that are never closed are reclaimed by the garbage collector (CPU) or its leak cleaner (devices).
 */
public final class Tensor extends Operand implements AutoCloseable {
    private Storage storage; // replaced only by moveTo
    private final int[] shape;
    private int[] strides;
    private int offset;
    private volatile boolean closed;
    /** The scope that will close this tensor, or null. Maintained by {@link Scope}. */
    Scope owner;

    private boolean requiresGrad;
    private Tensor grad;
    Node gradFn;
    private boolean retainsGrad;
    /** Set when leak detection is on (see {@link LeakDetector}). */
    private final LeakDetector.Handle leakHandle;

    private Tensor(Storage storage, int[] shape, int[] strides, int offset) {
        this.storage = storage;
        this.shape = shape;
        this.strides = strides;
        this.offset = offset;
        Scope.register(this);
        this.leakHandle = LeakDetector.track(this);
    }

    // ------------------------------------------------------------------ low-level construction (internal.TensorInternals)

    /** Wraps a freshly allocated storage (taking over its reference) as a contiguous tensor. */
    static Tensor wrap(Storage storage, int... shape) {
        int[] s = shape.clone();
        Shape.validate("wrap", s);
        int n = Shape.numel(s);
        if (n > storage.size()) {
            throw new IllegalArgumentException("wrap: shape " + Shape.str(s) + " needs " + n + " elements but the storage holds " + storage.size());
        }
        return new Tensor(storage, s, Shape.contiguousStrides(s), 0);
    }

    /** A view of this tensor's storage with the given geometry (shares the storage; bounds are checked). */
    Tensor view(int[] newShape, int[] newStrides, int newOffset) {
        checkOpen("view");
        return fromStorage(storage, newShape, newStrides, newOffset);
    }

    /** A tensor over an existing storage (taking a new reference to it), for backends that wrap other backends. */
    static Tensor fromStorage(Storage storage, int[] shape, int[] strides, int offset) {
        checkViewBounds(storage, shape, strides, offset);
        storage.retain();
        return new Tensor(storage, shape.clone(), strides.clone(), offset);
    }

    private static void checkViewBounds(Storage storage, int[] s, int[] st, int off) {
        if (s.length != st.length) throw new IllegalArgumentException("view: shape " + Shape.str(s) + " and strides " + Shape.str(st) + " differ in rank");
        long lo = off, hi = off;
        for (int i = 0; i < s.length; i++) {
            if (s[i] < 0) throw new IllegalArgumentException("view: negative dimension in " + Shape.str(s));
            if (s[i] == 0) return;
            long span = (long) (s[i] - 1) * st[i];
            if (span < 0) lo += span; else hi += span;
        }
        if (lo < 0 || hi >= storage.size()) {
            throw new IllegalArgumentException("view: shape " + Shape.str(s) + " strides " + Shape.str(st) + " offset " + off
                    + " reaches outside the storage of " + storage.size() + " elements");
        }
    }

    /**
     * An uninitialised contiguous tensor (contents unspecified) on a device.
     *
     * @param device where the storage lives
     * @param dtype element type
     * @param shape dimensions; a negative one is an error naming {@code empty}
     * @return a new contiguous tensor
     */
    public static Tensor empty(Device device, DType dtype, int... shape) {
        Shape.validate("empty", shape);
        Backend b = Backends.forDType("empty", device, dtype);
        return wrap(b.allocate(dtype, Shape.numel(shape)), shape);
    }

    /**
     * An uninitialised contiguous FLOAT32 CPU tensor (contents unspecified), for outputs that are written in full
     * anyway.
     *
     * @param shape dimensions; a negative one is an error
     * @return a new contiguous tensor
     */
    public static Tensor empty(int... shape) {
        return empty(Device.CPU, DType.FLOAT32, shape);
    }

    // ------------------------------------------------------------------ factories

    /**
     * A FLOAT32 CPU tensor of zeros, like torch.zeros.
     *
     * @param shape dimensions; a negative one is an error
     * @return a new contiguous tensor
     */
    public static Tensor zeros(int... shape) {
        return full(Device.CPU, DType.FLOAT32, 0, shape);
    }

    /**
     * A CPU tensor of zeros of the given dtype.
     *
     * @param dtype element type
     * @param shape dimensions; a negative one is an error
     * @return a new contiguous tensor
     */
    public static Tensor zeros(DType dtype, int... shape) {
        return full(Device.CPU, dtype, 0, shape);
    }

    /**
     * A tensor of zeros on a device.
     *
     * @param device where the storage lives
     * @param dtype element type
     * @param shape dimensions; a negative one is an error
     * @return a new contiguous tensor
     */
    public static Tensor zeros(Device device, DType dtype, int... shape) {
        return full(device, dtype, 0, shape);
    }

    /**
     * A FLOAT32 CPU tensor of ones, like torch.ones.
     *
     * @param shape dimensions; a negative one is an error
     * @return a new contiguous tensor
     */
    public static Tensor ones(int... shape) {
        return full(Device.CPU, DType.FLOAT32, 1, shape);
    }

    /**
     * A CPU tensor of ones of the given dtype, like torch.ones(…, dtype=…).
     *
     * @param dtype element type
     * @param shape dimensions; a negative one is an error
     * @return a new contiguous tensor
     */
    public static Tensor ones(DType dtype, int... shape) {
        return full(Device.CPU, dtype, 1, shape);
    }

    /**
     * A CPU tensor of the given dtype filled with one value (converted to dtype), like torch.full(…, dtype=…).
     *
     * @param dtype element type
     * @param value the value of every element
     * @param shape dimensions; a negative one is an error
     * @return a new contiguous tensor
     */
    public static Tensor full(DType dtype, double value, int... shape) {
        return full(Device.CPU, dtype, value, shape);
    }

    /**
     * A tensor of ones on a device.
     *
     * @param device where the storage lives
     * @param dtype element type
     * @param shape dimensions; a negative one is an error
     * @return a new contiguous tensor
     */
    public static Tensor ones(Device device, DType dtype, int... shape) {
        return full(device, dtype, 1, shape);
    }

    /**
     * A FLOAT32 CPU tensor filled with one value, like torch.full.
     *
     * @param value the value of every element
     * @param shape dimensions; a negative one is an error
     * @return a new contiguous tensor
     */
    public static Tensor full(double value, int... shape) {
        return full(Device.CPU, DType.FLOAT32, value, shape);
    }

    /**
     * A tensor filled with one value (converted to dtype) on a device.
     *
     * @param device where the storage lives
     * @param dtype element type
     * @param value the value of every element
     * @param shape dimensions; a negative one is an error
     * @return a new contiguous tensor
     */
    public static Tensor full(Device device, DType dtype, double value, int... shape) {
        Tensor t = empty(device, dtype, shape);
        t.backend().fill(t, value);
        return t;
    }

    /**
     * A 0-dimensional tensor.
     *
     * @param value its value, stored as FLOAT32
     * @return a new CPU tensor of shape []
     */
    public static Tensor scalar(double value) {
        return full(Device.CPU, DType.FLOAT32, value);
    }

    /**
     * A 0-dimensional tensor of the given dtype on a device, e.g. a constant to combine with tensors there.
     *
     * @param device where the storage lives
     * @param dtype element type
     * @param value its value (converted to dtype)
     * @return a new tensor of shape []
     */
    public static Tensor scalar(Device device, DType dtype, double value) {
        return full(device, dtype, value);
    }

    /**
     * Zeros with the shape, dtype and device of t, like torch.zeros_like.
     *
     * @param t the tensor whose geometry to copy (its values are not read)
     * @return a new contiguous tensor
     */
    public static Tensor zerosLike(Tensor t) {
        return full(t.device(), t.dtype(), 0, t.shape);
    }

    /**
     * Ones with the shape, dtype and device of t, like torch.ones_like.
     *
     * @param t the tensor whose geometry to copy (its values are not read)
     * @return a new contiguous tensor
     */
    public static Tensor onesLike(Tensor t) {
        return full(t.device(), t.dtype(), 1, t.shape);
    }

    /**
     * One value with the shape, dtype and device of t, like torch.full_like.
     *
     * @param t the tensor whose geometry to copy (its values are not read)
     * @param value the value of every element
     * @return a new contiguous tensor
     */
    public static Tensor fullLike(Tensor t, double value) {
        return full(t.device(), t.dtype(), value, t.shape);
    }

    /**
     * 0, 1, …, n−1 as FLOAT32.
     *
     * @param n the number of elements
     * @return a new 1-D CPU tensor of length n
     */
    public static Tensor arange(int n) {
        return arange(0, n, 1);
    }

    /**
     * start, start+step, … below end (FLOAT32), like torch.arange.
     *
     * @param start the first value
     * @param end the exclusive bound
     * @param step the difference between neighbours, positive or negative; zero or a non-finite argument is an error
     * @return a new 1-D CPU tensor of ceil((end − start) / step) elements (none when that is not positive)
     */
    public static Tensor arange(double start, double end, double step) {
        return arange(start, end, step, DType.FLOAT32);
    }

    /**
     * start, start+step, … below end in a floating dtype, like torch.arange(…, dtype=…); FLOAT64 computes each value
     * exactly as start + i·step, FLOAT32 rounds that value.
     *
     * @param start the first value
     * @param end the exclusive bound
     * @param step the difference between neighbours, positive or negative; zero or a non-finite argument is an error
     * @param dtype FLOAT32 or FLOAT64; an integer dtype is an error
     * @return a new 1-D CPU tensor of ceil((end − start) / step) elements (none when that is not positive)
     */
    public static Tensor arange(double start, double end, double step, DType dtype) {
        if (!dtype.isFloating()) throw new IllegalArgumentException("arange: dtype must be float32 or float64, got " + dtype);
        if (step == 0 || !Double.isFinite(start) || !Double.isFinite(end) || !Double.isFinite(step)) {
            throw new IllegalArgumentException("arange: start " + start + ", end " + end + " and step " + step + " must be finite, step non-zero");
        }
        long n = (long) Math.max(0, Math.ceil((end - start) / step));
        if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("arange: " + n + " elements is too many");
        if (dtype == DType.FLOAT64) {
            double[] v = new double[(int) n];
            for (int i = 0; i < v.length; i++) v[i] = start + i * step;
            return of(v, v.length);
        }
        float[] v = new float[(int) n];
        for (int i = 0; i < v.length; i++) v[i] = (float) (start + i * step);
        return of(v, v.length);
    }

    /**
     * A FLOAT32 CPU tensor holding a copy of data, with the given shape (the 1-D length when shape is empty and data is not a scalar).
     *
     * @param data the values in row-major order (copied)
     * @param shape dimensions whose product must equal data.length; empty for 1-D (or a scalar when data has one value)
     * @return a new contiguous tensor
     */
    public static Tensor of(float[] data, int... shape) {
        int[] s = shapeFor("of", data.length, shape);
        return wrap(Backends.cpu().fromFloats(data.clone()), s);
    }

    /**
     * A FLOAT64 CPU tensor holding a copy of data, like torch.tensor(…, dtype=torch.float64); shaped like
     * {@link #of(float[], int...)}.
     *
     * @param data the values in row-major order (copied)
     * @param shape dimensions whose product must equal data.length; empty for 1-D (or a scalar when data has one value)
     * @return a new contiguous tensor
     */
    public static Tensor of(double[] data, int... shape) {
        int[] s = shapeFor("of", data.length, shape);
        return wrap(Backends.cpu().fromDoubles(data.clone()), s);
    }

    /**
     * A FLOAT64 CPU tensor of shape [rows, cols] from nested arrays (like torch.tensor); ragged rows are an error.
     *
     * @param rows the rows, all of the same length (copied)
     * @return a new contiguous tensor
     */
    public static Tensor of(double[][] rows) {
        int cols = rectangular("of", rows, "row", -1);
        double[] flat = new double[rows.length * cols];
        for (int i = 0; i < rows.length; i++) System.arraycopy(rows[i], 0, flat, i * cols, cols);
        return wrap(Backends.cpu().fromDoubles(flat), rows.length, cols);
    }

    /**
     * An INT32 CPU tensor holding a copy of data, shaped like {@link #of(float[], int...)}: for indices, labels and
     * counts.
     *
     * @param data the values in row-major order (copied)
     * @param shape dimensions whose product must equal data.length; empty for 1-D (or a scalar when data has one value)
     * @return a new contiguous tensor
     */
    public static Tensor of(int[] data, int... shape) {
        int[] s = shapeFor("of", data.length, shape);
        return wrap(Backends.cpu().fromInts(data.clone()), s);
    }

    /**
     * A FLOAT32 CPU tensor of shape [rows, cols] from nested arrays (like torch.tensor); ragged rows are an error.
     *
     * @param rows the rows, all of one length
     * @return a new contiguous tensor
     */
    public static Tensor of(float[][] rows) {
        int cols = rectangular("of", rows, "row", -1);
        float[] flat = new float[rows.length * cols];
        for (int i = 0; i < rows.length; i++) System.arraycopy(rows[i], 0, flat, i * cols, cols);
        return wrap(Backends.cpu().fromFloats(flat), rows.length, cols);
    }

    /**
     * A FLOAT32 CPU tensor of shape [n, rows, cols] from nested arrays; ragged input is an error naming where.
     *
     * @param planes the planes, each with the same number of rows of the same length
     * @return a new contiguous tensor
     */
    public static Tensor of(float[][][] planes) {
        int rows = rectangular("of", planes, "plane", -1);
        int cols = -1;
        for (int p = 0; p < planes.length; p++) {
            cols = rectangular("of: plane " + p, planes[p], "row", cols);
        }
        if (cols < 0) cols = 0;
        float[] flat = new float[planes.length * rows * cols];
        for (int p = 0; p < planes.length; p++) {
            for (int r = 0; r < rows; r++) System.arraycopy(planes[p][r], 0, flat, (p * rows + r) * cols, cols);
        }
        return wrap(Backends.cpu().fromFloats(flat), planes.length, rows, cols);
    }

    /** The common length of the arrays in outer (expected when not -1); null or ragged entries are errors. */
    private static int rectangular(String op, Object[] outer, String what, int expected) {
        if (outer == null) throw new IllegalArgumentException(op + ": null array");
        int len = expected;
        for (int i = 0; i < outer.length; i++) {
            if (outer[i] == null) throw new IllegalArgumentException(op + ": " + what + " " + i + " is null");
            int n = java.lang.reflect.Array.getLength(outer[i]);
            if (len < 0) len = n;
            else if (n != len) {
                throw new IllegalArgumentException(op + ": " + what + " " + i + " has " + n + " elements but " + (expected < 0 ? what + " 0 has " : "the others have ")
                        + len + " (ragged input; a tensor needs equal lengths)");
            }
        }
        return Math.max(len, 0);
    }

    /**
     * A UINT8 CPU tensor holding a copy of data (bytes read as 0..255), shaped like {@link #of(float[], int...)}: for
     * images and masks.
     *
     * @param data the values in row-major order (copied)
     * @param shape dimensions whose product must equal data.length; empty for 1-D (or a scalar when data has one value)
     * @return a new contiguous tensor
     */
    public static Tensor ofBytes(byte[] data, int... shape) {
        int[] s = shapeFor("ofBytes", data.length, shape);
        return wrap(Backends.cpu().fromBytes(data.clone()), s);
    }

    private static int[] shapeFor(String op, int length, int[] shape) {
        if (shape.length == 0) return length == 1 ? new int[0] : new int[]{length};
        Shape.validate(op, shape);
        if (Shape.numel(shape) != length) {
            throw new IllegalArgumentException(op + ": " + length + " values do not fill shape " + Shape.str(shape)
                    + " (" + Shape.numel(shape) + " elements)");
        }
        return shape.clone();
    }

    /**
     * Uniform [0, 1) from the generator (one draw of the generator seeds the whole tensor).
     *
     * @param gen the random stream; the same seed gives the same tensor on every backend
     * @param shape dimensions
     * @return a new FLOAT32 CPU tensor
     */
    public static Tensor rand(Generator gen, int... shape) {
        return Randoms.uniform(gen, Device.CPU, 0, 1, shape);
    }

    /**
     * Standard normal values (mean 0, standard deviation 1) from the generator, like torch.randn.
     *
     * @param gen the random stream; the same seed gives the same tensor on every backend
     * @param shape dimensions
     * @return a new FLOAT32 CPU tensor
     */
    public static Tensor randn(Generator gen, int... shape) {
        return Randoms.normal(gen, Device.CPU, 0, 1, shape);
    }

    /**
     * Uniform [0, 1) in a floating dtype, like torch.rand(…, dtype=…): the same draws as {@link #rand(Generator, int...)},
     * which FLOAT64 holds unrounded.
     *
     * @param gen the random stream; the same seed gives the same tensor on every backend
     * @param dtype FLOAT32 or FLOAT64; an integer dtype is an error (use {@link #randint})
     * @param shape dimensions
     * @return a new CPU tensor of that dtype
     */
    public static Tensor rand(Generator gen, DType dtype, int... shape) {
        return Randoms.uniform(gen, Device.CPU, dtype, 0, 1, shape);
    }

    /**
     * Standard normal values in a floating dtype, like torch.randn(…, dtype=…): the same draws as
     * {@link #randn(Generator, int...)}, which FLOAT64 holds unrounded.
     *
     * @param gen the random stream; the same seed gives the same tensor on every backend
     * @param dtype FLOAT32 or FLOAT64; an integer dtype is an error (use {@link #randint})
     * @param shape dimensions
     * @return a new CPU tensor of that dtype
     */
    public static Tensor randn(Generator gen, DType dtype, int... shape) {
        return Randoms.normal(gen, Device.CPU, dtype, 0, 1, shape);
    }

    /**
     * Uniform integers in [0, high) as INT32.
     *
     * @param gen the random stream
     * @param high the exclusive upper bound, 1 to 2²⁴ (an error outside)
     * @param shape dimensions
     * @return a new INT32 CPU tensor
     */
    public static Tensor randint(Generator gen, int high, int... shape) {
        return Randoms.randint(gen, Device.CPU, high, shape);
    }

    // ------------------------------------------------------------------ geometry

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public int[] strides() {
        return strides.clone();
    }

    @Override
    public int offset() {
        return offset;
    }

    @Override
    public int dim() {
        return shape.length;
    }

    @Override
    public int size(int d) {
        return shape[Shape.wrapDim("size", d, shape.length)];
    }

    /**
     * The stride of dimension d in elements (how far apart neighbours along d are in the storage).
     *
     * @param d the dimension; negative counts from the end, out of range is an error
     * @return the stride, which may be 0 for an expanded dimension
     */
    public int stride(int d) {
        return strides[Shape.wrapDim("stride", d, shape.length)];
    }

    @Override
    public int numel() {
        return Shape.numel(shape);
    }

    @Override
    public DType dtype() {
        return storage.dtype();
    }

    @Override
    public Device device() {
        return storage.device();
    }

    /**
     * The backend that owns this tensor's storage, for ops that call kernels.
     *
     * @return the backend of this tensor's device
     */
    public Backend backend() {
        return storage.backend();
    }

    /**
     * The underlying buffer, for kernels (through {@link Operand#storageOf}) and callosum's own ops (through
     * {@code TensorInternals.storage}); not user API. Throws if the tensor was closed.
     *
     * @return the storage shared with this tensor's views
     */
    @Override
    protected Storage storage() {
        checkOpen("storage");
        return storage;
    }

    @Override
    public boolean isContiguous() {
        int expected = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && strides[i] != expected) return false;
            expected *= shape[i];
        }
        return true;
    }

    // ------------------------------------------------------------------ lifecycle

    /**
     * Whether {@link #close()} has run (directly or through a {@link Scope}); a closed tensor can no longer be used.
     *
     * @return true once closed
     */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Throws a clear error if this tensor was closed; every op checks its inputs this way.
     *
     * @param op the name of the op, for the message
     */
    public void checkOpen(String op) {
        if (closed) {
            throw new IllegalStateException(op + ": tensor " + Shape.str(shape) + " (" + dtype() + ", " + device()
                    + ") was closed, e.g. when its Scope ended; keep it with scope.keep(t) or create it outside the scope");
        }
    }

    /** Releases this tensor's reference to its storage and drops its gradient and graph; closing twice does nothing. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        if (leakHandle != null) leakHandle.markClosed();
        gradFn = null;
        if (grad != null) {
            grad.close();
            grad = null;
        }
        storage.release();
    }

    // ------------------------------------------------------------------ data access

    /**
     * The single value as a float. A FLOAT64 value is rounded to float (use {@link #doubleItem()} for it exactly);
     * INT32 and UINT8 values are converted; an INT32 value a float cannot hold exactly (beyond ±2²⁴) is an error
     * pointing to {@link #intItem()} rather than a rounded answer.
     *
     * @return the value of this one-element tensor
     * @throws IllegalStateException if the tensor does not hold exactly one element, or was closed
     */
    public float item() {
        if (dtype() == DType.FLOAT32) return floatValue("item");
        if (dtype() == DType.FLOAT64) return (float) doubleItem();
        int v = intValue("item");
        if ((double) (float) v != v) {
            throw new IllegalStateException("item: INT32 value " + v + " is not exactly representable as a float; use intItem() or longItem()");
        }
        return v;
    }

    /**
     * The single value of an INT32 or UINT8 tensor; a floating tensor is an error (round and convert it first).
     *
     * @return the value of this one-element tensor
     * @throws IllegalStateException if the tensor is floating or does not hold exactly one element
     */
    public int intItem() {
        if (dtype().isFloating()) {
            throw new IllegalStateException("intItem: tensor " + Shape.str(shape) + " is " + dtype()
                    + "; use item(), or round().to(DType.INT32) first if truncation is what you want");
        }
        return intValue("intItem");
    }

    /**
     * {@link #intItem()} widened to long.
     *
     * @return the value of this one-element tensor
     */
    public long longItem() {
        if (dtype().isFloating()) {
            throw new IllegalStateException("longItem: tensor " + Shape.str(shape) + " is " + dtype() + "; use item() or doubleItem()");
        }
        return intValue("longItem");
    }

    /**
     * The single value as a double, exact for every dtype.
     *
     * @return the value of this one-element tensor
     */
    public double doubleItem() {
        if (dtype() == DType.FLOAT64) {
            checkSingle("doubleItem");
            return backend().toDoubleArray(this)[0];
        }
        return dtype().isFloating() ? floatValue("doubleItem") : intValue("doubleItem");
    }

    private float floatValue(String op) {
        checkSingle(op);
        return backend().toFloatArray(this)[0];
    }

    private int intValue(String op) {
        checkSingle(op);
        return dtype() == DType.INT32 ? backend().toIntArray(this)[0] : backend().toByteArray(this)[0] & 0xFF;
    }

    private void checkSingle(String op) {
        checkOpen(op);
        if (numel() != 1) throw new IllegalStateException(op + ": tensor of shape " + Shape.str(shape) + " has " + numel() + " elements, not 1");
    }

    /**
     * The element at a full index (negative counts from the end) as a float, converted like {@link #item()}.
     *
     * @param index one index per dimension; an index out of range is an error naming the dimension
     * @return the element
     */
    public float get(int... index) {
        try (Tensor e = element("get", index)) {
            return e.item();
        }
    }

    /**
     * The element at a full index (negative counts from the end) as a double, exact for every dtype: the way to read
     * a FLOAT64 element without rounding it to float as {@link #get} does.
     *
     * @param index one index per dimension; an index out of range is an error naming the dimension
     * @return the element
     */
    public double getDouble(int... index) {
        try (Tensor e = element("getDouble", index)) {
            return e.doubleItem();
        }
    }

    /**
     * The element at a full index of an INT32 or UINT8 tensor.
     *
     * @param index one index per dimension; an index out of range is an error naming the dimension
     * @return the element
     */
    public int getInt(int... index) {
        if (dtype().isFloating()) throw new IllegalStateException("getInt: tensor " + Shape.str(shape) + " is " + dtype() + "; use get");
        try (Tensor e = element("getInt", index)) {
            return e.intItem();
        }
    }

    /**
     * Writes one element (converted to this dtype). Not recorded, like the other in-place ops.
     *
     * @param value the new value
     * @param index one index per dimension; an index out of range is an error naming the dimension
     * @return this tensor, for chaining
     */
    public Tensor set(double value, int... index) {
        try (Tensor e = element("set", index)) {
            e.fill(value);
        }
        return this;
    }

    private Tensor element(String op, int[] index) {
        checkOpen(op);
        if (index.length != shape.length) {
            throw new IllegalArgumentException(op + ": " + index.length + " indices for tensor " + Shape.str(shape) + " of rank " + shape.length);
        }
        int off = offset;
        for (int d = 0; d < shape.length; d++) {
            int i = index[d] < 0 ? index[d] + shape[d] : index[d];
            if (i < 0 || i >= shape[d]) {
                throw new IllegalArgumentException(op + ": index " + index[d] + " is out of range for dimension " + d + " of size "
                        + shape[d] + " in " + Shape.str(shape));
            }
            off += i * strides[d];
        }
        return fromStorage(storage, new int[0], new int[0], off);
    }

    /**
     * Values in row-major order as doubles, exact for every dtype (FLOAT64 as stored; floats, ints and bytes widened).
     *
     * @return a new array of {@link #numel()} values, read from any device
     */
    public double[] toDoubleArray() {
        checkOpen("toDoubleArray");
        if (dtype() == DType.FLOAT64) return backend().toDoubleArray(this);
        if (dtype() == DType.FLOAT32) {
            float[] f = backend().toFloatArray(this);
            double[] d = new double[f.length];
            for (int i = 0; i < f.length; i++) d[i] = f[i];
            return d;
        }
        int[] v = toIntArray();
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) d[i] = v[i];
        return d;
    }

    /**
     * Values in row-major order as floats (FLOAT64 rounded; ints and bytes converted).
     *
     * @return a new array of {@link #numel()} values, read from any device
     */
    public float[] toFloatArray() {
        checkOpen("toFloatArray");
        if (dtype() == DType.FLOAT32) return backend().toFloatArray(this);
        try (Tensor f = to(DType.FLOAT32)) {
            return backend().toFloatArray(f);
        }
    }

    /**
     * Values in row-major order as ints (other dtypes are converted to INT32 first).
     *
     * @return a new array of {@link #numel()} values, read from any device
     */
    public int[] toIntArray() {
        checkOpen("toIntArray");
        if (dtype() == DType.INT32) return backend().toIntArray(this);
        try (Tensor f = to(DType.INT32)) {
            return backend().toIntArray(f);
        }
    }

    /**
     * Values in row-major order as bytes (other dtypes are converted to UINT8 first).
     *
     * @return a new array of {@link #numel()} values, read from any device
     */
    public byte[] toByteArray() {
        checkOpen("toByteArray");
        if (dtype() == DType.UINT8) return backend().toByteArray(this);
        try (Tensor f = to(DType.UINT8)) {
            return backend().toByteArray(f);
        }
    }

    /**
     * Copies to another device (this tensor if already there). Differentiable.
     *
     * @param target the device to copy to
     * @return a tensor on target
     */
    public Tensor to(Device target) {
        return Shapes.toDevice(this, target);
    }

    /**
     * Moves this leaf's data to another device in place, keeping the object, so every reference to it (a module's
     * parameter list, an optimizer's) stays valid, as do its requiresGrad flag; the gradient, on the old device, is
     * dropped. Views made earlier keep the old data.
     *
     * @param target the device to move to
     * @throws IllegalStateException if this tensor is the result of an op rather than a leaf
     */
    public void moveTo(Device target) {
        checkOpen("moveTo");
        if (gradFn != null) {
            throw new IllegalStateException("moveTo: tensor " + Shape.str(shape) + " is the result of '" + gradFn.op()
                    + "', not a leaf; use to(device) for a moved copy");
        }
        if (device().equals(target)) return;
        Storage moved;
        try (Grad.Guard g = Grad.disabled(); Tensor copy = detach(); Tensor there = copy.to(target)) {
            moved = there.storage;
            moved.retain();
        }
        setGrad(null);
        Storage old = storage;
        storage = moved;
        strides = Shape.contiguousStrides(shape);
        offset = 0;
        old.release();
    }

    /**
     * Converts to another dtype (this tensor if already of that type). Only float→float conversions carry gradients.
     *
     * @param target the element type to convert to
     * @return a tensor of that type (a new one unless this already is)
     */
    public Tensor to(DType target) {
        return Shapes.toDType(this, target);
    }

    /**
     * Copies to the CPU (this tensor if already there), e.g. to read values. Differentiable.
     *
     * @return a tensor on the CPU
     */
    public Tensor cpu() {
        return to(Device.CPU);
    }

    /**
     * This tensor if contiguous, else a contiguous copy. Differentiable.
     *
     * @return a tensor with row-major strides
     */
    public Tensor contiguous() {
        return Shapes.contiguous(this);
    }

    /**
     * A contiguous copy that owns its storage. Differentiable.
     *
     * @return a new tensor with the same values
     */
    public Tensor copy() {
        return Shapes.copy(this);
    }

    /**
     * Same storage, no graph: gradients stop here.
     *
     * @return a view of the same data that does not require gradients
     */
    public Tensor detach() {
        checkOpen("detach");
        return view(shape, strides, offset);
    }

    // ------------------------------------------------------------------ autodiff

    /**
     * True for leaves marked with requiresGrad(true) and for every result of a recorded op.
     *
     * @return whether gradients flow to or through this tensor
     */
    public boolean requiresGrad() {
        return requiresGrad || gradFn != null;
    }

    /**
     * Marks a leaf as needing gradients; returns this for chaining.
     *
     * @param flag true to record ops on this leaf; false on a non-leaf is an error (use {@link #detach()})
     * @return this tensor
     * @throws IllegalArgumentException when flag is true and the dtype is not floating
     */
    public Tensor requiresGrad(boolean flag) {
        if (gradFn != null && !flag) {
            throw new IllegalStateException("requiresGrad(false): tensor " + Shape.str(shape) + " is the result of '" + gradFn.op()
                    + "', not a leaf; use detach()");
        }
        if (flag && !dtype().isFloating()) {
            throw new IllegalArgumentException("requiresGrad: only float32 and float64 tensors can require gradients, got " + dtype()
                    + " tensor " + Shape.str(shape));
        }
        this.requiresGrad = flag;
        return this;
    }

    /**
     * True unless this tensor is the result of a recorded op; only leaves keep gradients without {@link #retainGrad()}.
     *
     * @return whether this tensor is a leaf of the graph
     */
    public boolean isLeaf() {
        return gradFn == null;
    }

    /**
     * The name of the op that produced this tensor, or null for leaves.
     *
     * @return the recorded op's name, e.g. {@code "matmul"}, or null
     */
    public String gradFnName() {
        return gradFn == null ? null : gradFn.op();
    }

    Node gradFn() {
        return gradFn;
    }

    void setGradFn(Node node) {
        this.gradFn = node;
    }

    /**
     * The gradient accumulated by {@link #backward()}, like PyTorch's {@code .grad}.
     *
     * @return the gradient, of this tensor's shape, or null when none has been computed or it was dropped
     */
    public Tensor grad() {
        return grad;
    }

    /**
     * Replaces the gradient (closing the previous one).
     *
     * @param g the new gradient, of this tensor's shape, or null to drop it
     */
    public void setGrad(Tensor g) {
        if (g != null && !Shape.equal(g.shape, shape)) {
            throw new IllegalArgumentException("setGrad: gradient shape " + Shape.str(g.shape) + " differs from tensor shape " + Shape.str(shape));
        }
        if (grad != null && grad != g) grad.close();
        grad = g;
    }

    /**
     * Sets the gradient to none, like PyTorch's {@code zero_grad(set_to_none=True)}, without closing it at once: the old
     * gradient goes to the innermost open {@link Scope} (closed when that scope ends, e.g. with the training step), or,
     * outside any scope, to the garbage collector. A gradient the caller still holds — a gradient penalty built from
     * it, a norm logged after the optimizer step — stays valid until then. {@link #releaseGrad()} closes at once.
     */
    public void zeroGrad() {
        Tensor old = grad;
        grad = null;
        if (old != null && old.owner == null && !old.closed) Scope.register(old);
    }

    /** Closes and drops the gradient at once (its buffer goes back to the backend); a held reference becomes unusable. */
    public void releaseGrad() {
        setGrad(null);
    }

    /**
     * Keeps the gradient of a non-leaf tensor after backward (leaves always keep theirs).
     *
     * @return this tensor, for chaining
     */
    public Tensor retainGrad() {
        if (gradFn == null) return this;
        retainsGrad = true;
        gradFn.retain(this);
        return this;
    }

    boolean retainsGrad() {
        return retainsGrad;
    }

    /** Backpropagates from a scalar. */
    public void backward() {
        Autograd.backward(this, null, false, false);
    }

    /**
     * Backpropagates with an explicit gradient of this tensor's shape (vector-Jacobian product).
     *
     * @param gradient the gradient of the final result with respect to this tensor (its shape)
     */
    public void backward(Tensor gradient) {
        Autograd.backward(this, gradient, false, false);
    }

    /**
     * Backpropagates with full control, like PyTorch's {@code backward(gradient, retain_graph, create_graph)}.
     *
     * @param gradient the gradient of the final result with respect to this tensor, or null when this is a scalar
     * @param retainGraph keep the graph so backward can run through it again
     * @param createGraph record the backward pass itself, for higher-order gradients
     */
    public void backward(Tensor gradient, boolean retainGraph, boolean createGraph) {
        Autograd.backward(this, gradient, retainGraph, createGraph);
    }

    // ------------------------------------------------------------------ in-place (parameters and optimizer state)

    /**
     * this += alpha · other (other broadcast to this shape). Not recorded: use under {@link Grad#disabled()} on leaves.
     *
     * @param other the tensor to add, broadcast to this shape
     * @param alpha its factor
     * @return this tensor
     * @throws IllegalStateException if this tensor requires grad while gradients are recorded
     */
    public Tensor addInPlace(Tensor other, double alpha) {
        return Elementwise.addInPlace(this, other, alpha);
    }

    /**
     * this += other (broadcast to this shape); not recorded, like {@link #addInPlace(Tensor, double)}.
     *
     * @param other the tensor to add
     * @return this tensor
     */
    public Tensor addInPlace(Tensor other) {
        return addInPlace(other, 1.0);
    }

    /**
     * this *= factor.
     *
     * @param factor the factor
     * @return this tensor
     */
    public Tensor mulInPlace(double factor) {
        return Elementwise.unaryInPlace(this, UnaryOp.MUL_SCALAR, factor, 0);
    }

    /**
     * this *= other (broadcast).
     *
     * @param other the factor, broadcast to this shape
     * @return this tensor
     */
    public Tensor mulInPlace(Tensor other) {
        return Elementwise.mulInPlace(this, other);
    }

    /**
     * Copies values from other (broadcast to this shape, converting dtype).
     *
     * @param other the source, on this device and broadcastable to this shape
     * @return this tensor
     */
    public Tensor copyFrom(Tensor other) {
        return Elementwise.copyInPlace(this, other);
    }

    /**
     * Sets every element to value (converted to this dtype), in place and not recorded.
     *
     * @param value the new value
     * @return this tensor
     */
    public Tensor fill(double value) {
        return Elementwise.fillInPlace(this, value);
    }

    /**
     * Sets every element to 0, in place and not recorded (e.g. to reset optimizer state).
     *
     * @return this tensor
     */
    public Tensor zero() {
        return fill(0);
    }

    // ------------------------------------------------------------------ elementwise

    /**
     * Elementwise this + o, like torch.add; dtypes promote (INT32 + FLOAT32 is FLOAT32).
     *
     * @param o the other operand; both shapes broadcast NumPy-style
     * @return a new tensor of the broadcast shape
     */
    public Tensor add(Tensor o) { return Elementwise.add(this, o); }
    /**
     * this + s elementwise; an integer tensor stays integer (s is converted to its dtype).
     *
     * @param s the value to add
     * @return a new tensor of this shape
     */
    public Tensor add(double s) { return Elementwise.addScalar(this, s); }
    /**
     * Elementwise this − o, like torch.sub.
     *
     * @param o the other operand; both shapes broadcast NumPy-style
     * @return a new tensor of the broadcast shape
     */
    public Tensor sub(Tensor o) { return Elementwise.sub(this, o); }
    /**
     * this − s elementwise; an integer tensor stays integer (s is converted to its dtype).
     *
     * @param s the value to subtract
     * @return a new tensor of this shape
     */
    public Tensor sub(double s) { return Elementwise.addScalar(this, -s); }
    /**
     * s − this.
     *
     * @param s the value to subtract from
     * @return a new tensor of this shape
     */
    public Tensor rsub(double s) { return Elementwise.rsubScalar(this, s); }
    /**
     * Elementwise this · o (Hadamard product), like torch.mul.
     *
     * @param o the other operand; both shapes broadcast NumPy-style
     * @return a new tensor of the broadcast shape
     */
    public Tensor mul(Tensor o) { return Elementwise.mul(this, o); }
    /**
     * this · s elementwise.
     *
     * @param s the factor
     * @return a new tensor of this shape
     */
    public Tensor mul(double s) { return Elementwise.mulScalar(this, s); }
    /**
     * Elementwise this / o, like torch.div; integer inputs give true (FLOAT32) division.
     *
     * @param o the divisor; both shapes broadcast NumPy-style
     * @return a new tensor of the broadcast shape
     */
    public Tensor div(Tensor o) { return Elementwise.div(this, o); }
    /**
     * this / s elementwise: float32 multiplies by 1 / s (its tuned path); float64 divides exactly.
     *
     * @param s the divisor
     * @return a new tensor of this shape
     */
    public Tensor div(double s) { return Elementwise.divScalar(this, s); }
    /**
     * s / this.
     *
     * @param s the dividend
     * @return a new tensor of this shape
     */
    public Tensor rdiv(double s) { return Elementwise.rdivScalar(this, s); }
    /**
     * Elementwise thisᵖ, like torch.pow with a scalar exponent.
     *
     * @param p the exponent
     * @return a new tensor of this shape
     */
    public Tensor pow(double p) { return Elementwise.powScalar(this, p); }
    /**
     * Elementwise thisᵖ with a tensor of exponents; differentiable in both.
     *
     * @param p the exponents; both shapes broadcast NumPy-style
     * @return a new tensor of the broadcast shape
     */
    public Tensor pow(Tensor p) { return Elementwise.pow(this, p); }
    /**
     * Elementwise −this.
     *
     * @return a new tensor of this shape
     */
    public Tensor neg() { return Elementwise.neg(this); }
    /**
     * Elementwise |this|; the gradient at 0 is 0, as in PyTorch.
     *
     * @return a new tensor of this shape
     */
    public Tensor abs() { return Elementwise.abs(this); }
    /**
     * Elementwise sign: −1, 0 or 1, in this tensor's floating dtype (FLOAT32 for integers). Its gradient is zero.
     *
     * @return a new tensor of this shape
     */
    public Tensor sign() { return Elementwise.sign(this); }
    /**
     * Elementwise eˣ.
     *
     * @return a new tensor of this shape
     */
    public Tensor exp() { return Elementwise.exp(this); }
    /**
     * Elementwise natural logarithm; log 0 is −∞ and a negative input gives NaN, as in PyTorch.
     *
     * @return a new tensor of this shape
     */
    public Tensor log() { return Elementwise.log(this); }
    /**
     * Elementwise square root; a negative input gives NaN.
     *
     * @return a new tensor of this shape
     */
    public Tensor sqrt() { return Elementwise.sqrt(this); }
    /**
     * Elementwise 1/√x, like torch.rsqrt.
     *
     * @return a new tensor of this shape
     */
    public Tensor rsqrt() { return Elementwise.rsqrt(this); }
    /**
     * Elementwise x².
     *
     * @return a new tensor of this shape
     */
    public Tensor square() { return Elementwise.square(this); }
    /**
     * Elementwise 1/x.
     *
     * @return a new tensor of this shape
     */
    public Tensor reciprocal() { return Elementwise.reciprocal(this); }
    /**
     * Elementwise sine (radians).
     *
     * @return a new tensor of this shape
     */
    public Tensor sin() { return Elementwise.sin(this); }
    /**
     * Elementwise cosine (radians).
     *
     * @return a new tensor of this shape
     */
    public Tensor cos() { return Elementwise.cos(this); }
    /**
     * Elementwise floor, in this tensor's floating dtype (FLOAT32 for integers). Its gradient is zero.
     *
     * @return a new tensor of this shape
     */
    public Tensor floor() { return Elementwise.floor(this); }
    /**
     * Elementwise ceiling, in this tensor's floating dtype (FLOAT32 for integers). Its gradient is zero.
     *
     * @return a new tensor of this shape
     */
    public Tensor ceil() { return Elementwise.ceil(this); }
    /**
     * Elementwise rounding to the nearest integer, in this tensor's floating dtype (FLOAT32 for integers). Its gradient
     * is zero.
     *
     * @return a new tensor of this shape
     */
    public Tensor round() { return Elementwise.round(this); }
    /**
     * Elementwise max(x, 0), like torch.relu.
     *
     * @return a new tensor of this shape
     */
    public Tensor relu() { return Elementwise.relu(this); }
    /**
     * Elementwise x for x > 0, else slope · x, like torch.nn.functional.leaky_relu.
     *
     * @param slope the factor for negative inputs (PyTorch's default is 0.01)
     * @return a new tensor of this shape
     */
    public Tensor leakyRelu(double slope) { return Elementwise.leakyRelu(this, slope); }
    /**
     * Elementwise logistic sigmoid 1 / (1 + e⁻ˣ).
     *
     * @return a new tensor of this shape
     */
    public Tensor sigmoid() { return Elementwise.sigmoid(this); }
    /**
     * Elementwise log(1 + eˣ), linear above 20 like torch.nn.functional.softplus.
     *
     * @return a new tensor of this shape
     */
    public Tensor softplus() { return Elementwise.softplus(this); }
    /**
     * Elementwise hyperbolic tangent.
     *
     * @return a new tensor of this shape
     */
    public Tensor tanh() { return Elementwise.tanh(this); }
    /**
     * Elementwise exact (erf-based) GELU, PyTorch's default.
     *
     * @return a new tensor of this shape
     */
    public Tensor gelu() { return Elementwise.gelu(this); }
    /**
     * Elementwise error function, like torch.erf.
     *
     * @return a new tensor of this shape
     */
    public Tensor erf() { return Elementwise.erf(this); }
    /**
     * Clamps to [min, max]; pass Double.NaN for an open side.
     *
     * @param min the lower bound, or NaN for none
     * @param max the upper bound, or NaN for none; below min is an error
     * @return a new tensor of this shape
     */
    public Tensor clamp(double min, double max) { return Elementwise.clamp(this, min, max); }
    /**
     * Elementwise max(x, min), like torch.clamp(x, min=min).
     *
     * @param min the lower bound
     * @return a new tensor of this shape
     */
    public Tensor clampMin(double min) { return Elementwise.clamp(this, min, Double.NaN); }
    /**
     * Elementwise min(x, max), like torch.clamp(x, max=max).
     *
     * @param max the upper bound
     * @return a new tensor of this shape
     */
    public Tensor clampMax(double max) { return Elementwise.clamp(this, Double.NaN, max); }
    /**
     * Elementwise larger of this and o, like torch.maximum; ties split the gradient evenly.
     *
     * @param o the other operand; both shapes broadcast NumPy-style
     * @return a new tensor of the broadcast shape
     */
    public Tensor maximum(Tensor o) { return Elementwise.maximum(this, o); }
    /**
     * Elementwise smaller of this and o, like torch.minimum; ties split the gradient evenly.
     *
     * @param o the other operand; both shapes broadcast NumPy-style
     * @return a new tensor of the broadcast shape
     */
    public Tensor minimum(Tensor o) { return Elementwise.minimum(this, o); }

    // comparisons (UINT8 0/1, no gradient)
    /**
     * Elementwise {@code this == o} as a UINT8 mask of 0 and 1 (no gradient), like torch.eq.
     *
     * @param o the other operand; both shapes broadcast NumPy-style
     * @return a new UINT8 tensor of the broadcast shape
     */
    public Tensor eq(Tensor o) { return Elementwise.compare(io.callosum.tensor.spi.BinaryOp.EQ, this, o); }
    /**
     * Elementwise {@code this != o} as a UINT8 mask of 0 and 1 (no gradient), like torch.ne.
     *
     * @param o the other operand; both shapes broadcast NumPy-style
     * @return a new UINT8 tensor of the broadcast shape
     */
    public Tensor ne(Tensor o) { return Elementwise.compare(io.callosum.tensor.spi.BinaryOp.NE, this, o); }
    /**
     * Elementwise {@code this < o} as a UINT8 mask of 0 and 1 (no gradient), like torch.lt.
     *
     * @param o the other operand; both shapes broadcast NumPy-style
     * @return a new UINT8 tensor of the broadcast shape
     */
    public Tensor lt(Tensor o) { return Elementwise.compare(io.callosum.tensor.spi.BinaryOp.LT, this, o); }
    /**
     * Elementwise {@code this <= o} as a UINT8 mask of 0 and 1 (no gradient), like torch.le.
     *
     * @param o the other operand; both shapes broadcast NumPy-style
     * @return a new UINT8 tensor of the broadcast shape
     */
    public Tensor le(Tensor o) { return Elementwise.compare(io.callosum.tensor.spi.BinaryOp.LE, this, o); }
    /**
     * Elementwise {@code this > o} as a UINT8 mask of 0 and 1 (no gradient), like torch.gt.
     *
     * @param o the other operand; both shapes broadcast NumPy-style
     * @return a new UINT8 tensor of the broadcast shape
     */
    public Tensor gt(Tensor o) { return Elementwise.compare(io.callosum.tensor.spi.BinaryOp.GT, this, o); }
    /**
     * Elementwise {@code this >= o} as a UINT8 mask of 0 and 1 (no gradient), like torch.ge.
     *
     * @param o the other operand; both shapes broadcast NumPy-style
     * @return a new UINT8 tensor of the broadcast shape
     */
    public Tensor ge(Tensor o) { return Elementwise.compare(io.callosum.tensor.spi.BinaryOp.GE, this, o); }
    /**
     * Elementwise {@code this == s} as a UINT8 mask of 0 and 1 (no gradient).
     *
     * @param s the value to compare with
     * @return a new UINT8 tensor of this shape
     */
    public Tensor eq(double s) { return Elementwise.compareScalar(io.callosum.tensor.spi.BinaryOp.EQ, this, s); }
    /**
     * Elementwise {@code this != s} as a UINT8 mask of 0 and 1 (no gradient).
     *
     * @param s the value to compare with
     * @return a new UINT8 tensor of this shape
     */
    public Tensor ne(double s) { return Elementwise.compareScalar(io.callosum.tensor.spi.BinaryOp.NE, this, s); }
    /**
     * Elementwise {@code this < s} as a UINT8 mask of 0 and 1 (no gradient).
     *
     * @param s the value to compare with
     * @return a new UINT8 tensor of this shape
     */
    public Tensor lt(double s) { return Elementwise.compareScalar(io.callosum.tensor.spi.BinaryOp.LT, this, s); }
    /**
     * Elementwise {@code this <= s} as a UINT8 mask of 0 and 1 (no gradient).
     *
     * @param s the value to compare with
     * @return a new UINT8 tensor of this shape
     */
    public Tensor le(double s) { return Elementwise.compareScalar(io.callosum.tensor.spi.BinaryOp.LE, this, s); }
    /**
     * Elementwise {@code this > s} as a UINT8 mask of 0 and 1 (no gradient).
     *
     * @param s the value to compare with
     * @return a new UINT8 tensor of this shape
     */
    public Tensor gt(double s) { return Elementwise.compareScalar(io.callosum.tensor.spi.BinaryOp.GT, this, s); }
    /**
     * Elementwise {@code this >= s} as a UINT8 mask of 0 and 1 (no gradient).
     *
     * @param s the value to compare with
     * @return a new UINT8 tensor of this shape
     */
    public Tensor ge(double s) { return Elementwise.compareScalar(io.callosum.tensor.spi.BinaryOp.GE, this, s); }
    /**
     * UINT8 mask of NaN/infinite elements.
     *
     * @return a new UINT8 tensor of this shape (all 0 for integer tensors)
     */
    public Tensor isNonFinite() { return Elementwise.isNonFinite(this); }

    /**
     * cond != 0 ? a : b, broadcasting all three. Differentiable in a and b.
     *
     * @param cond the condition; any dtype, non-zero selects a
     * @param a the values where cond holds
     * @param b the values elsewhere
     * @return a new tensor of the three shapes' broadcast shape, of a's and b's promoted dtype
     */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) { return Elementwise.where(cond, a, b); }

    /**
     * Fills the positions where the UINT8 mask (broadcast to this shape) is non-zero: torch.masked_fill. Differentiable in this.
     *
     * @param mask a UINT8 mask that broadcasts to this shape; another dtype is an error
     * @param value the value written where mask is non-zero
     * @return a new tensor of this shape
     */
    public Tensor maskedFill(Tensor mask, double value) { return Elementwise.maskedFill(this, mask, value); }

    // ------------------------------------------------------------------ reductions

    /**
     * The sum of all elements, like torch.sum (integer tensors sum in INT32).
     *
     * @return a new 0-dimensional tensor
     */
    public Tensor sum() { return Reductions.sum(this, null, false); }
    /**
     * The sums along dim, which is removed.
     *
     * @param dim the dimension to reduce; negative counts from the end
     * @return a new tensor with dim removed
     */
    public Tensor sum(int dim) { return Reductions.sum(this, new int[]{dim}, false); }
    /**
     * The sums along dim, like torch.sum(x, dim, keepdim).
     *
     * @param dim the dimension to reduce; negative counts from the end
     * @param keepdim keep each reduced dimension with size 1 (so the result broadcasts against this tensor)
     * @return a new tensor
     */
    public Tensor sum(int dim, boolean keepdim) { return Reductions.sum(this, new int[]{dim}, keepdim); }
    /**
     * The sums over several dimensions, e.g. {0, 2, 3} for per-channel sums of [N, C, H, W].
     *
     * @param dims the dimensions to reduce (negative counts from the end; null or empty means all); one listed twice is
     *   an error
     * @param keepdim keep each reduced dimension with size 1 (so the result broadcasts against this tensor)
     * @return a new tensor
     */
    public Tensor sum(int[] dims, boolean keepdim) { return Reductions.sum(this, dims, keepdim); }
    /**
     * The mean of all elements, like torch.mean: in this tensor's floating dtype (integers average as FLOAT32).
     *
     * @return a new 0-dimensional tensor
     */
    public Tensor mean() { return Reductions.mean(this, null, false); }
    /**
     * The means along dim, which is removed.
     *
     * @param dim the dimension to reduce; negative counts from the end
     * @return a new tensor with dim removed, of this tensor's floating dtype (FLOAT32 for integers)
     */
    public Tensor mean(int dim) { return Reductions.mean(this, new int[]{dim}, false); }
    /**
     * The means along dim, like torch.mean(x, dim, keepdim).
     *
     * @param dim the dimension to reduce; negative counts from the end
     * @param keepdim keep each reduced dimension with size 1 (so the result broadcasts against this tensor)
     * @return a new tensor of this tensor's floating dtype (FLOAT32 for integers)
     */
    public Tensor mean(int dim, boolean keepdim) { return Reductions.mean(this, new int[]{dim}, keepdim); }
    /**
     * The means over several dimensions.
     *
     * @param dims the dimensions to reduce (negative counts from the end; null or empty means all); one listed twice is
     *   an error
     * @param keepdim keep each reduced dimension with size 1 (so the result broadcasts against this tensor)
     * @return a new tensor of this tensor's floating dtype (FLOAT32 for integers)
     */
    public Tensor mean(int[] dims, boolean keepdim) { return Reductions.mean(this, dims, keepdim); }
    /**
     * The largest element, like torch.max(x); the gradient is shared among the positions that attain it.
     *
     * @return a new 0-dimensional tensor
     * @throws IllegalArgumentException if the tensor is empty
     */
    public Tensor max() { return Reductions.max(this, null, false); }
    /**
     * The maxima along dim, like torch.amax; use {@link #maxWithIndices} for their indices too.
     *
     * @param dim the dimension to reduce; negative counts from the end; an empty one is an error
     * @param keepdim keep each reduced dimension with size 1 (so the result broadcasts against this tensor)
     * @return a new tensor
     */
    public Tensor max(int dim, boolean keepdim) { return Reductions.max(this, new int[]{dim}, keepdim); }
    /**
     * The maxima over several dimensions, like torch.amax.
     *
     * @param dims the dimensions to reduce (negative counts from the end; null or empty means all); one listed twice is
     *   an error
     * @param keepdim keep each reduced dimension with size 1 (so the result broadcasts against this tensor)
     * @return a new tensor
     */
    public Tensor max(int[] dims, boolean keepdim) { return Reductions.max(this, dims, keepdim); }
    /**
     * The maxima along dim with the INT32 index of the first of each, like torch.max(x, dim); values carry gradients to that index.
     *
     * @param dim the dimension to reduce; negative counts from the end
     * @param keepdim keep each reduced dimension with size 1 (so the result broadcasts against this tensor)
     * @return the maxima and their INT32 indices, both of the reduced shape
     */
    public ValuesIndices maxWithIndices(int dim, boolean keepdim) { return Reductions.extremeWithIndices(this, dim, keepdim, true); }
    /**
     * The minima along dim with their first indices, like torch.min(x, dim).
     *
     * @param dim the dimension to reduce; negative counts from the end
     * @param keepdim keep each reduced dimension with size 1 (so the result broadcasts against this tensor)
     * @return the minima and their INT32 indices, both of the reduced shape
     */
    public ValuesIndices minWithIndices(int dim, boolean keepdim) { return Reductions.extremeWithIndices(this, dim, keepdim, false); }
    /**
     * The smallest element, like torch.min(x); the gradient is shared among the positions that attain it.
     *
     * @return a new 0-dimensional tensor
     * @throws IllegalArgumentException if the tensor is empty
     */
    public Tensor min() { return Reductions.min(this, null, false); }
    /**
     * The minima along dim, like torch.amin; use {@link #minWithIndices} for their indices too.
     *
     * @param dim the dimension to reduce; negative counts from the end; an empty one is an error
     * @param keepdim keep each reduced dimension with size 1 (so the result broadcasts against this tensor)
     * @return a new tensor
     */
    public Tensor min(int dim, boolean keepdim) { return Reductions.min(this, new int[]{dim}, keepdim); }
    /**
     * The minima over several dimensions, like torch.amin.
     *
     * @param dims the dimensions to reduce (negative counts from the end; null or empty means all); one listed twice is
     *   an error
     * @param keepdim keep each reduced dimension with size 1 (so the result broadcasts against this tensor)
     * @return a new tensor
     */
    public Tensor min(int[] dims, boolean keepdim) { return Reductions.min(this, dims, keepdim); }
    /**
     * Variance over all elements (unbiased).
     *
     * @return a new 0-dimensional tensor
     * @throws IllegalArgumentException if there are fewer than two elements
     */
    public Tensor var() { return Reductions.var(this, null, true, false); }
    /**
     * The variance over dims, like torch.var.
     *
     * @param dims the dimensions to reduce (negative counts from the end; null or empty means all); one listed twice is
     *   an error
     * @param unbiased divide by n − 1 (Bessel's correction) instead of n
     * @param keepdim keep each reduced dimension with size 1 (so the result broadcasts against this tensor)
     * @return a new tensor
     * @throws IllegalArgumentException if a reduction has too few elements for the divisor
     */
    public Tensor var(int[] dims, boolean unbiased, boolean keepdim) { return Reductions.var(this, dims, unbiased, keepdim); }
    /**
     * The standard deviation over dims (the square root of {@link #var(int[], boolean, boolean)}), like torch.std.
     *
     * @param dims the dimensions to reduce (negative counts from the end; null or empty means all); one listed twice is
     *   an error
     * @param unbiased divide by n − 1 instead of n
     * @param keepdim keep each reduced dimension with size 1 (so the result broadcasts against this tensor)
     * @return a new tensor
     */
    public Tensor std(int[] dims, boolean unbiased, boolean keepdim) { return Reductions.var(this, dims, unbiased, keepdim).sqrt(); }
    /**
     * INT32 index of the first maximum along dim.
     *
     * @param dim the dimension to reduce; negative counts from the end
     * @param keepdim keep each reduced dimension with size 1 (so the result broadcasts against this tensor)
     * @return a new INT32 tensor (no gradient)
     */
    public Tensor argmax(int dim, boolean keepdim) { return Reductions.argExtreme(this, dim, keepdim, true); }
    /**
     * The INT32 index of the first maximum in row-major order (the flattened tensor), like torch.argmax(x).
     *
     * @return a new 0-dimensional INT32 tensor
     */
    public Tensor argmax() { return Reductions.argExtreme(this.reshape(-1), 0, false, true); }
    /**
     * INT32 index of the first minimum along dim, like torch.argmin.
     *
     * @param dim the dimension to reduce; negative counts from the end
     * @param keepdim keep each reduced dimension with size 1 (so the result broadcasts against this tensor)
     * @return a new INT32 tensor (no gradient)
     */
    public Tensor argmin(int dim, boolean keepdim) { return Reductions.argExtreme(this, dim, keepdim, false); }
    /**
     * The k largest (or smallest) values along dim, sorted, with their INT32 indices; values carry gradients.
     *
     * @param k how many to keep, 0 to the size of dim
     * @param dim the dimension to reduce; negative counts from the end
     * @param largest true for the largest values, false for the smallest
     * @return values and indices, each with dim of size k
     */
    public TopK topk(int k, int dim, boolean largest) { return Reductions.topk(this, k, dim, largest); }

    /**
     * Result of {@link #topk}.
     *
     * @param values the selected values, sorted
     * @param indices their INT32 positions along the dimension
     */
    public record TopK(Tensor values, Tensor indices) {
    }

    /**
     * Result of {@link #maxWithIndices} and {@link #minWithIndices}.
     *
     * @param values the extreme values
     * @param indices the INT32 position of the first extreme along the dimension
     */
    public record ValuesIndices(Tensor values, Tensor indices) {
    }

    // ------------------------------------------------------------------ linear algebra

    /**
     * Matrix product with NumPy semantics: 1-D·1-D dot, 2-D·2-D, and batched with broadcast batch dimensions.
     *
     * @param o the right operand; both must be FLOAT32 or both FLOAT64 (no promotion) and the inner dimensions must agree
     * @return a new tensor, like torch.matmul
     */
    public Tensor matmul(Tensor o) { return Linalg.matmul(this, o); }

    /**
     * Transpose of the last two dimensions (a view).
     *
     * @return this tensor for fewer than two dimensions, else a view with the last two swapped
     */
    public Tensor t() {
        if (dim() < 2) return this;
        return transpose(-2, -1);
    }

    // ------------------------------------------------------------------ shape (views where possible)

    /**
     * Reshape; one dimension may be -1. A view when the data is contiguous, else a copy.
     *
     * @param newShape the new dimensions, with as many elements in all; at most one -1, inferred
     * @return a tensor of the new shape
     */
    public Tensor reshape(int... newShape) { return Shapes.reshape(this, newShape); }
    /**
     * Like reshape but never copies: throws when the tensor is not contiguous.
     *
     * @param newShape the new dimensions, with as many elements in all; at most one -1, inferred
     * @return a view sharing this tensor's storage
     * @throws IllegalStateException if this tensor is not contiguous
     */
    public Tensor view(int... newShape) { return Shapes.view(this, newShape); }
    /**
     * All elements as one dimension, like torch.flatten(x).
     *
     * @return a 1-D tensor, a view when this tensor is contiguous
     */
    public Tensor flatten() { return reshape(-1); }
    /**
     * Flattens dims start..end (inclusive) into one.
     *
     * @param start the first dimension to merge (negative counts from the end)
     * @param end the last dimension to merge, not before start
     * @return a tensor of lower rank, a view when this tensor is contiguous
     */
    public Tensor flatten(int start, int end) { return Shapes.flatten(this, start, end); }
    /**
     * Swaps two dimensions, like torch.transpose; no data moves.
     *
     * @param d0 a dimension (negative counts from the end)
     * @param d1 the other dimension
     * @return a view sharing this tensor's storage
     */
    public Tensor transpose(int d0, int d1) { return Shapes.transpose(this, d0, d1); }
    /**
     * Reorders the dimensions, like torch.permute: dimension i of the result is dimension order[i] of this tensor.
     *
     * @param order every dimension once (negative counts from the end); a repeat or a wrong count is an error
     * @return a view sharing this tensor's storage
     */
    public Tensor permute(int... order) { return Shapes.permute(this, order); }
    /**
     * Elements start .. start + length − 1 along dim, like torch.narrow.
     *
     * @param dim the dimension (negative counts from the end)
     * @param start the first index, not negative
     * @param length how many; a range outside the dimension is an error
     * @return a view sharing this tensor's storage
     */
    public Tensor narrow(int dim, int start, int length) { return Shapes.narrow(this, dim, start, length); }
    /**
     * Elements start, start+step, … below end along dim (a view).
     *
     * @param dim the dimension (negative counts from the end)
     * @param start the first index, 0 to the size of dim
     * @param end the exclusive bound, start to the size of dim
     * @param step the distance between taken elements, at least 1
     * @return a view sharing this tensor's storage
     */
    public Tensor slice(int dim, int start, int end, int step) { return Shapes.slice(this, dim, start, end, step); }
    /**
     * The slice at index along dim, with that dim removed (a view).
     *
     * @param dim the dimension (negative counts from the end)
     * @param index the position along dim (negative counts from the end)
     * @return a view sharing this tensor's storage
     */
    public Tensor select(int dim, int index) { return Shapes.select(this, dim, index); }
    /**
     * Broadcasts size-1 dims to the given sizes (-1 keeps a size) without copying.
     *
     * @param sizes the target sizes, with at least this tensor's rank; new leading dimensions come first
     * @return a view sharing this tensor's storage (stride 0 along expanded dimensions)
     */
    public Tensor expand(int... sizes) { return Shapes.expand(this, sizes); }
    /**
     * Broadcasts to other's shape without copying, like torch.Tensor.expand_as.
     *
     * @param other the tensor whose shape to take
     * @return a view sharing this tensor's storage
     */
    public Tensor expandAs(Tensor other) { return Shapes.expand(this, other.shape); }
    /**
     * Removes every dimension of size 1, like torch.squeeze.
     *
     * @return a view sharing this tensor's storage
     */
    public Tensor squeeze() { return Shapes.squeeze(this, null); }
    /**
     * Removes dim if its size is 1 (otherwise returns this tensor unchanged), like torch.squeeze(x, dim).
     *
     * @param dim the dimension (negative counts from the end)
     * @return a view sharing this tensor's storage
     */
    public Tensor squeeze(int dim) { return Shapes.squeeze(this, dim); }
    /**
     * Inserts a dimension of size 1 at dim, like torch.unsqueeze: [C, H, W] with dim 0 becomes [1, C, H, W].
     *
     * @param dim the position in the result, −(rank + 1) to rank
     * @return a view sharing this tensor's storage
     */
    public Tensor unsqueeze(int dim) { return Shapes.unsqueeze(this, dim); }
    /**
     * Reverses the order of elements along each given dim (a copy).
     *
     * @param dims the dimensions to reverse (negative counts from the end)
     * @return a new tensor of this shape
     */
    public Tensor flip(int... dims) { return Shapes.flip(this, dims); }
    /**
     * Splits into pieces of {@code size} along dim (views; the last may be smaller).
     *
     * @param size the length of each piece along dim, at least 1
     * @param dim the dimension to split (negative counts from the end)
     * @return the pieces in order
     */
    public List<Tensor> split(int size, int dim) { return Shapes.split(this, size, dim); }
    /**
     * Splits into at most chunks pieces of equal size along dim (views; the last may be smaller), like torch.chunk.
     *
     * @param chunks the number of pieces wanted, at least 1
     * @param dim the dimension to split (negative counts from the end)
     * @return the pieces in order
     */
    public List<Tensor> chunk(int chunks, int dim) { return Shapes.chunk(this, chunks, dim); }
    /**
     * Constant padding, pairs from the last dimension backwards like torch.nn.functional.pad:
     * {@code pad(new int[]{left, right, top, bottom}, 0)}.
     *
     * @param pads pairs (before, after) of non-negative amounts, for at most this tensor's rank of trailing dimensions
     * @param value the value of the padding
     * @return a new, larger tensor
     */
    public Tensor pad(int[] pads, double value) { return Shapes.pad(this, pads, value); }

    /**
     * Concatenates along an existing dimension, like torch.cat; differentiable in every input.
     *
     * @param tensors the tensors, equal in every dimension but dim
     * @param dim the dimension to join along (negative counts from the end)
     * @return a new tensor
     * @throws IllegalArgumentException if the list is empty or ranks, other dimensions, dtypes or devices differ
     */
    public static Tensor cat(List<Tensor> tensors, int dim) { return Shapes.cat(tensors, dim); }
    /**
     * Concatenates along an existing dimension, like torch.cat.
     *
     * @param tensors the tensors, equal in every dimension but dim
     * @param dim the dimension to join along (negative counts from the end)
     * @return a new tensor
     * @throws IllegalArgumentException if the list is empty or ranks, other dimensions, dtypes or devices differ
     */
    public static Tensor cat(int dim, Tensor... tensors) { return Shapes.cat(Arrays.asList(tensors), dim); }
    /**
     * Joins along a new dimension, like torch.stack: n tensors [C, H, W] with dim 0 give [n, C, H, W].
     *
     * @param tensors the tensors, all of one shape
     * @param dim the position of the new dimension, −(rank + 1) to rank
     * @return a new tensor with one more dimension, of size tensors.size()
     * @throws IllegalArgumentException if the list is empty or the shapes differ
     */
    public static Tensor stack(List<Tensor> tensors, int dim) { return Shapes.stack(tensors, dim); }
    /**
     * Joins along a new dimension, like torch.stack.
     *
     * @param tensors the tensors, all of one shape
     * @param dim the position of the new dimension, −(rank + 1) to rank
     * @return a new tensor with one more dimension, of size tensors.size()
     * @throws IllegalArgumentException if the list is empty or the shapes differ
     */
    public static Tensor stack(int dim, Tensor... tensors) { return Shapes.stack(Arrays.asList(tensors), dim); }

    // ------------------------------------------------------------------ indexing

    /**
     * Basic indexing with a typed index, e.g. {@code x.index(Index.all(), Index.range(1, 3))} for x[:, 1:3]; a view.
     *
     * @param spec one entry per indexed dimension (fewer leave the rest whole)
     * @return a view of this tensor
     */
    public Tensor index(Index... spec) { return BasicIndexing.index(this, spec); }
    /**
     * Basic indexing with Python's syntax between the brackets, e.g. {@code x.index("..., 1:3, None")}; a view.
     *
     * @param spec the index expression, e.g. {@code ":, 0, ::2"}; a malformed component is an error naming its position
     * @return a view of this tensor
     */
    public Tensor index(String spec) { return BasicIndexing.index(this, Index.parse(spec)); }

    /**
     * out[i][j][k] = this[i][index[i][j][k]][k] for dim 1 (torch.gather).
     *
     * @param dim the dimension to gather along (negative counts from the end)
     * @param index INT32 positions along dim, of this tensor's rank
     * @return a new tensor of index's shape; differentiable in this tensor
     */
    public Tensor gather(int dim, Tensor index) { return Indexing.gather(this, dim, index); }
    /**
     * Slices along dim at the given 1-D INT32 indices.
     *
     * @param dim the dimension to index (negative counts from the end)
     * @param index a 1-D INT32 tensor of positions along dim
     * @return a new tensor whose dim has index's length, like torch.index_select
     */
    public Tensor indexSelect(int dim, Tensor index) { return Indexing.indexSelect(this, dim, index); }

    // ------------------------------------------------------------------ printing

    /** The values, printed like PyTorch prints a tensor (long tensors are summarised). */
    @Override
    public String toString() {
        return TensorFormat.format(this);
    }

    /**
     * Geometry only, e.g. {@code [64, 3, 96, 96] float32 cpu}.
     *
     * @return shape, dtype and device, without values
     */
    @Override
    public String describe() {
        return Shape.str(shape) + " " + dtype() + " " + device();
    }
}
