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

    private final boolean mayInfer;

    /** Starts at {@code assumed}; packets that only decode as 5.0 may change it (see {@link #infer}). */
    public VersionState(MqttVersion assumed) {
        this(assumed, true);
    }

    /** With {@code mayInfer} false the assumed version holds until a CONNECT says otherwise: the user named it. */
    public VersionState(MqttVersion assumed, boolean mayInfer) {
        this.version = assumed;
        this.mayInfer = mayInfer;
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

    /** Is a guess from content still allowed? Not once a CONNECT told the version, nor when the user named it. */
    public boolean mayInfer() {
        return mayInfer && !learned;
    }

    /** A guess from content; a CONNECT seen later overrides it. */
    public void infer(MqttVersion v) {
        if (!learned && mayInfer) {
            version = v;
            inferred = true;
        }
    }
}
