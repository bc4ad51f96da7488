package org.mqttsniff.mqtt;

/**
 * DISCONNECT (MQTT 3.1.1 §3.14, 5.0 §3.14). Empty before 5.0; in 5.0 a reason code and
 * properties, both optional (remaining length 0 means Normal disconnection). 5.0 lets the
 * server send it too.
 */
public record Disconnect(int reasonCode, Properties properties) implements MqttPacket {

    public Disconnect() {
        this(0, Properties.EMPTY);
    }

    @Override
    public PacketType type() {
        return PacketType.DISCONNECT;
    }

    static Disconnect decode(Reader r) {
        Acks.Body b = Acks.decodeReasonOnly(r);
        return new Disconnect(b.reasonCode(), b.properties());
    }

    void encode(Writer w, MqttVersion v) {
        Acks.encodeReasonOnly(w, v, reasonCode, properties);
    }
}
