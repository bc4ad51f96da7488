package org.mqttsniff.tui;

import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

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

/** Events as the pipeline makes them, built from real encoded packets. */
final class Events {
    static final Endpoint CLIENT = new Endpoint(ByteSlice.wrap(new byte[] {127, 0, 0, 1}), 40001);
    static final Endpoint BROKER = new Endpoint(ByteSlice.wrap(new byte[] {127, 0, 0, 1}), 1883);
    static final long T0 = 1_700_000_000_000_000_000L;

    private Events() {
    }

    static SnifferEvent.Packet packet(long frame, int stream, Direction dir, MqttPacket p, String clientId) {
        DecodeResult r = PacketDecoder.decode(ByteSlice.wrap(MqttEncoder.encode(p, MqttVersion.V3_1_1)),
                MqttVersion.V3_1_1);
        String topic = p instanceof Publish pub ? pub.topic() : "";
        return new SnifferEvent.Packet(frame, T0 + frame * 1_000_000L, stream, dir == Direction.C2S ? CLIENT : BROKER,
                dir == Direction.C2S ? BROKER : CLIENT, dir, r, topic, OptionalInt.empty(), OptionalLong.empty(),
                OptionalLong.empty(), clientId, List.of());
    }

    static SnifferEvent.Packet bytes(long frame, String hex, String clientId) {
        DecodeResult r = PacketDecoder.decode(ByteSlice.fromHex(hex), MqttVersion.V3_1_1);
        return new SnifferEvent.Packet(frame, T0 + frame * 1_000_000L, 0, CLIENT, BROKER, Direction.C2S, r, "",
                OptionalInt.empty(), OptionalLong.empty(), OptionalLong.empty(), clientId, List.of());
    }

    static SnifferEvent.Open open(long frame, int stream) {
        return new SnifferEvent.Open(frame, T0 + frame * 1_000_000L, stream, CLIENT, BROKER, "SYN");
    }

    /** A connection: open, CONNECT, then n PUBLISH (odd ones QoS 1 with their PUBACK). */
    static void session(PacketStore store, int n) {
        store.accept(open(1, 0));
        store.accept(packet(2, 0, Direction.C2S, new Connect(MqttVersion.V3_1_1, true, 60, "sensor-1"), "sensor-1"));
        long frame = 3;
        for (int i = 0; i < n; i++) {
            int qos = i & 1;
            store.accept(packet(frame++, 0, Direction.C2S, new Publish(qos, "site/" + (i % 3) + "/temp", qos == 0 ? 0 : i,
                    ByteSlice.utf8("{\"t\":" + i + "}")), "sensor-1"));
            if (qos == 1) {
                store.accept(packet(frame++, 0, Direction.S2C, new PubAck(i), "sensor-1"));
            }
        }
    }
}
