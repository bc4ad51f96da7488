package org.mqttsniff.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import org.mqttsniff.capture.file.PcapWriter;
import org.mqttsniff.capture.live.Bpf;
import org.mqttsniff.capture.live.Interfaces;
import org.mqttsniff.capture.live.LiveCaptureException;
import org.mqttsniff.capture.live.LiveSource;
import org.mqttsniff.cli.options.CaptureOptions;
import org.mqttsniff.cli.options.LiveOptions;
import org.mqttsniff.cli.options.OutputOptions;
import org.mqttsniff.cli.options.ProtocolOptions;
import org.mqttsniff.mqtt.DecodeResult;
import org.mqttsniff.mqtt.PacketType;
import org.mqttsniff.net.RawFrame;
import org.mqttsniff.session.Pipeline;
import org.mqttsniff.session.SessionOptions;
import org.mqttsniff.session.SnifferEvent;
import org.mqttsniff.tcp.AssemblerLimits;

/**
 * A live capture's pipeline thread: it takes the frames the capture thread queued, writes them
 * to the {@code -w} file as they come, and runs them through the {@link Pipeline} to a sink, on
 * the thread that calls {@link #run()}. The sink is the caller's: {@link EventOutput} for text and
 * JSON lines, the terminal UI's model later. {@link #stop()} may be called from any thread (a
 * signal handler, the UI); {@link #run()} then takes what is still queued and returns.
 */
final class LiveCapture implements AutoCloseable {
    /** How often {@link #run()} looks up from the queue: -w is flushed and the drop counts are read. */
    private static final long TICK_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int BATCH = 1024;

    /** Counts for a status line or a summary: frames captured, and dropped by the kernel and by our queue. */
    record Stats(long frames, long kernelDrops, long queueDrops, long interfaceDrops) {
        long drops() {
            return kernelDrops + queueDrops + interfaceDrops;
        }
    }

    /** Called on the pipeline thread once per tick with the counts, e.g. to say that frames were lost. */
    interface Ticker {
        void tick(Stats stats);
    }

    private final LiveSource source;
    private final Pipeline pipeline;
    private final LongConsumer frameTime;
    private final PcapWriter writer;
    private final long[] packetsByType = new long[16];
    private long malformed;
    private Ticker ticker = s -> { };
    private Runnable caughtUp = () -> { };
    private volatile boolean stopped;

    /**
     * @param frameTime told each frame's time before the pipeline sees it (text output shows times
     *                  relative to the first), or a no-op
     * @param writeTo   the {@code -w} file: every frame captured is written to it, or null
     */
    LiveCapture(LiveSource source, SessionOptions options, AssemblerLimits limits, Consumer<SnifferEvent> sink,
                LongConsumer frameTime, Path writeTo) throws IOException {
        this.source = source;
        this.frameTime = frameTime;
        this.pipeline = new Pipeline(options, limits, counting(sink));
        if (writeTo == null) {
            this.writer = null;
        } else {
            OutputStream file = Files.newOutputStream(writeTo);
            this.writer = new PcapWriter(file, source.linkType(), true);
        }
    }

    private Consumer<SnifferEvent> counting(Consumer<SnifferEvent> sink) {
        return e -> {
            if (e instanceof SnifferEvent.Packet p) {
                if (p.result() instanceof DecodeResult.Decoded d) {
                    packetsByType[d.packet().type().code()]++;
                } else {
                    malformed++;
                }
            }
            sink.accept(e);
        };
    }

    void onTick(Ticker ticker) {
        this.ticker = ticker;
    }

    /** Called on the pipeline thread whenever it has decoded every frame captured so far: output is flushed there. */
    void onCaughtUp(Runnable caughtUp) {
        this.caughtUp = caughtUp;
    }

    /**
     * Captures until {@link #stop()}, the end of the capture (the interface went away) or the sink
     * throws to stop (the {@code -c} count, {@link EventOutput.Enough}, which is passed on). Every
     * frame queued before the stop is decoded, and then the open connections are closed as at the
     * end of a file.
     */
    void run() throws IOException {
        source.start();
        List<RawFrame> batch = new ArrayList<>(BATCH);
        long nextTick = System.nanoTime() + TICK_NANOS;
        try {
            while (true) {
                RawFrame first = source.poll(100, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    boolean more = source.drainTo(batch, BATCH - 1) == BATCH - 1;
                    for (RawFrame f : batch) {
                        frame(f);
                    }
                    batch.clear();
                    if (!more) {
                        caughtUp.run(); // lines appear as their packets do, as with tcpdump -l
                    }
                } else if (source.finished()) {
                    break;
                }
                long now = System.nanoTime();
                if (now - nextTick >= 0) {
                    nextTick = now + TICK_NANOS;
                    if (writer != null) {
                        writer.flush();
                    }
                    ticker.tick(stats());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            source.stop();
            return;
        } catch (RuntimeException e) {
            source.stop(); // -c reached, or a bug: either way capturing is over
            throw e;
        }
        pipeline.finish();
    }

    private void frame(RawFrame f) throws IOException {
        if (writer != null) {
            writer.write(f);
        }
        frameTime.accept(f.timeNanos());
        pipeline.frame(f);
    }

    /** Asks the capture to stop; any thread, any number of times. */
    void stop() {
        stopped = true;
        source.stop();
    }

    boolean stopRequested() {
        return stopped;
    }

    /** Frames captured and dropped so far; any thread. */
    Stats stats() {
        LiveSource.Counters c = source.counters();
        return new Stats(c.captured(), c.kernelDropped(), c.queueDropped(), c.ifDropped());
    }

    /** Decoded MQTT packets of a type so far (read on the pipeline thread, or after {@link #run()}). */
    long packets(PacketType type) {
        return packetsByType[type.code()];
    }

    long malformed() {
        return malformed;
    }

    Pipeline pipeline() {
        return pipeline;
    }

    LiveSource source() {
        return source;
    }

    /**
     * {@code mqttsniff -i IFACE}: live frames to text or JSON lines (or the {@code -z} summary) on
     * {@code out}; on {@code err} the "listening on" line once the interface is open and, at the
     * end (Ctrl-C, {@code -c} reached), a summary of frames captured and dropped and of the packets
     * seen by type, as tcpdump ends with its counts.
     */
    static int run(LiveOptions live, CaptureOptions capture, ProtocolOptions protocol, OutputOptions output,
                   boolean verbose, boolean summary, PrintWriter out, PrintWriter err) {
        String filter = live.filter() != null ? live.filter() : Bpf.forPorts(capture.ports());
        SessionOptions options = protocol.sessionOptions(capture.mqttPort());
        // the sink first: a bad -Y is reported before the interface is opened
        try (EventOutput sink = new EventOutput(capture.show(), false, output, verbose, summary, out, err)) {
            LiveSource source = open(live.settings(filter));
            try (LiveCapture cap = new LiveCapture(source, options, capture.limits(), sink, sink::started,
                    capture.writeTo())) {
                cap.onTick(new DropWarnings(err));
                cap.onCaughtUp(out::flush);
                int code = ExitCodes.OK;
                try (Interrupts ignored = Interrupts.stop(cap)) {
                    // after the handlers: from this line on, Ctrl-C gets the summary
                    err.println(Main.NAME + ": listening on " + source.device() + ", link-type "
                            + source.linkTypeName() + ", snapshot length " + LiveSource.SNAPLEN
                            + " bytes, capture filter '" + filter + "'");
                    err.flush();
                    try {
                        cap.run();
                    } catch (EventOutput.Enough stop) {
                        // -c reached: what is still queued is not decoded
                    }
                }
                sink.finish();
                for (String w : source.warnings()) {
                    err.println(Main.NAME + ": " + w);
                    code = ExitCodes.CAPTURE_UNAVAILABLE;
                }
                cap.close(); // the final counts are read as the handle closes
                printSummary(cap, err);
                for (String note : cap.pipeline().notes()) {
                    err.println(Main.NAME + ": note: " + note);
                }
                err.flush();
                return code;
            } catch (IOException e) {
                source.close();
                throw new CliException(ExitCodes.USAGE, "cannot write " + capture.writeTo() + ": " + e.getMessage());
            } catch (java.io.UncheckedIOException e) {
                source.close();
                throw new CliException(ExitCodes.USAGE, "cannot write " + capture.writeTo() + ": "
                        + e.getCause().getMessage());
            }
        }
    }

    /** {@code mqttsniff -D}: the interfaces, numbered as {@code -i} takes them. */
    static int listInterfaces(PrintWriter out) {
        List<Interfaces.Interface> all;
        try {
            all = Interfaces.list();
        } catch (LiveCaptureException e) {
            throw failure(e);
        }
        if (all.isEmpty()) {
            throw new CliException(ExitCodes.CAPTURE_UNAVAILABLE, "no interface to capture on was found;"
                    + " if there should be some, " + LiveCaptureException.privilegesHint());
        }
        for (Interfaces.Interface i : all) {
            out.println(i.describe());
        }
        out.flush();
        return ExitCodes.OK;
    }

    static LiveSource open(LiveSource.Settings settings) {
        try {
            return LiveSource.open(settings);
        } catch (LiveCaptureException e) {
            throw failure(e);
        }
    }

    /** A bad filter is bad usage (exit 2, as a bad -Y); everything else means capture is unavailable (3). */
    static CliException failure(LiveCaptureException e) {
        CliException x = new CliException(e.kind() == LiveCaptureException.Kind.BAD_FILTER ? ExitCodes.USAGE
                : ExitCodes.CAPTURE_UNAVAILABLE, e.getMessage());
        x.initCause(e);
        return x;
    }

    static void printSummary(LiveCapture cap, PrintWriter err) {
        Stats s = cap.stats();
        StringBuilder b = new StringBuilder(Main.NAME).append(": ")
                .append(s.frames()).append(s.frames() == 1 ? " frame" : " frames").append(" captured, ")
                .append(s.kernelDrops()).append(" dropped by the kernel, ")
                .append(s.queueDrops()).append(" dropped by the queue");
        if (s.interfaceDrops() > 0) {
            b.append(", ").append(s.interfaceDrops()).append(" dropped by the interface");
        }
        err.println(b);
        List<String> types = new ArrayList<>();
        long total = cap.malformed();
        for (PacketType t : PacketType.values()) {
            long n = cap.packets(t);
            if (n > 0) {
                types.add(n + " " + t.name());
                total += n;
            }
        }
        if (cap.malformed() > 0) {
            types.add(cap.malformed() + " malformed");
        }
        err.println(Main.NAME + ": " + total + " MQTT " + (total == 1 ? "packet" : "packets")
                + (types.isEmpty() ? "" : ": " + String.join(", ", types)));
    }

    /** Says on stderr, at most every few seconds, that frames are being lost, and how many so far. */
    private static final class DropWarnings implements Ticker {
        private static final long EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);
        private final PrintWriter err;
        private long lastDrops;
        private long lastTime = System.nanoTime() - EVERY_NANOS;

        DropWarnings(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void tick(Stats s) {
            long now = System.nanoTime();
            if (s.drops() > lastDrops && now - lastTime >= EVERY_NANOS) {
                lastDrops = s.drops();
                lastTime = now;
                err.println(Main.NAME + ": warning: frames lost so far: " + s.kernelDrops() + " by the kernel (decoding is"
                        + " behind: try a larger -B), " + s.queueDrops() + " by the queue, of "
                        + s.frames() + " captured");
                err.flush();
            }
        }
    }

    /** Stops the capture and closes libpcap's handle and the {@code -w} file. */
    @Override
    public void close() throws IOException {
        source.close();
        if (writer != null) {
            writer.close();
        }
    }
}
