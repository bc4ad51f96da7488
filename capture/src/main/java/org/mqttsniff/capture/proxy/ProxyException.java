package org.mqttsniff.capture.proxy;

/** The proxy cannot start (address in use, say): a message for the user, no stack trace. */
public final class ProxyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ProxyException(String message) {
        super(message, null, false, false);
    }
}
