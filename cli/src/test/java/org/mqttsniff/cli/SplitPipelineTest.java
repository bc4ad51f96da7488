package org.mqttsniff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mqttsniff.bytes.ByteSlice;
import org.mqttsniff.capture.file.CaptureFiles;
import org.mqttsniff.cli.output.StatsText;
import org.mqttsniff.net.FrameSource;
import org.mqttsniff.net.RawFrame;
import org.mqttsniff.session.Pipeline;
import org.mqttsniff.session.SegmentBatch;
import org.mqttsniff.session.SessionOptions;
import org.mqttsniff.stats.CaptureStats;
import org.mqttsniff.tcp.AssemblerLimits;

/**
 * The two-thread pipeline gives the report and notes of the one-thread one, wherever it switches
 * from one to two threads, across many batches, and with frames whose bytes the source overwrites.
 */
class SplitPipelineTest {

    @ParameterizedTest
    @MethodSource("org.mqttsniff.cli.ReadCaptureTest#captures")
    void two_threads_report_what_one_thread_reports(Path capture) throws IOException {
        List<RawFrame> frames = new ArrayList<>();
        try (FrameSource s = CaptureFiles.open(capture)) {
            for (RawFrame f = s.next(); f != null; f = s.next()) {
                frames.add(f);
            }
        }
        // the capture again and again, later each time: many batches, and connections that close and reopen
        int rounds = 2 * SegmentBatch.FRAMES / frames.size() + 3;
        String oneThread = report(new Replay(frames, rounds), -1);
        assertThat(oneThread).contains("MQTT statistics: ");
        for (long alone : new long[] {0, 1, 7, frames.size() * 2L + 1}) {
            assertThat(report(new Replay(frames, rounds), alone)).as("switching after %d frames", alone)
                    .isEqualTo(oneThread);
        }
    }

    /** The report and the notes; {@code alone} < 0: one thread throughout. */
    private static String report(FrameSource source, long alone) throws IOException {
        CaptureStats stats = new CaptureStats();
        Pipeline pipeline = new Pipeline(SessionOptions.defaults(), AssemblerLimits.defaults(), stats);
        if (alone < 0) {
            for (RawFrame f = source.nextView(); f != null; f = source.nextView()) {
                pipeline.frame(f);
            }
            pipeline.finish();
        } else {
            SplitPipeline.run(source, pipeline, alone);
        }
        StringWriter out = new StringWriter();
        PrintWriter w = new PrintWriter(out);
        StatsText.print(stats.snapshot(), w);
        pipeline.notes().forEach(w::println);
        w.flush();
        return out.toString();
    }

    /**
     * A capture's frames {@code rounds} times over, renumbered, each round after the last; nextView
     * hands out views of one buffer that the next call overwrites, as a file reader's do.
     */
    private static final class Replay implements FrameSource {
        private final List<RawFrame> frames;
        private final int rounds;
        private final long span;
        /** Each frame's bytes go to its start, over the last frame's. */
        private final byte[] buffer = new byte[1 << 18];
        private int next;

        Replay(List<RawFrame> frames, int rounds) {
            this.frames = frames;
            this.rounds = rounds;
            this.span = frames.get(frames.size() - 1).timeNanos() - frames.get(0).timeNanos() + 1_000_000_000L;
        }

        @Override
        public RawFrame next() {
            if (next == frames.size() * rounds) {
                return null;
            }
            RawFrame f = frames.get(next % frames.size());
            long round = next / frames.size();
            next++;
            return new RawFrame(next, f.timeNanos() + round * span, f.linkType(), f.data(), f.originalLength());
        }

        @Override
        public RawFrame nextView() {
            RawFrame f = next();
            if (f == null) {
                return null;
            }
            int n = f.data().length();
            f.data().copyTo(0, n, buffer, 0);
            return new RawFrame(f.number(), f.timeNanos(), f.linkType(), ByteSlice.wrap(buffer, 0, n),
                    f.originalLength());
        }

        @Override
        public List<String> warnings() {
            return List.of();
        }

        @Override
        public void close() {
        }
    }
}
