package org.mqttsniff.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.Consumer;

import org.mqttsniff.capture.file.CaptureFileException;
import org.mqttsniff.capture.file.CaptureFiles;
import org.mqttsniff.cli.options.CaptureOptions;
import org.mqttsniff.cli.options.OutputOptions;
import org.mqttsniff.cli.options.ProtocolOptions;
import org.mqttsniff.cli.output.EventJson;
import org.mqttsniff.cli.output.EventText;
import org.mqttsniff.cli.output.StatsJson;
import org.mqttsniff.cli.output.StatsText;
import org.mqttsniff.filter.Filter;
import org.mqttsniff.net.FrameSource;
import org.mqttsniff.net.RawFrame;
import org.mqttsniff.session.Pipeline;
import org.mqttsniff.session.SessionOptions;
import org.mqttsniff.session.SnifferEvent;
import org.mqttsniff.stats.CaptureStats;

/** {@code mqttsniff -r FILE}: a capture file through the pipeline to text or JSON lines, or to a summary ({@code -z}). */
final class ReadCapture {
    private ReadCapture() {
    }

    /** Thrown by the sink to stop reading once {@code -c} packets are out. */
    private static final class Enough extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Enough() {
            super(null, null, false, false);
        }
    }

    private static void logFrames(FrameWriter frames, SnifferEvent e, boolean shown) {
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

    private static void closeQuietly(FrameWriter frames, PrintWriter err) {
        if (frames == null) {
            return;
        }
        try {
            frames.close();
        } catch (IOException e) {
            err.println(Main.NAME + ": cannot finish writing: " + e.getMessage());
        }
    }

    static int run(Path file, CaptureOptions capture, ProtocolOptions protocol, OutputOptions output, boolean verbose,
                   boolean summary, PrintWriter out, PrintWriter err) {
        SessionOptions options = protocol.sessionOptions(capture.mqttPort());
        long limit = capture.count();
        boolean json = output.format() == OutputOptions.Format.json;
        CaptureStats stats = summary ? new CaptureStats() : null;
        EventText text = json || summary ? null : new EventText(out, output.render(), verbose);
        EventJson jsonWriter = new EventJson(output.render());
        Consumer<SnifferEvent> print = stats != null ? stats
                : text != null ? text : e -> out.append(jsonWriter.write(e)).append('\n');
        Filter filter = capture.displayFilter();
        FrameWriter frames = capture.writeTo() == null ? null : new FrameWriter(capture.writeTo());
        long[] packets = {0};
        Consumer<SnifferEvent> sink = e -> {
            if (packets[0] >= limit) {
                throw new Enough();
            }
            boolean shown = filter.test(e); // -Y: what is not shown is not counted by -c either
            if (frames != null) {
                logFrames(frames, e, shown);
            }
            if (!shown) {
                return;
            }
            print.accept(e);
            if (e instanceof SnifferEvent.Packet && ++packets[0] >= limit) {
                throw new Enough();
            }
        };
        Pipeline pipeline = new Pipeline(options, capture.limits(), sink, frames);
        try (FrameSource source = CaptureFiles.open(file)) {
            try {
                RawFrame f;
                while ((f = source.next()) != null) {
                    if (text != null && pipeline.frames() == 0) {
                        text.captureStart(f.timeNanos());
                    }
                    pipeline.frame(f);
                }
                pipeline.finish();
            } catch (Enough stop) {
                // -c reached: what is still pending is not reported
            }
            if (stats != null) {
                if (json) {
                    out.println(StatsJson.line(stats.snapshot()));
                } else {
                    StatsText.print(stats.snapshot(), out);
                }
            }
            out.flush();
            for (String w : source.warnings()) {
                err.println(Main.NAME + ": warning: " + w);
            }
        } catch (CaptureFileException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "cannot read " + file + ": " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw new CliException(ExitCodes.USAGE, "cannot write " + capture.writeTo() + ": " + e.getCause().getMessage());
        } finally {
            closeQuietly(frames, err);
        }
        if (frames != null && frames.written() == 0) {
            err.println(Main.NAME + ": note: no packet was shown, so " + capture.writeTo() + " was not written");
        }
        for (String note : pipeline.notes()) {
            err.println(Main.NAME + ": note: " + note);
        }
        err.flush();
        return ExitCodes.OK;
    }
}
