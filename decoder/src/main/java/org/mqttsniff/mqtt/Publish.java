package org.mqttsniff.mqtt;

import java.util.OptionalInt;

import org.mqttsniff.bytes.ByteSlice;

/**
 * PUBLISH (MQTT 3.1.1 §3.3, 5.0 §3.3).
 *
 * <pre>
 * fixed header flags:  3 DUP | 2-1 QoS | 0 RETAIN
 * variable header:     Topic Name, Packet Identifier (QoS 1 and 2 only), Properties (5.0)
 * payload:             everything that is left
 * </pre>
 *
 * {@code topic} is the name on the wire: in 5.0 it can be empty when a Topic Alias stands for it,
 * which only the session (that saw the alias defined) can resolve.
 */
public record Publish(boolean dup, int qos, boolean retain, String topic, int packetId, Properties properties,
                      ByteSlice payload) implements MqttPacket {

    public Publish(int qos, String topic, int packetId, ByteSlice payload) {
        this(false, qos, false, topic, packetId, Properties.EMPTY, payload);
    }

    @Override
    public PacketType type() {
        return PacketType.PUBLISH;
    }

    @Override
    public OptionalInt id() {
        return qos > 0 ? OptionalInt.of(packetId) : OptionalInt.empty();
    }

    static Publish decode(Reader r) {
        int flags = r.flags;
        boolean dup = (flags & 8) != 0;
        int qos = (flags >> 1) & 3;
        boolean retain = (flags & 1) != 0;
        if (qos == 3) {
            throw r.fail(MalformedReason.INVALID_QOS, 0, "QoS bits must not both be 1 [MQTT-3.3.1-4]");
        }
        if (dup && qos == 0) {
            throw r.fail(MalformedReason.DUP_WITH_QOS0, 0, "DUP must be 0 for a QoS 0 message [MQTT-3.3.1-2]");
        }
        r.open("Variable header", "");
        int at = r.mark();
        String topic = r.topicName("Topic Name");
        if (r.explaining()) {
            r.field("Topic Name", at, '"' + topic + '"', "Where the message goes; subscribers' filters match it");
        }
        if (Topics.hasWildcard(topic)) {
            throw r.fail(MalformedReason.WILDCARD_IN_TOPIC, r.rel(at),
                    "Topic Name must not contain wildcards, got \"" + topic + "\" [MQTT-3.3.2-2]");
        }
        int id = qos > 0 ? r.packetId() : 0;
        Properties props = r.v5() ? Properties.decode(r, false) : Properties.EMPTY;
        if (topic.isEmpty() && props.get(PropertyId.TOPIC_ALIAS).isEmpty()) {
            throw r.fail(MalformedReason.INVALID_TOPIC_NAME, r.rel(at),
                    "Topic Name is empty" + (r.v5() ? " and there is no Topic Alias [MQTT 5.0 §3.3.2.3.4]"
                            : " [MQTT-4.7.3-1]"));
        }
        r.close();
        at = r.mark();
        ByteSlice payload = r.rest();
        boolean utf8Declared = props.get(PropertyId.PAYLOAD_FORMAT_INDICATOR).map(p -> p.number() == 1).orElse(false);
        if (utf8Declared && !payload.isValidUtf8()) {
            throw r.fail(MalformedReason.PAYLOAD_FORMAT, r.rel(at),
                    "Payload Format Indicator says UTF-8 but the payload is not well-formed UTF-8 [MQTT 5.0 §3.3.2.3.2]");
        }
        if (r.explaining()) {
            r.field("Payload", at, displayPayload(payload), payload.length() + " bytes of application message");
        }
        return new Publish(dup, qos, retain, topic, id, props, payload);
    }

    void encode(Writer w, MqttVersion v) {
        w.utf8(topic);
        if (qos > 0) {
            w.u16(packetId);
        }
        if (v.isV5()) {
            properties.encode(w);
        }
        w.bytes(payload);
    }

    int flags() {
        return (dup ? 8 : 0) | qos << 1 | (retain ? 1 : 0);
    }

    private static final int SHOWN = 256;

    /** Text in quotes when it is printable UTF-8, else hex; long payloads are cut. */
    public static String displayPayload(ByteSlice p) {
        ByteSlice shown = p.length() > SHOWN ? p.slice(0, SHOWN) : p;
        String tail = p.length() > SHOWN ? "... (" + p.length() + " bytes)" : "";
        if (p.isEmpty()) {
            return "(empty)";
        }
        ByteSlice textBytes = shown.isValidUtf8() ? shown : p.length() > SHOWN ? validPrefix(shown) : null;
        if (textBytes != null) {
            String text = textBytes.utf8();
            StringBuilder sb = new StringBuilder(text.length() + 2).append('"');
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    default -> {
                        if (c < 0x20 || c == 0x7F) {
                            sb.append(String.format("\\x%02x", (int) c));
                        } else {
                            sb.append(c);
                        }
                    }
                }
            }
            return sb.append('"').append(tail).toString();
        }
        return "0x" + shown.hex() + tail;
    }

    /** A cut can split a multi-byte character: drop up to 3 bytes of it at the end. */
    private static ByteSlice validPrefix(ByteSlice s) {
        for (int cut = 1; cut <= 3 && cut < s.length(); cut++) {
            ByteSlice prefix = s.slice(0, s.length() - cut);
            if (prefix.isValidUtf8()) {
                return prefix;
            }
        }
        return null;
    }
}
