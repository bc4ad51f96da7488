package org.mqttsniff.mqtt;

import java.util.OptionalInt;

/** PUBREC: Publish received, step 1 of the QoS 2 exchange. Body layout in {@link Acks}. */
public record PubRec(int packetId, int reasonCode, Properties properties) implements MqttPacket {

    public PubRec(int packetId) {
        this(packetId, 0, Properties.EMPTY);
    }

    @Override
    public PacketType type() {
        return PacketType.PUBREC;
    }

    @Override
    public OptionalInt id() {
        return OptionalInt.of(packetId);
    }

    static PubRec decode(Reader r) {
        Acks.Body b = Acks.decode(r);
        return new PubRec(b.packetId(), b.reasonCode(), b.properties());
    }

    void encode(Writer w, MqttVersion v) {
        Acks.encode(w, v, packetId, reasonCode, properties);
    }
}
