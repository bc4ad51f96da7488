package org.mqttsniff.mqtt;

import java.util.OptionalInt;

/** PUBCOMP: Publish complete, step 3 of the QoS 2 exchange. Body layout in {@link Acks}. */
public record PubComp(int packetId, int reasonCode, Properties properties) implements MqttPacket {

    public PubComp(int packetId) {
        this(packetId, 0, Properties.EMPTY);
    }

    @Override
    public PacketType type() {
        return PacketType.PUBCOMP;
    }

    @Override
    public OptionalInt id() {
        return OptionalInt.of(packetId);
    }

    static PubComp decode(Reader r) {
        Acks.Body b = Acks.decode(r);
        return new PubComp(b.packetId(), b.reasonCode(), b.properties());
    }

    void encode(Writer w, MqttVersion v) {
        Acks.encode(w, v, packetId, reasonCode, properties);
    }
}
