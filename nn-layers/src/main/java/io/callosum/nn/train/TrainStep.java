package io.callosum.nn.train;

import io.callosum.nn.Module;
import io.callosum.nn.losses.Loss;
import io.callosum.tensor.Tensor;

/**
 * One batch's forward pass: the loss to minimise (recorded for backward), and optionally the logits that training
 * metrics score. Anything with a loss fits: a classifier's cross-entropy, split-brain's two-half loss, a denoising
 * autoencoder's reconstruction error.
 */
@FunctionalInterface
public interface TrainStep {
    /** Inputs and labels are already on the training device; step counts the batches drawn so far (0-based). */
    Output forward(Tensor inputs, Tensor labels, long step);

    /** The step's loss and, when training metrics are wanted, the logits [N, C] they are computed from (else null). */
    record Output(Tensor loss, Tensor logits) {
    }

    /** A loss of inputs, labels and step. */
    @FunctionalInterface
    interface LossFunction {
        /** The loss of one batch at global step step, to be minimised. */
        Tensor loss(Tensor inputs, Tensor labels, long step);
    }

    /** A step that returns only a loss (no training metrics). */
    static TrainStep of(LossFunction f) {
        return (inputs, labels, step) -> new Output(f.loss(inputs, labels, step), null);
    }

    /** A classifier's step: logits = model(inputs), loss = criterion(logits, labels); the logits feed the metrics. */
    static TrainStep classifier(Module model, Loss criterion) {
        return (inputs, labels, step) -> {
            Tensor logits = model.forward(inputs);
            return new Output(criterion.apply(logits, labels), logits);
        };
    }
}
