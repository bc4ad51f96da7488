package org.mqttsniff.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mqttsniff.session.Direction.C2S;
import static org.mqttsniff.session.Direction.S2C;

import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.mqttsniff.bytes.ByteSlice;
import org.mqttsniff.mqtt.ConnAck;
import org.mqttsniff.mqtt.Connect;
import org.mqttsniff.mqtt.DecodeResult;
import org.mqttsniff.mqtt.MalformedReason;
import org.mqttsniff.mqtt.MqttEncoder;
import org.mqttsniff.mqtt.MqttPacket;
import org.mqttsniff.mqtt.MqttVersion;
import org.mqttsniff.mqtt.PacketDecoder;
import org.mqttsniff.mqtt.PingReq;
import org.mqttsniff.mqtt.PingResp;
import org.mqttsniff.mqtt.PubAck;
import org.mqttsniff.mqtt.PubComp;
import org.mqttsniff.mqtt.PubRec;
import org.mqttsniff.mqtt.PubRel;
import org.mqttsniff.mqtt.Publish;
import org.mqttsniff.net.Endpoint;
import org.mqttsniff.session.Direction;
import org.mqttsniff.session.SnifferEvent;
import org.mqttsniff.stats.StatsSnapshot.ClientRow;
import org.mqttsniff.stats.StatsSnapshot.ConnectionRow;
import org.mqttsniff.stats.StatsSnapshot.Count;
import org.mqttsniff.stats.StatsSnapshot.LatencyRow;
import org.mqttsniff.stats.StatsSnapshot.TopicRow;
import org.mqttsniff.stats.StatsSnapshot.TypeRow;

/** CaptureStats on event streams written by hand, as the session tracker would send them. */
class CaptureStatsTest {
    private static final Endpoint BROKER = new Endpoint(ByteSlice.fromHex("7f000001"), 1883);
    private static final long MS = 1_000_000;

    private final CaptureStats stats = new CaptureStats();
    private long frame;

    private static Endpoint client(int stream) {
        return new Endpoint(ByteSlice.fromHex("0a000001"), 40000 + stream);
    }

    private void open(int stream, long ms) {
        stats.accept(new SnifferEvent.Open(++frame, ms * MS, stream, client(stream), BROKER, "SYN"));
    }

    private void close(int stream, long ms, int openFlows) {
        stats.accept(new SnifferEvent.Close(++frame, ms * MS, stream, client(stream), BROKER, "fin", openFlows));
    }

    /** A packet; {@code latencyMs} >= 0 makes it the answer to the previous event. */
    private void send(int stream, long ms, Direction dir, MqttPacket p, String clientId, long latencyMs,
                      String... warnings) {
        DecodeResult r = PacketDecoder.decode(ByteSlice.wrap(MqttEncoder.encode(p, MqttVersion.V3_1_1)),
                MqttVersion.V3_1_1);
        deliver(stream, ms, dir, r, p instanceof Publish pub ? pub.topic() : "", clientId, latencyMs, warnings);
    }

    private void deliver(int stream, long ms, Direction dir, DecodeResult r, String topic, String clientId,
                         long latencyMs, String... warnings) {
        boolean c2s = dir == C2S;
        frame++;
        stats.accept(new SnifferEvent.Packet(frame, ms * MS, stream, c2s ? client(stream) : BROKER,
                c2s ? BROKER : client(stream), dir, r, topic, OptionalInt.empty(),
                latencyMs >= 0 ? OptionalLong.of(frame - 1) : OptionalLong.empty(),
                latencyMs >= 0 ? OptionalLong.of(latencyMs * MS) : OptionalLong.empty(), clientId,
                List.of(warnings)));
    }

    private static Publish publish(int qos, String topic, int id, String payload) {
        return new Publish(qos, topic, id, ByteSlice.utf8(payload));
    }

    @Test
    void counts_packets_and_bytes_per_type_connection_and_client_id() {
        open(0, 0);
        send(0, 1, C2S, new Connect(MqttVersion.V3_1_1, true, 60, "sensor-1"), "sensor-1", -1); // 22 bytes
        send(0, 3, S2C, new ConnAck(false, 0), "sensor-1", 2);                                 // 4
        send(0, 4, C2S, publish(0, "t", 0, "hello"), "sensor-1", -1);                          // 2+3+5
        send(0, 5, C2S, publish(0, "t", 0, "hello"), "sensor-1", -1);
        close(0, 9, 0);
        open(1, 10);
        send(1, 11, C2S, new Connect(MqttVersion.V3_1_1, true, 60, "sensor-1"), "sensor-1", -1);
        send(1, 12, C2S, new PingReq(), "sensor-1", -1);

        StatsSnapshot s = stats.snapshot();
        assertThat(s.packets()).isEqualTo(6);
        assertThat(s.bytes()).isEqualTo(22 + 4 + 10 + 10 + 22 + 2);
        assertThat(s.durationNanos()).isEqualTo(12 * MS);
        assertThat(s.types()).containsExactly(new TypeRow("CONNECT", 2, 44), new TypeRow("PUBLISH", 2, 20),
                new TypeRow("CONNACK", 1, 4), new TypeRow("PINGREQ", 1, 2));
        assertThat(s.connections()).containsExactly(
                new ConnectionRow(0, client(0), BROKER, "sensor-1", "3.1.1", 4, 46, 9 * MS, "fin"),
                new ConnectionRow(1, client(1), BROKER, "sensor-1", "3.1.1", 2, 24, 2 * MS, ""));
        assertThat(s.clients()).containsExactly(new ClientRow("sensor-1", 2, 6, 70));
        assertThat(s.connectionsNotShown()).isZero();
        assertThat(s.clientsNotShown()).isEqualTo(StatsSnapshot.Omitted.NONE);
    }

    @Test
    void topics_count_both_directions_with_payload_bytes_and_a_rate_over_the_capture() {
        open(0, 0);
        send(0, 0, C2S, publish(1, "home/temp", 1, "21.5"), "pub", -1);
        send(0, 500, S2C, publish(0, "home/temp", 0, "21.5"), "pub", -1);
        send(0, 1000, S2C, publish(0, "home/temp", 0, "21.5"), "pub", -1);
        DecodeResult aliased = PacketDecoder.decode(ByteSlice.wrap(MqttEncoder.encode(publish(0, "x", 0, "y"),
                MqttVersion.V3_1_1)), MqttVersion.V3_1_1);
        deliver(0, 2000, C2S, aliased, "", "pub", -1);                 // as if its alias was never defined

        List<TopicRow> topics = stats.snapshot().topics();
        assertThat(topics).hasSize(2);
        TopicRow temp = topics.get(0);
        assertThat(temp.topic()).isEqualTo("home/temp");
        assertThat(temp.messages()).isEqualTo(3);
        assertThat(temp.toBroker()).isEqualTo(1);
        assertThat(temp.fromBroker()).isEqualTo(2);
        assertThat(temp.payloadBytes()).isEqualTo(12);
        assertThat(temp.ratePerSecond()).isCloseTo(1.5, within(1e-9)); // 3 messages over the capture's 2 s
        assertThat(topics.get(1).topic()).isEmpty();
    }

    @Test
    void latencies_per_request_type_and_qos_flows() {
        open(0, 0);
        send(0, 0, C2S, new Connect(MqttVersion.V3_1_1, true, 60, "c"), "c", -1);
        send(0, 3, S2C, new ConnAck(false, 0), "c", 3);
        for (int i = 1; i <= 5; i++) {                                    // QoS 1: acks after 1..5 ms
            send(0, 10 * i, C2S, publish(1, "q1", i, "p"), "c", -1);
            send(0, 10 * i + i, S2C, new PubAck(i), "c", i);
        }
        send(0, 100, C2S, publish(2, "q2", 9, "p"), "c", -1);           // a complete QoS 2 chain
        send(0, 102, S2C, new PubRec(9), "c", 2);
        send(0, 103, C2S, new PubRel(9), "c", 1);
        send(0, 107, S2C, new PubComp(9), "c", 4);
        send(0, 110, S2C, new PubAck(77), "c", -1);                      // answers nothing seen: no flow
        send(0, 120, C2S, new PingReq(), "c", -1);
        send(0, 121, S2C, new PingResp(), "c", 1);
        close(0, 130, 2);                                                // two flows never finished

        StatsSnapshot s = stats.snapshot();
        assertThat(s.latencies()).extracting(LatencyRow::request, LatencyRow::response, LatencyRow::count)
                .containsExactly(tuple("CONNECT", "CONNACK", 1L), tuple("PUBLISH", "PUBACK", 5L),
                        tuple("PUBLISH", "PUBREC", 1L), tuple("PUBREC", "PUBREL", 1L), tuple("PUBREL", "PUBCOMP", 1L),
                        tuple("PINGREQ", "PINGRESP", 1L));
        LatencyRow puback = s.latencies().get(1);
        assertThat(puback.min()).isEqualTo(1 * MS);
        assertThat(puback.max()).isEqualTo(5 * MS);
        assertThat((double) puback.median()).isCloseTo(3 * MS, within(3 * MS * LatencyHistogram.RELATIVE_ERROR));
        assertThat(puback.p99()).isEqualTo(5 * MS);
        assertThat(s.flows()).isEqualTo(new StatsSnapshot.Flows(5, 1, 2));
        assertThat(s.flows().completed()).isEqualTo(6);
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }

    @Test
    void counts_malformed_packets_warnings_gaps_desyncs_and_not_mqtt() {
        open(0, 0);
        DecodeResult bad = new DecodeResult.Malformed(3, MqttVersion.V3_1_1, MalformedReason.INVALID_QOS,
                "PUBLISH: QoS 3 is not allowed [MQTT-3.3.1-4]", 0, ByteSlice.fromHex("36 00"), 2);
        deliver(0, 1, C2S, bad, "", "", -1);
        deliver(0, 2, C2S, bad, "", "", -1);
        send(0, 3, C2S, publish(1, "a", 7, "x"), "c", -1,
                "packet id 7 reused while the PUBLISH of frame 3 is still in flight");
        send(0, 4, C2S, publish(1, "a", 8, "x"), "c", -1,
                "packet id 8 reused while the PUBLISH of frame 12 is still in flight");
        stats.accept(new SnifferEvent.Warning(++frame, 5 * MS, 0, client(0), BROKER,
                "keep-alive exceeded: the client was silent for 95.3 s, more than 1.5 x its keep alive of 60 s"
                        + " [MQTT-3.1.2-24]"));
        stats.accept(new SnifferEvent.Gap(++frame, 6 * MS, 0, client(0), BROKER, C2S, 1460));
        stats.accept(new SnifferEvent.Gap(++frame, 7 * MS, 0, BROKER, client(0), S2C, 40));
        stats.accept(new SnifferEvent.Desync(++frame, 8 * MS, 0, client(0), BROKER, C2S, 17, "after a gap"));
        stats.accept(new SnifferEvent.NotMqtt(++frame, 9 * MS, 1, client(1), BROKER, C2S, "TLS, not MQTT"));

        StatsSnapshot s = stats.snapshot();
        assertThat(s.malformed()).isEqualTo(2);
        assertThat(s.malformedByReason()).containsExactly(new Count("invalid-qos", 2));
        assertThat(s.packets()).isEqualTo(4);
        assertThat(s.types()).containsExactly(new TypeRow("PUBLISH", 2, 16));
        assertThat(s.warnings()).isEqualTo(3);
        assertThat(s.warningsByKind()).containsExactly(
                new Count("packet id N reused while the PUBLISH of frame N is still in flight", 2),
                new Count("keep-alive exceeded: the client was silent for N s, more than N x its keep alive of N s"
                        + " [MQTT-3.1.2-24]", 1));
        assertThat(s.gaps()).isEqualTo(2);
        assertThat(s.gapBytes()).isEqualTo(1500);
        assertThat(s.desyncs()).isEqualTo(1);
        assertThat(s.desyncBytes()).isEqualTo(17);
        assertThat(s.notMqtt()).isEqualTo(1);
    }

    @Test
    void memory_is_bounded_and_what_is_not_tracked_still_counts() {
        CaptureStats small = new CaptureStats(3);
        for (int i = 0; i < 100; i++) {
            small.accept(new SnifferEvent.Open(2 * i + 1, i * MS, i, client(i), BROKER, "SYN"));
            DecodeResult r = PacketDecoder.decode(ByteSlice.wrap(MqttEncoder.encode(publish(0, "t/" + i, 0, "x"),
                    MqttVersion.V3_1_1)), MqttVersion.V3_1_1);
            small.accept(new SnifferEvent.Packet(2 * i + 2, i * MS, i, client(i), BROKER, C2S, r, "t/" + i,
                    OptionalInt.empty(), OptionalLong.empty(), OptionalLong.empty(), "client-" + i, List.of()));
        }
        StatsSnapshot s = small.snapshot();
        assertThat(s.packets()).isEqualTo(100);
        assertThat(s.connections()).hasSize(3);
        assertThat(s.connectionsNotShown()).isEqualTo(97);
        assertThat(s.topics()).extracting(TopicRow::topic).containsExactly("t/0", "t/1", "t/2");
        assertThat(s.topicsNotShown().packets()).isEqualTo(97);
        assertThat(s.topicsNotShown().about()).isBetween(95L, 99L); // an estimate
        assertThat(s.topicsNotShown().atLeast()).isFalse();
        assertThat(s.clients()).hasSize(3);
        assertThat(s.clientsNotShown().packets()).isEqualTo(97);
    }

    @Test
    void warning_kinds_keep_rule_references_and_words() {
        assertThat(CaptureStats.kindOf("Topic Alias 12 was never defined in this direction [MQTT-3.3.2-9]"))
                .isEqualTo("Topic Alias N was never defined in this direction [MQTT-3.3.2-9]");
        assertThat(CaptureStats.kindOf("SUBACK has 2 reason codes for the 3 topic filters of its request"))
                .isEqualTo("SUBACK has N reason codes for the N topic filters of its request");
        assertThat(CaptureStats.kindOf("version 3.1.1."))
                .isEqualTo("version N.");
    }

    @Test
    void an_empty_capture_has_an_empty_snapshot() {
        StatsSnapshot s = stats.snapshot();
        assertThat(s.packets()).isZero();
        assertThat(s.durationNanos()).isZero();
        assertThat(s.types()).isEmpty();
        assertThat(s.latencies()).isEmpty();
        assertThat(s.flows().completed()).isZero();
    }
}
