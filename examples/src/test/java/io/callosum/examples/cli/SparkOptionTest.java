package io.callosum.examples.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Without Spark on the class path (this module's tests have none) {@code pretrain --spark} stops with exit status 2 and
 * says how to get it before it loads data or writes anything; the Spark-only options need --spark. The Spark run itself is tested in the spark
 * module (CliSparkPretrainTest), where Spark is on the class path.
 */
class SparkOptionTest {
    private static final String[] TINY = {"--unlabelled", "8", "--test", "1", "--image-size", "32", "--workers", "1", "--batch", "4", "--steps", "1"};

    private static CliRun pretrain(Path out, String... options) {
        String[] args = new String[3 + options.length + TINY.length];
        args[0] = "pretrain";
        args[1] = "--out";
        args[2] = out.toString();
        System.arraycopy(options, 0, args, 3, options.length);
        System.arraycopy(TINY, 0, args, 3 + options.length, TINY.length);
        return CliRun.of(args);
    }

    @Test
    void sparkWithoutSparkOnTheClassPathSaysWhatToDo(@TempDir Path dir) {
        CliRun r = pretrain(dir.resolve("run"), "--spark", "local[2]");
        assertEquals(2, r.status(), r.toString());
        assertTrue(r.err().contains("--spark: Apache Spark 3.5 (Scala 2.13) is not on the class path"), r.toString());
        assertTrue(r.err().contains("./callosum launcher"), r.toString());
        assertEquals(1, r.errLines(), "one line, no stack trace:\n" + r);
        assertFalse(Files.exists(dir.resolve("run")), "nothing written");
    }

    @Test
    void sparkOnlyOptionsNeedSpark(@TempDir Path dir) {
        CliRun r = pretrain(dir.resolve("run"), "--sync-every", "4");
        assertEquals(2, r.status(), r.toString());
        assertTrue(r.err().contains("apply to --spark runs only"), r.toString());
    }
}
