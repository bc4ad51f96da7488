package org.mqttsniff.mqtt;

/**
 * AUTH (MQTT 5.0 §3.15), extended authentication; type 15 is reserved before 5.0. Like
 * DISCONNECT, remaining length 0 means reason code 0x00 (Success) and no properties.
 */
public record Auth(int reasonCode, Properties properties) implements MqttPacket {

    public Auth() {
        this(0, Properties.EMPTY);
    }

    @Override
    public PacketType type() {
        return PacketType.AUTH;
    }

    static Auth decode(Reader r) {
        Acks.Body b = Acks.decodeReasonOnly(r);
        return new Auth(b.reasonCode(), b.properties());
    }

    void encode(Writer w, MqttVersion v) {
        Acks.encodeReasonOnly(w, v, reasonCode, properties);
    }
}
