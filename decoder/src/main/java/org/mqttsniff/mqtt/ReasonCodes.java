package org.mqttsniff.mqtt;

import static org.mqttsniff.mqtt.PacketType.AUTH;
import static org.mqttsniff.mqtt.PacketType.CONNACK;
import static org.mqttsniff.mqtt.PacketType.DISCONNECT;
import static org.mqttsniff.mqtt.PacketType.PUBACK;
import static org.mqttsniff.mqtt.PacketType.PUBCOMP;
import static org.mqttsniff.mqtt.PacketType.PUBREC;
import static org.mqttsniff.mqtt.PacketType.PUBREL;
import static org.mqttsniff.mqtt.PacketType.SUBACK;
import static org.mqttsniff.mqtt.PacketType.UNSUBACK;

import java.util.Optional;

/**
 * Reason codes named per packet type and version. The same number means different things in
 * different packets (0x00 is "Success", "Normal disconnection" or "Granted QoS 0"), so a name
 * is only ever looked up with the packet it came in. MQTT 5.0 §2.4 Table 2-6; MQTT 3.1.1
 * §3.2.2.3 (CONNACK return codes) and §3.9.3 (SUBACK return codes).
 */
public final class ReasonCodes {
    private ReasonCodes() {
    }

    private static final String[] V5_NAMES = new String[256];
    private static final int[] V5_PACKETS = new int[256];

    private static void v5(int code, String name, PacketType... packets) {
        V5_NAMES[code] = name;
        for (PacketType t : packets) {
            V5_PACKETS[code] |= 1 << t.code();
        }
    }

    static {
        // 0x00 is also "Normal disconnection" in DISCONNECT and "Granted QoS 0" in SUBACK: see name()
        v5(0x00, "Success", CONNACK, PUBACK, PUBREC, PUBREL, PUBCOMP, SUBACK, UNSUBACK, DISCONNECT, AUTH);
        v5(0x01, "Granted QoS 1", SUBACK);
        v5(0x02, "Granted QoS 2", SUBACK);
        v5(0x04, "Disconnect with Will Message", DISCONNECT);
        v5(0x10, "No matching subscribers", PUBACK, PUBREC);
        v5(0x11, "No subscription existed", UNSUBACK);
        v5(0x18, "Continue authentication", AUTH);
        v5(0x19, "Re-authenticate", AUTH);
        v5(0x80, "Unspecified error", CONNACK, PUBACK, PUBREC, SUBACK, UNSUBACK, DISCONNECT);
        v5(0x81, "Malformed Packet", CONNACK, DISCONNECT);
        v5(0x82, "Protocol Error", CONNACK, DISCONNECT);
        v5(0x83, "Implementation specific error", CONNACK, PUBACK, PUBREC, SUBACK, UNSUBACK, DISCONNECT);
        v5(0x84, "Unsupported Protocol Version", CONNACK);
        v5(0x85, "Client Identifier not valid", CONNACK);
        v5(0x86, "Bad User Name or Password", CONNACK);
        v5(0x87, "Not authorized", CONNACK, PUBACK, PUBREC, SUBACK, UNSUBACK, DISCONNECT);
        v5(0x88, "Server unavailable", CONNACK);
        v5(0x89, "Server busy", CONNACK, DISCONNECT);
        v5(0x8A, "Banned", CONNACK);
        v5(0x8B, "Server shutting down", DISCONNECT);
        v5(0x8C, "Bad authentication method", CONNACK, DISCONNECT);
        v5(0x8D, "Keep Alive timeout", DISCONNECT);
        v5(0x8E, "Session taken over", DISCONNECT);
        v5(0x8F, "Topic Filter invalid", SUBACK, UNSUBACK, DISCONNECT);
        v5(0x90, "Topic Name invalid", CONNACK, PUBACK, PUBREC, DISCONNECT);
        v5(0x91, "Packet Identifier in use", PUBACK, PUBREC, SUBACK, UNSUBACK);
        v5(0x92, "Packet Identifier not found", PUBREL, PUBCOMP);
        v5(0x93, "Receive Maximum exceeded", DISCONNECT);
        v5(0x94, "Topic Alias invalid", DISCONNECT);
        v5(0x95, "Packet too large", CONNACK, DISCONNECT);
        v5(0x96, "Message rate too high", DISCONNECT);
        v5(0x97, "Quota exceeded", CONNACK, PUBACK, PUBREC, SUBACK, DISCONNECT);
        v5(0x98, "Administrative action", DISCONNECT);
        v5(0x99, "Payload format invalid", CONNACK, PUBACK, PUBREC, DISCONNECT);
        v5(0x9A, "Retain not supported", CONNACK, DISCONNECT);
        v5(0x9B, "QoS not supported", CONNACK, DISCONNECT);
        v5(0x9C, "Use another server", CONNACK, DISCONNECT);
        v5(0x9D, "Server moved", CONNACK, DISCONNECT);
        v5(0x9E, "Shared Subscriptions not supported", SUBACK, DISCONNECT);
        v5(0x9F, "Connection rate exceeded", CONNACK, DISCONNECT);
        v5(0xA0, "Maximum connect time", DISCONNECT);
        v5(0xA1, "Subscription Identifiers not supported", SUBACK, DISCONNECT);
        v5(0xA2, "Wildcard Subscriptions not supported", SUBACK, DISCONNECT);
    }

    private static final String[] V3_CONNACK = {
        "Connection Accepted",
        "Connection Refused, unacceptable protocol version",
        "Connection Refused, identifier rejected",
        "Connection Refused, Server unavailable",
        "Connection Refused, bad user name or password",
        "Connection Refused, not authorized",
    };

    /** The name of {@code code} in a packet of that type and version, if the spec defines one. */
    public static Optional<String> name(PacketType type, MqttVersion version, int code) {
        if (code < 0 || code > 255) {
            return Optional.empty();
        }
        if (version.isV5()) {
            if ((V5_PACKETS[code] & (1 << type.code())) == 0) {
                return Optional.empty();
            }
            if (code == 0x00 && type == DISCONNECT) {
                return Optional.of("Normal disconnection");
            }
            if (code == 0x00 && type == SUBACK) {
                return Optional.of("Granted QoS 0");
            }
            return Optional.of(V5_NAMES[code]);
        }
        if (type == CONNACK && code < V3_CONNACK.length) {
            return Optional.of(V3_CONNACK[code]);
        }
        if (type == SUBACK) {
            return switch (code) {
                case 0, 1, 2 -> Optional.of("Success, maximum QoS " + code);
                case 0x80 -> Optional.of("Failure");
                default -> Optional.empty();
            };
        }
        return Optional.empty();
    }

    /** The name, or {@code unknown 0x..} keeping the raw value visible. */
    public static String describe(PacketType type, MqttVersion version, int code) {
        return name(type, version, code).orElseGet(() -> String.format("unknown 0x%02X", code));
    }

    /** Reason codes 0x80 and above report failure (MQTT 5.0 §2.4); in 3.1.1 any non-zero CONNACK code and SUBACK 0x80. */
    public static boolean isFailure(PacketType type, MqttVersion version, int code) {
        if (version.isV5()) {
            return code >= 0x80;
        }
        return type == CONNACK ? code != 0 : code == 0x80;
    }
}
