package org.mqttsniff.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.List;

import com.googlecode.lanterna.terminal.ansi.UnixTerminal;

/**
 * Lanterna's {@link UnixTerminal}, with Ctrl-C trapped as a key, set up with one {@code stty}
 * process instead of five. Lanterna saves the terminal's settings ({@code stty -g}) and then runs
 * {@code stty} once for each change (no canonical mode, {@code min 1}, no echo, no {@code intr});
 * each run is a process started from the JVM, some 20 to 150 ms apiece on a busy machine, all
 * before the first screen. Here the save asks for the four changes too, through one shell, and the
 * four runs that follow, when they are the expected ones, find their work done. Anything else
 * (the restore at the end, a resize) goes to {@code stty} as Lanterna sends it.
 */
final class QuickTerminal extends UnixTerminal {
    /** What Lanterna's acquire asks after the save, in order, with Ctrl-C trapped. */
    private static final List<List<String>> SET_UP = List.of(List.of("-icanon"), List.of("min", "1"),
            List.of("-echo"), List.of("intr", "undef"));

    /**
     * How many of {@link #SET_UP}'s runs are already done. Set during the super constructor, which
     * is where Lanterna sets the terminal up: so no initializer, which would run after it.
     */
    private int skipped;
    private boolean batched;

    QuickTerminal(InputStream in, OutputStream out, Charset charset) throws IOException {
        super(in, out, charset, CtrlCBehaviour.TRAP);
    }

    @Override
    protected String runSTTYCommand(String... parameters) throws IOException {
        List<String> args = Arrays.asList(parameters);
        if (!batched && args.equals(List.of("-g"))) {
            batched = true;
            // stdin is the terminal (Lanterna's exec redirects it): the settings before, then the changes
            return exec("/bin/sh", "-c", "stty -g && stty " + String.join(" ",
                    SET_UP.stream().flatMap(List::stream).toList()));
        }
        if (batched && skipped < SET_UP.size() && args.equals(SET_UP.get(skipped))) {
            skipped++;
            return "";
        }
        skipped = SET_UP.size(); // out of the expected order: from here on, every run is real
        return super.runSTTYCommand(parameters);
    }
}
