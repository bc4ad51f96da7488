package org.mqttsniff.tcp;

import java.util.function.IntPredicate;

/**
 * Bounds on what the assembler holds, so a capture of any size (or a hostile one) runs in bounded
 * memory. Buffered amounts count out-of-order payload bytes plus {@value #PIECE_OVERHEAD}
 * per buffered piece, so a flood of one-byte segments is bounded as well as a few big ones.
 *
 * @param maxBufferedPerConnection past this, the connection's oldest hole is declared lost
 * @param maxBufferedTotal         past this, the least recently active connection with buffered
 *                                 data has all its holes declared lost
 * @param maxConnections           past this, the least recently active connection is closed
 * @param idleTimeoutNanos         close a connection after this much capture time without a
 *                                 segment; 0 means never
 * @param serverPort               which ports are broker ports, to tell roles without a handshake
 */
public record AssemblerLimits(long maxBufferedPerConnection, long maxBufferedTotal, int maxConnections,
                              long idleTimeoutNanos, IntPredicate serverPort) {

    /** Charged per buffered piece on top of its bytes: map entry, boxed key, slice and array headers. */
    public static final int PIECE_OVERHEAD = 64;

    public AssemblerLimits {
        if (maxBufferedPerConnection < 0 || maxBufferedTotal < 0 || maxConnections < 1 || idleTimeoutNanos < 0) {
            throw new IllegalArgumentException("limits must be positive: " + maxBufferedPerConnection + ", "
                    + maxBufferedTotal + ", " + maxConnections + ", " + idleTimeoutNanos);
        }
        if (serverPort == null) {
            throw new NullPointerException("serverPort");
        }
    }

    /** 4 MiB per connection, 256 MiB in all, 100 000 connections, no idle timeout, the broker on 1883 (IANA's port for MQTT without TLS). */
    public static AssemblerLimits defaults() {
        return new AssemblerLimits(4L << 20, 256L << 20, 100_000, 0, port -> port == 1883);
    }

    public AssemblerLimits withMaxBufferedPerConnection(long v) {
        return new AssemblerLimits(v, maxBufferedTotal, maxConnections, idleTimeoutNanos, serverPort);
    }

    public AssemblerLimits withMaxBufferedTotal(long v) {
        return new AssemblerLimits(maxBufferedPerConnection, v, maxConnections, idleTimeoutNanos, serverPort);
    }

    public AssemblerLimits withMaxConnections(int v) {
        return new AssemblerLimits(maxBufferedPerConnection, maxBufferedTotal, v, idleTimeoutNanos, serverPort);
    }

    public AssemblerLimits withIdleTimeoutNanos(long v) {
        return new AssemblerLimits(maxBufferedPerConnection, maxBufferedTotal, maxConnections, v, serverPort);
    }

    public AssemblerLimits withServerPort(IntPredicate v) {
        return new AssemblerLimits(maxBufferedPerConnection, maxBufferedTotal, maxConnections, idleTimeoutNanos, v);
    }
}
