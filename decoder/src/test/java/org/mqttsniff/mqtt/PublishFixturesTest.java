package org.mqttsniff.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.mqttsniff.mqtt.FixtureSupport.decodeOne;
import static org.mqttsniff.mqtt.FixtureSupport.hex;
import static org.mqttsniff.mqtt.MqttVersion.V3_1;
import static org.mqttsniff.mqtt.MqttVersion.V5;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.mqttsniff.bytes.ByteSlice;

/** Byte fixtures for PUBLISH and its acknowledgments PUBACK, PUBREC, PUBREL, PUBCOMP. */
class PublishFixturesTest {

    // --- PUBLISH before 5.0 (3.1 and 3.1.1 share the layout) ---

    static final String V3_PUBLISH_QOS0 = ""
            + "30"            // PUBLISH, QoS 0
            + "0a"            // remaining length 10
            + "0003 612f62"   // topic "a/b"
            + "68656c6c6f";   // payload "hello" (no packet id at QoS 0)

    static final String V3_PUBLISH_QOS1 = ""
            + "32"            // PUBLISH, QoS 1
            + "0c"            // remaining length 12
            + "0003 612f62"   // topic "a/b"
            + "0007"          // packet id 7
            + "68656c6c6f";   // payload "hello"

    static final String V3_PUBLISH_QOS2_DUP_RETAIN = ""
            + "3d"            // PUBLISH, DUP, QoS 2, RETAIN
            + "07"            // remaining length 7
            + "0003 612f62"   // topic "a/b"
            + "ffff";         // packet id 65535, empty payload

    // --- PUBLISH in 5.0: a property length after the packet id ---

    static final String V5_PUBLISH_QOS0 = ""
            + "30"            // PUBLISH, QoS 0
            + "0b"            // remaining length 11
            + "0003 612f62"   // topic "a/b"
            + "00"            // property length 0
            + "68656c6c6f";   // payload "hello"

    static final String V5_PUBLISH_QOS1 = ""
            + "32"                   // PUBLISH, QoS 1
            + "15"                   // remaining length 21
            + "0003 612f62"          // topic "a/b"
            + "0007"                 // packet id 7
            + "0b"                   // property length 11
            + "02 0000003c"          //   Message Expiry Interval 60
            + "26 0001 6b 0000"      //   User Property k="" (an empty value is allowed)
            + "6869";                // payload "hi"

    static final String V5_PUBLISH_QOS2_RETAIN = ""
            + "35"            // PUBLISH, QoS 2, RETAIN
            + "0a"            // remaining length 10
            + "0003 612f62"   // topic "a/b"
            + "0100"          // packet id 256
            + "00"            // property length 0
            + "00ff";         // payload 00 ff (binary)

    // MQTT 5.0 §3.3.2.3.4: an empty topic name with a Topic Alias stands for the aliased topic
    static final String V5_PUBLISH_TOPIC_ALIAS_EMPTY_TOPIC = ""
            + "32"        // PUBLISH, QoS 1
            + "0a"        // remaining length 10
            + "0000"      // topic "" (the alias stands for it)
            + "000a"      // packet id 10
            + "03"        // property length 3
            + "23 0007"   //   Topic Alias 7
            + "6869";     // payload "hi"

    // --- acknowledgments before 5.0: only the packet id ---

    static final String V3_PUBACK = ""
            + "40"     // PUBACK
            + "02"     // remaining length 2
            + "0007";  // packet id 7

    static final String V3_PUBREC = ""
            + "50"     // PUBREC
            + "02"     // remaining length 2
            + "0007";  // packet id 7

    static final String V3_PUBREL = ""
            + "62"     // PUBREL, flags 0010
            + "02"     // remaining length 2
            + "0007";  // packet id 7

    static final String V3_PUBCOMP = ""
            + "70"     // PUBCOMP
            + "02"     // remaining length 2
            + "0007";  // packet id 7

    // MQTT 3.1 §3.6: PUBREL carried QoS 1 and could set DUP when resent; 3.1.1 fixed the flags at 0010
    static final String V31_PUBREL_DUP = ""
            + "6a"     // PUBREL, flags 1010 (DUP, QoS 1)
            + "02"     // remaining length 2
            + "0007";  // packet id 7

    // --- acknowledgments in 5.0 (§3.4.2.1): reason code and properties may be left out ---

    static final String V5_PUBACK_FULL = ""
            + "40"                  // PUBACK
            + "19"                  // remaining length 25
            + "0007"                // packet id 7
            + "10"                  // reason code 0x10 No matching subscribers
            + "15"                  // property length 21
            + "1f 0004 6e6f7065"    //   Reason String "nope"
            + "26 0001 62 0001 32"  //   User Property b=2
            + "26 0001 61 0001 31"; //   User Property a=1 (wire order kept, not sorted)

    static final String V5_PUBCOMP_FULL = ""
            + "70"                  // PUBCOMP
            + "0b"                  // remaining length 11
            + "0009"                // packet id 9
            + "92"                  // reason code 0x92 Packet Identifier not found
            + "07"                  // property length 7
            + "1f 0004 676f6e65";   //   Reason String "gone"

    static Stream<Arguments> v5AckShortForms() {
        return Stream.of(
                arguments("PUBACK, remaining length 2", ""
                        + "40"      // PUBACK
                        + "02"      // remaining length 2
                        + "0007",   // packet id 7; no reason code: 0x00 Success
                        new PubAck(7, 0, Properties.EMPTY)),
                arguments("PUBACK, remaining length 3", ""
                        + "40"      // PUBACK
                        + "03"      // remaining length 3
                        + "0007"    // packet id 7
                        + "10",     // reason code 0x10 No matching subscribers; no properties
                        new PubAck(7, 0x10, Properties.EMPTY)),
                arguments("PUBREC, remaining length 2", ""
                        + "50"      // PUBREC
                        + "02"      // remaining length 2
                        + "0008",   // packet id 8; no reason code: 0x00 Success
                        new PubRec(8, 0, Properties.EMPTY)),
                arguments("PUBREC, remaining length 3", ""
                        + "50"      // PUBREC
                        + "03"      // remaining length 3
                        + "0008"    // packet id 8
                        + "97",     // reason code 0x97 Quota exceeded
                        new PubRec(8, 0x97, Properties.EMPTY)),
                arguments("PUBREL, remaining length 2", ""
                        + "62"      // PUBREL, flags 0010
                        + "02"      // remaining length 2
                        + "0009",   // packet id 9; no reason code: 0x00 Success
                        new PubRel(9, 0, Properties.EMPTY)),
                arguments("PUBREL, remaining length 3", ""
                        + "62"      // PUBREL, flags 0010
                        + "03"      // remaining length 3
                        + "0009"    // packet id 9
                        + "92",     // reason code 0x92 Packet Identifier not found
                        new PubRel(9, 0x92, Properties.EMPTY)),
                arguments("PUBCOMP, remaining length 2", ""
                        + "70"      // PUBCOMP
                        + "02"      // remaining length 2
                        + "000a",   // packet id 10; no reason code: 0x00 Success
                        new PubComp(10, 0, Properties.EMPTY)),
                arguments("PUBCOMP, remaining length 3", ""
                        + "70"      // PUBCOMP
                        + "03"      // remaining length 3
                        + "000a"    // packet id 10
                        + "00",     // reason code 0x00 Success, written out (not the shortest form)
                        new PubComp(10, 0, Properties.EMPTY)));
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"V3_1", "V3_1_1"})
    void decodes_v3_publish_qos0_without_packet_id(MqttVersion v) {
        Publish p = decodeOne(v, V3_PUBLISH_QOS0, "30 0a 00", Publish.class);

        assertThat(p.dup()).isFalse();
        assertThat(p.qos()).isZero();
        assertThat(p.retain()).isFalse();
        assertThat(p.topic()).isEqualTo("a/b");
        assertThat(p.packetId()).isZero();
        assertThat(p.id()).isEmpty();
        assertThat(p.properties()).isEqualTo(Properties.EMPTY);
        assertThat(p.payload()).isEqualTo(ByteSlice.utf8("hello"));
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"V3_1", "V3_1_1"})
    void decodes_v3_publish_qos1_with_packet_id(MqttVersion v) {
        Publish p = decodeOne(v, V3_PUBLISH_QOS1, "40 02", Publish.class);

        assertThat(p).isEqualTo(new Publish(1, "a/b", 7, ByteSlice.utf8("hello")));
        assertThat(p.id()).hasValue(7);
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"V3_1", "V3_1_1"})
    void decodes_v3_publish_qos2_with_dup_retain_and_empty_payload(MqttVersion v) {
        Publish p = decodeOne(v, V3_PUBLISH_QOS2_DUP_RETAIN, "50", Publish.class);

        assertThat(p).isEqualTo(new Publish(true, 2, true, "a/b", 65535, Properties.EMPTY, ByteSlice.EMPTY));
    }

    @Test
    void decodes_v5_publish_qos0_with_empty_property_list() {
        Publish p = decodeOne(V5, V5_PUBLISH_QOS0, "30", Publish.class);

        assertThat(p).isEqualTo(new Publish(0, "a/b", 0, ByteSlice.utf8("hello")));
    }

    @Test
    void decodes_v5_publish_qos1_with_properties() {
        Publish p = decodeOne(V5, V5_PUBLISH_QOS1, "32 16 00 03", Publish.class);

        assertThat(p.qos()).isEqualTo(1);
        assertThat(p.topic()).isEqualTo("a/b");
        assertThat(p.packetId()).isEqualTo(7);
        assertThat(p.properties().list()).containsExactly(
                Property.of(PropertyId.MESSAGE_EXPIRY_INTERVAL, 60L),
                Property.user("k", ""));
        assertThat(p.payload()).isEqualTo(ByteSlice.utf8("hi"));
    }

    @Test
    void decodes_v5_publish_qos2_with_retain_and_binary_payload() {
        Publish p = decodeOne(V5, V5_PUBLISH_QOS2_RETAIN, "00", Publish.class);

        assertThat(p).isEqualTo(new Publish(false, 2, true, "a/b", 256, Properties.EMPTY, hex("00ff")));
    }

    @Test
    void decodes_v5_publish_with_topic_alias_and_empty_topic() {
        Publish p = decodeOne(V5, V5_PUBLISH_TOPIC_ALIAS_EMPTY_TOPIC, "40 02 00", Publish.class);

        assertThat(p.topic()).isEmpty();
        assertThat(p.packetId()).isEqualTo(10);
        assertThat(p.properties().get(PropertyId.TOPIC_ALIAS)).contains(Property.of(PropertyId.TOPIC_ALIAS, 7));
        assertThat(p.payload()).isEqualTo(ByteSlice.utf8("hi"));
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"V3_1", "V3_1_1"})
    void decodes_v3_acks_as_packet_id_only(MqttVersion v) {
        assertThat(decodeOne(v, V3_PUBACK, "40", PubAck.class)).isEqualTo(new PubAck(7));
        assertThat(decodeOne(v, V3_PUBREC, "62 02", PubRec.class)).isEqualTo(new PubRec(7));
        assertThat(decodeOne(v, V3_PUBREL, "70 02 00", PubRel.class)).isEqualTo(new PubRel(7));
        assertThat(decodeOne(v, V3_PUBCOMP, "30", PubComp.class)).isEqualTo(new PubComp(7));
    }

    @Test
    void decodes_v31_pubrel_resent_with_dup_flag() {
        assertThat(decodeOne(V3_1, V31_PUBREL_DUP, "70", PubRel.class)).isEqualTo(new PubRel(7));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("v5AckShortForms")
    void decodes_v5_ack_short_forms(String name, String fixture, MqttPacket expected) {
        assertThat(decodeOne(V5, fixture, "30 7f", MqttPacket.class)).isEqualTo(expected);
    }

    @Test
    void decodes_v5_puback_with_reason_string_and_user_properties_in_wire_order() {
        PubAck a = decodeOne(V5, V5_PUBACK_FULL, "40 19 00", PubAck.class);

        assertThat(a.packetId()).isEqualTo(7);
        assertThat(a.reasonCode()).isEqualTo(0x10);
        assertThat(a.properties().get(PropertyId.REASON_STRING)).map(Property::value).contains("nope");
        assertThat(a.properties().userProperties())
                .containsExactly(new StringPair("b", "2"), new StringPair("a", "1"));
        assertThat(a.properties().list()).hasSize(3);
    }

    @Test
    void decodes_v5_pubcomp_with_failure_reason_and_reason_string() {
        PubComp c = decodeOne(V5, V5_PUBCOMP_FULL, "70", PubComp.class);

        assertThat(c).isEqualTo(new PubComp(9, 0x92, Properties.of(Property.of(PropertyId.REASON_STRING, "gone"))));
        assertThat(ReasonCodes.isFailure(PacketType.PUBCOMP, V5, c.reasonCode())).isTrue();
    }
}
