package io.callosum.cuda;

import io.callosum.tensor.spi.Operand;

import java.util.ArrayList;
import java.util.List;

/**
 * The last few ops queued on the stream, so that an asynchronous CUDA error reported at a synchronisation can name
 * the ops that may have caused it (with -Dcallosum.cuda.sync=true every op synchronises and names itself).
 */
final class OpLog {
    private static final int SIZE = 8;
    private final String[] ops = new String[SIZE];
    private final Operand[][] tensors = new Operand[SIZE][];
    private int next;
    private long count;

    void record(String op, Operand... ts) {
        ops[next] = op;
        tensors[next] = ts;
        next = (next + 1) % SIZE;
        count++;
    }

    /** "op [shapes]; op [shapes]; …", oldest first. */
    String describe() {
        List<String> parts = new ArrayList<>();
        int n = (int) Math.min(count, SIZE);
        for (int k = n; k > 0; k--) {
            int i = Math.floorMod(next - k, SIZE);
            parts.add(ops[i] + " " + shapes(tensors[i]));
        }
        return parts.isEmpty() ? "(no ops queued)" : String.join("; ", parts);
    }

    static String shapes(Operand... ts) {
        StringBuilder sb = new StringBuilder("(");
        for (Operand t : ts) {
            if (t == null) continue;
            if (sb.length() > 1) sb.append(", ");
            sb.append(t.describe());
        }
        return sb.append(')').toString();
    }
}
