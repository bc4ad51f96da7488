package org.mqttsniff.bench;

import java.util.concurrent.TimeUnit;

import org.mqttsniff.bytes.ByteSlice;
import org.mqttsniff.mqtt.DecodeResult;
import org.mqttsniff.mqtt.MqttEncoder;
import org.mqttsniff.mqtt.MqttVersion;
import org.mqttsniff.mqtt.PacketDecoder;
import org.mqttsniff.mqtt.Properties;
import org.mqttsniff.mqtt.Property;
import org.mqttsniff.mqtt.PropertyId;
import org.mqttsniff.mqtt.Publish;
import org.mqttsniff.mqtt.StreamDecoder;
import org.mqttsniff.mqtt.VersionState;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decode throughput over a realistic packet mix ({@link MqttMix}), for MQTT 3.1.1 and 5.0.
 *
 * <p>The primary score of the stream and packet benchmarks is <b>packets/s</b> (an operation is
 * one packet, via {@link OperationsPerInvocation}); {@code explainOne}'s is explains/s. Each also
 * reports a secondary {@code :bytes} score, the wire bytes decoded per second, so MB/s is that
 * figure / 1e6. Setup prints the stream's size and packet count as well.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// Defaults match bench/run.sh, so running the jar directly measures the same way. A fixed heap
// keeps G1 from resizing mid-run (the 64 KiB packets make a lot of short-lived garbage).
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 5, time = 2)
public class DecodeBenchmark {
    /** Packets in the stream; every stream benchmark decodes all of them per invocation. */
    public static final int PACKETS = 20_000;
    /** A full Ethernet frame's TCP payload (1500 MTU - 20 IP - 32 TCP with timestamps). */
    public static final int TCP_SEGMENT = 1448;
    private static final long SEED = 0x5EED_2024L;

    @Param({"3.1.1", "5.0"})
    public String version;

    private MqttVersion v;
    private byte[] stream;
    private ByteSlice[] slices;
    private ByteSlice explainPacket;

    /** Wire bytes per invocation, reported as bytes/s through {@link Bytes}. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Bytes {
        public long bytes;

        @Setup(Level.Iteration)
        public void reset() {
            bytes = 0;
        }
    }

    /** Counts what the stream decoder reports and hands it to the blackhole. */
    static final class Counter implements StreamDecoder.Listener {
        Blackhole bh;
        int packets;
        int malformed;
        int desyncs;
        String firstProblem;

        @Override
        public void packet(long offset, DecodeResult result) {
            packets++;
            if (result instanceof DecodeResult.Malformed m) {
                if (malformed++ == 0) {
                    firstProblem = "at " + offset + ": " + m.detail();
                }
            }
            bh.consume(result);
        }

        @Override
        public void desync(long offset, long skipped, String why) {
            if (desyncs++ == 0 && firstProblem == null) {
                firstProblem = "desync at " + offset + ": " + why;
            }
        }
    }

    @Setup(Level.Trial)
    public void setup() {
        v = MqttVersion.parse(version).orElseThrow(() -> new IllegalArgumentException("unknown version " + version));
        MqttMix mix = new MqttMix(v, PACKETS, SEED);
        stream = mix.stream;
        slices = mix.slices();
        explainPacket = ByteSlice.wrap(MqttEncoder.encode(explainTarget(v), v));

        // The stream must decode cleanly, or the benchmark measures error paths.
        Counter c = new Counter();
        c.bh = new Blackhole("Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        StreamDecoder d = new StreamDecoder(new VersionState(v), c);
        d.feed(stream);
        d.finish();
        if (c.packets != PACKETS || c.malformed != 0 || c.desyncs != 0) {
            throw new IllegalStateException("mix does not decode cleanly: " + c.packets + " packets, " + c.malformed
                    + " malformed, " + c.desyncs + " desyncs; first: " + c.firstProblem);
        }
        if (!(PacketDecoder.explain(explainPacket, v).result() instanceof DecodeResult.Decoded)) {
            throw new IllegalStateException("explain target does not decode");
        }
        System.out.printf("%n[mix %s] packets=%d streamBytes=%d avgBytesPerPacket=%.1f large64k=%d (%.1f%% of bytes)"
                        + " explainPacketBytes=%d%n",
                version, PACKETS, stream.length, (double) stream.length / PACKETS, mix.largeCount,
                100.0 * mix.largeBytes / stream.length, explainPacket.length());
    }

    /** A sensor reading as the UI would show it: 5.0 with expiry, alias and a user property. */
    static Publish explainTarget(MqttVersion v) {
        Properties props = v.isV5()
                ? Properties.of(Property.of(PropertyId.MESSAGE_EXPIRY_INTERVAL, 600L),
                Property.of(PropertyId.TOPIC_ALIAS, 7),
                Property.user("trace-id", "4bf92f3577b34da6"))
                : Properties.EMPTY;
        return new Publish(false, 1, false, "site/3/sensor/17/temperature", 4242, props,
                ByteSlice.utf8("{\"v\":21.53,\"u\":\"C\",\"ts\":1700000123456,\"seq\":8812}"));
    }

    /** The whole stream in one feed: the decoder's best case (one buffer, no partial packets). */
    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public int streamDecodeAllAtOnce(Blackhole bh, Bytes bytes) {
        Counter c = new Counter();
        c.bh = bh;
        StreamDecoder d = new StreamDecoder(new VersionState(v), c);
        d.feed(stream, 0, stream.length);
        d.finish();
        bytes.bytes += stream.length;
        return check(c);
    }

    /** The stream in 1448-byte pieces, as a capture delivers TCP segments. */
    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public int streamDecodeTcpSized(Blackhole bh, Bytes bytes) {
        Counter c = new Counter();
        c.bh = bh;
        StreamDecoder d = new StreamDecoder(new VersionState(v), c);
        byte[] s = stream;
        for (int off = 0; off < s.length; off += TCP_SEGMENT) {
            d.feed(s, off, Math.min(TCP_SEGMENT, s.length - off));
        }
        d.finish();
        bytes.bytes += s.length;
        return check(c);
    }

    /** The parser alone: each packet already framed as an exact slice. */
    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public void packetDecodeOnly(Blackhole bh, Bytes bytes) {
        MqttVersion ver = v;
        for (ByteSlice p : slices) {
            bh.consume(PacketDecoder.decode(p, ver));
        }
        bytes.bytes += stream.length;
    }

    /** The UI's cost per selected packet: decode plus the field tree of one PUBLISH. */
    @Benchmark
    public PacketDecoder.Explained explainOne(Bytes bytes) {
        bytes.bytes += explainPacket.length();
        return PacketDecoder.explain(explainPacket, v);
    }

    private static int check(Counter c) {
        if (c.packets != PACKETS) {
            throw new IllegalStateException("decoded " + c.packets + " packets, expected " + PACKETS);
        }
        return c.packets;
    }
}
