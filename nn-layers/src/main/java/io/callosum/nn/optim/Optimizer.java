package io.callosum.nn.optim;

import io.callosum.tensor.Grad;
import io.callosum.tensor.Scope;
import io.callosum.tensor.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Updates a fixed list of parameters from their gradients. Subclasses implement {@link #update} for one parameter;
 * the base class runs it under no-grad in a scope (temporaries are freed each step), skips parameters without a
 * gradient (as PyTorch), and keeps per-parameter state tensors by name so a checkpoint can save and restore them.
 * Closing an optimizer frees that state (the parameters belong to the model).
 */
public abstract class Optimizer implements AutoCloseable {
    private final List<Tensor> params;
    private final List<Map<String, Tensor>> state = new ArrayList<>();
    private double lr;
    private long steps;

    /** An optimizer over params (leaves that require grad) at learning rate lr. */
    protected Optimizer(List<Tensor> params, double lr) {
        if (params == null || params.isEmpty()) throw new IllegalArgumentException(name() + ": empty parameter list");
        if (!(lr >= 0)) throw new IllegalArgumentException(name() + ": learning rate must be >= 0, got " + lr);
        for (Tensor p : params) {
            if (!p.requiresGrad() || !p.isLeaf()) {
                throw new IllegalArgumentException(name() + ": every parameter must be a leaf that requires grad");
            }
        }
        this.params = List.copyOf(params);
        for (int i = 0; i < params.size(); i++) state.add(new LinkedHashMap<>());
        this.lr = lr;
    }

    /** Fails naming the optimizer, the setting and the value unless {@code lo <= v <= hi}. */
    protected static void checkRange(String opt, String what, double v, double lo, double hi) {
        if (!(v >= lo && v <= hi)) throw new IllegalArgumentException(opt + ": " + what + " must be in [" + lo + ", " + hi + "], got " + v);
    }

    /** The optimizer's name, for messages and checkpoints. */
    public String name() {
        return getClass().getSimpleName();
    }

    /** Applies one update to every parameter that has a gradient. */
    public void step() {
        steps++;
        try (Grad.Guard g = Grad.disabled(); Scope s = Scope.open()) {
            for (int i = 0; i < params.size(); i++) {
                Tensor p = params.get(i);
                if (p.grad() == null) continue;
                update(p, p.grad(), state.get(i));
            }
        }
    }

    /**
     * Updates p in place from its gradient. State tensors created here must go through {@link #newState} so they
     * outlive the step's scope.
     */
    protected abstract void update(Tensor p, Tensor grad, Map<String, Tensor> state);

    /** A zero state tensor shaped like p, owned by the optimizer. */
    protected static Tensor newState(Map<String, Tensor> state, String key, Tensor p) {
        return state.computeIfAbsent(key, k -> Scope.escape(Tensor.zeros(p.device(), p.dtype(), p.shape())));
    }

    /** Drops every parameter's gradient, before the next backward pass. */
    public void zeroGrad() {
        for (Tensor p : params) p.zeroGrad();
    }

    /** The current learning rate. */
    public double lr() {
        return lr;
    }

    /** Changes the learning rate (schedules call this). */
    public void setLr(double lr) {
        if (!(lr >= 0)) throw new IllegalArgumentException(name() + ": learning rate must be >= 0, got " + lr);
        this.lr = lr;
    }

    /** Number of {@link #step()} calls so far (restored from checkpoints). */
    public long steps() {
        return steps;
    }

    /** The parameters this optimizer updates. */
    public List<Tensor> params() {
        return params;
    }

    /**
     * Per-parameter state flattened to "index.key" (e.g. {@code 3.exp_avg}, {@code 3.step}) — PyTorch's optimizer
     * state_dict layout — for checkpoints. The tensors are the live state.
     */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (int i = 0; i < state.size(); i++) {
            final int idx = i;
            state.get(i).forEach((k, t) -> out.put(idx + "." + k, t));
        }
        return out;
    }

    /**
     * Restores state saved by {@link #stateDict()}, after checking every entry (index range, known key, shape) so a
     * bad map changes nothing.
     */
    public void loadStateDict(Map<String, Tensor> saved, long steps) {
        Map<Integer, Map<String, Tensor>> parsed = parseStateDict(saved);
        try (Grad.Guard g = Grad.disabled()) {
            for (int i = 0; i < state.size(); i++) {
                Map<String, Tensor> fresh = new LinkedHashMap<>();
                Tensor p = params.get(i);
                parsed.getOrDefault(i, Map.of()).forEach((key, t) -> {
                    Tensor copy = Scope.escape(Tensor.zeros(p.device(), t.dtype(), t.shape()));
                    copy.copyFrom(t.device().equals(p.device()) ? t : t.to(p.device()));
                    fresh.put(key, copy);
                });
                state.set(i, fresh);
            }
        }
        this.steps = steps;
    }

    /**
     * Checks that {@link #loadStateDict} would accept the state, without changing anything (throws the same
     * exception), so a caller restoring a model and an optimizer can check both before writing either.
     */
    public void checkStateDict(Map<String, Tensor> saved) {
        parseStateDict(saved);
    }

    private Map<Integer, Map<String, Tensor>> parseStateDict(Map<String, Tensor> saved) {
        List<String> problems = new ArrayList<>();
        Map<Integer, Map<String, Tensor>> parsed = new LinkedHashMap<>();
        saved.forEach((k, t) -> {
            int dot = k.indexOf('.');
            int idx;
            try {
                idx = dot < 0 ? -1 : Integer.parseInt(k.substring(0, dot));
            } catch (NumberFormatException e) {
                idx = -1;
            }
            if (idx < 0 || idx >= params.size()) {
                problems.add("'" + k + "': no parameter with that index (optimizer has " + params.size() + ")");
            } else if (!java.util.Arrays.equals(t.shape(), params.get(idx).shape()) && !isScalarStateKey(k.substring(dot + 1))) {
                problems.add("'" + k + "': shape " + io.callosum.tensor.Shape.str(t.shape()) + " vs parameter "
                        + io.callosum.tensor.Shape.str(params.get(idx).shape()));
            } else {
                parsed.computeIfAbsent(idx, x -> new LinkedHashMap<>()).put(k.substring(dot + 1), t);
            }
        });
        if (!problems.isEmpty()) throw new IllegalArgumentException(name() + ".loadStateDict: " + String.join("; ", problems));
        return parsed;
    }

    /** Frees the per-parameter state (moments, momentum buffers); a later step starts it afresh, as on step 1. */
    @Override
    public void close() {
        for (Map<String, Tensor> st : state) {
            st.values().forEach(Tensor::close);
            st.clear();
        }
    }

    /** State keys holding a scalar rather than a parameter-shaped tensor. */
    protected boolean isScalarStateKey(String key) {
        return false;
    }
}
