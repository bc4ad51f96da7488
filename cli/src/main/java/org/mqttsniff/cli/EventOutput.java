package org.mqttsniff.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
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
    private long packets;
    private boolean started;

    EventOutput(CaptureOptions capture, OutputOptions output, boolean verbose, boolean summary,
                PrintWriter out, PrintWriter err) {
        this(capture.show(), true, output, verbose, summary, out, err);
    }

    /**
     * @param shownFrames {@code -w} writes the frames of shown packets (a capture source); false when
     *                    the source writes {@code -w} itself (the proxy records everything it relays)
     */
    EventOutput(ShowOptions capture, boolean shownFrames, OutputOptions output, boolean verbose, boolean summary,
                PrintWriter out, PrintWriter err) {
        this.capture = capture;
        this.out = out;
        this.err = err;
        this.limit = capture.count();
        this.json = output.format() == OutputOptions.Format.json;
        this.filter = capture.displayFilter();
        this.stats = summary ? new CaptureStats() : null;
        this.text = json || summary ? null : new EventText(out, output.render(), verbose);
        EventJson jsonWriter = new EventJson(output.render());
        this.print = stats != null ? stats : text != null ? text : e -> out.append(jsonWriter.write(e)).append('\n');
        this.frames = capture.writeTo() == null || !shownFrames ? null : new FrameWriter(capture.writeTo());
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

    /** Finishes the {@code -w} file. */
    @Override
    public void close() {
        if (frames == null) {
            return;
        }
        try {
            frames.close();
        } catch (IOException e) {
            err.println(Main.NAME + ": cannot finish writing: " + e.getMessage());
        }
    }
}
