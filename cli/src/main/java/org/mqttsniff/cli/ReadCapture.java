package org.mqttsniff.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.mqttsniff.capture.file.CaptureFileException;
import org.mqttsniff.capture.file.CaptureFiles;
import org.mqttsniff.cli.options.CaptureOptions;
import org.mqttsniff.cli.options.OutputOptions;
import org.mqttsniff.cli.options.ProtocolOptions;
import org.mqttsniff.cli.output.StatsJson;
import org.mqttsniff.cli.output.StatsText;
import org.mqttsniff.filter.Filter;
import org.mqttsniff.net.FrameSource;
import org.mqttsniff.net.RawFrame;
import org.mqttsniff.session.Pipeline;
import org.mqttsniff.session.SessionOptions;
import org.mqttsniff.stats.CaptureStats;

/** {@code mqttsniff -r FILE}: a capture file through the pipeline to text or JSON lines, or to a summary ({@code -z}). */
final class ReadCapture {
    private ReadCapture() {
    }

    static int run(Path file, CaptureOptions capture, ProtocolOptions protocol, OutputOptions output, boolean verbose,
                   boolean summary, PrintWriter out, OutputStream rawOut, PrintWriter err) {
        SessionOptions options = protocol.sessionOptions(capture.mqttPort());
        if (summary && capture.count() == Long.MAX_VALUE && capture.writeTo() == null
                && capture.displayFilter() == Filter.ALL) {
            return countOnly(file, capture, options, output, out, err);
        }
        Pipeline pipeline;
        // the sink first: a bad -Y is reported before the file is opened
        try (EventOutput sink = new EventOutput(capture, output, verbose, summary, out, rawOut, err);
             FrameSource source = CaptureFiles.open(file)) {
            pipeline = new Pipeline(options, capture.limits(), sink, sink.frameLog());
            // The pipeline copies what it keeps of a frame, so frames can be views into the reader's
            // buffer; but -w keeps whole frames until their packets are written.
            boolean views = sink.frameLog() == null;
            try {
                RawFrame f;
                while ((f = views ? source.nextView() : source.next()) != null) {
                    sink.started(f.timeNanos());
                    pipeline.frame(f);
                }
                pipeline.finish();
            } catch (EventOutput.Enough stop) {
                // -c reached: what is still pending is not reported
            }
            sink.finish();
            warnings(source, err);
        } catch (IOException e) {
            throw readFailed(file, e);
        } catch (UncheckedIOException e) {
            throw new CliException(ExitCodes.USAGE, "cannot write " + capture.writeTo() + ": " + e.getCause().getMessage());
        }
        return notes(pipeline, err);
    }

    /**
     * Plain {@code --stats} (no -Y, -c or -w): nothing is shown per packet, so the pipeline feeds the
     * counters directly and builds no packet events for them ({@link org.mqttsniff.session.PacketCounter}).
     * The report is the one {@link EventOutput} prints.
     */
    private static int countOnly(Path file, CaptureOptions capture, SessionOptions options, OutputOptions output,
                                 PrintWriter out, PrintWriter err) {
        CaptureStats stats = new CaptureStats();
        Pipeline pipeline = new Pipeline(options, capture.limits(), stats);
        try (FrameSource source = CaptureFiles.open(file)) {
            RawFrame f;
            while ((f = source.nextView()) != null) {
                pipeline.frame(f);
            }
            pipeline.finish();
            if (output.format() == OutputOptions.Format.json) {
                out.println(StatsJson.line(stats.snapshot()));
            } else {
                StatsText.print(stats.snapshot(), out);
            }
            out.flush();
            warnings(source, err);
        } catch (IOException e) {
            throw readFailed(file, e);
        }
        return notes(pipeline, err);
    }

    /** What the reader noticed about the file itself (e.g. a truncated last record). */
    private static void warnings(FrameSource source, PrintWriter err) {
        for (String w : source.warnings()) {
            err.println(Main.NAME + ": warning: " + w);
        }
    }

    /** A file that cannot be read, or is no capture: its own message says so, or "cannot read". */
    private static CliException readFailed(Path file, IOException e) {
        return e instanceof CaptureFileException
                ? new CliException(ExitCodes.USAGE, e.getMessage())
                : new CliException(ExitCodes.USAGE, "cannot read " + file + ": " + e.getMessage());
    }

    private static int notes(Pipeline pipeline, PrintWriter err) {
        for (String note : pipeline.notes()) {
            err.println(Main.NAME + ": note: " + note);
        }
        err.flush();
        return ExitCodes.OK;
    }
}
