package io.callosum.nn.optim;

import io.callosum.tensor.Tensor;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The optimizers a configuration or a command line can name, each with the one setting it is used at beyond lr and
 * weight decay: ADAM (β = 0.9, 0.999), ADAMW (the same, decoupled decay) and SGD (momentum 0.9). A name typed by a
 * user goes through {@link #parse}, so an unknown name fails listing the known ones.
 */
public enum OptimizerKind {
    /** {@link Adam} with β = (0.9, 0.999), ε = 1e-8 and L2 weight decay. */
    ADAM {
        @Override
        public Optimizer create(List<Tensor> params, double lr, double weightDecay) {
            return Adam.builder(params).lr(lr).weightDecay(weightDecay).build();
        }
    },
    /** {@link AdamW}: Adam's defaults with decoupled weight decay. */
    ADAMW {
        @Override
        public Optimizer create(List<Tensor> params, double lr, double weightDecay) {
            return AdamW.builder(params).lr(lr).weightDecay(weightDecay).build();
        }
    },
    /** {@link SGD} with momentum 0.9, no dampening, no Nesterov. */
    SGD {
        @Override
        public Optimizer create(List<Tensor> params, double lr, double weightDecay) {
            return io.callosum.nn.optim.SGD.builder(params).lr(lr).momentum(0.9).weightDecay(weightDecay).build();
        }
    };

    /** A new optimizer of this kind over params at the given learning rate and weight decay. */
    public abstract Optimizer create(List<Tensor> params, double lr, double weightDecay);

    /** The lower-case name a user types ("adam", "adamw", "sgd"), as configurations store it. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind named by text, ignoring case; fails naming the text and the known names. */
    public static OptimizerKind parse(String text) {
        if (text != null) {
            for (OptimizerKind k : values()) if (k.id().equalsIgnoreCase(text.trim())) return k;
        }
        throw new IllegalArgumentException("unknown optimizer '" + text + "': expected one of "
                + Arrays.stream(values()).map(OptimizerKind::id).collect(Collectors.joining(", ")));
    }
}
