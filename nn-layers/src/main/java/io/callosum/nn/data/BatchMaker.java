package io.callosum.nn.data;

import io.callosum.nn.data.transforms.Transform;
import io.callosum.tensor.Backends;
import io.callosum.tensor.Generator;
import io.callosum.tensor.Scope;
import io.callosum.tensor.Tensor;
import io.callosum.tensor.internal.TensorInternals;

import java.util.Arrays;

/** Builds batch b of an epoch: reads, transforms and stacks its items. Stateless apart from its inputs, so thread-safe. */
final class BatchMaker implements BatchFactory<Batch> {
    static final long TRANSFORM_STREAM = 0x7452414E53L;

    private final Dataset dataset;
    private final Transform transform;
    private final long seed;
    private final int batchSize;

    BatchMaker(Dataset dataset, Transform transform, long seed, int batchSize) {
        this.dataset = dataset;
        this.transform = transform;
        this.seed = seed;
        this.batchSize = batchSize;
    }

    @Override
    public Batch make(int epoch, int[] order, int batch) {
        int[] indices = BatchFactory.indices(dataset.name(), order, batch, batchSize);
        int n = indices.length;
        int[] labels = new int[n];
        float[] pixels = null;
        Image first = null;
        for (int k = 0; k < n; k++) {
            int index = indices[k];
            Image img;
            try {
                img = dataset.image(index);
                if (transform != null) img = transform.apply(img, new Generator(Seeds.mix(seed, TRANSFORM_STREAM, epoch, index)));
                labels[k] = dataset.label(index);
            } catch (RuntimeException e) {
                throw new DataLoaderException(where(index, epoch, batch) + ": " + e.getMessage(), e);
            }
            if (first == null) {
                first = img;
                long total = (long) n * img.data().length;
                if (total > Integer.MAX_VALUE - 8) {
                    throw new DataLoaderException(where(index, epoch, batch) + ": a batch of " + n + " images of shape "
                            + Arrays.toString(img.shape()) + " exceeds the largest array; use a smaller batch", null);
                }
                pixels = new float[(int) total];
            } else if (!img.sameShape(first)) {
                throw new DataLoaderException(where(index, epoch, batch) + ": image of shape " + Arrays.toString(img.shape())
                        + " cannot be stacked with the batch's first image, of shape " + Arrays.toString(first.shape())
                        + "; add a Resize or crop transform", null);
            }
            System.arraycopy(img.data(), 0, pixels, k * img.data().length, img.data().length);
        }
        Tensor images = TensorInternals.wrap(Backends.cpu().fromFloats(pixels), n, first.channels(), first.height(), first.width());
        Tensor labelTensor = TensorInternals.wrap(Backends.cpu().fromInts(labels), n);
        // The batch belongs to the caller, not to whatever scope is open on the thread that happened to build it.
        Scope.escape(images);
        Scope.escape(labelTensor);
        return new Batch(images, labelTensor, indices);
    }

    private String where(int index, int epoch, int batch) {
        return "DataLoader over " + dataset.name() + ": item " + index + " (epoch " + epoch + ", batch " + batch + ")";
    }
}
