package org.mqttsniff.mqtt;

/**
 * Control packet types, the high nibble of the first byte (MQTT 5.0 §2.1.2).
 *
 * <pre>
 *   bit   7  6  5  4 | 3  2  1  0
 *         packet type| flags
 * </pre>
 */
public enum PacketType {
    RESERVED(0, 0b0000, "Reserved"),
    CONNECT(1, 0b0000, "Client request to connect to Server"),
    CONNACK(2, 0b0000, "Connect acknowledgment"),
    PUBLISH(3, -1, "Publish message"),
    PUBACK(4, 0b0000, "Publish acknowledgment (QoS 1)"),
    PUBREC(5, 0b0000, "Publish received (QoS 2 delivery part 1)"),
    PUBREL(6, 0b0010, "Publish release (QoS 2 delivery part 2)"),
    PUBCOMP(7, 0b0000, "Publish complete (QoS 2 delivery part 3)"),
    SUBSCRIBE(8, 0b0010, "Subscribe request"),
    SUBACK(9, 0b0000, "Subscribe acknowledgment"),
    UNSUBSCRIBE(10, 0b0010, "Unsubscribe request"),
    UNSUBACK(11, 0b0000, "Unsubscribe acknowledgment"),
    PINGREQ(12, 0b0000, "PING request"),
    PINGRESP(13, 0b0000, "PING response"),
    DISCONNECT(14, 0b0000, "Disconnect notification"),
    AUTH(15, 0b0000, "Authentication exchange (MQTT 5.0)");

    private static final PacketType[] BY_CODE = values();

    private final int code;
    private final int requiredFlags;
    private final String description;

    PacketType(int code, int requiredFlags, String description) {
        this.code = code;
        this.requiredFlags = requiredFlags;
        this.description = description;
    }

    public int code() {
        return code;
    }

    /** The fixed-header flags this type must carry, or -1 for PUBLISH whose flags carry DUP, QoS and RETAIN. */
    public int requiredFlags() {
        return requiredFlags;
    }

    public String description() {
        return description;
    }

    public static PacketType of(int code) {
        return BY_CODE[code & 0x0F];
    }

    /** Is this type defined in that version? AUTH (15) exists only from 5.0 on. */
    public boolean existsIn(MqttVersion version) {
        return this != RESERVED && (this != AUTH || version.isV5());
    }

    /** The type's name in that version: AUTH is "RESERVED" before 5.0. */
    public String nameIn(MqttVersion version) {
        return existsIn(version) ? name() : RESERVED.name();
    }
}
