package org.mqttsniff.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mqttsniff.mqtt.FixtureSupport.hex;
import static org.mqttsniff.mqtt.MqttVersion.V3_1_1;
import static org.mqttsniff.mqtt.MqttVersion.V5;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mqttsniff.bytes.ByteSlice;

/** The explanation tree: every byte belongs to exactly one leaf, and leaves say where their bytes are. */
class FieldSpansTest {

    private static PacketDecoder.Explained explain(String fixture, MqttVersion v) {
        PacketDecoder.Explained e = PacketDecoder.explain(hex(fixture), v);
        assertThat(e.result()).isInstanceOf(DecodeResult.Decoded.class);
        return e;
    }

    private static List<Field> leaves(List<Field> fields) {
        List<Field> out = new ArrayList<>();
        for (Field f : fields) {
            if (f.children().isEmpty()) {
                out.add(f);
            } else {
                out.addAll(leaves(f.children()));
            }
        }
        return out;
    }

    private static void assertGroupsHoldTheirChildren(List<Field> fields) {
        for (Field g : fields) {
            for (Field c : g.children()) {
                assertThat(c.offset()).as(c.name() + " inside " + g.name()).isGreaterThanOrEqualTo(g.offset());
                assertThat(c.end()).as(c.name() + " inside " + g.name()).isLessThanOrEqualTo(g.end());
            }
            assertGroupsHoldTheirChildren(g.children());
        }
    }

    /**
     * Walks the leaves in order: "Packet Type" and "Flags" share byte 0 (a nibble each), every
     * other leaf starts where the previous one ended, and the last ends at the packet's end.
     */
    private static void assertLeavesCoverThePacket(PacketDecoder.Explained e) {
        List<Field> leaves = leaves(e.fields());
        assertThat(leaves).hasSizeGreaterThan(2);
        assertThat(leaves.get(0).name()).isEqualTo("Packet Type");
        assertThat(leaves.get(1).name()).isEqualTo("Flags");
        for (Field nibble : leaves.subList(0, 2)) {
            assertThat(nibble.offset()).isZero();
            assertThat(nibble.length()).isEqualTo(1);
        }
        int pos = 1;
        for (Field f : leaves.subList(2, leaves.size())) {
            assertThat(f.offset()).as("start of " + f.name() + " (gap or overlap)").isEqualTo(pos);
            assertThat(f.length()).as("length of " + f.name()).isNotNegative();
            pos = f.end();
        }
        assertThat(pos).as("end of the last leaf").isEqualTo(e.result().length());
        assertGroupsHoldTheirChildren(e.fields());
    }

    private static Field find(List<Field> fields, String name) {
        return findAll(fields, name).stream().findFirst().orElseThrow(() -> new AssertionError("no field " + name));
    }

    private static List<Field> findAll(List<Field> fields, String name) {
        List<Field> out = new ArrayList<>();
        for (Field f : fields) {
            if (f.name().equals(name)) {
                out.add(f);
            }
            out.addAll(findAll(f.children(), name));
        }
        return out;
    }

    private static void assertSpan(Field f, int offset, int length, String value) {
        assertThat(f.offset()).as(f.name() + " offset").isEqualTo(offset);
        assertThat(f.length()).as(f.name() + " length").isEqualTo(length);
        if (value != null) {
            assertThat(f.value()).as(f.name() + " value").isEqualTo(value);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.mqttsniff.mqtt.RoundTripTest#shortestFormFixtures")
    void leaves_of_every_fixture_cover_its_bytes_exactly(String name, MqttVersion v, String fixture) {
        assertLeavesCoverThePacket(explain(fixture, v));
    }

    @Test
    void explains_v5_connect_with_will_and_properties() {
        PacketDecoder.Explained e = explain(ConnectFixturesTest.V5_CONNECT_FULL, V3_1_1);
        List<Field> f = e.fields();

        assertLeavesCoverThePacket(e);
        assertThat(f).extracting(Field::name).containsExactly("Fixed header", "Variable header", "Payload");
        assertSpan(find(f, "Remaining Length"), 1, 1, "91");
        assertSpan(find(f, "Protocol Name"), 2, 6, "\"MQTT\"");
        assertSpan(find(f, "Protocol Level"), 8, 1, "5");
        assertSpan(find(f, "Keep Alive"), 10, 2, "60 s");
        assertSpan(find(f, "Properties"), 12, 16, null);
        assertSpan(find(f, "Session Expiry Interval"), 13, 5, "30");
        assertSpan(find(f, "Client Identifier"), 28, 6, "\"dev1\"");
        Field willProps = find(find(f, "Payload").children(), "Will Properties");
        assertSpan(willProps, 34, 21, null);
        assertSpan(find(willProps.children(), "Will Delay Interval"), 35, 5, "5");
        assertSpan(find(f, "Will Topic"), 55, 14, "\"dev/1/status\"");
        assertSpan(find(f, "Will Payload"), 69, 9, "\"offline\"");
        assertSpan(find(f, "User Name"), 78, 7, "\"alice\"");
        Field password = find(f, "Password");
        assertSpan(password, 85, 8, null);
        assertThat(password.secret()).isTrue();
        assertThat(password.shownValue(false)).isEqualTo("****");
        assertThat(password.shownValue(true)).contains("secret");
        assertThat(find(f, "User Name").secret()).isFalse();
    }

    @Test
    void explains_v5_publish() {
        PacketDecoder.Explained e = explain(PublishFixturesTest.V5_PUBLISH_QOS1, V5);
        List<Field> f = e.fields();

        assertLeavesCoverThePacket(e);
        assertSpan(find(f, "Flags"), 0, 1, "0010 (DUP=0 QoS=1 RETAIN=0)");
        assertSpan(find(f, "Topic Name"), 2, 5, "\"a/b\"");
        assertSpan(find(f, "Packet Identifier"), 7, 2, "7");
        assertSpan(find(f, "Properties"), 9, 12, null);
        assertSpan(find(f, "Property Length"), 9, 1, "11");
        assertSpan(find(f, "Message Expiry Interval"), 10, 5, "60");
        assertSpan(find(f, "User Property"), 15, 6, "\"k\" = \"\"");
        assertSpan(find(f, "Payload"), 21, 2, "\"hi\"");
    }

    @Test
    void explains_a_two_byte_remaining_length() {
        ByteSlice packet = ByteSlice.wrap(MqttEncoder.encode(
                new Publish(0, "a/b", 0, ByteSlice.wrap(new byte[200])), V3_1_1));
        PacketDecoder.Explained e = PacketDecoder.explain(packet, V3_1_1);

        assertLeavesCoverThePacket(e);
        assertSpan(find(e.fields(), "Remaining Length"), 1, 2, "205");
        assertSpan(find(e.fields(), "Topic Name"), 3, 5, "\"a/b\"");
        assertSpan(find(e.fields(), "Payload"), 8, 200, null);
    }

    @Test
    void explains_v5_subscribe_filters_and_options() {
        PacketDecoder.Explained e = explain(SubscribeFixturesTest.V5_SUBSCRIBE, V5);
        List<Field> f = e.fields();

        assertLeavesCoverThePacket(e);
        assertSpan(find(f, "Packet Identifier"), 2, 2, "17");
        assertSpan(find(f, "Subscription Identifier"), 5, 3, "200");
        List<Field> filters = findAll(f, "Topic Filter");
        assertThat(filters).hasSize(2);
        assertSpan(filters.get(0), 15, 7, "\"a/b/c\"");
        assertSpan(filters.get(1), 23, 12, "\"$share/g/x\"");
        List<Field> options = findAll(f, "Subscription Options");
        assertThat(options).hasSize(2);
        assertSpan(options.get(0), 22, 1,
                "0x2D (QoS=1 noLocal=1 retainAsPublished=1 retainHandling=2)");
        assertSpan(options.get(1), 35, 1, null);
    }

    @Test
    void explains_v311_subscribe_requested_qos() {
        PacketDecoder.Explained e = explain(SubscribeFixturesTest.V3_SUBSCRIBE, V3_1_1);

        assertLeavesCoverThePacket(e);
        assertThat(findAll(e.fields(), "Requested QoS")).extracting(Field::offset, Field::length, Field::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(9, 1, "0"),
                        org.assertj.core.groups.Tuple.tuple(15, 1, "2"));
        assertThat(findAll(e.fields(), "Properties")).isEmpty();
    }

    @Test
    void marks_authentication_data_as_secret() {
        PacketDecoder.Explained e = explain(ConnectFixturesTest.V5_AUTH_FULL, V5);

        Field data = find(e.fields(), "Authentication Data");
        assertSpan(data, 12, 7, null);
        assertThat(data.secret()).isTrue();
        assertThat(data.shownValue(false)).isEqualTo("****");
        assertThat(find(e.fields(), "Authentication Method").secret()).isFalse();
        assertSpan(find(e.fields(), "Reason Code"), 2, 1, "0x18 Continue authentication");
    }

    @Test
    void explains_v5_connect_with_password_only() {
        ByteSlice packet = ByteSlice.wrap(MqttEncoder.encode(new Connect(V5, true, 0, Properties.EMPTY, "",
                Optional.empty(), Optional.empty(), Optional.of(ByteSlice.EMPTY)), V5));
        PacketDecoder.Explained e = PacketDecoder.explain(packet, V5);

        assertLeavesCoverThePacket(e);
        assertSpan(find(e.fields(), "Password"), 15, 2, "(empty)");
        assertThat(find(e.fields(), "Password").secret()).isTrue();
    }
}
