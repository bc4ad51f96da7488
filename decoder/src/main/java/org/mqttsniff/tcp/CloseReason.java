package org.mqttsniff.tcp;

/** Why a connection ended, as far as the capture shows. */
public enum CloseReason {
    /** FIN seen in both directions, and each direction delivered (or declared lost) up to its FIN. */
    FIN,
    RST,
    /** No segment for longer than the idle timeout, by capture time. */
    IDLE,
    /** Evicted because the connection table was full. */
    LIMIT,
    /** A new SYN on the same 4-tuple started a new connection (port reuse) before this one was seen to end. */
    REUSED,
    /** The capture ended with the connection still open. */
    END_OF_CAPTURE
}
