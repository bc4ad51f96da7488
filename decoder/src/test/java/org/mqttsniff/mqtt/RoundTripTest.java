package org.mqttsniff.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.mqttsniff.mqtt.FixtureSupport.hex;
import static org.mqttsniff.mqtt.MqttVersion.V3_1;
import static org.mqttsniff.mqtt.MqttVersion.V3_1_1;
import static org.mqttsniff.mqtt.MqttVersion.V5;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.mqttsniff.bytes.ByteSlice;

/** encode then decode gives the record back; decode then encode gives the fixture's bytes back. */
class RoundTripTest {

    private static final Properties USER = Properties.of(Property.user("k", "v"), Property.user("k", "w"));

    /** At least one record of every packet type that exists in {@code v}, with the version's optional parts. */
    static List<MqttPacket> packets(MqttVersion v) {
        boolean v5 = v.isV5();
        List<MqttPacket> p = new ArrayList<>();
        p.add(new Connect(v, true, 30, "c"));
        p.add(new Connect(v, false, 65535, v5 ? Properties.of(
                        Property.of(PropertyId.SESSION_EXPIRY_INTERVAL, 0xFFFF_FFFFL),
                        Property.of(PropertyId.AUTHENTICATION_METHOD, "PLAIN"),
                        Property.of(PropertyId.AUTHENTICATION_DATA, hex("0001"))) : Properties.EMPTY,
                "client-1",
                Optional.of(new Will(2, true, v5 ? Properties.of(Property.of(PropertyId.WILL_DELAY_INTERVAL, 9L),
                        Property.user("a", "b")) : Properties.EMPTY, "w/t", hex("00ff"))),
                Optional.of("user"), Optional.of(ByteSlice.utf8("pw"))));
        p.add(new ConnAck(v != V3_1, 0));
        p.add(new ConnAck(false, v5 ? 0x87 : 5));
        p.add(new Publish(0, "a/b", 0, ByteSlice.utf8("hello")));
        p.add(new Publish(1, "a/b", 1, ByteSlice.EMPTY));
        p.add(new Publish(true, 2, true, "x/y/z", 65535, Properties.EMPTY, hex("00010203")));
        p.add(new PubAck(1));
        p.add(new PubRec(2));
        p.add(new PubRel(3));
        p.add(new PubComp(4));
        p.add(new Subscribe(5, List.of(new Subscription("a/+", 1), new Subscription("#", 2))));
        p.add(new SubAck(5, v == V3_1 ? List.of(1, 2) : List.of(1, 2, 0x80)));
        p.add(new Unsubscribe(6, List.of("a/+", "#")));
        p.add(new UnsubAck(6, Properties.EMPTY, v5 ? List.of(0x00, 0x11) : List.of()));
        p.add(new PingReq());
        p.add(new PingResp());
        p.add(new Disconnect());
        if (v5) {
            p.add(new Connect(v, true, 0, Properties.EMPTY, "", Optional.empty(), Optional.empty(),
                    Optional.of(hex("01")))); // 5.0 allows a password without a user name (§3.1.2.9)
            p.add(new ConnAck(true, 0, Properties.of(Property.of(PropertyId.MAXIMUM_QOS, 1),
                    Property.of(PropertyId.ASSIGNED_CLIENT_IDENTIFIER, "auto-1"), Property.user("x", "y"))));
            p.add(new Publish(false, 1, false, "", 7, Properties.of(Property.of(PropertyId.TOPIC_ALIAS, 4),
                    Property.of(PropertyId.SUBSCRIPTION_IDENTIFIER, 268_435_455)), ByteSlice.utf8("x")));
            p.add(new PubAck(1, 0x10, Properties.EMPTY));
            p.add(new PubAck(1, 0x00, USER));
            p.add(new PubRec(2, 0x80, Properties.of(Property.of(PropertyId.REASON_STRING, "no"))));
            p.add(new PubRel(3, 0x92, USER));
            p.add(new PubComp(4, 0x92, Properties.EMPTY));
            p.add(new Subscribe(5, Properties.of(Property.of(PropertyId.SUBSCRIPTION_IDENTIFIER, 1)), List.of(
                    new Subscription("a/#", 1, true, true, 2), new Subscription("$share/g/b", 0, false, false, 1))));
            p.add(new SubAck(5, USER, List.of(0x00, 0x01, 0x02, 0x80, 0x9E)));
            p.add(new Unsubscribe(6, USER, List.of("a")));
            p.add(new UnsubAck(6, Properties.of(Property.of(PropertyId.REASON_STRING, "r")), List.of(0x87)));
            p.add(new Disconnect(0x8E, Properties.EMPTY));
            p.add(new Disconnect(0x00, Properties.of(Property.of(PropertyId.SESSION_EXPIRY_INTERVAL, 5L))));
            p.add(new Auth());
            p.add(new Auth(0x18, Properties.of(Property.of(PropertyId.AUTHENTICATION_METHOD, "SCRAM"),
                    Property.of(PropertyId.AUTHENTICATION_DATA, hex("aa")))));
            p.add(new Auth(0x19, USER));
        }
        return p;
    }

    static Stream<Arguments> packetsInEveryVersion() {
        return Arrays.stream(MqttVersion.values())
                .flatMap(v -> packets(v).stream().map(p -> arguments(v, p.type().name(), p)));
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @MethodSource("packetsInEveryVersion")
    void decoding_the_encoding_gives_the_record_back(MqttVersion v, String type, MqttPacket packet) {
        byte[] wire = MqttEncoder.encode(packet, v);

        DecodeResult r = PacketDecoder.decode(ByteSlice.wrap(wire), v);

        assertThat(r).as(() -> r instanceof DecodeResult.Malformed m ? m.detail() : "")
                .isInstanceOf(DecodeResult.Decoded.class);
        assertThat(((DecodeResult.Decoded) r).packet()).isEqualTo(packet);
        assertThat(r.version()).isEqualTo(v);
        assertThat(r.length()).isEqualTo(wire.length);
        assertThat(r.typeName()).isEqualTo(type);
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void round_trip_table_covers_every_packet_type_of_the_version(MqttVersion v) {
        Set<PacketType> covered = packets(v).stream().map(MqttPacket::type).collect(Collectors.toSet());

        assertThat(covered).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(PacketType.values()).filter(t -> t.existsIn(v)).toList());
    }

    static Stream<Arguments> shortestFormFixtures() {
        return Stream.of(
                arguments("3.1 CONNECT", V3_1, ConnectFixturesTest.V31_CONNECT),
                arguments("3.1.1 CONNECT", V3_1_1, ConnectFixturesTest.V311_CONNECT),
                arguments("5.0 CONNECT", V5, ConnectFixturesTest.V5_CONNECT_FULL),
                arguments("3.1 CONNACK", V3_1, ConnectFixturesTest.V31_CONNACK),
                arguments("3.1.1 CONNACK", V3_1_1, ConnectFixturesTest.V311_CONNACK_SESSION_PRESENT),
                arguments("5.0 CONNACK", V5, ConnectFixturesTest.V5_CONNACK_MANY),
                arguments("3.1.1 PINGREQ", V3_1_1, ConnectFixturesTest.PINGREQ),
                arguments("5.0 PINGRESP", V5, ConnectFixturesTest.PINGRESP),
                arguments("3.1 DISCONNECT", V3_1, ConnectFixturesTest.EMPTY_DISCONNECT),
                arguments("5.0 empty DISCONNECT", V5, ConnectFixturesTest.EMPTY_DISCONNECT),
                arguments("5.0 DISCONNECT reason only", V5, ConnectFixturesTest.V5_DISCONNECT_REASON_ONLY),
                arguments("5.0 DISCONNECT full", V5, ConnectFixturesTest.V5_DISCONNECT_FULL),
                arguments("5.0 empty AUTH", V5, ConnectFixturesTest.V5_AUTH_EMPTY),
                arguments("5.0 AUTH full", V5, ConnectFixturesTest.V5_AUTH_FULL),
                arguments("3.1 PUBLISH QoS 0", V3_1, PublishFixturesTest.V3_PUBLISH_QOS0),
                arguments("3.1.1 PUBLISH QoS 1", V3_1_1, PublishFixturesTest.V3_PUBLISH_QOS1),
                arguments("3.1.1 PUBLISH QoS 2", V3_1_1, PublishFixturesTest.V3_PUBLISH_QOS2_DUP_RETAIN),
                arguments("5.0 PUBLISH QoS 0", V5, PublishFixturesTest.V5_PUBLISH_QOS0),
                arguments("5.0 PUBLISH QoS 1", V5, PublishFixturesTest.V5_PUBLISH_QOS1),
                arguments("5.0 PUBLISH QoS 2", V5, PublishFixturesTest.V5_PUBLISH_QOS2_RETAIN),
                arguments("5.0 PUBLISH topic alias", V5, PublishFixturesTest.V5_PUBLISH_TOPIC_ALIAS_EMPTY_TOPIC),
                arguments("5.0 PUBLISH all properties", V5, PropertiesFixturesTest.V5_PUBLISH_ALL_PROPERTIES),
                arguments("5.0 CONNECT all properties", V5, PropertiesFixturesTest.V5_CONNECT_ALL_PROPERTIES),
                arguments("3.1 PUBACK", V3_1, PublishFixturesTest.V3_PUBACK),
                arguments("3.1.1 PUBREC", V3_1_1, PublishFixturesTest.V3_PUBREC),
                arguments("3.1.1 PUBREL", V3_1_1, PublishFixturesTest.V3_PUBREL),
                arguments("3.1 PUBCOMP", V3_1, PublishFixturesTest.V3_PUBCOMP),
                arguments("5.0 PUBACK full", V5, PublishFixturesTest.V5_PUBACK_FULL),
                arguments("5.0 PUBCOMP full", V5, PublishFixturesTest.V5_PUBCOMP_FULL),
                arguments("3.1 SUBSCRIBE", V3_1, SubscribeFixturesTest.V3_SUBSCRIBE),
                arguments("5.0 SUBSCRIBE", V5, SubscribeFixturesTest.V5_SUBSCRIBE),
                arguments("3.1 SUBACK", V3_1, SubscribeFixturesTest.V31_SUBACK),
                arguments("3.1.1 SUBACK", V3_1_1, SubscribeFixturesTest.V311_SUBACK),
                arguments("5.0 SUBACK", V5, SubscribeFixturesTest.V5_SUBACK),
                arguments("3.1.1 UNSUBSCRIBE", V3_1_1, SubscribeFixturesTest.V3_UNSUBSCRIBE),
                arguments("5.0 UNSUBSCRIBE", V5, SubscribeFixturesTest.V5_UNSUBSCRIBE),
                arguments("3.1 UNSUBACK", V3_1, SubscribeFixturesTest.V3_UNSUBACK),
                arguments("5.0 UNSUBACK", V5, SubscribeFixturesTest.V5_UNSUBACK));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shortestFormFixtures")
    void encoding_the_decoded_fixture_gives_its_bytes_back(String name, MqttVersion v, String fixture) {
        ByteSlice bytes = hex(fixture);

        DecodeResult r = PacketDecoder.decode(bytes, v);

        assertThat(r).isInstanceOf(DecodeResult.Decoded.class);
        assertThat(ByteSlice.wrap(MqttEncoder.encode(((DecodeResult.Decoded) r).packet(), v))).isEqualTo(bytes);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.mqttsniff.mqtt.PublishFixturesTest#v5AckShortForms")
    void encodes_v5_acks_in_their_shortest_form(String name, String fixture, MqttPacket expected) {
        ByteSlice bytes = hex(fixture);
        boolean successWithoutProperties = bytes.length() == 5 && bytes.get(4) == 0x00;

        byte[] encoded = MqttEncoder.encode(expected, V5);

        // "success, no properties" is written as remaining length 2, whatever the fixture used
        ByteSlice shortest = successWithoutProperties
                ? hex(String.format("%02x 02 %02x%02x", bytes.get(0), bytes.get(2), bytes.get(3)))
                : bytes;
        assertThat(ByteSlice.wrap(encoded)).isEqualTo(shortest);
    }

    @Test
    void normalises_the_v31_pubrel_dup_flag_when_encoding() {
        DecodeResult r = PacketDecoder.decode(hex(PublishFixturesTest.V31_PUBREL_DUP), V3_1);

        byte[] encoded = MqttEncoder.encode(((DecodeResult.Decoded) r).packet(), V3_1);

        assertThat(ByteSlice.wrap(encoded)).isEqualTo(hex("62 02 0007"));
    }
}
