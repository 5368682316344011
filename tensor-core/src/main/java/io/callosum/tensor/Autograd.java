package io.callosum.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reverse-mode engine: ops call {@link #record} after computing their output, and {@link #backward} walks the
 * recorded graph from a root in reverse topological order, summing gradients at fan-out and accumulating them into
 * the leaves' {@code .grad()}.
 */
public final class Autograd {
    private Autograd() {
    }

    /**
     * Attaches a backward rule to an op's output when gradients are being recorded and any input requires them.
     * Returns {@code out} for chaining. The rule receives the output gradient and returns one gradient per input,
     * each with that input's shape (or null).
     *
     * @param op the op's name, shown by {@link Tensor#gradFnName()} and in errors
     * @param out the op's output, computed without recording
     * @param fn the backward rule, written with ops so that it can itself be differentiated
     * @param inputs the op's inputs, in the order fn returns their gradients (null entries allowed)
     * @return out
     * @throws IllegalStateException if out is an integer tensor while an input requires grad
     */
    public static Tensor record(String op, Tensor out, Node.BackwardFn fn, Tensor... inputs) {
        if (Anomaly.isEnabled() && !Anomaly.checking()) Anomaly.checkForward(op, out, inputs);
        if (!Grad.isEnabled()) return out;
        boolean any = false;
        for (Tensor t : inputs) {
            if (t != null && t.requiresGrad()) {
                any = true;
                break;
            }
        }
        if (!any) return out;
        if (!out.dtype().isFloating()) {
            throw new IllegalStateException(op + ": produced a " + out.dtype() + " tensor from inputs that require grad; integer results cannot carry gradients");
        }
        out.setGradFn(new Node(op, inputs.clone(), fn, out.shape()));
        return out;
    }

    /**
     * True when gradients should be computed for t (used by backward rules to skip work).
     *
     * @param t an input, or null
     * @return whether t requires grad
     */
    public static boolean needs(Tensor t) {
        return t != null && t.requiresGrad();
    }

    static void backward(Tensor root, Tensor gradient, boolean retainGraph, boolean createGraph) {
        root.checkOpen("backward");
        if (!root.requiresGrad()) {
            throw new IllegalStateException("backward: tensor " + Shape.str(root.shape())
                    + " does not require grad and has no grad_fn; call requiresGrad(true) on a leaf it depends on"
                    + " (or the graph was built under Grad.disabled())");
        }
        Tensor seed = seedGradient("backward", root, gradient);
        run(root, seed, retainGraph, createGraph, null);
    }

    static Tensor[] grad(Tensor output, Tensor gradOutput, boolean createGraph, boolean allowUnused, Tensor[] inputs) {
        output.checkOpen("grad");
        if (!output.requiresGrad()) {
            throw new IllegalStateException("grad: output " + Shape.str(output.shape()) + " does not require grad");
        }
        Map<Object, Tensor> capture = new IdentityHashMap<>();
        for (Tensor in : inputs) {
            if (!in.requiresGrad()) {
                throw new IllegalArgumentException("grad: input " + Shape.str(in.shape()) + " does not require grad");
            }
            capture.put(in.gradFn() != null ? in.gradFn() : in, null);
        }
        Tensor seed = seedGradient("grad", output, gradOutput);
        run(output, seed, true, createGraph, capture);
        Tensor[] result = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            Tensor g = capture.get(inputs[i].gradFn() != null ? inputs[i].gradFn() : inputs[i]);
            if (g == null && !allowUnused) {
                throw new IllegalArgumentException("grad: input " + i + " (" + inputs[i].describe() + ") is not used to compute the output"
                        + " (no path from it in the graph); pass allowUnused = true to get null for it");
            }
            result[i] = g;
        }
        return result;
    }

    private static Tensor seedGradient(String op, Tensor root, Tensor gradient) {
        if (gradient == null) {
            if (root.numel() != 1) {
                throw new IllegalArgumentException(op + ": a gradient can be created implicitly only for scalar outputs; got shape "
                        + Shape.str(root.shape()) + " — pass backward(gradient) with that shape");
            }
            return Tensor.full(root.device(), root.dtype(), 1.0, root.shape());
        }
        if (!Shape.equal(gradient.shape(), root.shape())) {
            throw new IllegalArgumentException(op + ": gradient shape " + Shape.str(gradient.shape())
                    + " differs from output shape " + Shape.str(root.shape()));
        }
        if (!gradient.device().equals(root.device())) {
            throw new IllegalArgumentException(op + ": gradient is on " + gradient.device() + " but the output is on " + root.device());
        }
        return gradient;
    }

    /**
     * Runs the graph below root. With capture == null, leaf gradients are accumulated into .grad(); otherwise the
     * total gradient reaching each captured leaf tensor or node is stored in the map and no .grad() is touched.
     */
    private static void run(Tensor root, Tensor seed, boolean retainGraph, boolean createGraph, Map<Object, Tensor> capture) {
        Node rootNode = root.gradFn();
        if (rootNode == null) {
            deliverToLeaf(root, seed, createGraph, capture);
            return;
        }
        // A plain backward owns every gradient it creates (leaves and retained tensors get copies), so it frees each
        // one as soon as nothing pending refers to it: the buffers go back to the pool while backward still runs
        // and the next layer's gradients reuse them, instead of all of them living until the caller's scope ends.
        // grad() hands its results to the caller and a create-graph backward builds a graph from them: both keep all.
        boolean freeEagerly = capture == null && !createGraph;
        try (Scope pass = freeEagerly ? Scope.open() : null) {
            walk(rootNode, seed, retainGraph, createGraph, capture, pass);
        }
    }

    private static void walk(Node rootNode, Tensor seed, boolean retainGraph, boolean createGraph, Map<Object, Tensor> capture,
                             Scope pass) {
        Map<Node, Integer> dependents = countDependents(rootNode);
        Map<Node, Boolean> leadsToCapture = capture == null ? null : leadingTo(rootNode, capture);
        Map<Node, Tensor> pending = new IdentityHashMap<>();
        pending.put(rootNode, seed);
        ArrayDeque<Node> ready = new ArrayDeque<>();
        ready.add(rootNode);
        List<Tensor> spent = new ArrayList<>();
        try (Grad.Guard g = Grad.set(createGraph)) {
            while (!ready.isEmpty()) {
                Node node = ready.poll();
                Tensor gOut = pending.remove(node);
                if (node.retained() != null && capture == null) storeRetained(node.retained(), gOut);
                if (capture != null && capture.containsKey(node)) capture.put(node, gOut);
                Tensor[] inputs = node.inputs();
                Tensor[] grads = leadsToCapture == null || inputsLead(node, leadsToCapture, capture)
                        ? applyRule(node, gOut, pass) : new Tensor[inputs.length];
                if (grads.length != inputs.length) {
                    throw new IllegalStateException(node.op() + ": backward returned " + grads.length + " gradients for " + inputs.length + " inputs");
                }
                if (Anomaly.isEnabled()) Anomaly.checkBackward(node.op(), grads, inputs);
                if (pass != null) spent.add(gOut);
                for (int i = 0; i < inputs.length; i++) {
                    Tensor in = inputs[i];
                    Tensor gi = grads[i];
                    if (in == null || !in.requiresGrad()) continue;
                    if (gi != null && !Shape.equal(gi.shape(), in.shape())) {
                        throw new IllegalStateException(node.op() + ": backward produced a gradient of shape " + Shape.str(gi.shape())
                                + " for input " + i + " of shape " + Shape.str(in.shape()));
                    }
                    // A float32 input of an op that computed in float64 (promotion) gets a float32 gradient, as in PyTorch.
                    if (gi != null && gi.dtype() != in.dtype()) gi = gi.to(in.dtype());
                    Node child = in.gradFn();
                    if (child == null) {
                        if (gi != null) deliverToLeaf(in, gi, createGraph, capture);
                        continue;
                    }
                    if (gi != null && (leadsToCapture == null || leadsToCapture.get(child))) {
                        Tensor prev = pending.get(child);
                        if (prev == null) {
                            pending.put(child, gi);
                        } else {
                            pending.put(child, prev.add(gi));
                            if (pass != null) {
                                spent.add(prev);
                                spent.add(gi);
                            }
                        }
                    }
                    int left = dependents.merge(child, -1, Integer::sum);
                    if (left == 0) {
                        if (pending.containsKey(child)) ready.add(child);
                        else skipSubgraph(child, dependents, pending, ready, retainGraph);
                    }
                }
                if (pass != null) {
                    for (Tensor t : grads) if (t != null) spent.add(t);
                    freeSpent(spent, pending, pass);
                    spent.clear();
                }
                if (!retainGraph) node.release();
            }
        }
    }

    /** Runs a node's rule; in a freeing pass, inside its own scope so that the rule's temporaries go at once. */
    private static Tensor[] applyRule(Node node, Tensor gOut, Scope pass) {
        if (pass == null) return Anomaly.isEnabled() ? Anomaly.runBackwardRule(node.fn(), gOut) : node.fn().apply(gOut);
        try (Scope rule = Scope.open()) {
            Tensor[] grads = Anomaly.isEnabled() ? Anomaly.runBackwardRule(node.fn(), gOut) : node.fn().apply(gOut);
            for (Tensor t : grads) if (t != null) rule.keep(t);
            return grads;
        }
    }

    /**
     * Closes the gradients this pass created that nothing pending refers to any more. A tensor the pass did not create
     * (the caller's seed, a forward tensor a rule handed back) is never closed; a view keeps its storage alive.
     */
    private static void freeSpent(List<Tensor> spent, Map<Node, Tensor> pending, Scope pass) {
        for (Tensor t : spent) {
            if (t.owner != pass || t.isClosed() || isPending(t, pending)) continue;
            t.close();
        }
    }

    private static boolean isPending(Tensor t, Map<Node, Tensor> pending) {
        for (Tensor p : pending.values()) if (p == t) return true;
        return false;
    }

    /** A node none of whose consumers sent a gradient: its own inputs get nothing from it either. */
    private static void skipSubgraph(Node node, Map<Node, Integer> dependents, Map<Node, Tensor> pending,
                                     ArrayDeque<Node> ready, boolean retainGraph) {
        ArrayDeque<Node> stack = new ArrayDeque<>();
        stack.push(node);
        while (!stack.isEmpty()) {
            Node n = stack.pop();
            for (Tensor in : n.inputs()) {
                if (in == null || in.gradFn() == null) continue;
                Node c = in.gradFn();
                int left = dependents.merge(c, -1, Integer::sum);
                if (left == 0) {
                    if (pending.containsKey(c)) ready.add(c);
                    else stack.push(c);
                }
            }
            if (!retainGraph) n.release();
        }
    }

    /**
     * For grad(): whether each node below root leads to a captured node or leaf. The walk sends no gradient into a
     * node that does not, so no rule runs for the part of the graph below the inputs asked for (as in PyTorch) —
     * which also lets a backward rule call grad() on a composition of its own input without differentiating
     * everything that input came from.
     */
    private static Map<Node, Boolean> leadingTo(Node root, Map<Object, Tensor> capture) {
        Map<Node, Boolean> memo = new IdentityHashMap<>();
        ArrayDeque<Node> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            Node n = stack.peek();
            if (memo.containsKey(n)) {
                stack.pop();
                continue;
            }
            boolean inputsDone = true;
            for (Tensor in : n.inputs()) {
                Node c = in == null ? null : in.gradFn();
                if (c != null && !memo.containsKey(c)) {
                    stack.push(c);
                    inputsDone = false;
                }
            }
            if (!inputsDone) continue;
            stack.pop();
            boolean leads = capture.containsKey(n);
            for (Tensor in : n.inputs()) {
                if (in == null) continue;
                Node c = in.gradFn();
                if (c == null ? capture.containsKey(in) : memo.get(c)) leads = true;
            }
            memo.put(n, leads);
        }
        return memo;
    }

    /** Whether any input of a node is, or leads to, a captured node or leaf (a captured node's own rule runs only then). */
    private static boolean inputsLead(Node node, Map<Node, Boolean> leadsToCapture, Map<Object, Tensor> capture) {
        for (Tensor in : node.inputs()) {
            if (in == null) continue;
            Node c = in.gradFn();
            if (c == null ? capture.containsKey(in) : leadsToCapture.get(c)) return true;
        }
        return false;
    }

    /** Counts, for every node reachable from root, how many edges from other reachable nodes point at it. */
    private static Map<Node, Integer> countDependents(Node root) {
        Map<Node, Integer> deps = new IdentityHashMap<>();
        deps.put(root, 0);
        ArrayDeque<Node> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            Node n = stack.pop();
            if (n.isReleased()) {
                throw new IllegalStateException("backward: the graph through '" + n.op() + "' was already freed by an earlier backward();"
                        + " pass retainGraph=true to the first backward to run through it again");
            }
            for (Tensor in : n.inputs()) {
                if (in == null) continue;
                in.checkOpen("backward through '" + n.op() + "'");
                Node c = in.gradFn();
                if (c == null) continue;
                Integer prev = deps.get(c);
                deps.put(c, prev == null ? 1 : prev + 1);
                if (prev == null) stack.push(c);
            }
        }
        return deps;
    }

    private static void deliverToLeaf(Tensor leaf, Tensor g, boolean createGraph, Map<Object, Tensor> capture) {
        if (capture != null) {
            if (capture.containsKey(leaf)) {
                Tensor prev = capture.get(leaf);
                capture.put(leaf, prev == null ? g : prev.add(g));
            }
            return;
        }
        if (!leaf.requiresGrad()) return;
        Tensor prev = leaf.grad();
        if (createGraph) {
            leaf.setGrad(Scope.escape(prev == null ? g : prev.add(g)));
            return;
        }
        try (Grad.Guard ng = Grad.disabled()) {
            if (prev == null) {
                // Own the gradient: g may be shared with other inputs of the same op (add returns g twice).
                leaf.setGrad(Scope.escape(g.copy()));
            } else if (prev.requiresGrad()) {
                leaf.setGrad(Scope.escape(prev.detach().add(g)));
            } else {
                prev.addInPlace(g);
            }
        }
    }

    private static void storeRetained(Tensor t, Tensor g) {
        if (t.isClosed()) return;
        try (Grad.Guard ng = Grad.disabled()) {
            Tensor prev = t.grad();
            t.setGrad(Scope.escape(prev == null ? g.copy() : prev.add(g)));
        }
    }

    /**
     * Op names from root to leaves, for debugging and error messages.
     *
     * @param root the tensor to start from
     * @return the names of the ops it was computed with, each node once, empty for a leaf
     */
    public static List<String> describeGraph(Tensor root) {
        List<String> out = new ArrayList<>();
        if (root.gradFn() == null) return out;
        ArrayDeque<Node> stack = new ArrayDeque<>();
        Map<Node, Boolean> seen = new IdentityHashMap<>();
        stack.push(root.gradFn());
        while (!stack.isEmpty()) {
            Node n = stack.pop();
            if (seen.put(n, true) != null) continue;
            out.add(n.op());
            if (n.inputs() == null) continue;
            for (Tensor in : n.inputs()) if (in != null && in.gradFn() != null) stack.push(in.gradFn());
        }
        return out;
    }
}
