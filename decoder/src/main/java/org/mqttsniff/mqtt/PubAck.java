package org.mqttsniff.mqtt;

import java.util.OptionalInt;

/** PUBACK: Publish acknowledgment, the QoS 1 response. Body layout in {@link Acks}. */
public record PubAck(int packetId, int reasonCode, Properties properties) implements MqttPacket {

    public PubAck(int packetId) {
        this(packetId, 0, Properties.EMPTY);
    }

    @Override
    public PacketType type() {
        return PacketType.PUBACK;
    }

    @Override
    public OptionalInt id() {
        return OptionalInt.of(packetId);
    }

    static PubAck decode(Reader r) {
        Acks.Body b = Acks.decode(r);
        return new PubAck(b.packetId(), b.reasonCode(), b.properties());
    }

    void encode(Writer w, MqttVersion v) {
        Acks.encode(w, v, packetId, reasonCode, properties);
    }
}
