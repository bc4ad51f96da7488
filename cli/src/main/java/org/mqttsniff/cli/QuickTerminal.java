package org.mqttsniff.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.List;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.terminal.ansi.UnixTerminal;

/**
 * Lanterna's {@link UnixTerminal}, with Ctrl-C trapped as a key, made cheaper to start and to draw
 * on:
 * <ul>
 * <li>Set up with one {@code stty} process instead of five. Lanterna saves the terminal's settings
 * ({@code stty -g}) and then runs {@code stty} once for each change (no canonical mode,
 * {@code min 1}, no echo, no {@code intr}); each run is a process started from the JVM, some 20 to
 * 150 ms apiece on a busy machine, all before the first screen. Here the save asks for the four
 * changes too, through one shell, and the four runs that follow, when they are the expected ones,
 * find their work done. Anything else (the restore at the end, a resize) goes to {@code stty} as
 * Lanterna sends it.</li>
 * <li>Output through one buffer, written when Lanterna flushes (the end of a screen refresh, private
 * mode in and out) and after a size query, which waits for the terminal's answer. Lanterna writes
 * a screen a character at a time; on {@code System.out}, which flushes on every write, that was one
 * {@code write} system call per character: some 8,000 for a 160x45 screen.</li>
 * <li>The terminal's size asked once (a cursor-position report, one round trip to the terminal)
 * and kept until the terminal says it was resized (SIGWINCH), instead of asked again by each of
 * the size check, the screen's constructor and its start.</li>
 * <li>ASCII characters encoded from a table instead of through {@code Charset.encode} one
 * character at a time.</li>
 * </ul>
 */
final class QuickTerminal extends UnixTerminal {
    /** What Lanterna's acquire asks after the save, in order, with Ctrl-C trapped. */
    private static final List<List<String>> SET_UP = List.of(List.of("-icanon"), List.of("min", "1"),
            List.of("-echo"), List.of("intr", "undef"));
    /** CSI 6n: the cursor position report Lanterna asks for to learn the size. */
    private static final byte[] REPORT_POSITION = {27, '[', '6', 'n'};
    private static final byte[][] ASCII = new byte[128][];

    static {
        for (int c = 0; c < ASCII.length; c++) {
            ASCII[c] = new byte[] {(byte) c};
        }
    }

    /**
     * How many of {@link #SET_UP}'s runs are already done. Set during the super constructor, which
     * is where Lanterna sets the terminal up: so no initializer, which would run after it.
     */
    private int skipped;
    private boolean batched;
    /** The size last reported, until a resize signal; null: ask. */
    private volatile TerminalSize size;

    /** @param out the terminal, unbuffered (a {@code FileOutputStream} on descriptor 1): the buffer is here */
    QuickTerminal(InputStream in, OutputStream out, Charset charset) throws IOException {
        super(in, new BufferedOutputStream(out, 1 << 16), charset, CtrlCBehaviour.TRAP);
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

    @Override
    protected void writeToTerminal(byte... bytes) throws IOException {
        super.writeToTerminal(bytes);
        if (Arrays.equals(bytes, REPORT_POSITION)) {
            flush(); // the answer is awaited next: the question must be on its way
        }
    }

    @Override
    protected TerminalSize findTerminalSize() throws IOException {
        TerminalSize s = size;
        if (s == null) {
            s = super.findTerminalSize();
            flush(); // the cursor's restore, written after the question
            size = s;
        }
        return s;
    }

    @Override
    protected void registerTerminalResizeListener(Runnable onResize) throws IOException {
        // Lanterna's listener asks for the size: forget the old one first
        super.registerTerminalResizeListener(() -> {
            size = null;
            onResize.run();
        });
    }

    @Override
    public void close() throws IOException {
        flush();
        super.close();
    }

    @Override
    protected byte[] translateCharacter(char c) {
        return c < ASCII.length ? ASCII[c] : super.translateCharacter(c);
    }
}
