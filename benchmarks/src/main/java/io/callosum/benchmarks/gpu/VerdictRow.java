package io.callosum.benchmarks.gpu;

import java.util.Locale;

/**
 * One line of the GPU verdict table, printed as {@code VERDICT<TAB>section<TAB>item<TAB>status<TAB>value<TAB>detail}
 * so gpu-test.sh can collect the rows of several JVMs into one table without parsing free text.
 */
public record VerdictRow(String section, String item, Status status, String value, String detail) {
    /** PASS / FAIL decide the verdict; INFO is a measurement without a bound; SKIP names why a check did not run. */
    public enum Status { PASS, FAIL, INFO, SKIP }

    public static final String PREFIX = "VERDICT";

    public VerdictRow {
        for (String s : new String[]{section, item, value, detail}) {
            if (s.indexOf('\t') >= 0 || s.indexOf('\n') >= 0) throw new IllegalArgumentException("VerdictRow: a field holds a tab or newline: '" + s + "'");
        }
    }

    public static VerdictRow check(String section, String item, boolean ok, String value, String detail) {
        return new VerdictRow(section, item, ok ? Status.PASS : Status.FAIL, value, detail);
    }

    /** Prints the row on stdout (and flushes, so a later crash of the JVM cannot lose it). */
    public VerdictRow print() {
        System.out.println(String.join("\t", PREFIX, section, item, status.name(), value, detail));
        System.out.flush();
        return this;
    }

    public static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
