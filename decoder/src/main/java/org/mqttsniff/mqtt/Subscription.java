package org.mqttsniff.mqtt;

/**
 * One topic filter of a SUBSCRIBE with its Subscription Options (MQTT 5.0 §3.8.3.1).
 *
 * <pre>
 * options:  7-6 reserved | 5-4 Retain Handling | 3 Retain As Published | 2 No Local | 1-0 QoS
 * </pre>
 *
 * Before 5.0 only the QoS bits exist and the other options are false/0.
 */
public record Subscription(String filter, int qos, boolean noLocal, boolean retainAsPublished, int retainHandling) {

    public Subscription(String filter, int qos) {
        this(filter, qos, false, false, 0);
    }

    int options() {
        return retainHandling << 4 | (retainAsPublished ? 8 : 0) | (noLocal ? 4 : 0) | qos;
    }

    static String retainHandlingMeaning(int rh) {
        return switch (rh) {
            case 0 -> "send retained messages at subscribe";
            case 1 -> "send retained messages only if the subscription is new";
            default -> "do not send retained messages";
        };
    }
}
