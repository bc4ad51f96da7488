package org.mqttsniff.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mqttsniff.mqtt.MqttVersion.V3_1_1;
import static org.mqttsniff.mqtt.MqttVersion.V5;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mqttsniff.bytes.ByteSlice;
import org.mqttsniff.mqtt.EventRecorder.DesyncEvent;
import org.mqttsniff.mqtt.EventRecorder.Event;
import org.mqttsniff.mqtt.EventRecorder.PacketEvent;

class StreamDecoderTest {

    /** PUBLISH QoS 0 to "a/+": the length is fine, the wildcard in the topic name is not. */
    static final String PUBLISH_WITH_WILDCARD = "30 06 00 03 61 2F 2B 78";
    static final byte[] PINGREQ = {(byte) 0xC0, 0x00};

    private static byte[] hex(String h) {
        return ByteSlice.fromHex(h).toArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Packets of a 5.0 session in wire order, with the malformed one as null. */
    static final List<MqttPacket> MIX = mix();
    static final byte[] MIX_STREAM = mixStream();

    private static List<MqttPacket> mix() {
        byte[] big = new byte[300 * 1024];
        new Random(42).nextBytes(big);
        List<MqttPacket> l = new ArrayList<>();
        l.add(new Connect(V5, true, 60, Properties.of(Property.of(PropertyId.SESSION_EXPIRY_INTERVAL, 3600L),
                Property.of(PropertyId.RECEIVE_MAXIMUM, 20)), "sensor-1",
                Optional.of(new Will(1, false, Properties.of(Property.of(PropertyId.WILL_DELAY_INTERVAL, 5L)),
                        "dev/sensor-1/status", ByteSlice.utf8("offline"))),
                Optional.of("alice"), Optional.of(ByteSlice.utf8("secret"))));
        l.add(new ConnAck(false, 0, Properties.of(Property.of(PropertyId.TOPIC_ALIAS_MAXIMUM, 10),
                Property.of(PropertyId.MAXIMUM_QOS, 1))));
        l.add(new Subscribe(1, Properties.of(Property.of(PropertyId.SUBSCRIPTION_IDENTIFIER, 7)),
                List.of(new Subscription("dev/+/status", 1, true, false, 1), new Subscription("cmd/#", 2))));
        l.add(new SubAck(1, List.of(1, 2)));
        l.add(new Publish(0, "dev/sensor-1/temp", 0, ByteSlice.utf8("21.5")));
        l.add(new Publish(1, "dev/sensor-1/temp", 2, ByteSlice.utf8("21.6")));
        l.add(new PubAck(2));
        l.add(null);
        l.add(new Publish(false, 2, true, "dev/sensor-1/image", 3,
                Properties.of(Property.of(PropertyId.CONTENT_TYPE, "image/raw")), ByteSlice.wrap(big)));
        l.add(new PubRec(3));
        l.add(new PubRel(3));
        l.add(new PubComp(3));
        l.add(new PingReq());
        l.add(new PingResp());
        l.add(new Disconnect());
        return l;
    }

    private static byte[] mixStream() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (MqttPacket p : MIX) {
            out.writeBytes(p == null ? hex(PUBLISH_WITH_WILDCARD) : MqttEncoder.encode(p, V5));
        }
        return out.toByteArray();
    }

    private static List<Event> feedAll(byte[] stream, MqttVersion assumed) {
        EventRecorder rec = new EventRecorder();
        StreamDecoder d = new StreamDecoder(new VersionState(assumed), rec);
        d.feed(stream);
        d.finish();
        return rec.events;
    }

    private static List<Event> feedBytewise(byte[] stream, MqttVersion assumed) {
        EventRecorder rec = new EventRecorder();
        StreamDecoder d = new StreamDecoder(new VersionState(assumed), rec);
        for (int i = 0; i < stream.length; i++) {
            d.feed(stream, i, 1);
        }
        d.finish();
        return rec.events;
    }

    private static List<Event> feedChunked(byte[] stream, MqttVersion assumed, long seed) {
        Random rnd = new Random(seed);
        EventRecorder rec = new EventRecorder();
        StreamDecoder d = new StreamDecoder(new VersionState(assumed), rec);
        int i = 0;
        while (i < stream.length) {
            // mostly small chunks, sometimes empty, sometimes large enough to hold many packets
            int n = switch (rnd.nextInt(4)) {
                case 0 -> rnd.nextInt(3);
                case 1 -> rnd.nextInt(20);
                case 2 -> rnd.nextInt(1500);
                default -> rnd.nextInt(70_000);
            };
            n = Math.min(n, stream.length - i);
            // feed from a copy at an offset, as a capture buffer would
            byte[] chunk = new byte[n + 7];
            System.arraycopy(stream, i, chunk, 7, n);
            d.feed(chunk, 7, n);
            java.util.Arrays.fill(chunk, (byte) 0x55); // the decoder must not keep our array
            i += n;
        }
        d.finish();
        return rec.events;
    }

    @Test
    void mixed_stream_decodes_every_packet_and_reports_the_bad_one() {
        List<Event> events = feedAll(MIX_STREAM, V3_1_1);
        assertThat(events).hasSize(MIX.size()).allMatch(PacketEvent.class::isInstance);
        long offset = 0;
        for (int i = 0; i < MIX.size(); i++) {
            PacketEvent e = (PacketEvent) events.get(i);
            assertThat(e.offset()).isEqualTo(offset);
            if (MIX.get(i) == null) {
                DecodeResult.Malformed m = (DecodeResult.Malformed) e.result();
                assertThat(m.reason()).isEqualTo(MalformedReason.WILDCARD_IN_TOPIC);
                assertThat(m.version()).isEqualTo(V5);
            } else {
                assertThat(e.result()).isInstanceOf(DecodeResult.Decoded.class);
                assertThat(((DecodeResult.Decoded) e.result()).packet()).isEqualTo(MIX.get(i));
            }
            offset += e.result().length();
        }
        assertThat(offset).isEqualTo(MIX_STREAM.length);
    }

    @Test
    void same_stream_one_byte_at_a_time_gives_the_same_events() {
        assertThat(feedBytewise(MIX_STREAM, V3_1_1)).isEqualTo(feedAll(MIX_STREAM, V3_1_1));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 17, 4242, 987654321})
    void same_stream_in_random_chunks_gives_the_same_events(long seed) {
        assertThat(feedChunked(MIX_STREAM, V3_1_1, seed)).isEqualTo(feedAll(MIX_STREAM, V3_1_1));
    }

    /** A stream with a desync in it: the events, desync included, must not depend on chunking either. */
    @ParameterizedTest
    @ValueSource(longs = {5, 6, 7})
    void desync_and_resync_do_not_depend_on_chunking(long seed) {
        byte[] s = concat(PINGREQ, hex("30 FF FF FF FF 01 02 03"), MIX_STREAM, hex("12 34"), PINGREQ, PINGREQ);
        List<Event> all = feedAll(s, V3_1_1);
        assertThat(all).anyMatch(DesyncEvent.class::isInstance);
        assertThat(feedBytewise(s, V3_1_1)).isEqualTo(all);
        assertThat(feedChunked(s, V3_1_1, seed)).isEqualTo(all);
    }

    @Test
    void version_learnt_from_connect_applies_to_the_other_direction() {
        VersionState version = new VersionState(V3_1_1);
        EventRecorder c2s = new EventRecorder();
        EventRecorder s2c = new EventRecorder();
        StreamDecoder client = new StreamDecoder(version, c2s);
        StreamDecoder server = new StreamDecoder(version, s2c);
        byte[] connack = hex(""
                + "20 06 00 00" // CONNACK, flags, reason Success
                + "03 22 00 0A"); // properties: Topic Alias Maximum 10
        assertThat(PacketDecoder.decode(ByteSlice.wrap(connack), V3_1_1)).isInstanceOf(DecodeResult.Malformed.class);

        client.feed(MqttEncoder.encode(new Connect(V5, true, 30, "c"), V5));
        assertThat(version.learned()).isTrue();
        assertThat(version.current()).isEqualTo(V5);
        server.feed(connack);

        DecodeResult r = s2c.packets().get(0).result();
        assertThat(r.version()).isEqualTo(V5);
        assertThat(((DecodeResult.Decoded) r).packet())
                .isEqualTo(new ConnAck(false, 0, Properties.of(Property.of(PropertyId.TOPIC_ALIAS_MAXIMUM, 10))));
    }

    @Test
    void connect_found_by_resync_sets_the_version_for_the_packets_behind_it_in_the_same_chunk() {
        EventRecorder rec = new EventRecorder();
        StreamDecoder d = new StreamDecoder(new VersionState(V3_1_1), rec);
        byte[] connack = hex("20 06 00 00 03 22 00 0A"); // 5.0 CONNACK with Topic Alias Maximum 10
        d.feed(concat(hex("30 FF FF FF FF 01"), MqttEncoder.encode(new Connect(V5, true, 30, "c"), V5), connack));

        DecodeResult last = rec.packets().get(rec.packets().size() - 1).result();
        assertThat(last).isInstanceOf(DecodeResult.Decoded.class);
        assertThat(last.version()).isEqualTo(V5);
    }

    @Test
    void packet_with_valid_length_but_bad_content_is_reported_and_the_next_one_decodes() {
        EventRecorder rec = new EventRecorder();
        StreamDecoder d = new StreamDecoder(new VersionState(V3_1_1), rec);
        d.feed(concat(hex(PUBLISH_WITH_WILDCARD), hex("82 02 00 01"), PINGREQ));
        assertThat(rec.desyncs()).isEmpty();
        assertThat(d.isDesynchronised()).isFalse();
        List<PacketEvent> p = rec.packets();
        assertThat(p).extracting(PacketEvent::offset).containsExactly(0L, 8L, 12L);
        assertThat(((DecodeResult.Malformed) p.get(0).result()).reason()).isEqualTo(MalformedReason.WILDCARD_IN_TOPIC);
        assertThat(((DecodeResult.Malformed) p.get(1).result()).reason()).isEqualTo(MalformedReason.EMPTY_PAYLOAD);
        assertThat(((DecodeResult.Decoded) p.get(2).result()).packet()).isEqualTo(new PingReq());
        assertThat(d.buffered()).isZero();
    }

    // --- memory: nothing is allocated from a length off the wire ---

    /** PUBLISH QoS 0 with Remaining Length 200 MiB (209,715,200 = 0x0C800000 as 80 80 80 64). */
    static final byte[] HUGE_HEADER = hex("30 80 80 80 64");
    static final long HUGE_TOTAL = HUGE_HEADER.length + 200L * 1024 * 1024;

    @Test
    void huge_remaining_length_followed_by_few_bytes_buffers_almost_nothing() {
        EventRecorder rec = new EventRecorder();
        StreamDecoder d = new StreamDecoder(new VersionState(V3_1_1), rec);
        d.feed(concat(HUGE_HEADER, hex("00 03 61 2F 62 01 02 03 04 05")));
        assertThat(d.buffered()).isLessThanOrEqualTo(300);
        assertThat(rec.events).isEmpty(); // its last byte has not gone by yet

        d.finish();
        DecodeResult.Malformed m = (DecodeResult.Malformed) rec.packets().get(0).result();
        assertThat(m.reason()).isEqualTo(MalformedReason.PACKET_TOO_LARGE);
        assertThat(m.detail()).startsWith("PUBLISH:").contains("the stream ended");
        assertThat(m.length()).isEqualTo((int) HUGE_TOTAL);
        assertThat(m.raw().length()).isLessThanOrEqualTo(64);
        assertThat(d.buffered()).isZero();
    }

    @Test
    void huge_packet_is_skipped_without_buffering_and_reported_when_its_last_byte_passes() {
        EventRecorder rec = new EventRecorder();
        StreamDecoder d = new StreamDecoder(new VersionState(V3_1_1), rec);
        byte[] chunk = new byte[64 * 1024];
        d.feed(HUGE_HEADER);
        long left = HUGE_TOTAL - HUGE_HEADER.length;
        while (left > 0) {
            int n = (int) Math.min(chunk.length, left);
            d.feed(chunk, 0, n);
            left -= n;
            assertThat(d.buffered()).isLessThanOrEqualTo(300);
            if (left > 0) {
                assertThat(rec.events).isEmpty();
            }
        }
        assertThat(rec.events).hasSize(1);
        d.feed(PINGREQ);

        List<PacketEvent> p = rec.packets();
        assertThat(p).hasSize(2);
        DecodeResult.Malformed m = (DecodeResult.Malformed) p.get(0).result();
        assertThat(p.get(0).offset()).isZero();
        assertThat(m.reason()).isEqualTo(MalformedReason.PACKET_TOO_LARGE);
        assertThat(m.length()).isEqualTo((int) HUGE_TOTAL);
        assertThat(p.get(1).offset()).isEqualTo(HUGE_TOTAL);
        assertThat(((DecodeResult.Decoded) p.get(1).result()).packet()).isEqualTo(new PingReq());
        assertThat(rec.desyncs()).isEmpty();
    }

    @Test
    void packet_over_the_configured_maximum_is_reported_and_the_next_one_decodes() {
        byte[] publish = MqttEncoder.encode(new Publish(0, "t", 0, ByteSlice.wrap(new byte[1994])), V3_1_1);
        assertThat(publish).hasSize(2000);
        byte[] stream = concat(publish, PINGREQ);
        for (int chunk : new int[] {1, 7, 999, stream.length}) {
            EventRecorder rec = new EventRecorder();
            StreamDecoder d = new StreamDecoder(new VersionState(V3_1_1), 1000, rec);
            for (int i = 0; i < stream.length; i += chunk) {
                d.feed(stream, i, Math.min(chunk, stream.length - i));
                assertThat(d.buffered()).isLessThanOrEqualTo(1000);
            }
            List<PacketEvent> p = rec.packets();
            assertThat(p).as("chunk %d", chunk).hasSize(2);
            DecodeResult.Malformed m = (DecodeResult.Malformed) p.get(0).result();
            assertThat(m.reason()).isEqualTo(MalformedReason.PACKET_TOO_LARGE);
            assertThat(m.length()).isEqualTo(2000);
            assertThat(m.detail()).contains("1000");
            assertThat(p.get(1).offset()).isEqualTo(2000);
            assertThat(p.get(1).result()).isInstanceOf(DecodeResult.Decoded.class);
            assertThat(rec.desyncs()).isEmpty();
        }
    }

    // --- recovery ---

    @Test
    void remaining_length_over_4_bytes_is_reported_then_desync_then_resync_at_next_packet() {
        byte[] publish = hex("30 06 00 03 61 2F 62 78");
        byte[] stream = concat(PINGREQ,
                hex("30 FF FF FF FF"), // PUBLISH whose Remaining Length never ends
                hex("01 02 03"),       // junk: type 0 is never a plausible start
                publish);
        EventRecorder rec = new EventRecorder();
        StreamDecoder d = new StreamDecoder(new VersionState(V3_1_1), rec);
        d.feed(stream);

        assertThat(rec.events).hasSize(4);
        assertThat(((PacketEvent) rec.events.get(0)).result()).isInstanceOf(DecodeResult.Decoded.class);
        PacketEvent bad = (PacketEvent) rec.events.get(1);
        assertThat(bad.offset()).isEqualTo(2);
        DecodeResult.Malformed m = (DecodeResult.Malformed) bad.result();
        assertThat(m.reason()).isEqualTo(MalformedReason.REMAINING_LENGTH_TOO_LONG);
        assertThat(m.offset()).isEqualTo(4);
        assertThat(m.detail()).startsWith("PUBLISH:");
        DesyncEvent desync = (DesyncEvent) rec.events.get(2);
        assertThat(desync.offset()).isEqualTo(7); // the 5 reported bytes are not counted again
        assertThat(desync.skipped()).isEqualTo(10 - 7);
        PacketEvent next = (PacketEvent) rec.events.get(3);
        assertThat(next.offset()).isEqualTo(10);
        assertThat(next.result()).isEqualTo(PacketDecoder.decode(ByteSlice.wrap(publish), V3_1_1));
        assertThat(d.isDesynchronised()).isFalse();
    }

    /** PUBLISH QoS 0, topic "a/b", payload of 13 'a' (0x61 never starts a plausible packet): 20 bytes. */
    static final byte[] PUBLISH_20 = hex("30 12 00 03 61 2F 62 61 61 61 61 61 61 61 61 61 61 61 61 61");

    @Test
    void gap_inside_a_packet_of_known_length_reports_it_truncated_and_keeps_sync() {
        assertThat(PUBLISH_20).hasSize(20);
        EventRecorder rec = new EventRecorder();
        StreamDecoder d = new StreamDecoder(new VersionState(V3_1_1), rec);
        d.feed(PUBLISH_20, 0, 10);
        d.gap(5);
        assertThat(d.isDesynchronised()).isFalse();
        d.feed(PUBLISH_20, 15, 5);
        d.feed(PINGREQ);

        assertThat(rec.desyncs()).isEmpty();
        List<PacketEvent> p = rec.packets();
        assertThat(p).hasSize(2);
        DecodeResult.Malformed m = (DecodeResult.Malformed) p.get(0).result();
        assertThat(p.get(0).offset()).isZero();
        assertThat(m.reason()).isEqualTo(MalformedReason.TRUNCATED);
        assertThat(m.detail()).contains("gap");
        assertThat(m.raw()).isEqualTo(ByteSlice.wrap(PUBLISH_20, 0, 10));
        assertThat(p.get(1).offset()).isEqualTo(20);
        assertThat(((DecodeResult.Decoded) p.get(1).result()).packet()).isEqualTo(new PingReq());
    }

    @Test
    void gap_at_a_packet_boundary_desynchronises_until_a_packet_decodes() {
        EventRecorder rec = new EventRecorder();
        StreamDecoder d = new StreamDecoder(new VersionState(V3_1_1), rec);
        d.feed(PINGREQ);
        d.gap(7);
        assertThat(d.isDesynchronised()).isTrue();
        d.feed(PUBLISH_20);

        assertThat(d.isDesynchronised()).isFalse();
        List<PacketEvent> p = rec.packets();
        assertThat(p).hasSize(2);
        assertThat(p.get(1).offset()).isEqualTo(2 + 7);
        assertThat(p.get(1).result()).isInstanceOf(DecodeResult.Decoded.class);
    }

    @Test
    void gap_larger_than_the_rest_of_the_packet_desynchronises_and_skips_to_the_next_packet() {
        EventRecorder rec = new EventRecorder();
        StreamDecoder d = new StreamDecoder(new VersionState(V3_1_1), rec);
        d.feed(PUBLISH_20, 0, 10);
        d.gap(10 + 7);                 // the rest of this packet and the first 7 bytes of the next
        assertThat(d.isDesynchronised()).isTrue();
        d.feed(PUBLISH_20, 7, 13);     // the next packet's payload: junk now
        d.feed(PINGREQ);

        assertThat(rec.events).hasSize(3);
        DecodeResult.Malformed m = (DecodeResult.Malformed) ((PacketEvent) rec.events.get(0)).result();
        assertThat(m.reason()).isEqualTo(MalformedReason.TRUNCATED);
        DesyncEvent desync = (DesyncEvent) rec.events.get(1);
        assertThat(desync.offset()).isEqualTo(27);
        assertThat(desync.skipped()).isEqualTo(13);
        PacketEvent ping = (PacketEvent) rec.events.get(2);
        assertThat(ping.offset()).isEqualTo(40);
        assertThat(((DecodeResult.Decoded) ping.result()).packet()).isEqualTo(new PingReq());
        assertThat(d.isDesynchronised()).isFalse();
    }

    @Test
    void finish_with_a_partial_packet_reports_it_truncated() {
        EventRecorder rec = new EventRecorder();
        StreamDecoder d = new StreamDecoder(new VersionState(V3_1_1), rec);
        d.feed(PINGREQ);
        d.feed(PUBLISH_20, 0, 13);
        assertThat(d.buffered()).isEqualTo(13);
        d.finish();

        List<PacketEvent> p = rec.packets();
        assertThat(p).hasSize(2);
        assertThat(p.get(1).offset()).isEqualTo(2);
        DecodeResult.Malformed m = (DecodeResult.Malformed) p.get(1).result();
        assertThat(m.reason()).isEqualTo(MalformedReason.TRUNCATED);
        assertThat(m.detail()).startsWith("PUBLISH:").contains("13 bytes").contains("stream ended");
        assertThat(m.raw()).isEqualTo(ByteSlice.wrap(PUBLISH_20, 0, 13));
        assertThat(d.buffered()).isZero();
    }

    @Test
    void finish_inside_a_fixed_header_reports_it_truncated() {
        EventRecorder rec = new EventRecorder();
        StreamDecoder d = new StreamDecoder(new VersionState(V3_1_1), rec);
        d.feed(hex("30 80"));
        d.finish();
        DecodeResult.Malformed m = (DecodeResult.Malformed) rec.packets().get(0).result();
        assertThat(m.reason()).isEqualTo(MalformedReason.TRUNCATED);
        assertThat(m.raw()).isEqualTo(ByteSlice.fromHex("30 80"));
    }

    @Test
    void bytes_lost_in_a_gap_while_desynchronised_are_not_counted_as_skipped() {
        EventRecorder rec = new EventRecorder();
        StreamDecoder d = new StreamDecoder(new VersionState(V3_1_1), rec);
        d.feed(hex("30 FF FF FF FF"));     // unframeable: desync from offset 5
        d.feed(hex("01 02 03"));           // 3 received bytes of junk
        d.gap(100);                        // never arrived
        d.feed(hex("04 05"));              // 2 more received bytes of junk
        d.feed(PINGREQ);

        DesyncEvent desync = (DesyncEvent) rec.events.get(1);
        assertThat(desync.offset()).isEqualTo(5);
        assertThat(desync.skipped()).isEqualTo(3 + 2);
        PacketEvent ping = (PacketEvent) rec.events.get(2);
        assertThat(ping.offset()).isEqualTo(5 + 3 + 100 + 2);
        assertThat(((DecodeResult.Decoded) ping.result()).packet()).isEqualTo(new PingReq());
    }

    @Test
    void a_property_integer_over_4_bytes_has_its_own_reason() {
        // 5.0 PUBLISH whose Subscription Identifier (0x0B) never ends
        DecodeResult r = PacketDecoder.decode(ByteSlice.fromHex("30 0a 0001 61 06 0b ff ff ff ff 01"), MqttVersion.V5);
        DecodeResult.Malformed m = (DecodeResult.Malformed) r;
        assertThat(m.reason()).isEqualTo(MalformedReason.VARIABLE_INTEGER_TOO_LONG);
        assertThat(m.offset()).isEqualTo(7); // the value, after the property id at 6
        assertThat(m.detail()).contains("Subscription Identifier").contains("longer than 4 bytes");
    }

    @Test
    void a_candidate_waiting_for_bytes_does_not_hold_back_a_confirmed_packet_behind_it() {
        EventRecorder rec = new EventRecorder();
        StreamDecoder d = new StreamDecoder(new VersionState(V3_1_1), rec);
        d.gap(10);
        d.feed(hex("61 62"            // the tail of a packet cut by the gap
                + " 30 30 61"          // "00a" in a payload: a PUBLISH header claiming 48 bytes
                + " C0 00"));          // PINGREQ, ending where the data ends: confirmed
        assertThat(rec.desyncs()).singleElement().satisfies(e -> {
            assertThat(e.offset()).isEqualTo(10);
            assertThat(e.skipped()).isEqualTo(5);
        });
        assertThat(rec.packets()).singleElement().satisfies(e -> {
            assertThat(e.offset()).isEqualTo(15);
            assertThat(((DecodeResult.Decoded) e.result()).packet()).isEqualTo(new PingReq());
        });
        assertThat(d.isDesynchronised()).isFalse();
    }

    @Test
    void at_the_end_of_the_stream_a_candidate_waiting_for_bytes_gives_way_to_a_packet_behind_it() {
        EventRecorder rec = new EventRecorder();
        StreamDecoder d = new StreamDecoder(new VersionState(V3_1_1), rec);
        d.gap(10);
        d.feed(hex("61 62"            // the tail of a packet cut by the gap
                + " 30 30 61"          // "00a" in a payload: a PUBLISH header claiming 48 bytes
                + " C0 00"             // PINGREQ
                + " 30"));             // the start of a header: the PINGREQ is not confirmed yet
        assertThat(rec.packets()).isEmpty(); // the first candidate may yet get its 48 bytes
        d.finish();

        assertThat(rec.desyncs()).singleElement().satisfies(e -> {
            assertThat(e.offset()).isEqualTo(10);
            assertThat(e.skipped()).isEqualTo(5);
        });
        assertThat(rec.packets()).hasSize(2);
        assertThat(rec.packets().get(0).offset()).isEqualTo(15);
        assertThat(((DecodeResult.Decoded) rec.packets().get(0).result()).packet()).isEqualTo(new PingReq());
        // back in sync, the last byte starts a packet the stream cut short
        assertThat(rec.packets().get(1).offset()).isEqualTo(17);
        assertThat(((DecodeResult.Malformed) rec.packets().get(1).result()).reason()).isEqualTo(MalformedReason.TRUNCATED);
    }
}
