package io.callosum.splitbrain.report;

import java.util.ArrayList;
import java.util.List;

/** A titled table of strings: rendered as Markdown in the report and written as CSV beside it. */
public final class Table {
    private final String name;
    private final String title;
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    /** An empty table with a file name, a title and column names. */
    public Table(String name, String title, List<String> header) {
        if (!name.matches("[A-Za-z0-9_.-]+")) throw new IllegalArgumentException("Table: name '" + name + "' must be a plain file name");
        this.name = name;
        this.title = title;
        this.header = List.copyOf(header);
    }

    /** Appends a row; fails unless it has one cell per column. */
    public Table row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("Table " + name + ": row has " + cells.length + " cells for " + header.size() + " columns");
        }
        List<String> r = new ArrayList<>();
        for (Object c : cells) r.add(format(c));
        rows.add(r);
        return this;
    }

    static String format(Object c) {
        if (c instanceof Double d) return String.format(java.util.Locale.ROOT, "%.4f", d);
        if (c instanceof Float f) return String.format(java.util.Locale.ROOT, "%.4f", f);
        return String.valueOf(c);
    }

    /** The file name (without extension) the table is written under. */
    public String name() {
        return name;
    }

    /** The title shown above the table. */
    public String title() {
        return title;
    }

    /** Column names. */
    public List<String> header() {
        return header;
    }

    /** Rows, as text cells. */
    public List<List<String>> rows() {
        return rows;
    }

    /** The table as Markdown. */
    public String toMarkdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("| ").append(String.join(" | ", header)).append(" |\n|");
        for (int i = 0; i < header.size(); i++) sb.append(i == 0 ? " --- |" : " ---: |");
        sb.append('\n');
        for (List<String> r : rows) sb.append("| ").append(String.join(" | ", r)).append(" |\n");
        return sb.toString();
    }

    /** The table as CSV. */
    public String toCsv() {
        StringBuilder sb = new StringBuilder(csvLine(header));
        for (List<String> r : rows) sb.append(csvLine(r));
        return sb.toString();
    }

    private static String csvLine(List<String> cells) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) sb.append(',');
            String c = cells.get(i);
            sb.append(c.contains(",") || c.contains("\"") || c.contains("\n") ? '"' + c.replace("\"", "\"\"") + '"' : c);
        }
        return sb.append('\n').toString();
    }

    /** A plain-text rendering with aligned columns, for the console. */
    public String toText() {
        int[] w = new int[header.size()];
        for (int i = 0; i < w.length; i++) w[i] = header.get(i).length();
        for (List<String> r : rows) for (int i = 0; i < w.length; i++) w[i] = Math.max(w[i], r.get(i).length());
        StringBuilder sb = new StringBuilder();
        appendText(sb, header, w);
        for (int i = 0; i < w.length; i++) sb.append(i == 0 ? "" : "  ").append("-".repeat(w[i]));
        sb.append('\n');
        for (List<String> r : rows) appendText(sb, r, w);
        return sb.toString();
    }

    private static void appendText(StringBuilder sb, List<String> cells, int[] w) {
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            if (i > 0) sb.append("  ");
            sb.append(i == 0 ? pad(c, w[i], false) : pad(c, w[i], true));
        }
        sb.append('\n');
    }

    private static String pad(String s, int w, boolean left) {
        String fill = " ".repeat(Math.max(0, w - s.length()));
        return left ? fill + s : s + fill;
    }
}
