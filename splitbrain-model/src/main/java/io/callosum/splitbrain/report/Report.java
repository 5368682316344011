package io.callosum.splitbrain.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.callosum.splitbrain.config.ExperimentConfig;
import io.callosum.splitbrain.config.ExperimentJson;

import io.callosum.nn.io.AtomicFile;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An experiment report folder: {@code report.md} (configuration, tables, figures), {@code results.json} (every
 * number and the experiment's serialised configuration), one CSV per table and the PNG figures, each written
 * atomically through {@link AtomicFile}.
 */
public final class Report {
    private final Path dir;
    private final String title;
    private final Map<String, Object> config = new LinkedHashMap<>();
    private final Map<String, Object> results = new LinkedHashMap<>();
    private final List<Object> sections = new ArrayList<>(); // Table, Figure or String (paragraph)
    private ExperimentConfig experiment;

    private record Figure(String file, String caption) {
    }

    /** A report written into dir (created if needed) under title. */
    public Report(Path dir, String title) throws IOException {
        this.dir = dir;
        this.title = title;
        Files.createDirectories(dir);
    }

    /** The folder the report is written into. */
    public Path dir() {
        return dir;
    }

    /** Records one configuration value. */
    public Report config(String key, Object value) {
        config.put(key, value);
        return this;
    }

    /**
     * The experiment's configuration in its serialised form, to results.json under "experiment" (readable by
     * {@link ExperimentJson#fromTree}); the human-readable rows are the caller's ({@link #config(Map)}).
     */
    public Report experiment(ExperimentConfig config) {
        this.experiment = config;
        return this;
    }

    /** Records several configuration values. */
    public Report config(Map<String, ?> rows) {
        rows.forEach(this::config);
        return this;
    }

    /** Records one result value. */
    public Report result(String key, Object value) {
        results.put(key, value);
        return this;
    }

    /** Adds a paragraph of Markdown. */
    public Report paragraph(String markdown) {
        sections.add(markdown);
        return this;
    }

    /** Adds a table (written as Markdown and CSV). */
    public Report table(Table t) {
        sections.add(t);
        return this;
    }

    /** Registers a PNG written under this folder (see {@link #file}). */
    public Report figure(String file, String caption) {
        sections.add(new Figure(file, caption));
        return this;
    }

    /** A path inside the report's folder, for figures and data files. */
    public Path file(String name) {
        return dir.resolve(name);
    }

    /** Writes image as file in the report's folder and adds it with a caption. */
    public Report image(String file, String caption, BufferedImage image) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", png)) throw new IOException(dir.resolve(file) + ": no PNG writer in this Java runtime");
        writeAtomically(dir.resolve(file), png.toByteArray());
        return figure(file, caption);
    }

    /** Writes the report's Markdown and JSON files. */
    public void write() throws IOException {
        StringBuilder md = new StringBuilder("# ").append(title).append("\n\n## Configuration\n\n| setting | value |\n| --- | --- |\n");
        config.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        md.append('\n');
        Map<String, Object> tables = new LinkedHashMap<>();
        for (Object s : sections) {
            if (s instanceof Table t) {
                md.append("## ").append(t.title()).append("\n\n").append(t.toMarkdown()).append('\n');
                writeAtomically(dir.resolve(t.name() + ".csv"), t.toCsv());
                Map<String, Object> tj = new LinkedHashMap<>();
                tj.put("header", t.header());
                tj.put("rows", t.rows());
                tables.put(t.name(), tj);
            } else if (s instanceof Figure f) {
                md.append("![").append(f.caption()).append("](").append(f.file()).append(")\n\n*").append(f.caption()).append("*\n\n");
            } else {
                md.append(s).append("\n\n");
            }
        }
        writeAtomically(dir.resolve("report.md"), md.toString());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("title", title);
        if (experiment != null) json.put("experiment", ExperimentJson.toTree(experiment));
        json.put("config", config);
        json.put("results", results);
        json.put("tables", tables);
        ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        writeAtomically(dir.resolve("results.json"), om.writeValueAsString(json));
    }

    static void writeAtomically(Path target, String content) throws IOException {
        writeAtomically(target, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Through {@link AtomicFile}: a kill mid-write leaves the old file (or none) and a temporary the next run sweeps. */
    static void writeAtomically(Path target, byte[] content) throws IOException {
        AtomicFile.write(target, out -> {
            ByteBuffer b = ByteBuffer.wrap(content);
            while (b.hasRemaining()) out.write(b);
        });
    }
}
