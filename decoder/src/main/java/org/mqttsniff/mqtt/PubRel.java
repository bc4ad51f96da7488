package org.mqttsniff.mqtt;

import java.util.OptionalInt;

/** PUBREL: Publish release, step 2 of the QoS 2 exchange. Body layout in {@link Acks}. */
public record PubRel(int packetId, int reasonCode, Properties properties) implements MqttPacket {

    public PubRel(int packetId) {
        this(packetId, 0, Properties.EMPTY);
    }

    @Override
    public PacketType type() {
        return PacketType.PUBREL;
    }

    @Override
    public OptionalInt id() {
        return OptionalInt.of(packetId);
    }

    static PubRel decode(Reader r) {
        Acks.Body b = Acks.decode(r);
        return new PubRel(b.packetId(), b.reasonCode(), b.properties());
    }

    void encode(Writer w, MqttVersion v) {
        Acks.encode(w, v, packetId, reasonCode, properties);
    }
}
