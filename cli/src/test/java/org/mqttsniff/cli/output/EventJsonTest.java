package org.mqttsniff.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.mqttsniff.bytes.ByteSlice;
import org.mqttsniff.mqtt.Connect;
import org.mqttsniff.mqtt.DecodeResult;
import org.mqttsniff.mqtt.MqttEncoder;
import org.mqttsniff.mqtt.MqttPacket;
import org.mqttsniff.mqtt.MqttVersion;
import org.mqttsniff.mqtt.PacketDecoder;
import org.mqttsniff.mqtt.PubAck;
import org.mqttsniff.mqtt.Publish;
import org.mqttsniff.net.Endpoint;
import org.mqttsniff.session.Direction;
import org.mqttsniff.session.SnifferEvent;

/**
 * A writer that renders many lines keeps what repeats (a connection's members, times, strings) and
 * must give, line for line, what a new writer gives for the line alone.
 */
class EventJsonTest {
    private static final Endpoint BROKER = endpoint(1, 1883);
    private static final long T0 = 1_700_000_000_000_000_000L;

    @Test
    void a_packet_line_has_the_capture_keys_then_the_packet_keys() {
        SnifferEvent.Packet p = packet(7, T0 + 20_000, 3, endpoint(2, 40003), BROKER, Direction.C2S,
                new Publish(1, "a/b", 5, ByteSlice.utf8("{\"t\":1}")), "sensor-3", OptionalLong.of(1500));
        assertThat(EventJson.line(p, RenderOptions.DEFAULT)).isEqualTo("{\"event\":\"packet\",\"frame\":7,"
                + "\"time\":\"2023-11-14T22:13:20.000020Z\",\"stream\":3,\"src\":\"0.0.0.2:40003\",\"dst\":\"0.0.0.1:1883\",\"dir\":\"c2s\",\"client\":\"sensor-3\","
                + "\"type\":\"PUBLISH\",\"length\":16,\"version\":4,\"dup\":false,\"qos\":1,\"retain\":false,\"id\":5,"
                + "\"topic\":\"a/b\",\"payloadSize\":7,\"payload\":\"{\\\"t\\\":1}\",\"responseTo\":6,\"latencyMs\":0.001}");
    }

    @Test
    void a_reused_writer_renders_every_line_as_a_new_one_would() throws IOException {
        List<SnifferEvent> events = new ArrayList<>();
        Random random = new Random(3);
        long time = T0;
        String[] clients = {"", "sensor-1", "ünïcode \"quoted\"", new String("sensor-1")};
        for (int i = 0; i < 5000; i++) {
            // few streams and directions, so rendered members are found again; 512 apart share a slot
            int stream = random.nextInt(4) * 512 + random.nextInt(3);
            // a reused port: the same stream number seen with another client endpoint
            Endpoint client = endpoint(2 + random.nextInt(2), 40000 + stream);
            Direction dir = random.nextBoolean() ? Direction.C2S : Direction.S2C;
            String clientId = clients[random.nextInt(clients.length)];
            time += random.nextInt(4) == 0 ? 1_000_000_000L * random.nextInt(3) + random.nextInt(1000) * 1000L
                    : random.nextInt(3) * 1_000_000L;
            MqttPacket packet = switch (random.nextInt(4)) {
                case 0 -> new PubAck(1 + random.nextInt(100));
                case 1 -> new Connect(MqttVersion.V3_1_1, true, 60, clientId);
                default -> publish(random.nextInt(3), "t/" + random.nextInt(3), 1 + random.nextInt(100),
                        ByteSlice.utf8("p\"" + "\\é\n".repeat(random.nextInt(3)) + random.nextInt()));
            };
            OptionalLong latency = random.nextBoolean() ? OptionalLong.empty() : OptionalLong.of(random.nextInt(5_000_000));
            Endpoint src = dir == Direction.C2S ? client : BROKER;
            Endpoint dst = dir == Direction.C2S ? BROKER : client;
            events.add(packet(i, time, stream, src, dst, dir, packet, clientId, latency));
            if (random.nextInt(20) == 0) {
                events.add(new SnifferEvent.Open(i, time, stream, client, BROKER, "SYN"));
            }
        }
        EventJson reused = new EventJson(RenderOptions.DEFAULT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder expected = new StringBuilder();
        for (SnifferEvent e : events) {
            reused.writeLine(e, out);
            expected.append(EventJson.line(e, RenderOptions.DEFAULT)).append('\n');
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(expected.toString());
    }

    @Test
    void times_are_what_instant_writes_at_every_precision() {
        Random random = new Random(7);
        EventJson json = new EventJson(RenderOptions.DEFAULT);
        long time = T0;
        for (int i = 0; i < 20_000; i++) {
            long step = switch (i % 4) {
                case 0 -> random.nextInt(1000); // nanoseconds
                case 1 -> random.nextInt(1000) * 1000L;
                case 2 -> random.nextInt(1000) * 1_000_000L;
                default -> (random.nextInt(3) - 1) * 1_000_000_000L + random.nextInt(2) * 999_999_999L;
            };
            time += step;
            String line = json.write(new SnifferEvent.Open(i, time, 0, endpoint(2, 40000), BROKER, "SYN")).toString();
            String expected = java.time.Instant.ofEpochSecond(0, time).toString();
            assertThat(line).as("%d ns", time).contains(",\"time\":\"" + expected + "\",");
        }
    }

    private static Publish publish(int qos, String topic, int id, ByteSlice payload) {
        return new Publish(qos, topic, qos == 0 ? 0 : id, payload);
    }

    private static Endpoint endpoint(int host, int port) {
        return new Endpoint(ByteSlice.wrap(new byte[] {0, 0, 0, (byte) host}), port);
    }

    private static SnifferEvent.Packet packet(long frame, long time, int stream, Endpoint src, Endpoint dst, Direction dir,
                                              MqttPacket p, String clientId, OptionalLong latency) {
        DecodeResult r = PacketDecoder.decode(ByteSlice.wrap(MqttEncoder.encode(p, MqttVersion.V3_1_1)),
                MqttVersion.V3_1_1);
        String topic = p instanceof Publish pub ? pub.topic() : "";
        return new SnifferEvent.Packet(frame, time, stream, src, dst, dir, r, topic, OptionalInt.empty(),
                latency.isPresent() ? OptionalLong.of(frame - 1) : OptionalLong.empty(), latency, clientId, List.of());
    }
}
