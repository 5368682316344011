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

    /** An uninitialised contiguous tensor (contents unspecified) on a device. */
    public static Tensor empty(Device device, DType dtype, int... shape) {
        Shape.validate("empty", shape);
        Backend b = Backends.forDType("empty", device, dtype);
        return wrap(b.allocate(dtype, Shape.numel(shape)), shape);
    }

    public static Tensor empty(int... shape) {
        return empty(Device.CPU, DType.FLOAT32, shape);
    }

    // ------------------------------------------------------------------ factories

    public static Tensor zeros(int... shape) {
        return full(Device.CPU, DType.FLOAT32, 0, shape);
    }

    public static Tensor zeros(DType dtype, int... shape) {
        return full(Device.CPU, dtype, 0, shape);
    }

    public static Tensor zeros(Device device, DType dtype, int... shape) {
        return full(device, dtype, 0, shape);
    }

    public static Tensor ones(int... shape) {
        return full(Device.CPU, DType.FLOAT32, 1, shape);
    }

    public static Tensor ones(DType dtype, int... shape) {
        return full(Device.CPU, dtype, 1, shape);
    }

    public static Tensor full(DType dtype, double value, int... shape) {
        return full(Device.CPU, dtype, value, shape);
    }

    public static Tensor ones(Device device, DType dtype, int... shape) {
        return full(device, dtype, 1, shape);
    }

    public static Tensor full(double value, int... shape) {
        return full(Device.CPU, DType.FLOAT32, value, shape);
    }

    public static Tensor full(Device device, DType dtype, double value, int... shape) {
        Tensor t = empty(device, dtype, shape);
        t.backend().fill(t, value);
        return t;
    }

    /** A 0-dimensional tensor. */
    public static Tensor scalar(double value) {
        return full(Device.CPU, DType.FLOAT32, value);
    }

    public static Tensor scalar(Device device, DType dtype, double value) {
        return full(device, dtype, value);
    }

    public static Tensor zerosLike(Tensor t) {
        return full(t.device(), t.dtype(), 0, t.shape);
    }

    public static Tensor onesLike(Tensor t) {
        return full(t.device(), t.dtype(), 1, t.shape);
    }

    public static Tensor fullLike(Tensor t, double value) {
        return full(t.device(), t.dtype(), value, t.shape);
    }

    /** 0, 1, …, n−1 as FLOAT32. */
    public static Tensor arange(int n) {
        return arange(0, n, 1);
    }

    /** start, start+step, … below end (FLOAT32), like torch.arange. */
    public static Tensor arange(double start, double end, double step) {
        return arange(start, end, step, DType.FLOAT32);
    }

    /** start, start+step, … below end in a floating dtype, like torch.arange(…, dtype=…). */
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

    /** A FLOAT32 CPU tensor holding a copy of data, with the given shape (the 1-D length when shape is empty and data is not a scalar). */
    public static Tensor of(float[] data, int... shape) {
        int[] s = shapeFor("of", data.length, shape);
        return wrap(Backends.cpu().fromFloats(data.clone()), s);
    }

    /** A FLOAT64 CPU tensor holding a copy of data (torch.tensor(…, dtype=torch.float64)); shape as for float data. */
    public static Tensor of(double[] data, int... shape) {
        int[] s = shapeFor("of", data.length, shape);
        return wrap(Backends.cpu().fromDoubles(data.clone()), s);
    }

    /** A FLOAT64 CPU tensor of shape [rows, cols] from nested arrays; ragged rows are an error. */
    public static Tensor of(double[][] rows) {
        int cols = rectangular("of", rows, "row", -1);
        double[] flat = new double[rows.length * cols];
        for (int i = 0; i < rows.length; i++) System.arraycopy(rows[i], 0, flat, i * cols, cols);
        return wrap(Backends.cpu().fromDoubles(flat), rows.length, cols);
    }

    public static Tensor of(int[] data, int... shape) {
        int[] s = shapeFor("of", data.length, shape);
        return wrap(Backends.cpu().fromInts(data.clone()), s);
    }

    /** A FLOAT32 CPU tensor of shape [rows, cols] from nested arrays (like torch.tensor); ragged rows are an error. */
    public static Tensor of(float[][] rows) {
        int cols = rectangular("of", rows, "row", -1);
        float[] flat = new float[rows.length * cols];
        for (int i = 0; i < rows.length; i++) System.arraycopy(rows[i], 0, flat, i * cols, cols);
        return wrap(Backends.cpu().fromFloats(flat), rows.length, cols);
    }

    /** A FLOAT32 CPU tensor of shape [n, rows, cols] from nested arrays; ragged input is an error naming where. */
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

    /** Uniform [0, 1) from the generator (one draw of the generator seeds the whole tensor). */
    public static Tensor rand(Generator gen, int... shape) {
        return Randoms.uniform(gen, Device.CPU, 0, 1, shape);
    }

    public static Tensor randn(Generator gen, int... shape) {
        return Randoms.normal(gen, Device.CPU, 0, 1, shape);
    }

    /** Uniform [0, 1) in a floating dtype (FLOAT64 holds the generator's draws unrounded). */
    public static Tensor rand(Generator gen, DType dtype, int... shape) {
        return Randoms.uniform(gen, Device.CPU, dtype, 0, 1, shape);
    }

    public static Tensor randn(Generator gen, DType dtype, int... shape) {
        return Randoms.normal(gen, Device.CPU, dtype, 0, 1, shape);
    }

    /** Uniform integers in [0, high) as INT32. */
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

    public Backend backend() {
        return storage.backend();
    }

    /**
     * The underlying buffer, for kernels (through {@link Operand#storageOf}) and callosum's own ops (through
     * {@code TensorInternals.storage}); not user API. Throws if the tensor was closed.
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

    public boolean isClosed() {
        return closed;
    }

    /** Throws a clear error if this tensor was closed; every op checks its inputs this way. */
    public void checkOpen(String op) {
        if (closed) {
            throw new IllegalStateException(op + ": tensor " + Shape.str(shape) + " (" + dtype() + ", " + device()
                    + ") was closed, e.g. when its Scope ended; keep it with scope.keep(t) or create it outside the scope");
        }
    }

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

    /** The single value of an INT32 or UINT8 tensor; a floating tensor is an error (round and convert it first). */
    public int intItem() {
        if (dtype().isFloating()) {
            throw new IllegalStateException("intItem: tensor " + Shape.str(shape) + " is " + dtype()
                    + "; use item(), or round().to(DType.INT32) first if truncation is what you want");
        }
        return intValue("intItem");
    }

    /** {@link #intItem()} widened to long. */
    public long longItem() {
        if (dtype().isFloating()) {
            throw new IllegalStateException("longItem: tensor " + Shape.str(shape) + " is " + dtype() + "; use item() or doubleItem()");
        }
        return intValue("longItem");
    }

    /** The single value as a double, exact for every dtype. */
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

    /** The element at a full index (negative counts from the end) as a float, converted like {@link #item()}. */
    public float get(int... index) {
        try (Tensor e = element("get", index)) {
            return e.item();
        }
    }

    /** The element at a full index as a double, exact for every dtype (the way to read FLOAT64 elements). */
    public double getDouble(int... index) {
        try (Tensor e = element("getDouble", index)) {
            return e.doubleItem();
        }
    }

    /** The element at a full index of an INT32 or UINT8 tensor. */
    public int getInt(int... index) {
        if (dtype().isFloating()) throw new IllegalStateException("getInt: tensor " + Shape.str(shape) + " is " + dtype() + "; use get");
        try (Tensor e = element("getInt", index)) {
            return e.intItem();
        }
    }

    /** Writes one element (converted to this dtype). Not recorded, like the other in-place ops. */
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

    /** Values in row-major order as doubles, exact for every dtype. */
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

    /** Values in row-major order as floats (FLOAT64 rounded; ints and bytes converted). */
    public float[] toFloatArray() {
        checkOpen("toFloatArray");
        if (dtype() == DType.FLOAT32) return backend().toFloatArray(this);
        try (Tensor f = to(DType.FLOAT32)) {
            return backend().toFloatArray(f);
        }
    }

    public int[] toIntArray() {
        checkOpen("toIntArray");
        if (dtype() == DType.INT32) return backend().toIntArray(this);
        try (Tensor f = to(DType.INT32)) {
            return backend().toIntArray(f);
        }
    }

    public byte[] toByteArray() {
        checkOpen("toByteArray");
        if (dtype() == DType.UINT8) return backend().toByteArray(this);
        try (Tensor f = to(DType.UINT8)) {
            return backend().toByteArray(f);
        }
    }

    /** Copies to another device (this tensor if already there). Differentiable. */
    public Tensor to(Device target) {
        return Shapes.toDevice(this, target);
    }

    /**
     * Moves this leaf's data to another device in place, keeping the object, so every reference to it (a module's
     * parameter list, an optimizer's) stays valid, as do its requiresGrad flag; the gradient, on the old device, is
     * dropped. Views made earlier keep the old data.
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

    /** Converts to another dtype (this tensor if already of that type). Only float→float conversions carry gradients. */
    public Tensor to(DType target) {
        return Shapes.toDType(this, target);
    }

    public Tensor cpu() {
        return to(Device.CPU);
    }

    /** This tensor if contiguous, else a contiguous copy. Differentiable. */
    public Tensor contiguous() {
        return Shapes.contiguous(this);
    }

    /** A contiguous copy that owns its storage. Differentiable. */
    public Tensor copy() {
        return Shapes.copy(this);
    }

    /** Same storage, no graph: gradients stop here. */
    public Tensor detach() {
        checkOpen("detach");
        return view(shape, strides, offset);
    }

    // ------------------------------------------------------------------ autodiff

    /** True for leaves marked with requiresGrad(true) and for every result of a recorded op. */
    public boolean requiresGrad() {
        return requiresGrad || gradFn != null;
    }

    /** Marks a leaf as needing gradients; returns this for chaining. */
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

    public boolean isLeaf() {
        return gradFn == null;
    }

    /** The name of the op that produced this tensor, or null for leaves. */
    public String gradFnName() {
        return gradFn == null ? null : gradFn.op();
    }

    Node gradFn() {
        return gradFn;
    }

    void setGradFn(Node node) {
        this.gradFn = node;
    }

    public Tensor grad() {
        return grad;
    }

    /** Replaces the gradient (closing the previous one). */
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

    /** Keeps the gradient of a non-leaf tensor after backward (leaves always keep theirs). */
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

    /** Backpropagates with an explicit gradient of this tensor's shape (vector-Jacobian product). */
    public void backward(Tensor gradient) {
        Autograd.backward(this, gradient, false, false);
    }

    /**
     * @param retainGraph keep the graph so backward can run through it again
     * @param createGraph record the backward pass itself, for higher-order gradients
     */
    public void backward(Tensor gradient, boolean retainGraph, boolean createGraph) {
        Autograd.backward(this, gradient, retainGraph, createGraph);
    }

    // ------------------------------------------------------------------ in-place (parameters and optimizer state)

    /** this += alpha · other (other broadcast to this shape). Not recorded: use under {@link Grad#disabled()} on leaves. */
    public Tensor addInPlace(Tensor other, double alpha) {
        return Elementwise.addInPlace(this, other, alpha);
    }

    public Tensor addInPlace(Tensor other) {
        return addInPlace(other, 1.0);
    }

    /** this *= factor. */
    public Tensor mulInPlace(double factor) {
        return Elementwise.unaryInPlace(this, UnaryOp.MUL_SCALAR, factor, 0);
    }

    /** this *= other (broadcast). */
    public Tensor mulInPlace(Tensor other) {
        return Elementwise.mulInPlace(this, other);
    }

    /** Copies values from other (broadcast to this shape, converting dtype). */
    public Tensor copyFrom(Tensor other) {
        return Elementwise.copyInPlace(this, other);
    }

    public Tensor fill(double value) {
        return Elementwise.fillInPlace(this, value);
    }

    public Tensor zero() {
        return fill(0);
    }

    // ------------------------------------------------------------------ elementwise

    public Tensor add(Tensor o) { return Elementwise.add(this, o); }
    public Tensor add(double s) { return Elementwise.addScalar(this, s); }
    public Tensor sub(Tensor o) { return Elementwise.sub(this, o); }
    public Tensor sub(double s) { return Elementwise.addScalar(this, -s); }
    /** s − this. */
    public Tensor rsub(double s) { return Elementwise.rsubScalar(this, s); }
    public Tensor mul(Tensor o) { return Elementwise.mul(this, o); }
    public Tensor mul(double s) { return Elementwise.mulScalar(this, s); }
    public Tensor div(Tensor o) { return Elementwise.div(this, o); }
    public Tensor div(double s) { return Elementwise.divScalar(this, s); }
    /** s / this. */
    public Tensor rdiv(double s) { return Elementwise.rdivScalar(this, s); }
    public Tensor pow(double p) { return Elementwise.powScalar(this, p); }
    public Tensor pow(Tensor p) { return Elementwise.pow(this, p); }
    public Tensor neg() { return Elementwise.neg(this); }
    public Tensor abs() { return Elementwise.abs(this); }
    public Tensor sign() { return Elementwise.sign(this); }
    public Tensor exp() { return Elementwise.exp(this); }
    public Tensor log() { return Elementwise.log(this); }
    public Tensor sqrt() { return Elementwise.sqrt(this); }
    public Tensor rsqrt() { return Elementwise.rsqrt(this); }
    public Tensor square() { return Elementwise.square(this); }
    public Tensor reciprocal() { return Elementwise.reciprocal(this); }
    public Tensor sin() { return Elementwise.sin(this); }
    public Tensor cos() { return Elementwise.cos(this); }
    public Tensor floor() { return Elementwise.floor(this); }
    public Tensor ceil() { return Elementwise.ceil(this); }
    public Tensor round() { return Elementwise.round(this); }
    public Tensor relu() { return Elementwise.relu(this); }
    public Tensor leakyRelu(double slope) { return Elementwise.leakyRelu(this, slope); }
    public Tensor sigmoid() { return Elementwise.sigmoid(this); }
    public Tensor softplus() { return Elementwise.softplus(this); }
    public Tensor tanh() { return Elementwise.tanh(this); }
    public Tensor gelu() { return Elementwise.gelu(this); }
    public Tensor erf() { return Elementwise.erf(this); }
    /** Clamps to [min, max]; pass Double.NaN for an open side. */
    public Tensor clamp(double min, double max) { return Elementwise.clamp(this, min, max); }
    public Tensor clampMin(double min) { return Elementwise.clamp(this, min, Double.NaN); }
    public Tensor clampMax(double max) { return Elementwise.clamp(this, Double.NaN, max); }
    public Tensor maximum(Tensor o) { return Elementwise.maximum(this, o); }
    public Tensor minimum(Tensor o) { return Elementwise.minimum(this, o); }

    // comparisons (UINT8 0/1, no gradient)
    public Tensor eq(Tensor o) { return Elementwise.compare(io.callosum.tensor.spi.BinaryOp.EQ, this, o); }
    public Tensor ne(Tensor o) { return Elementwise.compare(io.callosum.tensor.spi.BinaryOp.NE, this, o); }
    public Tensor lt(Tensor o) { return Elementwise.compare(io.callosum.tensor.spi.BinaryOp.LT, this, o); }
    public Tensor le(Tensor o) { return Elementwise.compare(io.callosum.tensor.spi.BinaryOp.LE, this, o); }
    public Tensor gt(Tensor o) { return Elementwise.compare(io.callosum.tensor.spi.BinaryOp.GT, this, o); }
    public Tensor ge(Tensor o) { return Elementwise.compare(io.callosum.tensor.spi.BinaryOp.GE, this, o); }
    public Tensor eq(double s) { return Elementwise.compareScalar(io.callosum.tensor.spi.BinaryOp.EQ, this, s); }
    public Tensor ne(double s) { return Elementwise.compareScalar(io.callosum.tensor.spi.BinaryOp.NE, this, s); }
    public Tensor lt(double s) { return Elementwise.compareScalar(io.callosum.tensor.spi.BinaryOp.LT, this, s); }
    public Tensor le(double s) { return Elementwise.compareScalar(io.callosum.tensor.spi.BinaryOp.LE, this, s); }
    public Tensor gt(double s) { return Elementwise.compareScalar(io.callosum.tensor.spi.BinaryOp.GT, this, s); }
    public Tensor ge(double s) { return Elementwise.compareScalar(io.callosum.tensor.spi.BinaryOp.GE, this, s); }
    /** UINT8 mask of NaN/infinite elements. */
    public Tensor isNonFinite() { return Elementwise.isNonFinite(this); }

    /** cond != 0 ? a : b, broadcasting all three. Differentiable in a and b. */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) { return Elementwise.where(cond, a, b); }

    /** Fills the positions where the UINT8 mask (broadcast to this shape) is non-zero: torch.masked_fill. Differentiable in this. */
    public Tensor maskedFill(Tensor mask, double value) { return Elementwise.maskedFill(this, mask, value); }

    // ------------------------------------------------------------------ reductions

    public Tensor sum() { return Reductions.sum(this, null, false); }
    public Tensor sum(int dim) { return Reductions.sum(this, new int[]{dim}, false); }
    public Tensor sum(int dim, boolean keepdim) { return Reductions.sum(this, new int[]{dim}, keepdim); }
    public Tensor sum(int[] dims, boolean keepdim) { return Reductions.sum(this, dims, keepdim); }
    public Tensor mean() { return Reductions.mean(this, null, false); }
    public Tensor mean(int dim) { return Reductions.mean(this, new int[]{dim}, false); }
    public Tensor mean(int dim, boolean keepdim) { return Reductions.mean(this, new int[]{dim}, keepdim); }
    public Tensor mean(int[] dims, boolean keepdim) { return Reductions.mean(this, dims, keepdim); }
    public Tensor max() { return Reductions.max(this, null, false); }
    public Tensor max(int dim, boolean keepdim) { return Reductions.max(this, new int[]{dim}, keepdim); }
    public Tensor max(int[] dims, boolean keepdim) { return Reductions.max(this, dims, keepdim); }
    /** The maxima along dim with the INT32 index of the first of each, like torch.max(x, dim); values carry gradients to that index. */
    public ValuesIndices maxWithIndices(int dim, boolean keepdim) { return Reductions.extremeWithIndices(this, dim, keepdim, true); }
    /** The minima along dim with their first indices, like torch.min(x, dim). */
    public ValuesIndices minWithIndices(int dim, boolean keepdim) { return Reductions.extremeWithIndices(this, dim, keepdim, false); }
    public Tensor min() { return Reductions.min(this, null, false); }
    public Tensor min(int dim, boolean keepdim) { return Reductions.min(this, new int[]{dim}, keepdim); }
    public Tensor min(int[] dims, boolean keepdim) { return Reductions.min(this, dims, keepdim); }
    /** Variance over all elements (unbiased). */
    public Tensor var() { return Reductions.var(this, null, true, false); }
    public Tensor var(int[] dims, boolean unbiased, boolean keepdim) { return Reductions.var(this, dims, unbiased, keepdim); }
    public Tensor std(int[] dims, boolean unbiased, boolean keepdim) { return Reductions.var(this, dims, unbiased, keepdim).sqrt(); }
    /** INT32 index of the first maximum along dim. */
    public Tensor argmax(int dim, boolean keepdim) { return Reductions.argExtreme(this, dim, keepdim, true); }
    public Tensor argmax() { return Reductions.argExtreme(this.reshape(-1), 0, false, true); }
    public Tensor argmin(int dim, boolean keepdim) { return Reductions.argExtreme(this, dim, keepdim, false); }
    /** The k largest (or smallest) values along dim, sorted, with their INT32 indices; values carry gradients. */
    public TopK topk(int k, int dim, boolean largest) { return Reductions.topk(this, k, dim, largest); }

    /** Result of {@link #topk}. */
    public record TopK(Tensor values, Tensor indices) {
    }

    /** Result of {@link #maxWithIndices} and {@link #minWithIndices}. */
    public record ValuesIndices(Tensor values, Tensor indices) {
    }

    // ------------------------------------------------------------------ linear algebra

    /** Matrix product with NumPy semantics: 1-D·1-D dot, 2-D·2-D, and batched with broadcast batch dimensions. */
    public Tensor matmul(Tensor o) { return Linalg.matmul(this, o); }

    /** Transpose of the last two dimensions (a view). */
    public Tensor t() {
        if (dim() < 2) return this;
        return transpose(-2, -1);
    }

    // ------------------------------------------------------------------ shape (views where possible)

    /** Reshape; one dimension may be -1. A view when the data is contiguous, else a copy. */
    public Tensor reshape(int... newShape) { return Shapes.reshape(this, newShape); }
    /** Like reshape but never copies: throws when the tensor is not contiguous. */
    public Tensor view(int... newShape) { return Shapes.view(this, newShape); }
    public Tensor flatten() { return reshape(-1); }
    /** Flattens dims start..end (inclusive) into one. */
    public Tensor flatten(int start, int end) { return Shapes.flatten(this, start, end); }
    public Tensor transpose(int d0, int d1) { return Shapes.transpose(this, d0, d1); }
    public Tensor permute(int... order) { return Shapes.permute(this, order); }
    public Tensor narrow(int dim, int start, int length) { return Shapes.narrow(this, dim, start, length); }
    /** Elements start, start+step, … below end along dim (a view). */
    public Tensor slice(int dim, int start, int end, int step) { return Shapes.slice(this, dim, start, end, step); }
    /** The slice at index along dim, with that dim removed (a view). */
    public Tensor select(int dim, int index) { return Shapes.select(this, dim, index); }
    /** Broadcasts size-1 dims to the given sizes (-1 keeps a size) without copying. */
    public Tensor expand(int... sizes) { return Shapes.expand(this, sizes); }
    public Tensor expandAs(Tensor other) { return Shapes.expand(this, other.shape); }
    public Tensor squeeze() { return Shapes.squeeze(this, null); }
    public Tensor squeeze(int dim) { return Shapes.squeeze(this, dim); }
    public Tensor unsqueeze(int dim) { return Shapes.unsqueeze(this, dim); }
    /** Reverses the order of elements along each given dim (a copy). */
    public Tensor flip(int... dims) { return Shapes.flip(this, dims); }
    /** Splits into pieces of {@code size} along dim (views; the last may be smaller). */
    public List<Tensor> split(int size, int dim) { return Shapes.split(this, size, dim); }
    public List<Tensor> chunk(int chunks, int dim) { return Shapes.chunk(this, chunks, dim); }
    /**
     * Constant padding, pairs from the last dimension backwards like torch.nn.functional.pad:
     * {@code pad(new int[]{left, right, top, bottom}, 0)}.
     */
    public Tensor pad(int[] pads, double value) { return Shapes.pad(this, pads, value); }

    public static Tensor cat(List<Tensor> tensors, int dim) { return Shapes.cat(tensors, dim); }
    public static Tensor cat(int dim, Tensor... tensors) { return Shapes.cat(Arrays.asList(tensors), dim); }
    public static Tensor stack(List<Tensor> tensors, int dim) { return Shapes.stack(tensors, dim); }
    public static Tensor stack(int dim, Tensor... tensors) { return Shapes.stack(Arrays.asList(tensors), dim); }

    // ------------------------------------------------------------------ indexing

    /** Basic indexing with a typed index, e.g. {@code x.index(Index.all(), Index.range(1, 3))} for x[:, 1:3]; a view. */
    public Tensor index(Index... spec) { return BasicIndexing.index(this, spec); }
    /** Basic indexing with Python's syntax between the brackets, e.g. {@code x.index("..., 1:3, None")}; a view. */
    public Tensor index(String spec) { return BasicIndexing.index(this, Index.parse(spec)); }

    /** out[i][j][k] = this[i][index[i][j][k]][k] for dim 1 (torch.gather). */
    public Tensor gather(int dim, Tensor index) { return Indexing.gather(this, dim, index); }
    /** Slices along dim at the given 1-D INT32 indices. */
    public Tensor indexSelect(int dim, Tensor index) { return Indexing.indexSelect(this, dim, index); }

    // ------------------------------------------------------------------ printing

    @Override
    public String toString() {
        return TensorFormat.format(this);
    }

    /** Geometry only, e.g. {@code [64, 3, 96, 96] float32 cpu}. */
    @Override
    public String describe() {
        return Shape.str(shape) + " " + dtype() + " " + device();
    }
}
