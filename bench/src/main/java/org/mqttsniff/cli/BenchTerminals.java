package org.mqttsniff.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.googlecode.lanterna.terminal.Terminal;

/** For benchmarks: the terminal the UI draws on with {@code -r} or {@code -i} (package-private in the CLI). */
public final class BenchTerminals {
    private BenchTerminals() {
    }

    /** The process's own terminal (stdin and stdout), set up as {@code TuiRunner} does. */
    public static Terminal own() throws IOException {
        return new QuickTerminal(System.in, new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8);
    }
}
