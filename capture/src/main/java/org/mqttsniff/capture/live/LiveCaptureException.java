package org.mqttsniff.capture.live;

/**
 * Live capture could not start or went on no longer. The message is one line a user can act on;
 * the {@link Kind} lets a command choose its exit code.
 */
public final class LiveCaptureException extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** The process may not open a capture socket. */
        NO_PRIVILEGES,
        /** libpcap could not be loaded. */
        NO_LIBPCAP,
        /** No interface by that name (the message lists the ones there are). */
        NO_SUCH_INTERFACE,
        /** libpcap rejected the capture filter; the message is libpcap's. */
        BAD_FILTER,
        /** Anything else libpcap refused: an interface that is down, a link type we cannot read, ... */
        FAILED
    }

    private final Kind kind;

    public LiveCaptureException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public LiveCaptureException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static String privilegesHint() {
        return "run with sudo, or give java the capture capabilities:"
                + " sudo setcap cap_net_raw,cap_net_admin=eip $(readlink -f $(which java))";
    }
}
