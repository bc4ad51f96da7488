package org.mqttsniff.tcp;

import org.mqttsniff.net.Endpoint;

/**
 * One TCP connection as the assembler tracks it. Owned by the pipeline thread: not thread-safe.
 * Higher layers keep their per-connection state (an MQTT framer per direction, say) in
 * {@link #attach(Object)}.
 */
public final class TcpConnection {
    private final int stream;
    private final Endpoint client;
    private final Endpoint server;
    private final RoleBasis roleBasis;
    private final long firstFrame;
    final HalfStream c2s = new HalfStream(this, true);
    final HalfStream s2c = new HalfStream(this, false);
    /** Neighbours in the assembler's table, by recency ({@link ConnectionTable}). */
    TcpConnection older;
    TcpConnection newer;
    private Object attachment;
    private boolean ignored;
    CloseReason closed;
    long lastSeenNanos;

    TcpConnection(int stream, Endpoint client, Endpoint server, RoleBasis roleBasis, long firstFrame) {
        this.stream = stream;
        this.client = client;
        this.server = server;
        this.roleBasis = roleBasis;
        this.firstFrame = firstFrame;
    }

    /**
     * A connection whose bytes come from a relay (the proxy) rather than from captured segments:
     * the relay accepted it, so the client is known as surely as from a SYN, and both directions
     * are seen from their first byte. No assembler owns it.
     */
    public static TcpConnection relayed(int stream, Endpoint client, Endpoint server, long firstFrame) {
        return new TcpConnection(stream, client, server, RoleBasis.SYN, firstFrame);
    }

    /** 0, 1, 2, ... in order of each connection's first frame: what Wireshark shows as tcp.stream. */
    public int stream() {
        return stream;
    }

    public Endpoint client() {
        return client;
    }

    public Endpoint server() {
        return server;
    }

    /** How sure the roles are; a UI should mark {@link RoleBasis#GUESS}. */
    public RoleBasis roleBasis() {
        return roleBasis;
    }

    /** Number of the frame that opened this connection. */
    public long firstFrame() {
        return firstFrame;
    }

    /**
     * True when the capture began after this direction's start (no SYN seen for it): its first
     * bytes may be the middle of an MQTT packet, so a framer must look for a plausible header.
     */
    public boolean startedMidStream(boolean fromClient) {
        return half(fromClient).midStream;
    }

    public Object attachment() {
        return attachment;
    }

    public void attach(Object attachment) {
        this.attachment = attachment;
    }

    /**
     * Stops delivering and buffering this connection's data (not MQTT, say). It stays tracked, so
     * stream numbers stay right and its close is still reported.
     */
    public void ignore() {
        ignored = true;
    }

    public boolean ignored() {
        return ignored;
    }

    /** Why it closed, or null while open. A closed connection stays known until its 4-tuple is reused. */
    public CloseReason closeReason() {
        return closed;
    }

    HalfStream half(boolean fromClient) {
        return fromClient ? c2s : s2c;
    }

    long buffered() {
        return c2s.buffered() + s2c.buffered();
    }

    @Override
    public String toString() {
        return "tcp.stream " + stream + " " + client + " -> " + server + (roleBasis == RoleBasis.GUESS ? " (guess)" : "");
    }
}
