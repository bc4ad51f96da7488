package org.mqttsniff.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.mqttsniff.bytes.ByteSlice;
import org.mqttsniff.mqtt.ConnAck;
import org.mqttsniff.mqtt.Connect;
import org.mqttsniff.mqtt.DecodeResult;
import org.mqttsniff.mqtt.MqttEncoder;
import org.mqttsniff.mqtt.MqttPacket;
import org.mqttsniff.mqtt.MqttVersion;
import org.mqttsniff.mqtt.PacketDecoder;
import org.mqttsniff.mqtt.PingReq;
import org.mqttsniff.mqtt.PingResp;
import org.mqttsniff.mqtt.Properties;
import org.mqttsniff.mqtt.Property;
import org.mqttsniff.mqtt.PropertyId;
import org.mqttsniff.mqtt.PubAck;
import org.mqttsniff.mqtt.PubComp;
import org.mqttsniff.mqtt.PubRec;
import org.mqttsniff.mqtt.PubRel;
import org.mqttsniff.mqtt.Publish;
import org.mqttsniff.mqtt.SubAck;
import org.mqttsniff.mqtt.Subscribe;
import org.mqttsniff.mqtt.Subscription;
import org.mqttsniff.mqtt.VersionState;
import org.mqttsniff.net.Endpoint;

import static org.mqttsniff.session.Direction.C2S;
import static org.mqttsniff.session.Direction.S2C;

/** Request/response matching, topic aliases and the warnings that need connection state. */
class MqttSessionTest {
    private static final Endpoint CLIENT = new Endpoint(ByteSlice.fromHex("7f000001"), 40001);
    private static final Endpoint SERVER = new Endpoint(ByteSlice.fromHex("7f000001"), 1883);
    private static final long MS = 1_000_000;

    private final VersionState version = new VersionState(MqttVersion.V3_1_1);
    private MqttSession session = new MqttSession(0, CLIENT, SERVER, version, true);
    private long frame;

    private SnifferEvent.Packet send(long atMs, Direction dir, MqttPacket p) {
        byte[] bytes = MqttEncoder.encode(p, version.current());
        DecodeResult r = PacketDecoder.decode(ByteSlice.wrap(bytes), version.current());
        if (r instanceof DecodeResult.Decoded d && d.packet() instanceof Connect c) {
            version.learn(c.version());
        }
        return session.packet(++frame, atMs * MS, dir, r);
    }

    private void connect(int keepAlive) {
        send(0, C2S, new Connect(MqttVersion.V3_1_1, true, keepAlive, "sensor-1"));
        send(1, S2C, new ConnAck(false, 0));
    }

    @Test
    void connack_answers_connect_with_its_latency() {
        send(0, C2S, new Connect(MqttVersion.V3_1_1, true, 60, "sensor-1"));
        SnifferEvent.Packet ack = send(3, S2C, new ConnAck(false, 0));
        assertThat(ack.responseTo()).hasValue(1);
        assertThat(ack.latencyNanos()).hasValue(3 * MS);
        assertThat(ack.clientId()).isEqualTo("sensor-1");
        assertThat(ack.warnings()).isEmpty();
    }

    @Test
    void qos2_chain_answers_step_by_step() {
        connect(60);
        send(10, C2S, new Publish(2, "a/b", 7, ByteSlice.utf8("x")));   // frame 3
        SnifferEvent.Packet rec = send(11, S2C, new PubRec(7));          // frame 4
        SnifferEvent.Packet rel = send(13, C2S, new PubRel(7));          // frame 5
        SnifferEvent.Packet comp = send(16, S2C, new PubComp(7));        // frame 6
        assertThat(rec.responseTo()).hasValue(3);
        assertThat(rec.latencyNanos()).hasValue(1 * MS);
        assertThat(rel.responseTo()).hasValue(4);
        assertThat(rel.latencyNanos()).hasValue(2 * MS);
        assertThat(comp.responseTo()).hasValue(5);
        assertThat(comp.latencyNanos()).hasValue(3 * MS);
        assertThat(List.of(rec, rel, comp)).allSatisfy(p -> assertThat(p.warnings()).isEmpty());
        assertThat(session.completedFlows).isEqualTo(1);
        assertThat(session.openFlows()).isZero();
    }

    @Test
    void puback_matches_by_id_and_direction() {
        connect(60);
        send(10, S2C, new Publish(1, "down", 5, ByteSlice.utf8("to client")));  // frame 3, server's id 5
        send(11, C2S, new Publish(1, "up", 5, ByteSlice.utf8("to server")));    // frame 4, client's id 5
        SnifferEvent.Packet serverAck = send(12, S2C, new PubAck(5));           // answers the client's PUBLISH
        SnifferEvent.Packet clientAck = send(14, C2S, new PubAck(5));           // answers the server's
        assertThat(serverAck.responseTo()).hasValue(4);
        assertThat(clientAck.responseTo()).hasValue(3);
    }

    @Test
    void suback_and_pingresp_answer_their_requests() {
        connect(60);
        send(5, C2S, new Subscribe(1, List.of(new Subscription("a/#", 1), new Subscription("b", 0))));
        SnifferEvent.Packet suback = send(6, S2C, new SubAck(1, List.of(1, 0)));
        assertThat(suback.responseTo()).hasValue(3);
        assertThat(suback.warnings()).isEmpty();
        send(7, C2S, new PingReq());
        assertThat(send(9, S2C, new PingResp()).responseTo()).hasValue(5);
    }

    @Test
    void warns_when_suback_codes_do_not_match_the_filters() {
        connect(60);
        send(5, C2S, new Subscribe(1, List.of(new Subscription("a/#", 1), new Subscription("b", 0))));
        assertThat(send(6, S2C, new SubAck(1, List.of(1))).warnings())
                .containsExactly("SUBACK has 1 reason code for the 2 topic filters of its request");
    }

    @Test
    void warns_about_a_response_without_request_only_when_the_request_could_have_been_seen() {
        connect(60);
        assertThat(send(5, S2C, new PubAck(9)).warnings()).singleElement().asString()
                .contains("response without a request");
        session = new MqttSession(1, CLIENT, SERVER, version, false); // capture started mid-connection
        assertThat(send(6, S2C, new PubAck(9)).warnings()).isEmpty();
    }

    @Test
    void warns_about_a_packet_before_connect_and_a_second_connect() {
        assertThat(send(0, C2S, new PingReq()).warnings()).contains("the client's first packet must be CONNECT [MQTT-3.1.0-1]");
        send(1, C2S, new Connect(MqttVersion.V3_1_1, true, 60, "c"));
        assertThat(send(2, C2S, new Connect(MqttVersion.V3_1_1, true, 60, "c")).warnings())
                .anySatisfy(w -> assertThat(w).contains("second CONNECT").contains("[MQTT-3.1.0-2]"));
    }

    @Test
    void warns_about_a_packet_id_reused_while_in_flight_but_not_about_a_dup_resend() {
        connect(60);
        send(5, C2S, new Publish(1, "a", 3, ByteSlice.utf8("x")));
        assertThat(send(6, C2S, new Publish(true, 1, false, "a", 3, Properties.EMPTY, ByteSlice.utf8("x"))).warnings())
                .isEmpty();
        assertThat(send(7, C2S, new Publish(1, "b", 3, ByteSlice.utf8("y"))).warnings()).singleElement().asString()
                .contains("packet id 3 reused").contains("frame 3");
    }

    @Test
    void warns_about_client_only_packets_from_the_server() {
        connect(60);
        assertThat(send(5, S2C, new Subscribe(2, List.of(new Subscription("x", 0)))).warnings())
                .contains("SUBSCRIBE is a client packet, but the server sent it");
        assertThat(send(6, C2S, new ConnAck(false, 0)).warnings())
                .contains("CONNACK is a server packet, but the client sent it");
    }

    @Test
    void warns_when_keep_alive_is_exceeded() {
        connect(10);                                   // client packets at 0 ms
        assertThat(send(14_000, C2S, new PingReq()).warnings()).isEmpty();          // 14 s < 15 s
        assertThat(send(30_000, C2S, new PingReq()).warnings()).singleElement().asString()
                .contains("keep-alive exceeded").contains("16.0 s").contains("[MQTT-3.1.2-24]");
    }

    @Test
    void resolves_topic_aliases_per_direction() {
        version.learn(MqttVersion.V5);
        Properties alias3 = Properties.of(Property.of(PropertyId.TOPIC_ALIAS, 3));
        send(0, C2S, new Connect(MqttVersion.V5, true, 60, "c"));
        SnifferEvent.Packet define = send(1, C2S, new Publish(false, 0, false, "long/topic/name", 0, alias3,
                ByteSlice.utf8("1")));
        SnifferEvent.Packet use = send(2, C2S, new Publish(false, 0, false, "", 0, alias3, ByteSlice.utf8("2")));
        SnifferEvent.Packet otherWay = send(3, S2C, new Publish(false, 0, false, "", 0, alias3, ByteSlice.utf8("3")));
        assertThat(define.topic()).isEqualTo("long/topic/name");
        assertThat(define.topicAlias()).isEqualTo(OptionalInt.of(3));
        assertThat(use.topic()).isEqualTo("long/topic/name");
        assertThat(use.warnings()).isEmpty();
        assertThat(otherWay.topic()).isEmpty();
        assertThat(otherWay.warnings()).singleElement().asString().contains("Topic Alias 3 was never defined");
    }

    @Test
    void keep_alive_is_also_checked_when_the_connection_ends() {
        connect(10);                                   // client's last packet at 0 ms
        assertThat(session.keepAliveExceeded(14_000 * MS, " before the capture ended")).isNull();
        assertThat(session.keepAliveExceeded(20_000 * MS, " before the capture ended"))
                .isEqualTo("keep-alive exceeded: the client was silent for 20.0 s before the capture ended, more than"
                        + " 1.5 x its keep alive of 10 s [MQTT-3.1.2-24]");
        MqttSession noKeepAlive = new MqttSession(2, CLIENT, SERVER, version, true);
        assertThat(noKeepAlive.keepAliveExceeded(1_000_000 * MS, "")).isNull(); // no CONNECT seen
    }
}
