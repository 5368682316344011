package io.callosum.examples.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * --out belongs to one run: a second run is refused while the first holds the folder's lock, a killed run's lock is
 * taken over, another run's outputs are refused unless --overwrite (which deletes only those), and a folder that
 * cannot be written fails before any work, naming the path and the reason.
 */
class RunFolderCliTest {
    /** A cheap command that writes a report into --out: linear probes of a random SimpleNet on a few synthetic images. */
    private static CliRun probe(Path out, String... more) {
        return CliRun.of(PretrainWorkflowTest.concat(new String[]{"probe", "--train", "8", "--test", "8", "--probe-epochs", "1",
                "--workers", "0", "--out", out.toString()}, more));
    }

    private static void assertOneLineUsageError(CliRun r, String... fragments) {
        assertEquals(2, r.status(), r.toString());
        assertEquals(1, r.errLines(), r.toString());
        for (String f : fragments) assertTrue(r.err().contains(f), "'" + f + "' missing in:\n" + r);
        assertFalse(r.err().contains("\tat "), r.toString());
    }

    @Test
    void aSecondRunIsRefusedWhileAnotherProcessHoldsTheFolderAndAKilledOnesLockIsTakenOver(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        Files.createDirectories(out);
        Process holder = ChildJvm.start(LockHolderChild.class, "64m", null, out.toString());
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            String said = lines.readLine();
            while (said != null && said.startsWith("WARNING")) said = lines.readLine(); // the JVM's note on incubator modules
            assertTrue(said != null && said.startsWith("locked by pid " + holder.pid()), "child said: " + said);
            long start = System.nanoTime();
            CliRun second = probe(out);
            assertOneLineUsageError(second, "--out " + out, "another run is writing to this folder", "pid " + holder.pid(), "started 20");
            assertTrue((System.nanoTime() - start) / 1e9 < 20, "refused at once, not after the work");
        } finally {
            holder.destroyForcibly();
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
        }
        assertTrue(Files.readString(out.resolve(RunLock.FILE)).contains("pid " + holder.pid()), "SIGKILL leaves the lock file");
        CliRun after = probe(out);
        assertEquals(0, after.status(), after.toString());
        assertTrue(after.out().contains("took over the lock of a run that is no longer running (callosum pretrain, pid " + holder.pid()),
                after.toString());
        assertFalse(Files.exists(out.resolve(RunLock.FILE)), "a finished run removes its lock");
    }

    @Test
    void anotherRunsOutputsAreRefusedAndOverwriteDeletesOnlyThose(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        Files.createDirectories(out);
        Path notes = Files.writeString(out.resolve("notes.txt"), "the user's own file");
        Path leftover = Files.writeString(out.resolve(".results.json.0123abcd.tmp"), "half a write");
        assertEquals(0, probe(out).status());
        assertFalse(Files.exists(leftover), "the start-up sweep removes a killed write's temporary file");
        assertTrue(Files.isRegularFile(out.resolve("report.md")));
        Path extra = Files.writeString(out.resolve("probe_extra.csv"), "written by the earlier run");

        CliRun again = probe(out);
        assertOneLineUsageError(again, "--out " + out, "holds the outputs of an earlier run", "callosum probe", "linear_probes.csv", "and 2 more", "--overwrite");

        CliRun overwrite = probe(out, "--overwrite");
        assertEquals(0, overwrite.status(), overwrite.toString());
        assertTrue(overwrite.out().contains("--overwrite deleted"), overwrite.toString());
        assertFalse(Files.exists(extra), "the earlier run's outputs are deleted");
        assertEquals("the user's own file", Files.readString(notes), "files that were there before the runs stay");
        assertTrue(Files.isRegularFile(out.resolve("report.md")));
    }

    @Test
    void aRunThatFailsBeforeWritingLeavesTheFolderAsItFoundIt(@TempDir Path dir) throws Exception {
        Path fresh = dir.resolve("fresh");
        assertOneLineUsageError(probe(fresh.resolve("inner"), "--data", dir.resolve("missing").toString()), "no such file or directory");
        assertFalse(Files.exists(fresh), "the folders the failed run created are removed");
        Path existing = Files.createDirectories(dir.resolve("existing"));
        Files.writeString(existing.resolve("notes.txt"), "mine");
        assertOneLineUsageError(probe(existing, "--data", dir.resolve("missing").toString()), "no such file or directory");
        try (var entries = Files.list(existing)) {
            assertEquals(java.util.List.of(existing.resolve("notes.txt")), entries.toList(), "no lock or manifest left");
        }
    }

    @Test
    void aFolderWrittenBeforeManifestsIsRecognisedByItsReport(@TempDir Path dir) throws Exception {
        Path out = Files.createDirectories(dir.resolve("old"));
        Files.writeString(out.resolve("report.md"), "# an earlier run");
        assertOneLineUsageError(probe(out), "holds the outputs of an earlier run: report.md");
    }

    @Test
    void anOutThatIsAFileOrCannotBeCreatedFailsBeforeAnyWork(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("afile"), "x");
        assertOneLineUsageError(probe(file), "--out " + file + ": is a file");
        Path under = file.resolve("sub");
        assertOneLineUsageError(probe(under), "--out " + under + ": cannot create the folder");
        assertEquals("x", Files.readString(file));
    }

    /** A folder without write permission; as root (who may write anywhere) sysfs' root, which refuses even root. */
    @Test
    void anUnwritableOutSaysPermissionDenied(@TempDir Path dir) throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        Path out = root ? Path.of("/sys") : Files.createDirectories(dir.resolve("locked"));
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(out), "no /sys on this machine to test as root");
        if (!root) assertTrue(out.toFile().setWritable(false, false));
        try {
            assertOneLineUsageError(probe(out), "--out " + out + ": cannot write into the folder: permission denied");
        } finally {
            if (!root) out.toFile().setWritable(true, false);
        }
    }
}
