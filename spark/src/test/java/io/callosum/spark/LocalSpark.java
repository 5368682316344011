package io.callosum.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * One Spark context for the whole test JVM (starting one costs seconds): local[2,3] runs two task threads and lets a
 * failed task be retried up to three times, as a cluster would.
 */
final class LocalSpark {
    /**
     * Why the Spark tests run on JDK 17–22 only: Spark 3.5's Hadoop client asks {@code Subject.getSubject}, which JDK 23+
     * refuses (UnsupportedOperationException) when a SparkContext starts.
     */
    static final String JDK_LIMIT = "Spark 3.5 (Hadoop 3.3's UserGroupInformation) cannot start a SparkContext on JDK 23+: "
            + "Subject.getSubject is unsupported there; the module's tests run on JDK 17";

    private static JavaSparkContext context;

    private LocalSpark() {
    }

    static synchronized JavaSparkContext context() {
        if (context == null) {
            SparkConf conf = new SparkConf().setMaster("local[2,3]").setAppName("callosum-spark-tests")
                    .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                    .set("spark.driver.bindAddress", "127.0.0.1").set("spark.sql.shuffle.partitions", "2");
            context = new JavaSparkContext(conf);
            context.setLogLevel("WARN");
            Runtime.getRuntime().addShutdownHook(new Thread(context::stop));
        }
        return context;
    }
}
