package org.mqttsniff.mqtt;

/**
 * The shared body of PUBACK, PUBREC, PUBREL and PUBCOMP (MQTT 5.0 §3.4-§3.7):
 *
 * <pre>
 * Packet Identifier (2) [Reason Code (1) [Properties]]
 * </pre>
 *
 * In 5.0 the reason code may be left out when it is 0x00 and there are no properties
 * (remaining length 2), and the properties may be left out (remaining length 3).
 */
final class Acks {
    private Acks() {
    }

    record Body(int packetId, int reasonCode, Properties properties) {
    }

    static Body decode(Reader r) {
        r.open("Variable header", "");
        int id = r.packetId();
        int code = 0;
        Properties props = Properties.EMPTY;
        if (r.v5() && r.more()) {
            code = r.reasonCode("Reason Code");
            if (r.more()) {
                props = Properties.decode(r, false);
            }
        }
        r.close();
        return new Body(id, code, props);
    }

    /** Writes the shortest form the spec allows. */
    static void encode(Writer w, MqttVersion v, int packetId, int reasonCode, Properties props) {
        w.u16(packetId);
        if (v.isV5() && (reasonCode != 0 || !props.isEmpty())) {
            w.u8(reasonCode);
            if (!props.isEmpty()) {
                props.encode(w);
            }
        }
    }

    /** DISCONNECT and AUTH in 5.0: [Reason Code (1) [Properties]], empty meaning success. */
    static Body decodeReasonOnly(Reader r) {
        int code = 0;
        Properties props = Properties.EMPTY;
        if (r.v5() && r.more()) {
            r.open("Variable header", "");
            code = r.reasonCode("Reason Code");
            if (r.more()) {
                props = Properties.decode(r, false);
            }
            r.close();
        }
        return new Body(0, code, props);
    }

    static void encodeReasonOnly(Writer w, MqttVersion v, int reasonCode, Properties props) {
        if (v.isV5() && (reasonCode != 0 || !props.isEmpty())) {
            w.u8(reasonCode);
            if (!props.isEmpty()) {
                props.encode(w);
            }
        }
    }
}
