package io.callosum.spark;

import io.callosum.nn.Module;
import io.callosum.nn.train.NonFinitePolicy;
import io.callosum.nn.train.TrainStep;
import io.callosum.nn.train.Trainer;
import io.callosum.tensor.Device;
import io.callosum.tensor.Tensor;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One worker's share of a round, run as a Spark task on its partition: load the broadcast parameters and buffers into
 * the executor's replica, take K local steps through a {@link Trainer} over the round's {@link LocalBatches} (its
 * {@link LocalSgd} optimizer moves by plain SGD at the round's learning rate between them, none after the last), and
 * return the sum of the K gradients and the final buffers, weighted by the batch size. With K = 1 that is
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
        int b = plan.batchPerWorker(), k = plan.syncEvery();
        LocalSgd sgd = new LocalSgd(params, in.lr(), b, k);
        TrainStep step = (images, labels, local) -> replica.step().forward(images, labels, in.globalStep() * k + local);
        // SKIP, then poison the result: the driver's own Trainer applies the run's policy to a non-finite round
        Trainer local = Trainer.builder(model, sgd, step).phase("spark worker " + part).device(device)
                .onNonFinite(NonFinitePolicy.SKIP).build();
        local.fit(new LocalBatches(samples, plan, part, in));
        float[] gradSum = sgd.gradientSum();
        double lossSum = 0;
        for (double loss : local.stepLosses()) lossSum += b * loss;
        if (local.skippedSteps() > 0) {
            Arrays.fill(gradSum, Float.NaN);
            lossSum = Double.NaN;
        }
        float[] bufferSum = FlatState.flatten(buffers);
        for (int i = 0; i < bufferSum.length; i++) bufferSum[i] *= b;
        return new RoundResult(gradSum, bufferSum, lossSum, b, (long) b * k, System.nanoTime() - start);
    }
}
