package io.callosum.nn;

import io.callosum.tensor.Device;
import io.callosum.tensor.Grad;
import io.callosum.tensor.Scope;
import io.callosum.tensor.Shape;
import io.callosum.tensor.Tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A layer or a network: named parameters (trainable leaves), named buffers (state such as running statistics) and
 * named children, in registration order. Names follow PyTorch's dotted convention ({@code layer1.0.conv1.weight}), so
 * a {@link #stateDict()} lines up key for key with the PyTorch module of the same architecture.
 *
 * <p>Subclasses register everything in their constructor. {@link #to(Device)} moves each tensor's data in place, so
 * parameter objects (and an optimizer built over them) stay valid, frozen ones stay frozen. Closing a module frees
 * its parameters and buffers.
 */
public abstract class Module implements AutoCloseable {
    private final Map<String, Tensor> parameters = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    /** The module's computation on x; subclasses define it, callers build the autograd graph through it. */
    public abstract Tensor forward(Tensor x);

    // ------------------------------------------------------------------ registration

    /** Registers a trainable parameter (made a leaf that requires gradients, owned by no scope); returns it. */
    protected Tensor registerParameter(String name, Tensor value) {
        checkName(name);
        Tensor p = Scope.escape(value);
        p.requiresGrad(true);
        parameters.put(name, p);
        return p;
    }

    /** Registers state saved in the state dict but not trained (null allowed, as PyTorch's optional buffers). */
    protected Tensor registerBuffer(String name, Tensor value) {
        checkName(name);
        buffers.put(name, value == null ? null : Scope.escape(value));
        return value;
    }

    /** Registers module as the child name, so its parameters and state are this module's too. */
    protected <M extends Module> M registerModule(String name, M module) {
        checkName(name);
        if (module == null) throw new IllegalArgumentException(getClass().getSimpleName() + ".registerModule: module '" + name + "' is null");
        children.put(name, module);
        return module;
    }

    private void checkName(String name) {
        if (name == null || name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": invalid member name '" + name + "' (non-empty, no dots)");
        }
        if (parameters.containsKey(name) || buffers.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": member '" + name + "' is already registered");
        }
    }

    /** This module's own parameter (not a child's). */
    public Tensor parameter(String name) {
        Tensor p = parameters.get(name);
        if (p == null && !parameters.containsKey(name)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": no parameter '" + name + "'; has " + parameters.keySet());
        }
        return p;
    }

    /** This module's own parameter, or null when it has none of that name (an optional bias). */
    public Tensor optionalParameter(String name) {
        return parameters.get(name);
    }

    /** This module's own buffer (not a child's); may be null for an optional buffer. */
    public Tensor buffer(String name) {
        if (!buffers.containsKey(name)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": no buffer '" + name + "'; has " + buffers.keySet());
        }
        return buffers.get(name);
    }

    /** The direct child registered as name; fails naming the children there are. */
    public Module child(String name) {
        Module m = children.get(name);
        if (m == null) throw new IllegalArgumentException(getClass().getSimpleName() + ": no child '" + name + "'; has " + children.keySet());
        return m;
    }

    // ------------------------------------------------------------------ traversal

    /** The direct children, by name, in registration order. */
    public Map<String, Module> namedChildren() {
        return Collections.unmodifiableMap(children);
    }

    /** Every parameter of this module and its descendants, depth first, keyed by dotted name. */
    public Map<String, Tensor> namedParameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        visit("", (prefix, m) -> m.parameters.forEach((n, t) -> out.put(prefix + n, t)));
        return out;
    }

    /** Buffers (running statistics and the like) of this module and its children, by dotted name. */
    public Map<String, Tensor> namedBuffers() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        visit("", (prefix, m) -> m.buffers.forEach((n, t) -> {
            if (t != null) out.put(prefix + n, t);
        }));
        return out;
    }

    /** Every module in the tree (this one first, with the empty name), keyed by dotted name. */
    public Map<String, Module> namedModules() {
        Map<String, Module> out = new LinkedHashMap<>();
        visit("", (prefix, m) -> out.put(prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1), m));
        return out;
    }

    /** Every parameter of this module and its children, for an optimizer. */
    public List<Tensor> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    private void visit(String prefix, BiConsumer<String, Module> action) {
        action.accept(prefix, this);
        children.forEach((n, c) -> c.visit(prefix + n + ".", action));
    }

    /** Number of scalar parameters (trainable ones only, as {@code sum(p.numel() for p in m.parameters())}). */
    public long parameterCount() {
        long n = 0;
        for (Tensor p : parameters()) n += p.numel();
        return n;
    }

    // ------------------------------------------------------------------ mode

    /** Switches this module and its children to training mode. */
    public Module train() {
        return train(true);
    }

    /** Switches this module and its children to training (on) or evaluation mode. */
    public Module train(boolean on) {
        visit("", (p, m) -> m.training = on);
        return this;
    }

    /** Switches this module and its children to evaluation (dropout off, batch norm on running statistics). */
    public Module eval() {
        return train(false);
    }

    /** Whether the module is in training mode. */
    public boolean isTraining() {
        return training;
    }

    /** Drops the gradient of every parameter, before the next backward pass. */
    public void zeroGrad() {
        for (Tensor p : parameters()) p.zeroGrad();
    }

    // ------------------------------------------------------------------ state

    /** Parameters and buffers by dotted name (module by module, parameters before buffers, as PyTorch). */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        visit("", (prefix, m) -> {
            m.parameters.forEach((n, t) -> out.put(prefix + n, t));
            m.buffers.forEach((n, t) -> {
                if (t != null) out.put(prefix + n, t);
            });
        });
        return out;
    }

    /**
     * Copies values into this module's parameters and buffers. Everything is checked before anything is written, so a
     * failed load leaves the module untouched. Strict loading rejects missing and unexpected keys; both modes reject
     * shape mismatches (the message lists every problem).
     */
    public void loadStateDict(Map<String, Tensor> state, boolean strict) {
        checkStateDict(state, strict);
        try (Grad.Guard g = Grad.disabled(); Scope s = Scope.open()) {
            stateDict().forEach((k, t) -> {
                Tensor v = state.get(k);
                if (v == null) return;
                Tensor src = v.device().equals(t.device()) ? v : v.to(t.device());
                t.copyFrom(src.dtype() == t.dtype() ? src : src.to(t.dtype()));
            });
        }
    }

    /**
     * Checks that {@link #loadStateDict(Map, boolean)} would accept the state, without writing anything; throws the
     * same {@link StateDictException}. Lets a caller loading several pieces (model, optimizer) check them all first.
     */
    public void checkStateDict(Map<String, Tensor> state, boolean strict) {
        Map<String, Tensor> own = stateDict();
        List<String> missing = new ArrayList<>(), unexpected = new ArrayList<>(), mismatched = new ArrayList<>();
        for (String k : own.keySet()) if (!state.containsKey(k)) missing.add(k);
        for (String k : state.keySet()) if (!own.containsKey(k)) unexpected.add(k);
        own.forEach((k, t) -> {
            Tensor v = state.get(k);
            if (v == null) return;
            if (!Shape.equal(v.shape(), t.shape())) {
                mismatched.add(k + ": checkpoint " + Shape.str(v.shape()) + " vs model " + Shape.str(t.shape()));
            } else if (v.dtype().isFloating() != t.dtype().isFloating()) {
                mismatched.add(k + ": checkpoint dtype " + v.dtype() + " vs model " + t.dtype());
            }
        });
        if (!mismatched.isEmpty() || (strict && (!missing.isEmpty() || !unexpected.isEmpty()))) {
            throw new StateDictException(getClass().getSimpleName(), missing, unexpected, mismatched, strict);
        }
    }

    /** Copies state into this module's parameters and buffers, strictly: every name must match in shape. */
    public void loadStateDict(Map<String, Tensor> state) {
        loadStateDict(state, true);
    }

    /**
     * Moves every parameter and buffer to the device in place ({@link Tensor#moveTo}): the same tensor objects, with
     * their requiresGrad flags; gradients are dropped.
     */
    public Module to(Device device) {
        visit("", (p, m) -> {
            m.parameters.values().forEach(t -> t.moveTo(device));
            m.buffers.values().forEach(t -> {
                if (t != null) t.moveTo(device);
            });
        });
        return this;
    }

    /** Frees every parameter and buffer of this module and its descendants; the module is unusable afterwards. */
    @Override
    public void close() {
        visit("", (p, m) -> {
            m.parameters.values().forEach(Tensor::close);
            m.buffers.values().forEach(t -> {
                if (t != null) t.close();
            });
        });
    }

    /** The device of the first parameter or buffer (CPU for a stateless module). */
    public Device device() {
        for (Tensor t : stateDict().values()) return t.device();
        return Device.CPU;
    }

    // ------------------------------------------------------------------ printing

    /** One line describing this layer's configuration, e.g. {@code Conv2d(3, 32, kernel=3, stride=1)}. */
    protected String describe() {
        return getClass().getSimpleName();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        print(sb, "", "");
        return sb.toString();
    }

    private void print(StringBuilder sb, String indent, String name) {
        sb.append(indent).append(name.isEmpty() ? "" : "(" + name + "): ").append(describe());
        if (!children.isEmpty()) {
            sb.append(" {\n");
            children.forEach((n, c) -> {
                c.print(sb, indent + "  ", n);
                sb.append('\n');
            });
            sb.append(indent).append('}');
        }
    }
}
