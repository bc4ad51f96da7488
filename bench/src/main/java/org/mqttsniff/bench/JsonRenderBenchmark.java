package org.mqttsniff.bench;

import java.io.IOException;
import java.io.OutputStream;
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
import org.mqttsniff.session.SnifferEvent;
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
 * What the {@code -T json} writer thread does, alone: the events of a {@link BigCapture} (100,000
 * PUBLISH over 50 connections) are decoded once in setup and kept, and each invocation renders them
 * all as JSON lines into a stream that drops them. Unlike {@link PipelineBenchmark}'s {@code json}
 * variant it leaves the decoding out, so a change to the rendering shows on its own. Scores are
 * <b>lines/s</b> (an operation is one event).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 5, time = 2)
public class JsonRenderBenchmark {
    /** Events of the capture: an open, CONNECT, CONNACK, DISCONNECT and close per connection, and 1.5 per PUBLISH. */
    static final int EVENTS = PipelineBenchmark.PUBLISHES * 3 / 2 + 5 * PipelineBenchmark.CONNECTIONS;

    private List<SnifferEvent> events;

    @Setup
    public void setup() throws IOException {
        Path file = Files.createTempFile("json-render-bench", ".pcap");
        events = new ArrayList<>(EVENTS);
        try {
            BigCapture.write(file, PipelineBenchmark.PUBLISHES, PipelineBenchmark.CONNECTIONS);
            Pipeline p = new Pipeline(SessionOptions.defaults(), AssemblerLimits.defaults(), events::add);
            try (FrameSource s = CaptureFiles.open(file)) {
                for (RawFrame f = s.next(); f != null; f = s.next()) {
                    p.frame(f);
                }
            }
            p.finish();
        } finally {
            Files.delete(file);
        }
        if (events.size() != EVENTS) {
            throw new IllegalStateException("expected " + EVENTS + " events, got " + events.size());
        }
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void render(Blackhole bh) throws IOException {
        EventJson json = new EventJson(RenderOptions.DEFAULT);
        OutputStream out = new Discard(bh);
        for (SnifferEvent e : events) {
            json.writeLine(e, out);
        }
    }
}
