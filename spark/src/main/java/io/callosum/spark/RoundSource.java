package io.callosum.spark;

import io.callosum.nn.data.Batch;
import io.callosum.nn.data.BatchSource;
import io.callosum.tensor.Tensor;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The driver's side of the data: one placeholder batch per round, whose labels carry (epoch, round) for
 * {@link SparkTrainer}'s step and whose size is the examples the round trains on, so the Trainer's counters and
 * images per second are those of the cluster. The examples themselves stay on the workers.
 */
final class RoundSource implements BatchSource {
    private final int rounds;
    private final int examplesPerRound;

    RoundSource(int rounds, int examplesPerRound) {
        this.rounds = rounds;
        this.examplesPerRound = examplesPerRound;
    }

    @Override
    public Iterable<Batch> epoch(int epoch) {
        return () -> new Iterator<>() {
            private int round;

            @Override
            public boolean hasNext() {
                return round < rounds;
            }

            @Override
            public Batch next() {
                if (!hasNext()) throw new NoSuchElementException("RoundSource: epoch " + epoch + " has " + rounds + " rounds");
                int[] where = {epoch, round++};
                return new Batch(Tensor.zeros(1), Tensor.of(where, 2), new int[examplesPerRound]);
            }
        };
    }

    @Override
    public int batchesPerEpoch() {
        return rounds;
    }
}
