package io.callosum.examples.cli;

import java.nio.file.Path;

/** A child JVM for {@link RunFolderCliTest}: holds an output folder's run lock, says so, and waits to be killed. */
public final class LockHolderChild {
    private LockHolderChild() {
    }

    public static void main(String[] args) throws Exception {
        RunLock lock = RunLock.acquire(Path.of(args[0]), "callosum pretrain");
        System.out.println("locked by pid " + ProcessHandle.current().pid());
        System.out.flush();
        Thread.sleep(120_000);
        lock.close();
    }
}
