package io.callosum.examples.cli;

import io.callosum.nn.data.Dataset;
import io.callosum.splitbrain.train.Pretrainer;
import io.callosum.splitbrain.train.TrainListener;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.function.Consumer;

/**
 * {@code pretrain --spark MASTER}: data-parallel pretraining on Apache Spark, handed to the spark module's
 * {@code PretrainerOnSpark}. Reached by reflection: Spark (hundreds of megabytes, and a Jackson version of its own)
 * stays out of the command line's jar and build, and the spark module's tests can run this command line without a
 * dependency cycle; the {@code callosum} launcher puts Spark and the spark module on the class path when --spark is given.
 */
final class SparkOptions {
    static final String ENTRY = "io.callosum.spark.PretrainerOnSpark";

    @Option(names = "--spark", paramLabel = "MASTER",
            description = "Pretrain data-parallel on Apache Spark 3.5: local[N] (N workers in this JVM) or a cluster's master URL "
                    + "(spark://host:7077, yarn, ...). Same checkpoints, resume and report; the ./callosum launcher adds Spark "
                    + "to the class path (see spark/README.md).")
    String master;

    @Option(names = "--spark-workers", paramLabel = "N",
            description = "With --spark: model replicas (Spark partitions), each on batch / N images per step (default: the N of local[N], else 2).")
    Integer workers;

    @Option(names = "--sync-every", paramLabel = "K", defaultValue = "1",
            description = "With --spark: local SGD steps per synchronisation round (default: ${DEFAULT-VALUE}, the same steps as one "
                    + "process; K > 1 syncs K times less often, a different trajectory; --steps then counts rounds).")
    int syncEvery;

    /** Whether --spark was given, after checking the options and, if it was, that Spark is on the class path. */
    boolean requested() {
        if (master == null && (workers != null || syncEvery != 1)) {
            throw new CliUsageException("--spark-workers and --sync-every apply to --spark runs only; add --spark MASTER");
        }
        if (workers != null && workers < 1) throw new CliUsageException("--spark-workers must be >= 1, got " + workers);
        if (syncEvery < 1) throw new CliUsageException("--sync-every must be >= 1, got " + syncEvery);
        if (master != null) entry();
        return master != null;
    }

    /** Runs p's remaining epochs on Spark, saying how on out; afterEpoch runs once p holds each epoch's result (checkpoints). */
    void pretrain(Pretrainer p, Dataset unlabelled, TrainListener listener, Runnable afterEpoch, PrintWriter out) throws Exception {
        Method train = entry().getMethod("train", Pretrainer.class, Dataset.class, String.class, int.class, int.class,
                TrainListener.class, Runnable.class, Consumer.class);
        try {
            train.invoke(null, p, unlabelled, master, workers == null ? 0 : workers, syncEvery, listener, afterEpoch, (Consumer<String>) out::println);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) throw cause;
            if (e.getCause() instanceof Error error) throw error;
            throw e;
        }
    }

    private static Class<?> entry() {
        ClassLoader loader = SparkOptions.class.getClassLoader();
        String missing;
        try {
            Class.forName("org.apache.spark.SparkContext", false, loader);
            return Class.forName(ENTRY, true, loader);
        } catch (ClassNotFoundException e) {
            missing = e.getMessage().startsWith("org.apache.spark") ? "Apache Spark 3.5 (Scala 2.13)" : "the callosum spark module";
        }
        throw new CliUsageException("--spark: " + missing + " is not on the class path; run pretrain through the ./callosum launcher "
                + "of the repository, which builds the spark module and adds Spark's jars from Maven when --spark is given "
                + "(see spark/README.md)");
    }
}
