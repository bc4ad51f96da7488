package org.mqttsniff.mqtt;

/**
 * The protocol version of one connection, shared by the decoders of both directions: the
 * client's CONNECT sets it, and the server's packets are decoded with it (the server side never
 * says its version). Until a CONNECT is seen the assumed default applies.
 */
public final class VersionState {
    private MqttVersion version;
    private boolean learned;
    private boolean inferred;

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
        inferred = false;
    }

    /** True when the version was guessed from packets that only decode in it, not told by a CONNECT. */
    public boolean inferred() {
        return inferred;
    }

    /** A guess from content; a CONNECT seen later overrides it. */
    public void infer(MqttVersion v) {
        if (!learned) {
            version = v;
            inferred = true;
        }
    }
}
