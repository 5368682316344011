package io.callosum.splitbrain.config;

import java.util.List;

/** The few-shot protocol: labelled images per class for each point, and draws (seeds) per point. */
public record FewShotConfig(List<Integer> shots, int seeds) {
    /** Checks the shots (at least one, each >= 1) and the seeds. */
    public FewShotConfig {
        Checks.present("FewShotConfig", "shots", shots);
        if (shots.isEmpty()) throw new IllegalArgumentException("FewShotConfig: shots must name at least one k");
        for (Integer k : shots) {
            if (k == null || k < 1) throw new IllegalArgumentException("FewShotConfig: shots must all be at least 1, got " + shots);
        }
        shots = List.copyOf(shots);
        Checks.atLeast("FewShotConfig", "seeds", seeds, 1);
    }

    /** The shots as an array, for loops. */
    public int[] shotArray() {
        return shots.stream().mapToInt(Integer::intValue).toArray();
    }
}
