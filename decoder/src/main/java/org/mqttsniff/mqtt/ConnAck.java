package org.mqttsniff.mqtt;

/**
 * CONNACK (MQTT 3.1.1 §3.2, 5.0 §3.2). In 3.1 the first byte was reserved; 3.1.1 made bit 0
 * Session Present. The second byte is the return code (3.x) or reason code (5.0).
 */
public record ConnAck(boolean sessionPresent, int reasonCode, Properties properties) implements MqttPacket {

    public ConnAck(boolean sessionPresent, int reasonCode) {
        this(sessionPresent, reasonCode, Properties.EMPTY);
    }

    @Override
    public PacketType type() {
        return PacketType.CONNACK;
    }

    static ConnAck decode(Reader r) {
        r.open("Variable header", "");
        int at = r.mark();
        int flags = r.u8("Connect Acknowledge Flags");
        boolean sessionPresent = (flags & 1) != 0;
        if (r.explaining()) {
            r.field("Connect Acknowledge Flags", at, String.format("0x%02X (sessionPresent=%d)", flags, flags & 1),
                    sessionPresent ? "The server still had a session for this client"
                            : "The server starts a new session");
        }
        if ((flags & 0xFE) != 0) {
            throw r.fail(MalformedReason.CONNACK_FLAGS, r.rel(at),
                    "Connect Acknowledge Flags bits 7-1 are reserved and must be 0" + r.rule(null, "MQTT-3.2.2-1"));
        }
        int code = r.reasonCode(r.v5() ? "Reason Code" : "Return Code");
        if (sessionPresent && code != 0) {
            throw r.fail(MalformedReason.CONNACK_FLAGS, r.rel(at),
                    "Session Present must be 0 when the connection is refused" + r.rule("MQTT-3.2.2-4", "MQTT-3.2.2-6"));
        }
        Properties props = r.v5() ? Properties.decode(r, false) : Properties.EMPTY;
        r.close();
        return new ConnAck(sessionPresent, code, props);
    }

    void encode(Writer w, MqttVersion v) {
        w.u8(sessionPresent ? 1 : 0);
        w.u8(reasonCode);
        if (v.isV5()) {
            properties.encode(w);
        }
    }
}
