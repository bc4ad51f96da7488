package org.mqttsniff.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import picocli.CommandLine.IVersionProvider;

/** Reads the version Maven filtered into the jar, so there is one source of truth: the pom. */
final class VersionProvider implements IVersionProvider {
    static final String RESOURCE = "/mqttsniff-version.properties";

    @Override
    public String[] getVersion() {
        return new String[] {Main.NAME + " " + version()};
    }

    static String version() {
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "(unknown version)";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "").strip();
            // unfiltered when run from an IDE without Maven resource processing
            return v.isEmpty() || v.startsWith("${") ? "(unknown version)" : v;
        } catch (IOException e) {
            return "(unknown version)";
        }
    }
}
