package io.callosum.spark;

import io.callosum.nn.Module;
import io.callosum.tensor.Device;
import io.callosum.tensor.Grad;
import io.callosum.tensor.Scope;
import io.callosum.tensor.Tensor;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One worker's share of a round, run as a Spark task on its partition: load the broadcast parameters and buffers into
 * the executor's replica, take K local steps (plain SGD at the round's learning rate between them, none after the
 * last), and return the sum of the K gradients and the final buffers, weighted by the batch size. With K = 1 that is
 * exactly the worker's gradient at the driver's parameters. Nothing survives the task but the cached replica object,
 * whose every value is overwritten at the start, so a retried task returns what the failed one would have.
 */
final class WorkerRound implements FlatMapFunction<Iterator<Tuple2<Integer, Sample>>, RoundResult> {
    /**
     * One replica per (partition, device) in each executor JVM, built once per run and reloaded every round; a new
     * run replaces (and frees) the previous run's, so a long-lived executor holds one model per partition it serves.
     */
    private static final Map<String, RunReplica> REPLICAS = new ConcurrentHashMap<>();

    private record RunReplica(String runId, Replica replica) {
    }

    private final String runId;
    private final ReplicaFactory factory;
    private final ShardPlan plan;
    private final Broadcast<RoundInput> input;

    WorkerRound(String runId, ReplicaFactory factory, ShardPlan plan, Broadcast<RoundInput> input) {
        this.runId = runId;
        this.factory = factory;
        this.plan = plan;
        this.input = input;
    }

    @Override
    public Iterator<RoundResult> call(Iterator<Tuple2<Integer, Sample>> partition) {
        long start = System.nanoTime();
        List<Sample> samples = new ArrayList<>();
        while (partition.hasNext()) samples.add(partition.next()._2());
        int part = TaskContext.get() != null ? TaskContext.getPartitionId() : 0;
        Device device = TaskDevice.current();
        Replica replica = REPLICAS.compute(part + "/" + device, (k, held) -> {
            if (held != null && held.runId().equals(runId)) return held;
            if (held != null) held.replica().model().close();
            return new RunReplica(runId, factory.create(device));
        }).replica();
        synchronized (replica) {
            return List.of(run(replica, device, part, samples, input.value(), start)).iterator();
        }
    }

    private RoundResult run(Replica replica, Device device, int part, List<Sample> samples, RoundInput in, long start) {
        Module model = replica.model();
        List<Tensor> params = model.parameters();
        List<Tensor> buffers = new ArrayList<>(model.namedBuffers().values());
        FlatState.load(params, in.params());
        FlatState.load(buffers, in.buffers());
        model.train();
        int b = plan.batchPerWorker(), k = plan.syncEvery();
        float[] gradSum = new float[in.params().length];
        double lossSum = 0;
        for (int step = 0; step < k; step++) {
            int[] local = plan.localBatch(part, samples.size(), in.epoch(), in.round(), step);
            try (Scope s = Scope.open()) {
                Tensor[] batch = stack(samples, local);
                model.zeroGrad();
                Tensor loss = replica.step().forward(batch[0].to(device), batch[1].to(device), in.globalStep() * k + step).loss();
                lossSum += b * loss.item();
                loss.backward();
                int at = 0;
                for (Tensor p : params) {
                    Tensor g = p.grad();
                    if (g != null) {
                        float[] v = g.toFloatArray();
                        for (int i = 0; i < v.length; i++) gradSum[at + i] += b * v[i];
                    }
                    at += p.numel();
                }
                if (step < k - 1) localSgd(params, in.lr());
            }
        }
        float[] bufferSum = FlatState.flatten(buffers);
        for (int i = 0; i < bufferSum.length; i++) bufferSum[i] *= b;
        return new RoundResult(gradSum, bufferSum, lossSum, b, (long) b * k, System.nanoTime() - start);
    }

    private static void localSgd(List<Tensor> params, double lr) {
        try (Grad.Guard g = Grad.disabled()) {
            for (Tensor p : params) if (p.grad() != null) p.addInPlace(p.grad(), -lr);
        }
    }

    /** Images [b, C, H, W] and labels [b] of the given local indices. */
    static Tensor[] stack(List<Sample> samples, int[] local) {
        Sample first = samples.get(local[0]);
        int per = first.pixels().length;
        float[] pixels = new float[local.length * per];
        int[] labels = new int[local.length];
        for (int i = 0; i < local.length; i++) {
            Sample s = samples.get(local[i]);
            if (s.pixels().length != per) {
                throw new IllegalArgumentException("WorkerRound: images of different sizes in one batch (" + per + " and "
                        + s.pixels().length + " values); decode them to one size");
            }
            System.arraycopy(s.pixels(), 0, pixels, i * per, per);
            labels[i] = s.label();
        }
        return new Tensor[]{Tensor.of(pixels, local.length, first.channels(), first.height(), first.width()), Tensor.of(labels, local.length)};
    }
}
