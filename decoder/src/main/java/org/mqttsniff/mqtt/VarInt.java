package org.mqttsniff.mqtt;

/** Variable Byte Integer helpers (MQTT 5.0 §1.5.5, 3.1.1 §2.2.3). */
public final class VarInt {
    /** 268,435,455: the largest value four bytes can hold. */
    public static final int MAX = 0x0FFFFFFF;

    private VarInt() {
    }

    /** How many bytes the shortest encoding of {@code value} takes. */
    public static int size(int value) {
        return value < 128 ? 1 : value < 16_384 ? 2 : value < 2_097_152 ? 3 : 4;
    }
}
