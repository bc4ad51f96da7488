package org.mqttsniff.session;

/** Which way a packet goes: client to server (broker), or back. */
public enum Direction {
    C2S("c2s"),
    S2C("s2c");

    private final String key;

    Direction(String key) {
        this.key = key;
    }

    /** As in JSON: {@code "c2s"} or {@code "s2c"}. */
    public String key() {
        return key;
    }

    public Direction reverse() {
        return this == C2S ? S2C : C2S;
    }

    public static Direction of(boolean fromClient) {
        return fromClient ? C2S : S2C;
    }
}
