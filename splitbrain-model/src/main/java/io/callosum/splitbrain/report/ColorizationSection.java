package io.callosum.splitbrain.report;

import io.callosum.splitbrain.eval.ColorizationScore;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The colorization-AuC table and its results entry, shared by every report that colorizes, so they read the same. */
public final class ColorizationSection {
    private ColorizationSection() {
    }

    /** Rows: the prediction and the two baselines; columns: AuC and rebalanced AuC of the ab-error CDF (0–150). */
    public static Table table(ColorizationScore.Comparison c, String scoredOn) {
        Table t = new Table("colorization_auc", "Colorization: AuC of the per-pixel ab-error CDF, thresholds 0–150, on " + scoredOn,
                java.util.List.of("prediction", "AuC", "rebalanced AuC"));
        t.row("split-brain half A (annealed mean)", c.prediction().auc(), c.prediction().rebalancedAuc());
        t.row("grey (ab = 0)", c.grey().auc(), c.grey().rebalancedAuc());
        if (c.prior() != null) t.row("prior (training per-pixel mean ab)", c.prior().auc(), c.prior().rebalancedAuc());
        return t;
    }

    /** Adds the table and results "colorization_auc" {prediction, grey, prior: {auc, rebalanced_auc}, scored_on}. */
    public static void add(Report report, ColorizationScore.Comparison c, String scoredOn) throws IOException {
        report.table(table(c, scoredOn));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("scored_on", scoredOn);
        json.put("prediction", entry(c.prediction()));
        json.put("grey", entry(c.grey()));
        if (c.prior() != null) json.put("prior", entry(c.prior()));
        report.result("colorization_auc", json);
    }

    private static Map<String, Object> entry(ColorizationScore.Scores s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("auc", s.auc());
        m.put("rebalanced_auc", s.rebalancedAuc());
        return m;
    }
}
