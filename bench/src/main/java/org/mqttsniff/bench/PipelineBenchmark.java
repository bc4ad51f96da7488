package org.mqttsniff.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.mqttsniff.capture.file.CaptureFiles;
import org.mqttsniff.cli.output.EventJson;
import org.mqttsniff.cli.output.RenderOptions;
import org.mqttsniff.net.FrameSource;
import org.mqttsniff.net.RawFrame;
import org.mqttsniff.session.Pipeline;
import org.mqttsniff.session.SessionOptions;
import org.mqttsniff.stats.CaptureStats;
import org.mqttsniff.tcp.AssemblerLimits;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The capture benchmark's work without the JVM's start-up and warm-up, and without file reading:
 * the frames of a {@link BigCapture} (100,000 PUBLISH over 50 connections), held in memory, go
 * through the {@link Pipeline} into the {@code --stats} counters, or into {@code -T json} lines
 * rendered to a stream that drops them. One thread, so the JSON figure leaves out the overlap
 * that the CLI's writer thread gives. Scores are <b>frames/s</b> (an operation is one frame).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 5, time = 2)
public class PipelineBenchmark {
    static final int PUBLISHES = 100_000;
    static final int CONNECTIONS = 50;
    /** 1.5 frames per PUBLISH (half are QoS 1, with a PUBACK) and 9 per connection. */
    static final int FRAMES = PUBLISHES * 3 / 2 + 9 * CONNECTIONS;

    private List<RawFrame> frames;

    @Setup
    public void setup() throws IOException {
        Path file = Files.createTempFile("pipeline-bench", ".pcap");
        try {
            BigCapture.write(file, PUBLISHES, CONNECTIONS);
            frames = new ArrayList<>(FRAMES);
            try (FrameSource s = CaptureFiles.open(file)) {
                for (RawFrame f = s.next(); f != null; f = s.next()) {
                    frames.add(f);
                }
            }
        } finally {
            Files.delete(file);
        }
        if (frames.size() != FRAMES) {
            throw new IllegalStateException("expected " + FRAMES + " frames, got " + frames.size());
        }
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public long stats() {
        CaptureStats stats = new CaptureStats();
        run(new Pipeline(SessionOptions.defaults(), AssemblerLimits.defaults(), stats));
        return stats.snapshot().packets();
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public void json(Blackhole bh) {
        EventJson json = new EventJson(RenderOptions.DEFAULT);
        OutputStream out = new Discard(bh);
        run(new Pipeline(SessionOptions.defaults(), AssemblerLimits.defaults(), e -> {
            try {
                json.writeLine(e, out);
            } catch (IOException x) {
                throw new UncheckedIOException(x);
            }
        }));
    }

    private void run(Pipeline p) {
        for (RawFrame f : frames) {
            p.frame(f);
        }
        p.finish();
    }
}
