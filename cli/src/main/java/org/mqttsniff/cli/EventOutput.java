package org.mqttsniff.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import org.mqttsniff.cli.options.CaptureOptions;
import org.mqttsniff.cli.options.OutputOptions;
import org.mqttsniff.cli.options.ShowOptions;
import org.mqttsniff.cli.output.EventJson;
import org.mqttsniff.cli.output.EventText;
import org.mqttsniff.cli.output.StatsJson;
import org.mqttsniff.cli.output.StatsText;
import org.mqttsniff.filter.Filter;
import org.mqttsniff.session.SessionTracker;
import org.mqttsniff.session.SnifferEvent;
import org.mqttsniff.stats.CaptureStats;

/**
 * Where the pipeline's events go on the way out, whatever the source ({@code -r}, and later
 * {@code -i} and the proxy): {@code -Y} decides what is shown, {@code -w} writes the frames of
 * what is shown, {@code -c} stops after N shown packets, and the rest is printed as text or JSON
 * lines, or counted for the {@code -z} summary.
 */
final class EventOutput implements Consumer<SnifferEvent>, AutoCloseable {

    /** Thrown by {@link #accept} once {@code -c} packets are out; the source stops reading. */
    static final class Enough extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Enough() {
            super(null, null, false, false);
        }
    }

    private final long limit;
    private final boolean json;
    private final Filter filter;
    private final CaptureStats stats;
    private final EventText text;
    private final Consumer<SnifferEvent> print;
    private final FrameWriter frames;
    private final ShowOptions capture;
    private final PrintWriter out;
    private final PrintWriter err;
    /** -T json without -z, reading a file: lines rendered on their own thread, into stdout's bytes. */
    private final JsonLines jsonLines;
    /** -T json without -z otherwise: lines rendered on this thread, as they come, into {@link TextOut}. */
    private final OutputStream textOut;
    private long packets;
    private boolean started;

    EventOutput(CaptureOptions capture, OutputOptions output, boolean verbose, boolean summary,
                PrintWriter out, PrintWriter err) {
        this(capture.show(), true, output, verbose, summary, out, null, err);
    }

    /**
     * @param rawOut the bytes under {@code out} (stdout), for a source that ends (a file), or null.
     *               With it, JSON lines skip {@code out}'s chars and are rendered on a thread of their
     *               own, handed over in batches, so they come out late: not for a live source, whose
     *               lines must show as packets arrive. Null: each line goes through {@code out} at once.
     */
    EventOutput(CaptureOptions capture, OutputOptions output, boolean verbose, boolean summary,
                PrintWriter out, OutputStream rawOut, PrintWriter err) {
        this(capture.show(), true, output, verbose, summary, out, rawOut, err);
    }

    /**
     * @param shownFrames {@code -w} writes the frames of shown packets (reading a file); false when the
     *                    source writes {@code -w} itself: a live capture writes every frame as it arrives,
     *                    as tcpdump does, and the proxy records everything it relays
     */
    EventOutput(ShowOptions capture, boolean shownFrames, OutputOptions output, boolean verbose, boolean summary,
                PrintWriter out, PrintWriter err) {
        this(capture, shownFrames, output, verbose, summary, out, null, err);
    }

    private EventOutput(ShowOptions capture, boolean shownFrames, OutputOptions output, boolean verbose,
                        boolean summary, PrintWriter out, OutputStream rawOut, PrintWriter err) {
        this.capture = capture;
        this.out = out;
        this.err = err;
        this.limit = capture.count();
        this.json = output.format() == OutputOptions.Format.json;
        this.filter = capture.displayFilter();
        this.stats = summary ? new CaptureStats() : null;
        this.text = json || summary ? null : new EventText(out, output.render(), verbose);
        // before the JSON thread starts: a -w file that cannot be created stops here, leaving no thread
        this.frames = capture.writeTo() == null || !shownFrames ? null : new FrameWriter(capture.writeTo());
        out.flush(); // what out holds comes before the first line written straight to rawOut
        boolean lines = json && !summary;
        EventJson jsonWriter = new EventJson(output.render());
        this.jsonLines = lines && rawOut != null ? new JsonLines(jsonWriter, rawOut) : null;
        this.textOut = lines && rawOut == null ? new TextOut(out) : null;
        this.print = stats != null ? stats : text != null ? text : jsonLines != null ? this::jsonLine
                : e -> textLine(jsonWriter, e);
    }

    private void textLine(EventJson writer, SnifferEvent e) {
        try {
            writer.writeLine(e, textOut);
        } catch (IOException x) {
            throw new UncheckedIOException(x); // TextOut does not throw: PrintWriter keeps its errors
        }
    }

    private void jsonLine(SnifferEvent e) {
        jsonLines.accept(e);
        if (jsonLines.failed()) {
            throw new Enough(); // stdout is gone (a closed pipe, as in `| head`): nobody reads the rest
        }
    }

    /** For the pipeline: which frames carried each packet, so {@code -w} can write them; null without {@code -w}. */
    SessionTracker.FrameLog frameLog() {
        return frames;
    }

    /** The first frame's time: text output shows times relative to it. */
    void started(long timeNanos) {
        if (!started) {
            started = true;
            if (text != null) {
                text.captureStart(timeNanos);
            }
        }
    }

    /** True once {@code -c} packets have been shown. */
    boolean done() {
        return packets >= limit;
    }

    @Override
    public void accept(SnifferEvent e) {
        if (packets >= limit) {
            throw new Enough();
        }
        boolean shown = filter.test(e); // -Y: what is not shown is not counted by -c either
        if (frames != null) {
            logFrames(e, shown);
        }
        if (!shown) {
            return;
        }
        print.accept(e);
        if (e instanceof SnifferEvent.Packet && ++packets >= limit) {
            throw new Enough();
        }
    }

    private void logFrames(SnifferEvent e, boolean shown) {
        try {
            if (e instanceof SnifferEvent.Packet p) {
                frames.packet(p, shown);
            } else if (e instanceof SnifferEvent.Close c) {
                frames.closed(c.stream());
            }
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
    }

    /** Prints the {@code -z} summary, if asked for, and flushes; says if {@code -w} had nothing to write. */
    void finish() {
        if (jsonLines != null) {
            jsonLines.finish();
        }
        if (frames != null && frames.written() == 0) {
            err.println(Main.NAME + ": note: no packet was shown, so " + capture.writeTo() + " was not written");
        }
        if (stats != null) {
            if (json) {
                out.println(StatsJson.line(stats.snapshot()));
            } else {
                StatsText.print(stats.snapshot(), out);
            }
        }
        out.flush();
    }

    /** Stops the JSON lines' thread (if finish was not reached) and finishes the {@code -w} file. */
    @Override
    public void close() {
        if (jsonLines != null) {
            try {
                jsonLines.finish();
            } catch (IllegalStateException e) {
                // already failing: the error on its way out says more than this one
            }
        }
        if (frames == null) {
            return;
        }
        try {
            frames.close();
        } catch (IOException e) {
            err.println(Main.NAME + ": cannot finish writing: " + e.getMessage());
        }
    }

    /** JSON lines into a PrintWriter (live sources, tests): each write is one whole line. */
    private static final class TextOut extends OutputStream {
        private final PrintWriter out;

        TextOut(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void write(int b) {
            throw new UnsupportedOperationException("whole lines only");
        }

        @Override
        public void write(byte[] b, int off, int len) {
            out.write(new String(b, off, len, StandardCharsets.UTF_8));
        }
    }
}
