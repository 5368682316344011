package io.callosum.nn.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Child JVM for {@link AtomicFileCleanupTest}: starts writing args[0] atomically, says "writing" on stdout once part of
 * the content is in the temporary file, then waits args[1] milliseconds (or for ever, without it) before finishing.
 */
public final class AtomicFileInterruptChild {
    private AtomicFileInterruptChild() {
    }

    public static void main(String[] args) throws IOException {
        AtomicFile.write(Path.of(args[0]), out -> {
            out.write(ByteBuffer.wrap(new byte[4096]));
            out.force(true);
            System.out.println("writing");
            System.out.flush();
            try {
                Thread.sleep(args.length > 1 ? Long.parseLong(args[1]) : Long.MAX_VALUE);
            } catch (InterruptedException e) {
                throw new IOException("interrupted", e);
            }
        });
    }
}
