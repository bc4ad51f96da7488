package org.mqttsniff.tcp;

import java.util.Comparator;
import java.util.List;

import org.mqttsniff.bytes.ByteSlice;
import org.mqttsniff.net.Endpoint;
import org.mqttsniff.net.RawFrame;
import org.mqttsniff.net.TcpSegment;

/**
 * TCP reassembly for a passive observer, in the manner of gopacket's reassembly package: segments go
 * in in capture order, each direction's bytes come out in order, each byte exactly once, and bytes
 * that never arrive come out as gaps (their count only), so a decoder knows to resynchronise.
 *
 * <p>Single-threaded by design (the pipeline thread owns it), so no locks on the hot path.
 *
 * <p><b>Stream numbers</b> follow Wireshark's {@code tcp.stream}: 0, 1, 2, ... in order of the first
 * frame of each connection, where a connection is an unordered 4-tuple. Every segment belongs to
 * one, even a stray ACK or RST. A segment with SYN and without ACK starts a new stream on a known
 * 4-tuple when
 * <ul>
 * <li>the connection there has closed (FIN delivered both ways, or RST): any SYN, even one repeating
 *     the old ISN, since a closed connection takes no more data; or
 * <li>its sender has been seen and the SYN's sequence number differs from that direction's base
 *     (the ISN of its SYN, or the first sequence number seen from it): port reuse. This is
 *     Wireshark's TCP_A_REUSED_PORTS rule; the still-open old connection closes as
 *     {@link CloseReason#REUSED}.
 * </ul>
 * A SYN repeating the ISN on an open connection is a retransmission. Segments after a close but
 * before such a SYN (the last ACK of a FIN exchange, say) keep the closed connection's number and
 * are otherwise ignored. A connection removed by the idle timeout or the table limit is forgotten:
 * its next segment starts a new stream, a departure from Wireshark that bounded memory costs.
 *
 * <p><b>Holes</b> wait to be filled by a retransmission. One is declared lost (a gap, then the
 * bytes after it) when the other side's ACK covers it and something waits behind it, when the
 * connection closes (RST, idle, limit, port reuse, end of capture), or when a buffer limit is passed.
 * FIN closes a connection only once both directions are delivered up to their FINs, so a hole before
 * a FIN that no ACK covers is reported at the end of the capture (or the idle timeout).
 *
 * <p>The {@link RawFrame} passed with data is the frame whose arrival made the bytes deliverable (for
 * bytes that waited in the out-of-order buffer, the frame that filled the hole), like Wireshark showing
 * a reassembled PDU at the frame that completed it; gaps and closes forced by a limit or the idle
 * timeout carry the frame that triggered them. {@link #finish} passes a frame with no bytes and link
 * type -1.
 */
public final class Assembler {

    /** What the assembler reports, in order, on the calling thread. */
    public interface Listener {
        /** A new connection; the place to {@link TcpConnection#attach} state or {@link TcpConnection#ignore}. */
        void open(TcpConnection c, RawFrame frame);

        /** Bytes in order; each byte of each direction is delivered exactly once, as data or in a gap. */
        void data(TcpConnection c, boolean fromClient, ByteSlice bytes, RawFrame frame);

        /** Bytes that will never arrive (lost by the capture, cut by the snap length, or dropped by a limit). */
        void gap(TcpConnection c, boolean fromClient, long lostBytes, RawFrame frame);

        /** The last call for this connection; holes were reported as gaps before it. */
        void close(TcpConnection c, CloseReason reason, RawFrame frame);
    }

    private static final long MASK = 0xFFFF_FFFFL;
    private static final long IDLE_CHECK_NANOS = 1_000_000_000L;

    private final AssemblerLimits limits;
    private final Listener listener;
    /** In access order, so the eldest entry is the least recently active connection. */
    private final ConnectionTable table = new ConnectionTable();
    /** The segment being handled; reused, so a segment costs no object. */
    private final Seg seg = new Seg();
    private int nextStream;
    private long totalBuffered;
    private boolean idleChecked;
    private long lastIdleCheck;

    public Assembler(AssemblerLimits limits, Listener listener) {
        this.limits = limits;
        this.listener = listener;
    }

    public void segment(RawFrame frame, TcpSegment seg) {
        segment(frame, seg, 0);
    }

    /** A segment whose last {@code missingPayloadBytes} the snap length cut off: those are reported lost. */
    public void segment(RawFrame frame, TcpSegment seg, int missingPayloadBytes) {
        segment(frame, seg.src(), seg.dst(), seg.seq(), seg.ack(), seg.flags(), seg.payload(), missingPayloadBytes);
    }

    /**
     * The same, field by field (as {@link org.mqttsniff.net.NetworkParser#parseInPlace} leaves them), so
     * the pipeline builds no {@link TcpSegment} per frame. {@code flags} as in {@link TcpSegment#flags}.
     */
    public void segment(RawFrame frame, Endpoint src, Endpoint dst, long seq, long ack, int flags, ByteSlice payload,
                        int missingPayloadBytes) {
        if (missingPayloadBytes < 0) {
            throw new IllegalArgumentException("missingPayloadBytes " + missingPayloadBytes);
        }
        Seg seg = this.seg.set(src, dst, seq, ack, flags, payload);
        expireIdle(frame);
        TcpConnection c = table.find(seg.src(), seg.dst());
        if (c != null && seg.syn() && !seg.hasAck() && startsNewConnection(c, seg)) {
            table.remove(c);
            if (c.closed == null) {
                long held = c.buffered();
                end(c, CloseReason.REUSED, frame);
                totalBuffered -= held;
            }
            c = null;
        }
        if (c == null) {
            c = open(frame, seg);
        }
        c.lastSeenNanos = frame.timeNanos();
        if (c.closed != null) {
            return;
        }
        long held = c.buffered();
        if (seg.rst()) {
            // Any payload of a RST is diagnostic text, not stream data (RFC 9293 §3.5.3).
            end(c, CloseReason.RST, frame);
        } else {
            receive(c, seg, missingPayloadBytes, frame);
        }
        totalBuffered += c.buffered() - held;
        enforceTotal(frame);
    }

    /** End of capture: every hole is reported as a gap and every open connection closes. */
    public void finish(long frameNumber, long timeNanos) {
        RawFrame f = new RawFrame(frameNumber, timeNanos, -1, ByteSlice.EMPTY, 0);
        List<TcpConnection> all = table.inAge();
        all.sort(Comparator.comparingInt(TcpConnection::stream));
        table.clear();
        for (TcpConnection c : all) {
            if (c.closed == null) {
                end(c, CloseReason.END_OF_CAPTURE, f);
            }
        }
        totalBuffered = 0;
    }

    /** Connections in the table, including closed ones kept so their last segments keep their stream. */
    public int connectionCount() {
        return table.size();
    }

    /** Out-of-order bytes held, plus the per-piece overhead {@link AssemblerLimits} describes. */
    public long bufferedBytes() {
        return totalBuffered;
    }

    private void receive(TcpConnection c, Seg seg, int missing, RawFrame frame) {
        boolean fromClient = seg.src().equals(c.client());
        HalfStream h = c.half(fromClient);
        HalfStream peer = c.half(!fromClient);
        long seq = seg.seq();
        if (seg.syn()) {
            if (!h.started) {
                h.start(seq + 1, seq, false);
            }
            // A SYN+ACK tells where the client's bytes start even if its SYN was not captured.
            if (seg.hasAck() && !peer.started) {
                peer.start(seg.ack(), seg.ack() - 1, false);
            }
            seq = (seq + 1) & MASK; // the SYN takes one sequence number; any data (TCP Fast Open) follows it
        } else if (!h.started) {
            // Joined mid-stream: the first segment seen sets the start, with no gap for what came before.
            h.start(seq, seq, true);
        }
        // The ACK first: the bytes it covers were sent before this segment's payload was (the
        // sender had them when it wrote the segment), so holes it declares lost, and the bytes
        // waiting behind them, come out before the reply this segment carries.
        if (seg.hasAck()) {
            peer.acked(seg.ack(), listener, frame);
        }
        h.segment(seq, seg.payload(), missing, seg.fin(), listener, frame);
        if (c.ignored()) {
            c.c2s.drop();
            c.s2c.drop();
        }
        while (c.buffered() > limits.maxBufferedPerConnection()) {
            HalfStream big = c.c2s.buffered() >= c.s2c.buffered() ? c.c2s : c.s2c;
            if (!big.skipFirstHole(listener, frame)) {
                break;
            }
        }
        closeIfFinished(c, frame);
    }

    private void closeIfFinished(TcpConnection c, RawFrame frame) {
        if (c.closed == null && c.c2s.finished() && c.s2c.finished()) {
            end(c, CloseReason.FIN, frame);
        }
    }

    private boolean startsNewConnection(TcpConnection c, Seg syn) {
        if (c.closed != null) {
            return true;
        }
        HalfStream sender = c.half(syn.src().equals(c.client()));
        return sender.started && sender.baseSeq != syn.seq();
    }

    private TcpConnection open(RawFrame frame, Seg seg) {
        if (table.size() >= limits.maxConnections()) {
            TcpConnection old = table.eldest();
            table.remove(old);
            if (old.closed == null) {
                long held = old.buffered();
                end(old, CloseReason.LIMIT, frame);
                totalBuffered -= held;
            }
        }
        Endpoint src = seg.src();
        Endpoint dst = seg.dst();
        boolean srcIsClient;
        RoleBasis basis;
        if (seg.syn()) {
            srcIsClient = !seg.hasAck(); // SYN from the client, SYN+ACK from the server (RFC 9293 §3.5)
            basis = RoleBasis.SYN;
        } else if (limits.serverPort().test(src.port()) != limits.serverPort().test(dst.port())) {
            srcIsClient = limits.serverPort().test(dst.port());
            basis = RoleBasis.PORT;
        } else {
            // Clients usually connect from an ephemeral port, higher than any service port.
            srcIsClient = src.port() >= dst.port();
            basis = RoleBasis.GUESS;
        }
        TcpConnection c = new TcpConnection(nextStream++, srcIsClient ? src : dst, srcIsClient ? dst : src,
                basis, frame.number());
        table.add(c);
        listener.open(c, frame);
        return c;
    }

    /** Reports every hole, then the close. The caller accounts for the buffered bytes released. */
    private void end(TcpConnection c, CloseReason reason, RawFrame frame) {
        c.c2s.flush(true, listener, frame);
        c.s2c.flush(true, listener, frame);
        c.c2s.drop();
        c.s2c.drop();
        c.closed = reason;
        listener.close(c, reason, frame);
    }

    /** Flushes whole connections, least recently active first, until the total is within bounds. */
    private void enforceTotal(RawFrame frame) {
        while (totalBuffered > limits.maxBufferedTotal()) {
            TcpConnection victim = null;
            for (TcpConnection c = table.eldest(); c != null; c = c.newer) { // not an access
                if (c.buffered() > 0) {
                    victim = c;
                    break;
                }
            }
            if (victim == null) {
                return;
            }
            long held = victim.buffered();
            victim.c2s.flush(false, listener, frame);
            victim.s2c.flush(false, listener, frame);
            victim.c2s.drop(); // in case the listener ignored it meanwhile
            victim.s2c.drop();
            totalBuffered -= held;
            closeIfFinished(victim, frame);
        }
    }

    /** Capture time only, and at most once per second of it (or per timeout, if shorter). */
    private void expireIdle(RawFrame frame) {
        long timeout = limits.idleTimeoutNanos();
        long now = frame.timeNanos();
        if (timeout == 0 || (idleChecked && now - lastIdleCheck < Math.min(timeout, IDLE_CHECK_NANOS))) {
            return;
        }
        idleChecked = true;
        lastIdleCheck = now;
        TcpConnection c;
        while ((c = table.eldest()) != null) {
            if (now - c.lastSeenNanos < timeout) {
                return; // access order: everything after this was active more recently
            }
            table.remove(c);
            if (c.closed == null) {
                long held = c.buffered();
                end(c, CloseReason.IDLE, frame);
                totalBuffered -= held;
            }
        }
    }

    /** A segment's fields (as in {@link TcpSegment}), for the one segment being handled. */
    private static final class Seg {
        Endpoint src;
        Endpoint dst;
        long seq;
        long ack;
        int flags;
        ByteSlice payload;

        Seg set(Endpoint src, Endpoint dst, long seq, long ack, int flags, ByteSlice payload) {
            this.src = src;
            this.dst = dst;
            this.seq = seq;
            this.ack = ack;
            this.flags = flags;
            this.payload = payload;
            return this;
        }

        Endpoint src() {
            return src;
        }

        Endpoint dst() {
            return dst;
        }

        long seq() {
            return seq;
        }

        long ack() {
            return ack;
        }

        ByteSlice payload() {
            return payload;
        }

        boolean syn() {
            return (flags & TcpSegment.SYN) != 0;
        }

        boolean fin() {
            return (flags & TcpSegment.FIN) != 0;
        }

        boolean rst() {
            return (flags & TcpSegment.RST) != 0;
        }

        boolean hasAck() {
            return (flags & TcpSegment.ACK) != 0;
        }
    }
}
