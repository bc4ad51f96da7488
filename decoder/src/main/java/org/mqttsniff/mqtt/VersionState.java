package org.mqttsniff.mqtt;

/**
 * The protocol version of one connection, shared by the decoders of both directions: the
 * client's CONNECT sets it, and the server's packets are decoded with it (the server side never
 * says its version). Until a CONNECT is seen the assumed default applies.
 */
public final class VersionState {
    private MqttVersion version;
    private boolean learned;

    public VersionState(MqttVersion assumed) {
        this.version = assumed;
    }

    public MqttVersion current() {
        return version;
    }

    /** True once a CONNECT has told the version; false while it is only assumed. */
    public boolean learned() {
        return learned;
    }

    public void learn(MqttVersion v) {
        version = v;
        learned = true;
    }
}
