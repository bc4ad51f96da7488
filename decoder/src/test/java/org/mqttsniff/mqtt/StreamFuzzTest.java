package org.mqttsniff.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mqttsniff.bytes.ByteSlice;

/**
 * Random and mutated input, random chunking and random gaps. Whatever arrives, the decoders must
 * not throw, must keep memory within the maximum packet size, and every packet they call decoded
 * must survive encode and decode unchanged.
 */
class StreamFuzzTest {
    private static final int MAX = 4096;
    private static final int STREAM_ITERATIONS = 8_000;
    private static final int SLICE_ITERATIONS = 25_000;

    /** Packets that are valid in 3.1.1 (index 0) and in 5.0 (index 1), each led by its CONNECT. */
    private static final List<List<MqttPacket>> VALID = List.of(packets(MqttVersion.V3_1_1), packets(MqttVersion.V5));

    private static List<MqttPacket> packets(MqttVersion v) {
        boolean v5 = v.isV5();
        Properties pubProps = v5 ? Properties.of(Property.of(PropertyId.PAYLOAD_FORMAT_INDICATOR, 1),
                Property.of(PropertyId.TOPIC_ALIAS, 3), Property.user("k", "v")) : Properties.EMPTY;
        Properties ackProps = v5 ? Properties.of(Property.of(PropertyId.REASON_STRING, "why")) : Properties.EMPTY;
        return List.of(
                new Connect(v, true, 60, v5 ? Properties.of(Property.of(PropertyId.RECEIVE_MAXIMUM, 5)) : Properties.EMPTY,
                        "cid", Optional.of(new Will(1, true, "w/t", ByteSlice.utf8("bye"))),
                        Optional.of("user"), Optional.of(ByteSlice.utf8("pw"))),
                new ConnAck(true, 0, v5 ? Properties.of(Property.of(PropertyId.MAXIMUM_QOS, 1)) : Properties.EMPTY),
                new Publish(0, "a/b", 0, ByteSlice.utf8("hello")),
                new Publish(false, 1, true, "a/c", 7, pubProps, ByteSlice.utf8("text")),
                new Publish(true, 2, false, "a/d", 8, Properties.EMPTY, ByteSlice.wrap(new byte[300])),
                new Publish(0, "big", 0, ByteSlice.wrap(new byte[MAX + 100])), // over the limit: skipped
                new PubAck(7, v5 ? 0x10 : 0, ackProps),
                new PubRec(8), new PubRel(8), new PubComp(8),
                new Subscribe(9, List.of(new Subscription("a/+", 1), new Subscription("b/#", 2))),
                new SubAck(9, List.of(1, 0x80)),
                new Unsubscribe(10, List.of("a/+")),
                v5 ? new UnsubAck(10, Properties.EMPTY, List.of(0)) : new UnsubAck(10),
                new PingReq(), new PingResp(),
                new Disconnect(v5 ? 0x04 : 0, Properties.EMPTY));
    }

    private static byte[] validStream(Random rnd) {
        return validStream(rnd, 2 + rnd.nextInt(10));
    }

    /** A CONNECT and then {@code n} packets of its version. */
    private static byte[] validStream(Random rnd, int n) {
        int which = rnd.nextInt(2);
        List<MqttPacket> pool = VALID.get(which);
        MqttVersion v = which == 0 ? MqttVersion.V3_1_1 : MqttVersion.V5;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(MqttEncoder.encode(pool.get(0), v));
        for (int i = 0; i < n; i++) {
            out.writeBytes(MqttEncoder.encode(pool.get(rnd.nextInt(pool.size())), v));
        }
        return out.toByteArray();
    }

    private static byte[] randomBytes(Random rnd, int maxLen) {
        byte[] b = new byte[rnd.nextInt(maxLen + 1)];
        rnd.nextBytes(b);
        return b;
    }

    /** Bit flips, insertions, deletions and a truncation. */
    private static byte[] mutate(byte[] in, Random rnd) {
        byte[] b = in;
        int mutations = 1 + rnd.nextInt(4);
        for (int m = 0; m < mutations && b.length > 0; m++) {
            int at = rnd.nextInt(b.length);
            switch (rnd.nextInt(4)) {
                case 0 -> b[at] ^= (byte) (1 << rnd.nextInt(8));
                case 1 -> {
                    byte[] ins = randomBytes(rnd, 6);
                    byte[] out = new byte[b.length + ins.length];
                    System.arraycopy(b, 0, out, 0, at);
                    System.arraycopy(ins, 0, out, at, ins.length);
                    System.arraycopy(b, at, out, at + ins.length, b.length - at);
                    b = out;
                }
                case 2 -> {
                    int n = Math.min(1 + rnd.nextInt(8), b.length - at);
                    byte[] out = new byte[b.length - n];
                    System.arraycopy(b, 0, out, 0, at);
                    System.arraycopy(b, at + n, out, at, b.length - at - n);
                    b = out;
                }
                default -> b = java.util.Arrays.copyOf(b, at);
            }
        }
        return b;
    }

    /** Checks every result as it is reported. */
    private static final class Checker implements StreamDecoder.Listener {
        String context = "";
        long lastOffset = -1;
        int decoded;

        @Override
        public void packet(long offset, DecodeResult r) {
            assertThat(offset).as(context).isGreaterThan(lastOffset);
            lastOffset = offset;
            if (r instanceof DecodeResult.Decoded d) {
                decoded++;
                assertRoundTrips(d, context);
            }
        }

        @Override
        public void desync(long offset, long skipped, String why) {
            assertThat(skipped).as(context).isPositive();
        }
    }

    static void assertRoundTrips(DecodeResult.Decoded d, String context) {
        byte[] again = MqttEncoder.encode(d.packet(), d.version());
        DecodeResult r = PacketDecoder.decode(ByteSlice.wrap(again), d.version());
        assertThat(r).as("%s: re-encoding %s from %s gave %s", context, d.packet(), d.raw(),
                ByteSlice.wrap(again)).isInstanceOf(DecodeResult.Decoded.class);
        assertThat(((DecodeResult.Decoded) r).packet()).as(context).isEqualTo(d.packet());
    }

    /** Plain check, not AssertJ: it runs after every call, and the fuzz loop should stay fast. */
    private static void checkBuffered(StreamDecoder d, String context) {
        if (d.buffered() > MAX + 5) {
            fail(context + ": " + d.buffered() + " bytes buffered, more than the maximum packet size " + MAX + " + 5");
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 22, 33, 44})
    void stream_decoder_survives_random_and_mutated_streams_with_random_chunks_and_gaps(long seed) {
        Random rnd = new Random(seed);
        int decodedTotal = 0;
        for (int it = 0; it < STREAM_ITERATIONS; it++) {
            byte[] s = switch (rnd.nextInt(4)) {
                case 0 -> randomBytes(rnd, 300);
                case 1 -> validStream(rnd);
                default -> mutate(validStream(rnd), rnd);
            };
            Checker c = new Checker();
            c.context = "seed " + seed + " iteration " + it;
            MqttVersion assumed = MqttVersion.values()[rnd.nextInt(3)];
            StreamDecoder d = new StreamDecoder(new VersionState(assumed), MAX, c);
            int i = 0;
            while (i < s.length) {
                if (rnd.nextInt(40) == 0) {
                    d.gap(rnd.nextInt(10) == 0 ? 1 + rnd.nextInt(20_000) : 1 + rnd.nextInt(40));
                    checkBuffered(d, c.context);
                }
                int n = Math.min(s.length - i, rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(3) : rnd.nextInt(600));
                d.feed(s, i, n);
                i += n;
                checkBuffered(d, c.context);
            }
            d.finish();
            checkBuffered(d, c.context);
            decodedTotal += c.decoded;
        }
        // the mutations must leave enough valid packets for the round-trip check to mean something
        assertThat(decodedTotal).isGreaterThan(STREAM_ITERATIONS);
    }

    @ParameterizedTest
    @ValueSource(longs = {101, 202})
    void packet_decoder_and_explain_never_throw_on_random_slices(long seed) {
        Random rnd = new Random(seed);
        int decoded = 0;
        for (int it = 0; it < SLICE_ITERATIONS; it++) {
            byte[] src = switch (rnd.nextInt(4)) {
                case 0 -> randomBytes(rnd, 64);
                case 1 -> validStream(rnd, rnd.nextInt(3));
                default -> mutate(validStream(rnd, rnd.nextInt(3)), rnd);
            };
            int from = src.length == 0 || rnd.nextBoolean() ? 0 : rnd.nextInt(src.length);
            int to = from + rnd.nextInt(src.length - from + 1);
            // often start at a packet boundary with the exact length the header gives
            if (rnd.nextBoolean() && to - from >= 2) {
                long h = Framer.parse(src, from, to - from);
                if (h >= 0) {
                    to = (int) Math.min(src.length, from + (long) Framer.headerLength(h) + Framer.remainingLength(h));
                }
            }
            ByteSlice slice = ByteSlice.wrap(src, from, to - from); // the messages show it via raw
            String context = "seed " + seed + " iteration " + it;
            for (MqttVersion v : MqttVersion.values()) {
                DecodeResult r = PacketDecoder.decode(slice, v);
                PacketDecoder.Explained e = PacketDecoder.explain(slice, v);
                assertThat(e.result()).as(context).isEqualTo(r);
                assertThat(r.length()).as(context).isEqualTo(slice.length());
                if (r instanceof DecodeResult.Decoded d) {
                    decoded++;
                    assertRoundTrips(d, context);
                } else {
                    DecodeResult.Malformed m = (DecodeResult.Malformed) r;
                    assertThat(m.offset()).as(context).isBetween(0, Math.max(0, slice.length()));
                }
            }
        }
        assertThat(decoded).isGreaterThan(SLICE_ITERATIONS / 100);
    }
}
