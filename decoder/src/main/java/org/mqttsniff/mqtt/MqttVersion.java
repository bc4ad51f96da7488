package org.mqttsniff.mqtt;

import java.util.Optional;

/** The protocol versions mqttsniff decodes, by the protocol level CONNECT carries. */
public enum MqttVersion {
    V3_1(3, "MQIsdp", "3.1"),
    V3_1_1(4, "MQTT", "3.1.1"),
    V5(5, "MQTT", "5.0");

    private final int level;
    private final String protocolName;
    private final String label;

    MqttVersion(int level, String protocolName, String label) {
        this.level = level;
        this.protocolName = protocolName;
        this.label = label;
    }

    public int level() {
        return level;
    }

    /** The protocol name CONNECT must carry for this level (MQTT 3.1.1 §3.1.2.1). */
    public String protocolName() {
        return protocolName;
    }

    public String label() {
        return label;
    }

    public boolean isV5() {
        return this == V5;
    }

    public static Optional<MqttVersion> ofLevel(int level) {
        for (MqttVersion v : values()) {
            if (v.level == level) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** Accepts "3.1", "3.1.1", "5", "5.0" and the levels "3", "4". */
    public static Optional<MqttVersion> parse(String s) {
        return switch (s.trim()) {
            case "3.1", "3" -> Optional.of(V3_1);
            case "3.1.1", "4" -> Optional.of(V3_1_1);
            case "5", "5.0" -> Optional.of(V5);
            default -> Optional.empty();
        };
    }

    @Override
    public String toString() {
        return "MQTT " + label;
    }
}
