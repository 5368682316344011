package io.callosum.nn.data;

import io.callosum.tensor.Scope;
import io.callosum.tensor.Shape;
import io.callosum.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Samples that are rows of tensors sharing dim 0, as PyTorch's {@code TensorDataset}: sample i is row i of every
 * tensor (inputs, targets, weights, … of any dtype and shape). Batch it with a {@link SampleLoader} and
 * {@link #stack()}, or with a collate of your own. The tensors must stay open while the dataset is read.
 */
public final class TensorDataset implements Samples<List<Tensor>> {
    private final List<Tensor> tensors;
    private final int size;

    /** Rows of these tensors; all need at least one dimension and the same size along it. */
    public TensorDataset(Tensor... tensors) {
        if (tensors == null || tensors.length == 0) throw new IllegalArgumentException("TensorDataset: needs at least one tensor");
        for (Tensor t : tensors) {
            if (t == null) throw new IllegalArgumentException("TensorDataset: a tensor is null");
            if (t.dim() < 1) throw new IllegalArgumentException("TensorDataset: every tensor needs a dim 0, got shapes " + shapes(tensors));
        }
        for (Tensor t : tensors) {
            if (t.size(0) != tensors[0].size(0)) {
                throw new IllegalArgumentException("TensorDataset: every tensor needs the same size in dim 0, got shapes " + shapes(tensors));
            }
        }
        this.tensors = List.of(tensors);
        this.size = tensors[0].size(0);
    }

    private static String shapes(Tensor[] tensors) {
        return Arrays.stream(tensors).map(t -> t == null ? "null" : Shape.str(t.shape())).collect(Collectors.joining(", "));
    }

    @Override
    public int size() {
        return size;
    }

    /** Row index of every tensor, as views (no copy). */
    @Override
    public List<Tensor> get(int index) {
        if (index < 0 || index >= size) throw new IndexOutOfBoundsException(name() + ": index " + index + " is outside 0.." + (size - 1));
        List<Tensor> row = new ArrayList<>(tensors.size());
        for (Tensor t : tensors) row.add(t.select(0, index));
        return row;
    }

    /** The tensors the samples are rows of. */
    public List<Tensor> tensors() {
        return tensors;
    }

    @Override
    public String name() {
        return "TensorDataset(" + shapes(tensors.toArray(new Tensor[0])) + ")";
    }

    /** PyTorch's default collate for tuples of tensors: stacks the i-th tensor of every sample into a new dim 0. */
    public static Collate<List<Tensor>, TensorBatch> stack() {
        return samples -> {
            int width = samples.get(0).size();
            List<Tensor> stacked = new ArrayList<>(width);
            for (int i = 0; i < width; i++) {
                List<Tensor> column = new ArrayList<>(samples.size());
                for (List<Tensor> s : samples) column.add(s.get(i));
                stacked.add(Scope.escape(Tensor.stack(column, 0)));
            }
            return new TensorBatch(stacked);
        };
    }
}
