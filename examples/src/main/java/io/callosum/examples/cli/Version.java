package io.callosum.examples.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version from the build (callosum.properties, filtered by Maven). */
final class Version implements CommandLine.IVersionProvider {
    static String get() {
        try (InputStream in = Version.class.getResourceAsStream("/callosum.properties")) {
            Properties p = new Properties();
            if (in != null) p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    @Override
    public String[] getVersion() {
        return new String[]{"callosum " + get()};
    }
}
