package org.mqttsniff.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.mqttsniff.mqtt.MalformedReason.*;
import static org.mqttsniff.mqtt.MqttVersion.V3_1;
import static org.mqttsniff.mqtt.MqttVersion.V3_1_1;
import static org.mqttsniff.mqtt.MqttVersion.V5;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mqttsniff.bytes.ByteSlice;

/**
 * Each malformed rule shown by a minimal change (usually one byte) to a packet that decodes:
 * the valid packet must decode, the corrupted one must be {@link DecodeResult.Malformed} with
 * the reason, the offset of the offending byte (or of the field that holds it), and a detail
 * that names the packet type and the rule.
 */
class MalformedRulesTest {

    /**
     * @param valid  a packet that decodes in {@code version}
     * @param bad    the same packet with the minimal change that breaks one rule
     * @param detail fragments the detail must contain: the packet type first, then the rule tag
     */
    record Case(String name, MqttVersion version, String valid, String bad, MalformedReason reason, int offset,
                List<String> detail) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** {@code valid} with the byte at {@code at} replaced by {@code to}. */
    static Case flip(String name, MqttVersion v, String valid, int at, int to, MalformedReason reason, int offset,
                     String... detail) {
        byte[] b = ByteSlice.fromHex(valid).toArray();
        assertThat(b[at] & 0xFF).as("fixture %s: byte %d already 0x%02X", name, at, to).isNotEqualTo(to);
        b[at] = (byte) to;
        return new Case(name, v, valid, ByteSlice.wrap(b).spacedHex(), reason, offset, List.of(detail));
    }

    /** A change that is not a single byte: lengths that move, or bytes added or removed. */
    static Case change(String name, MqttVersion v, String valid, String bad, MalformedReason reason, int offset,
                       String... detail) {
        return new Case(name, v, valid, bad, reason, offset, List.of(detail));
    }

    // --- fixtures ---

    /** 3.1.1 CONNECT, clean session, client id "c1". */
    static final String CONNECT_311 = ""
            + "10 0E"             // CONNECT, rl 14
            + "00 04 4D 51 54 54" // 2: "MQTT"
            + "04"                // 8: level 4
            + "02"                // 9: flags: clean
            + "00 3C"             // 10: keep alive 60
            + "00 02 63 31";      // 12: client id "c1"

    /** 3.1 CONNECT ("MQIsdp", level 3). */
    static final String CONNECT_31 = ""
            + "10 10"                   // CONNECT, rl 16
            + "00 06 4D 51 49 73 64 70" // 2: "MQIsdp"
            + "03"                      // 10: level 3
            + "02 00 3C 00 02 63 31";   // 11: flags, keep alive, client id

    /** 3.1.1 CONNECT with a QoS 1 will. */
    static final String CONNECT_311_WILL = ""
            + "10 14 00 04 4D 51 54 54 04"
            + "0E"                // 9: flags: will QoS 1 | will | clean
            + "00 3C 00 02 63 31"
            + "00 01 77"          // will topic "w"
            + "00 01 78";         // will payload "x"

    /** 3.1.1 CONNECT with user name "u" and password "p". */
    static final String CONNECT_311_USER_PASSWORD = ""
            + "10 14 00 04 4D 51 54 54 04"
            + "C2"                // 9: flags: user | password | clean
            + "00 3C 00 02 63 31"
            + "00 01 75"          // user name "u"
            + "00 01 70";         // password "p"

    /** 5.0 CONNECT, no properties. */
    static final String CONNECT_5 = ""
            + "10 0F 00 04 4D 51 54 54"
            + "05"                // 8: level 5
            + "02"                // 9: flags: clean start
            + "00 3C"             // 10: keep alive
            + "00"                // 12: property length 0
            + "00 02 63 31";      // 13: client id

    /** 5.0 CONNECT with Receive Maximum 10. */
    static final String CONNECT_5_RECEIVE_MAX = ""
            + "10 12 00 04 4D 51 54 54 05 02 00 3C"
            + "03"                // 12: property length 3
            + "21 00 0A"          // 13: Receive Maximum = 10
            + "00 02 63 31";

    /** 5.0 CONNECT with Session Expiry Interval 10. */
    static final String CONNECT_5_SESSION_EXPIRY = ""
            + "10 14 00 04 4D 51 54 54 05 02 00 3C"
            + "05"                // 12: property length 5
            + "11 00 00 00 0A"    // 13: Session Expiry Interval = 10
            + "00 02 63 31";

    static final String CONNACK_311 = "20 02 00 00";
    static final String CONNACK_311_SESSION = "20 02 01 00";
    static final String CONNACK_311_REFUSED = "20 02 00 05"; // not authorized
    static final String CONNACK_5 = "20 03 00 00 00";
    static final String CONNACK_5_SESSION = "20 03 01 00 00";
    /** 5.0 CONNACK with Topic Alias Maximum 10. */
    static final String CONNACK_5_ALIAS_MAX = "20 06 00 00 03 22 00 0A";
    /** 5.0 CONNACK: property length 4, Maximum QoS 1 (at 5), Retain Available 1 (at 7). */
    static final String CONNACK_5_QOS_RETAIN = "20 07 00 00 04 24 01 25 01";

    /** 3.1.1 PUBLISH QoS 0, topic "a/b" (bytes 4-6), payload "x". */
    static final String PUBLISH_311_QOS0 = "30 06 00 03 61 2F 62 78";
    /** 3.1.1 PUBLISH QoS 1, topic "a/b", packet id 1 (bytes 7-8), payload "x". */
    static final String PUBLISH_311_QOS1 = "32 08 00 03 61 2F 62 00 01 78";
    /** 3.1.1 PUBLISH QoS 0, topic "a" (length at 2), payload "x". */
    static final String PUBLISH_311_TOPIC_A = "30 04 00 01 61 78";
    /** 5.0 PUBLISH QoS 0, topic "a/b", no properties, payload "x". */
    static final String PUBLISH_5_QOS0 = "30 07 00 03 61 2F 62 00 78";
    /** 5.0 PUBLISH QoS 0, topic "a/b", Topic Alias 1 (at 8), payload "x". */
    static final String PUBLISH_5_ALIAS = "30 0A 00 03 61 2F 62 03 23 00 01 78";
    /** 5.0 PUBLISH QoS 0, topic "a", Topic Alias 1, payload "x". */
    static final String PUBLISH_5_TOPIC_A_ALIAS = "30 08 00 01 61 03 23 00 01 78";
    /** 5.0 PUBLISH QoS 0, topic "a/b", Payload Format Indicator 1, payload "hi" (at 10). */
    static final String PUBLISH_5_UTF8 = "30 0A 00 03 61 2F 62 02 01 01 68 69";

    static final String PUBACK_311 = "40 02 00 05";
    static final String PUBACK_5 = "40 02 00 05";
    static final String PUBACK_5_NO_SUBSCRIBERS = "40 03 00 05 10";
    static final String PUBREL = "62 02 00 01";

    /** 3.1.1 SUBSCRIBE id 1, filter "a" QoS 1 (options at 7). */
    static final String SUBSCRIBE_311 = "82 06 00 01 00 01 61 01";
    /** 3.1.1 SUBSCRIBE id 1, filter "a/b/c" (bytes 6-10) QoS 1. */
    static final String SUBSCRIBE_311_ABC = "82 0A 00 01 00 05 61 2F 62 2F 63 01";
    /** 5.0 SUBSCRIBE id 1, no properties, filter "a", options 0x01 (at 8). */
    static final String SUBSCRIBE_5 = "82 07 00 01 00 00 01 61 01";
    /** 5.0 SUBSCRIBE id 1, filter "$share/g/a", options 0x01 (at 17). */
    static final String SUBSCRIBE_5_SHARED = "82 10 00 01 00 00 0A 24 73 68 61 72 65 2F 67 2F 61 01";
    /** 3.1.1 UNSUBSCRIBE id 1, filter "ab" (bytes 6-7). */
    static final String UNSUBSCRIBE_311 = "A2 06 00 01 00 02 61 62";
    /** 3.1.1 SUBACK id 1, granted QoS 1 (at 4). */
    static final String SUBACK_311 = "90 03 00 01 01";

    static final String PINGREQ = "C0 00";
    /** PINGREQ with its Remaining Length 0 written in 4 bytes: 3.1.1 does not require the shortest form. */
    static final String PINGREQ_LONG_LENGTH = "C0 80 80 80 00";
    static final String DISCONNECT = "E0 00";

    static Stream<Case> cases() {
        return Stream.of(
                // --- fixed header ---
                flip("remaining length longer than 4 bytes", V3_1_1, PINGREQ_LONG_LENGTH, 4, 0x80,
                        REMAINING_LENGTH_TOO_LONG, 4, "PINGREQ:", "longer than 4 bytes"),
                change("non-minimal remaining length in 5.0", V5, PINGREQ, "C0 80 00",
                        NON_MINIMAL_INTEGER, 1, "PINGREQ:", "[MQTT-1.5.5-1]"),
                flip("reserved packet type 0", V3_1_1, PINGREQ, 0, 0x00, RESERVED_TYPE, 0, "packet type 0 is reserved"),
                flip("packet type 15 before 5.0", V3_1_1, DISCONNECT, 0, 0xF0, RESERVED_TYPE, 0,
                        "packet type 15 is reserved before MQTT 5.0"),
                flip("SUBSCRIBE flags 0000", V3_1_1, SUBSCRIBE_311, 0, 0x80, INVALID_FLAGS, 0,
                        "SUBSCRIBE:", "must be 0010, got 0000", "[MQTT-3.8.1-1]"),
                flip("PUBREL flags 0000", V3_1_1, PUBREL, 0, 0x60, INVALID_FLAGS, 0,
                        "PUBREL:", "must be 0010, got 0000", "[MQTT-3.6.1-1]"),
                flip("CONNACK flags 0001", V3_1_1, CONNACK_311, 0, 0x21, INVALID_FLAGS, 0,
                        "CONNACK:", "must be 0000, got 0001", "[MQTT-2.2.2-1]"),
                flip("CONNACK flags 0001 in 5.0", V5, CONNACK_5, 0, 0x21, INVALID_FLAGS, 0,
                        "CONNACK:", "[MQTT-2.1.3-1]"),
                flip("PUBLISH QoS 3", V3_1_1, PUBLISH_311_QOS1, 0, 0x36, INVALID_QOS, 0, "PUBLISH:", "[MQTT-3.3.1-4]"),
                flip("PUBLISH DUP with QoS 0", V3_1_1, PUBLISH_311_QOS0, 0, 0x38, DUP_WITH_QOS0, 0,
                        "PUBLISH:", "[MQTT-3.3.1-2]"),

                // --- packet identifiers ---
                flip("PUBLISH QoS 1 packet id 0", V3_1_1, PUBLISH_311_QOS1, 8, 0x00, ZERO_PACKET_ID, 7,
                        "PUBLISH:", "[MQTT-2.3.1-1]"),
                flip("SUBSCRIBE packet id 0", V3_1_1, SUBSCRIBE_311, 3, 0x00, ZERO_PACKET_ID, 2,
                        "SUBSCRIBE:", "[MQTT-2.3.1-1]"),
                flip("PUBACK packet id 0 in 5.0", V5, PUBACK_5, 3, 0x00, ZERO_PACKET_ID, 2,
                        "PUBACK:", "[MQTT-2.2.1-3]"),

                // --- strings ---
                change("overlong UTF-8 C0 80 in a topic", V3_1_1, PUBLISH_311_QOS0, "30 06 00 03 C0 80 62 78",
                        INVALID_UTF8, 4, "PUBLISH:", "Topic Name", "[MQTT-1.5.3-1]"),
                flip("lone 0xFF in a topic", V3_1_1, PUBLISH_311_QOS0, 5, 0xFF, INVALID_UTF8, 5,
                        "PUBLISH:", "[MQTT-1.5.3-1]"),
                change("encoded surrogate ED A0 80 in a 5.0 topic", V5, PUBLISH_5_QOS0, "30 07 00 03 ED A0 80 00 78",
                        INVALID_UTF8, 4, "PUBLISH:", "[MQTT-1.5.4-1]"),
                flip("U+0000 in a topic", V3_1_1, PUBLISH_311_QOS0, 5, 0x00, NUL_IN_STRING, 5,
                        "PUBLISH:", "[MQTT-1.5.3-2]"),
                flip("U+0000 in a client id in 5.0", V5, CONNECT_5, 16, 0x00, NUL_IN_STRING, 16,
                        "CONNECT:", "Client Identifier", "[MQTT-1.5.4-2]"),
                flip("string longer than the packet", V3_1_1, PUBLISH_311_QOS0, 3, 0x09, FIELD_OVERRUN, 2,
                        "PUBLISH:", "Topic Name", "string length 9"),
                flip("property length longer than the packet", V5, CONNACK_5_ALIAS_MAX, 4, 0x09, FIELD_OVERRUN, 4,
                        "CONNACK:", "Property Length 9"),

                // --- leftovers ---
                change("3.1.1 PUBACK with remaining length 3", V3_1_1, PUBACK_311, "40 03 00 05 00",
                        TRAILING_BYTES, 4, "PUBACK:", "1 byte left over"),
                change("PINGREQ with remaining length 1", V3_1_1, PINGREQ, "C0 01 00",
                        TRAILING_BYTES, 2, "PINGREQ:", "left over"),
                change("bytes after the end the remaining length gives", V3_1_1, PINGREQ, "C0 00 00",
                        TRAILING_BYTES, 2, "PINGREQ:", "1 bytes after the end"),

                // --- CONNECT ---
                flip("wrong protocol name", V3_1_1, CONNECT_311, 7, 0x58, PROTOCOL_NAME, 2,
                        "CONNECT:", "\"MQTX\"", "[MQTT-3.1.2-1]"),
                flip("MQTT with level 3", V3_1_1, CONNECT_311, 8, 0x03, PROTOCOL_LEVEL, 8,
                        "CONNECT:", "level 3", "[MQTT-3.1.2-2]"),
                flip("MQIsdp with level 4", V3_1, CONNECT_31, 10, 0x04, PROTOCOL_LEVEL, 10,
                        "CONNECT:", "level 4", "[MQTT-3.1.2-2]"),
                flip("protocol level 6", V5, CONNECT_5, 8, 0x06, PROTOCOL_LEVEL, 8,
                        "CONNECT:", "level 6", "[MQTT-3.1.2-2]"),
                flip("CONNECT reserved flag", V3_1_1, CONNECT_311, 9, 0x03, CONNECT_RESERVED_FLAG, 9,
                        "CONNECT:", "[MQTT-3.1.2-3]"),
                flip("will QoS without will flag", V3_1_1, CONNECT_311, 9, 0x0A, WILL_FLAGS, 9,
                        "CONNECT:", "Will QoS", "[MQTT-3.1.2-13]"),
                flip("will QoS without will flag in 5.0", V5, CONNECT_5, 9, 0x0A, WILL_FLAGS, 9,
                        "CONNECT:", "Will QoS", "[MQTT-3.1.2-11]"),
                flip("will retain without will flag", V3_1_1, CONNECT_311, 9, 0x22, WILL_FLAGS, 9,
                        "CONNECT:", "Will Retain", "[MQTT-3.1.2-15]"),
                flip("will retain without will flag in 5.0", V5, CONNECT_5, 9, 0x22, WILL_FLAGS, 9,
                        "CONNECT:", "Will Retain", "[MQTT-3.1.2-13]"),
                flip("will QoS 3", V3_1_1, CONNECT_311_WILL, 9, 0x1E, INVALID_QOS, 9,
                        "CONNECT:", "Will QoS", "[MQTT-3.1.2-14]"),
                flip("password without user name in 3.1.1", V3_1_1, CONNECT_311_USER_PASSWORD, 9, 0x42,
                        PASSWORD_WITHOUT_USERNAME, 9, "CONNECT:", "[MQTT-3.1.2-22]"),

                // --- properties ---
                flip("unknown property id", V5, CONNECT_5_RECEIVE_MAX, 13, 0x20, UNKNOWN_PROPERTY, 13,
                        "CONNECT:", "0x20", "§2.2.2.2"),
                flip("Topic Alias in CONNACK", V5, CONNACK_5_ALIAS_MAX, 5, 0x23, PROPERTY_NOT_ALLOWED, 5,
                        "CONNACK:", "Topic Alias", "not allowed in CONNACK"),
                flip("Will Delay Interval outside will properties", V5, CONNECT_5_SESSION_EXPIRY, 13, 0x18,
                        PROPERTY_NOT_ALLOWED, 13, "CONNECT:", "Will Delay Interval", "not allowed in CONNECT"),
                flip("duplicate property", V5, CONNACK_5_QOS_RETAIN, 7, 0x24, DUPLICATE_PROPERTY, 7,
                        "CONNACK:", "Maximum QoS", "more than once"),
                flip("Maximum QoS 2", V5, CONNACK_5_QOS_RETAIN, 6, 0x02, INVALID_PROPERTY_VALUE, 5,
                        "CONNACK:", "Maximum QoS must be 0 or 1"),
                flip("Receive Maximum 0", V5, CONNECT_5_RECEIVE_MAX, 15, 0x00, INVALID_PROPERTY_VALUE, 13,
                        "CONNECT:", "Receive Maximum must not be 0"),
                flip("Topic Alias 0", V5, PUBLISH_5_ALIAS, 10, 0x00, TOPIC_ALIAS_ZERO, 8,
                        "PUBLISH:", "[MQTT-3.3.2-8]"),

                // --- topics ---
                flip("'+' in a PUBLISH topic name", V3_1_1, PUBLISH_311_QOS0, 6, '+', WILDCARD_IN_TOPIC, 2,
                        "PUBLISH:", "\"a/+\"", "[MQTT-3.3.2-2]"),
                flip("'#' in a PUBLISH topic name", V5, PUBLISH_5_QOS0, 6, '#', WILDCARD_IN_TOPIC, 2,
                        "PUBLISH:", "\"a/#\"", "[MQTT-3.3.2-2]"),
                flip("empty topic name in 3.1.1", V3_1_1, PUBLISH_311_TOPIC_A, 3, 0x00, INVALID_TOPIC_NAME, 2,
                        "PUBLISH:", "[MQTT-4.7.3-1]"),
                change("empty topic name without Topic Alias in 5.0", V5, PUBLISH_5_QOS0, "30 04 00 00 00 78",
                        INVALID_TOPIC_NAME, 2, "PUBLISH:", "no Topic Alias"),
                flip("filter a/#/b", V3_1_1, SUBSCRIBE_311_ABC, 8, '#', INVALID_TOPIC_FILTER, 4,
                        "SUBSCRIBE:", "\"a/#/c\"", "[MQTT-4.7.1-1]"),
                flip("filter a+", V3_1_1, UNSUBSCRIBE_311, 7, '+', INVALID_TOPIC_FILTER, 4,
                        "UNSUBSCRIBE:", "\"a+\"", "[MQTT-4.7.1-2]"),

                // --- subscription options ---
                flip("3.1.1 requested QoS reserved bit", V3_1_1, SUBSCRIBE_311, 7, 0x05, INVALID_SUBSCRIPTION_OPTIONS, 7,
                        "SUBSCRIBE:", "[MQTT-3-8.3-4]"), // sic: the 3.1.1 spec spells this tag with a dash
                flip("3.1.1 requested QoS 3", V3_1_1, SUBSCRIBE_311, 7, 0x03, INVALID_SUBSCRIPTION_OPTIONS, 7,
                        "SUBSCRIBE:", "QoS must not be 3"),
                flip("5.0 options reserved bits 7-6", V5, SUBSCRIBE_5, 8, 0x41, INVALID_SUBSCRIPTION_OPTIONS, 8,
                        "SUBSCRIBE:", "[MQTT-3.8.3-5]"),
                flip("5.0 retain handling 3", V5, SUBSCRIBE_5, 8, 0x31, INVALID_SUBSCRIPTION_OPTIONS, 8,
                        "SUBSCRIBE:", "Retain Handling must not be 3"),
                flip("5.0 options QoS 3", V5, SUBSCRIBE_5, 8, 0x03, INVALID_SUBSCRIPTION_OPTIONS, 8,
                        "SUBSCRIBE:", "QoS must not be 3"),
                flip("5.0 No Local on a shared subscription", V5, SUBSCRIBE_5_SHARED, 17, 0x05,
                        INVALID_SUBSCRIPTION_OPTIONS, 17, "SUBSCRIBE:", "[MQTT-3.8.3-4]"),

                // --- empty payloads ---
                change("SUBSCRIBE without filters", V3_1_1, SUBSCRIBE_311, "82 02 00 01", EMPTY_PAYLOAD, 4,
                        "SUBSCRIBE:", "[MQTT-3.8.3-3]"),
                change("5.0 SUBSCRIBE without filters", V5, SUBSCRIBE_5, "82 03 00 01 00", EMPTY_PAYLOAD, 5,
                        "SUBSCRIBE:", "[MQTT-3.8.3-2]"),
                change("UNSUBSCRIBE without filters", V3_1_1, UNSUBSCRIBE_311, "A2 02 00 01", EMPTY_PAYLOAD, 4,
                        "UNSUBSCRIBE:", "[MQTT-3.10.3-2]"),
                change("SUBACK without codes", V3_1_1, SUBACK_311, "90 02 00 01", EMPTY_PAYLOAD, 4,
                        "SUBACK:", "reason code for each topic filter"),

                // --- reason codes ---
                flip("5.0 PUBACK reason 0x04", V5, PUBACK_5_NO_SUBSCRIBERS, 4, 0x04, INVALID_REASON_CODE, 4,
                        "PUBACK:", "0x04 is not defined for PUBACK", "MQTT 5.0 §2.4"),
                flip("3.1.1 CONNACK return code 6", V3_1_1, CONNACK_311_REFUSED, 3, 0x06, INVALID_REASON_CODE, 3,
                        "CONNACK:", "0x06", "MQTT 3.1.1 §3.2.2.3"),
                flip("3.1.1 SUBACK return code 3", V3_1_1, SUBACK_311, 4, 0x03, INVALID_REASON_CODE, 4,
                        "SUBACK:", "0x03", "[MQTT-3.9.3-2]"),

                // --- CONNACK flags ---
                flip("CONNACK reserved flag bit", V3_1_1, CONNACK_311, 2, 0x02, CONNACK_FLAGS, 2,
                        "CONNACK:", "bits 7-1 are reserved"),
                flip("5.0 CONNACK reserved flag bit", V5, CONNACK_5, 2, 0x80, CONNACK_FLAGS, 2,
                        "CONNACK:", "[MQTT-3.2.2-1]"),
                flip("session present with a refusal", V3_1_1, CONNACK_311_SESSION, 3, 0x05, CONNACK_FLAGS, 2,
                        "CONNACK:", "Session Present", "[MQTT-3.2.2-4]"),
                flip("5.0 session present with a refusal", V5, CONNACK_5_SESSION, 3, 0x87, CONNACK_FLAGS, 2,
                        "CONNACK:", "Session Present", "[MQTT-3.2.2-6]"),

                // --- payload ---
                flip("Payload Format Indicator 1 with a non-UTF-8 payload", V5, PUBLISH_5_UTF8, 11, 0xFF,
                        PAYLOAD_FORMAT, 10, "PUBLISH:", "not well-formed UTF-8"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void corrupting_a_valid_packet_breaks_exactly_that_rule(Case c) {
        DecodeResult ok = PacketDecoder.decode(ByteSlice.fromHex(c.valid()), c.version());
        assertThat(ok).as("the valid fixture %s", c.valid()).isInstanceOf(DecodeResult.Decoded.class);

        ByteSlice bad = ByteSlice.fromHex(c.bad());
        DecodeResult r = PacketDecoder.decode(bad, c.version());
        assertThat(r).as("%s", c.bad()).isInstanceOf(DecodeResult.Malformed.class);
        DecodeResult.Malformed m = (DecodeResult.Malformed) r;
        assertThat(m.reason()).as(m.detail()).isEqualTo(c.reason());
        assertThat(m.offset()).as(m.detail()).isEqualTo(c.offset());
        assertThat(m.detail()).contains(c.detail());
        assertThat(m.typeCode()).isEqualTo(bad.get(0) >>> 4);
        assertThat(m.raw()).isEqualTo(bad);
        assertThat(m.length()).isEqualTo(bad.length());

        // explaining gives the same verdict as decoding
        assertThat(PacketDecoder.explain(bad, c.version()).result()).isEqualTo(r);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void no_public_entry_point_throws_on_a_malformed_packet(Case c) {
        ByteSlice bad = ByteSlice.fromHex(c.bad());
        byte[] b = bad.toArray();
        for (MqttVersion v : MqttVersion.values()) {
            assertThatCode(() -> {
                PacketDecoder.decode(bad, v);
                PacketDecoder.Explained e = PacketDecoder.explain(bad, v);
                e.fields().forEach(f -> f.shownValue(false));
                Framer.parse(b, 0, b.length);
                Framer.plausibleFirstByte(b[0] & 0xFF, v);
                EventRecorder rec = new EventRecorder();
                StreamDecoder s = new StreamDecoder(new VersionState(v), 64, rec);
                s.feed(b);
                s.gap(3);
                s.feed(b);
                s.finish();
            }).as("%s in %s", c.name(), v).doesNotThrowAnyException();
        }
    }

    @Test
    void malformed_packet_is_reported_as_a_result_by_a_stream_decoder_too() {
        EventRecorder rec = new EventRecorder();
        StreamDecoder s = new StreamDecoder(new VersionState(V3_1_1), rec);
        s.feed(ByteSlice.fromHex("80 02 00 01" + PINGREQ).toArray());
        assertThat(rec.packets()).hasSize(2);
        assertThat(((DecodeResult.Malformed) rec.packets().get(0).result()).reason()).isEqualTo(INVALID_FLAGS);
        assertThat(rec.packets().get(1).result()).isInstanceOf(DecodeResult.Decoded.class);
    }

    // --- what the rules must still accept ---

    private static MqttPacket decoded(String hex, MqttVersion v) {
        DecodeResult r = PacketDecoder.decode(ByteSlice.fromHex(hex), v);
        assertThat(r).as("%s in %s: %s", hex, v, r).isInstanceOf(DecodeResult.Decoded.class);
        return ((DecodeResult.Decoded) r).packet();
    }

    @Test
    void auth_is_a_packet_in_5_0() {
        assertThat(decoded("F0 00", V5)).isEqualTo(new Auth());
    }

    @Test
    void password_without_user_name_is_allowed_in_5_0() {
        Connect c = (Connect) decoded(""
                + "10 12 00 04 4D 51 54 54 05"
                + "42"          // flags: password | clean start
                + "00 3C 00 00 02 63 31"
                + "00 01 70",   // password "p"
                V5);
        assertThat(c.username()).isEmpty();
        assertThat(c.password()).contains(ByteSlice.utf8("p"));
    }

    @Test
    void will_delay_interval_is_allowed_in_will_properties() {
        Connect c = (Connect) decoded(""
                + "10 1B 00 04 4D 51 54 54 05"
                + "06"                // flags: will | clean start
                + "00 3C 00 00 02 63 31"
                + "05 18 00 00 00 1E" // will properties: Will Delay Interval 30
                + "00 01 77 00 01 78",
                V5);
        assertThat(c.will().orElseThrow().properties().get(PropertyId.WILL_DELAY_INTERVAL).orElseThrow().number())
                .isEqualTo(30);
    }

    @Test
    void duplicate_user_property_is_fine() {
        ConnAck c = (ConnAck) decoded(""
                + "20 11 00 00"
                + "0E"                   // property length 14
                + "26 00 01 6B 00 01 31" // User Property k = 1
                + "26 00 01 6B 00 01 32", // User Property k = 2
                V5);
        assertThat(c.properties().userProperties()).containsExactly(new StringPair("k", "1"), new StringPair("k", "2"));
    }

    @Test
    void repeated_subscription_identifier_in_publish_is_fine() {
        Publish p = (Publish) decoded(""
                + "30 0B 00 03 61 2F 62"
                + "04 0B 01 0B 02" // Subscription Identifier 1, Subscription Identifier 2
                + "78",
                V5);
        assertThat(p.properties().list()).hasSize(2);
    }

    @Test
    void empty_topic_name_with_topic_alias_is_fine_in_5_0() {
        Publish p = (Publish) decoded("30 07 00 00 03 23 00 01 78", V5);
        assertThat(p.topic()).isEmpty();
    }

    @Test
    void no_local_is_fine_on_a_plain_subscription() {
        Subscribe s = (Subscribe) decoded("82 07 00 01 00 00 01 61 05", V5);
        assertThat(s.subscriptions().get(0).noLocal()).isTrue();
    }

    @Test
    void non_minimal_remaining_length_is_accepted_before_5_0() {
        assertThat(decoded("C0 80 00", V3_1_1)).isEqualTo(new PingReq());
    }

    @Test
    void suback_granting_qos_0_is_fine_in_5_0() {
        SubAck s = (SubAck) decoded("90 04 00 01 00 00", V5);
        assertThat(s.reasonCodes()).containsExactly(0);
    }

    @Test
    void disconnect_with_explicit_normal_disconnection_is_fine_in_5_0() {
        assertThat(decoded("E0 01 00", V5)).isEqualTo(new Disconnect());
    }
}
