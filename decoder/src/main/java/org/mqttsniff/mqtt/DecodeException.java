package org.mqttsniff.mqtt;

/**
 * Thrown inside the decoder when a rule is broken, and turned into a {@link DecodeResult.Malformed}
 * before it reaches a caller. It never escapes the public API, so it carries no stack trace.
 */
final class DecodeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final MalformedReason reason;
    final int offset;

    DecodeException(MalformedReason reason, int offset, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
        this.offset = offset;
    }
}
