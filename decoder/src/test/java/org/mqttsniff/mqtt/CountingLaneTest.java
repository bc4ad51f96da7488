package org.mqttsniff.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mqttsniff.mqtt.MqttVersion.V3_1_1;
import static org.mqttsniff.mqtt.MqttVersion.V5;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mqttsniff.bytes.ByteSlice;

/**
 * The counting lane ({@link StreamDecoder.Counting}): the PUBLISH and acknowledgements it takes
 * field by field must be told exactly as the decoder would have reported them, and everything
 * it must not take (a rule broken, properties, a Topic Name not seen lately) must reach the
 * decoder. Checked by feeding the same stream to a plain decoder and to a counting one.
 */
class CountingLaneTest {

    /** What either way reports of a packet, as a value. */
    record Seen(long offset, String type, int length, MqttVersion version, int qos, boolean dup, String topic,
                int packetId, int payloadLength, String malformed) {
    }

    static Seen of(long offset, DecodeResult r) {
        if (r instanceof DecodeResult.Malformed m) {
            return new Seen(offset, "type " + m.typeCode(), m.length(), m.version(), -1, false, null, -1, -1,
                    m.reason().name());
        }
        DecodeResult.Decoded d = (DecodeResult.Decoded) r;
        MqttPacket p = d.packet();
        if (p instanceof Publish pub) {
            return new Seen(offset, "PUBLISH", r.length(), d.version(), pub.qos(), pub.dup(), pub.topic(),
                    pub.packetId(), pub.payload().length(), null);
        }
        return new Seen(offset, p.type().name(), r.length(), d.version(), -1, false, null, p.id().orElse(-1), -1,
                null);
    }

    /** The plain way: every packet decoded. */
    static class Plain implements StreamDecoder.Listener {
        final List<Seen> seen = new ArrayList<>();

        @Override
        public void packet(long offset, DecodeResult result) {
            seen.add(of(offset, result));
        }

        @Override
        public void desync(long offset, long skipped, String why) {
            seen.add(new Seen(offset, "desync " + skipped, 0, null, 0, false, why, 0, 0, null));
        }
    }

    /** The counting way; results are read during the call, as a counter must. */
    static final class Counter extends Plain implements StreamDecoder.Counting {
        int fast;

        @Override
        public void publish(long offset, int length, MqttVersion version, int qos, boolean dup, String topic,
                            int packetId, int payloadLength) {
            fast++;
            seen.add(new Seen(offset, "PUBLISH", length, version, qos, dup, topic, packetId, payloadLength, null));
        }

        @Override
        public void ack(long offset, int length, MqttVersion version, PacketType type, int packetId) {
            fast++;
            seen.add(new Seen(offset, type.name(), length, version, -1, false, null, packetId, -1, null));
        }
    }

    private static byte[] hex(String h) {
        return ByteSlice.fromHex(h).toArray();
    }

    private static byte[] enc(MqttPacket p, MqttVersion v) {
        return MqttEncoder.encode(p, v);
    }

    /** Every case the lane must take or refuse, in one stream of the given version. */
    static byte[] stream(MqttVersion v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteSlice hi = ByteSlice.utf8("hi");
        out.writeBytes(enc(new Publish(0, "a/b", 0, hi), v)); // first sight of a/b: decoded, remembered
        out.writeBytes(enc(new Publish(1, "a/b", 1, hi), v)); // the lane's
        out.writeBytes(enc(new PubAck(1), v));
        out.writeBytes(enc(new Publish(false, 2, true, "a/b", 2, Properties.EMPTY, ByteSlice.EMPTY), v));
        out.writeBytes(enc(new PubRec(2), v));
        out.writeBytes(enc(new PubRel(2), v));
        out.writeBytes(enc(new PubComp(2), v));
        out.writeBytes(enc(new Publish(true, 1, false, "a/b", 2, Properties.EMPTY, hi), v)); // DUP, QoS 1
        // a wildcard Topic Name, twice: the second time its bytes are remembered, and still refused
        out.writeBytes(hex("30 06 00 03 61 2F 2B 78"));
        out.writeBytes(hex("30 06 00 03 61 2F 2B 78"));
        out.writeBytes(hex("32 07 00 03 61 2F 62 00 00")); // QoS 1 with packet id 0
        out.writeBytes(hex("36 07 00 03 61 2F 62 00 01")); // QoS bits 11
        out.writeBytes(hex("38 05 00 03 61 2F 62")); // DUP with QoS 0
        out.writeBytes(hex("30 02 00 00")); // empty Topic Name, no alias
        out.writeBytes(hex("60 02 00 05")); // PUBREL with flags 0000
        out.writeBytes(hex("40 02 00 00")); // PUBACK with packet id 0
        out.writeBytes(hex("40 03 00 07 10")); // PUBACK with a reason code: 5.0 only
        out.writeBytes(hex("40 04 00 07 00 00")); // and properties: 5.0 only
        out.writeBytes(hex("40 01 00")); // PUBACK cut short
        out.writeBytes(hex("32 89 00 00 03 61 2F 62 00 09 00 78")); // Remaining Length not in its shortest form
        if (v.isV5()) {
            out.writeBytes(enc(new Publish(false, 1, false, "a/b", 9,
                    Properties.of(Property.of(PropertyId.PAYLOAD_FORMAT_INDICATOR, 1)), hi), v));
            out.writeBytes(enc(new Publish(false, 0, false, "a/b", 0,
                    Properties.of(Property.of(PropertyId.TOPIC_ALIAS, 3)), hi), v));
            out.writeBytes(enc(new Publish(false, 0, false, "", 0,
                    Properties.of(Property.of(PropertyId.TOPIC_ALIAS, 3)), hi), v));
            out.writeBytes(hex("32 09 00 03 61 2F 62 00 0A 05 78")); // a Property Length that overruns
        } else {
            out.writeBytes(hex("30 06 00 03 61 2F 62 00")); // a 5.0 property byte is payload in 3.1.1
        }
        // more topics than the direction remembers: a/b is forgotten and decoded again
        for (String t : List.of("t/1", "t/2", "t/3", "t/4", "a/b", "t/1")) {
            out.writeBytes(enc(new Publish(1, t, 11, hi), v));
            out.writeBytes(enc(new Publish(1, t, 12, hi), v));
        }
        out.writeBytes(enc(new PingReq(), v));
        out.writeBytes(enc(new Publish(0, "a/b", 0, hi), v));
        return out.toByteArray();
    }

    private static Plain plain(byte[] s, MqttVersion v, int chunk, long seed) {
        Plain l = new Plain();
        feed(new StreamDecoder(new VersionState(v, false), l), s, chunk, seed);
        return l;
    }

    private static Counter counting(byte[] s, MqttVersion v, int chunk, long seed) {
        Counter l = new Counter();
        StreamDecoder d = new StreamDecoder(new VersionState(v, false), l);
        d.resultsForgottenAfterCall(new StreamDecoder.Scratch());
        feed(d, s, chunk, seed);
        return l;
    }

    /** chunk 0: the whole stream at once; -1: random chunks; else that many bytes at a time. */
    private static void feed(StreamDecoder d, byte[] s, int chunk, long seed) {
        Random rnd = new Random(seed);
        int i = 0;
        while (i < s.length) {
            int n = chunk == 0 ? s.length : chunk > 0 ? chunk : 1 + rnd.nextInt(40);
            n = Math.min(n, s.length - i);
            byte[] copy = new byte[n + 3];
            System.arraycopy(s, i, copy, 3, n);
            d.feed(copy, 3, n);
            java.util.Arrays.fill(copy, (byte) 0x55); // neither way may keep the caller's bytes
            i += n;
        }
        d.finish();
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"V3_1", "V3_1_1", "V5"})
    void the_lane_reports_exactly_what_the_decoder_does(MqttVersion v) {
        byte[] s = stream(v);
        Plain expected = plain(s, v, 0, 0);
        Counter whole = counting(s, v, 0, 0);
        assertThat(whole.seen).containsExactlyElementsOf(expected.seen);
        // the stream holds every refusal case, yet most packets took the lane
        assertThat(expected.seen).anyMatch(x -> "WILDCARD_IN_TOPIC".equals(x.malformed()))
                .anyMatch(x -> "ZERO_PACKET_ID".equals(x.malformed())).anyMatch(x -> "INVALID_QOS".equals(x.malformed()))
                .anyMatch(x -> "DUP_WITH_QOS0".equals(x.malformed()));
        assertThat(whole.fast).isGreaterThanOrEqualTo(12);
        assertThat(whole.fast).isLessThan(whole.seen.size() - 15);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 7, -1})
    void chunking_changes_nothing(int chunk) {
        for (MqttVersion v : List.of(V3_1_1, V5)) {
            byte[] s = stream(v);
            List<Seen> expected = plain(s, v, 0, 0).seen;
            for (long seed = 1; seed <= (chunk < 0 ? 20 : 1); seed++) {
                Counter c = counting(s, v, chunk, seed);
                assertThat(c.seen).as("%s, chunks of %d, seed %d", v, chunk, seed).containsExactlyElementsOf(expected);
                assertThat(c.fast).isGreaterThan(0);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"V3_1_1", "V5"})
    void a_plain_listener_never_takes_the_lane(MqttVersion v) {
        // a decoder whose listener cannot count builds every packet, even promised forgetfulness
        Plain l = new Plain();
        StreamDecoder d = new StreamDecoder(new VersionState(v, false), l);
        d.resultsForgottenAfterCall(new StreamDecoder.Scratch());
        byte[] s = stream(v);
        feed(d, s, 0, 0);
        assertThat(l.seen).containsExactlyElementsOf(plain(s, v, 0, 0).seen);
    }
}
