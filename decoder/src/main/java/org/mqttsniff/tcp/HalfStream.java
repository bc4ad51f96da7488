package org.mqttsniff.tcp;

import java.util.Map;
import java.util.TreeMap;

import org.mqttsniff.bytes.ByteSlice;
import org.mqttsniff.net.RawFrame;

/**
 * One direction of a connection: the next sequence number expected and the out-of-order pieces
 * waiting for a hole to fill.
 *
 * <p>Sequence numbers are 32-bit and wrap (RFC 9293 §3.4). Comparing them needs serial-number
 * arithmetic (RFC 1982: a is before b when {@code (int) (a - b) < 0}), which is only an order within
 * half the number space. So each incoming number is "unwrapped" once, relative to {@link #next}, into
 * a 64-bit position that keeps growing across 2^32; from then on plain {@code long} comparison is the
 * wrap-safe order, and the pending set can be an ordinary sorted map.
 *
 * <p>Invariants: pending pieces are disjoint and all start after {@code next}; each byte position is
 * delivered (as data or as part of a gap) at most once, so the first copy of a byte to arrive wins.
 */
final class HalfStream {
    private static final long MASK = 0xFFFF_FFFFL;
    private static final long NO_FIN = Long.MAX_VALUE;

    /** Buffered bytes, or (bytes == null) a range known to be lost: payload cut off by the snap length. */
    private record Piece(ByteSlice bytes, int length) {
        long cost() {
            return (bytes == null ? 0 : length) + AssemblerLimits.PIECE_OVERHEAD;
        }
    }

    private final TcpConnection conn;
    private final boolean fromClient;
    private final TreeMap<Long, Piece> pending = new TreeMap<>();

    boolean started;
    boolean midStream;
    /** The sequence number this direction began with: the ISN of its SYN, else the first seen. -1 until known. */
    long baseSeq = -1;
    /** Unwrapped position of the next byte to deliver. */
    long next;
    /** Unwrapped position the FIN occupies (RFC 9293 §3.4: a FIN consumes one sequence number). */
    private long finAt = NO_FIN;
    /** Highest position the other side has acknowledged, capped at the FIN. */
    private long ackedUpTo = Long.MIN_VALUE;
    private long buffered;

    HalfStream(TcpConnection conn, boolean fromClient) {
        this.conn = conn;
        this.fromClient = fromClient;
    }

    /** Begins the direction at raw sequence number {@code seq}: the first byte to deliver. */
    void start(long seq, long base, boolean mid) {
        started = true;
        midStream = mid;
        baseSeq = base & MASK;
        next = seq & MASK;
    }

    long buffered() {
        return buffered;
    }

    /** Everything up to the FIN has been delivered or declared lost (or no longer matters: ignored). */
    boolean finished() {
        return finAt != NO_FIN && (next >= finAt || conn.ignored());
    }

    /** The unwrapped position of raw sequence number {@code seq}: the one nearest to {@link #next}. */
    private long unwrap(long seq) {
        return next + (int) (seq - next);
    }

    /**
     * A segment's payload at raw sequence number {@code seq}, followed by {@code missing} bytes the
     * capture cut off, then the FIN if {@code fin}.
     */
    void segment(long seq, ByteSlice payload, int missing, boolean fin, Assembler.Listener l, RawFrame f) {
        long s = unwrap(seq);
        if (fin && finAt == NO_FIN) {
            finAt = s + payload.length() + missing;
            ackedUpTo = Math.min(ackedUpTo, finAt);
            trimAfterFin();
        }
        if (conn.ignored()) {
            return;
        }
        add(s, payload, payload.length(), l, f);
        if (missing > 0) {
            add(s + payload.length(), null, missing, l, f);
        }
        resolveAcked(l, f);
    }

    /**
     * The other side acknowledged up to raw {@code ack}. An ACK says every byte before it was
     * received, and the sender drops acknowledged bytes from its retransmission queue (RFC 9293 §3.4),
     * so an acknowledged byte missing from the capture was lost by the capture and will never come.
     */
    void acked(long ack, Assembler.Listener l, RawFrame f) {
        if (!started) {
            return;
        }
        long a = Math.min(unwrap(ack), finAt);
        if (a > ackedUpTo) {
            ackedUpTo = a;
            resolveAcked(l, f);
        }
    }

    /**
     * Declares acknowledged holes lost, but only when something waits behind them (pending bytes or
     * the FIN): with nothing waiting, a late ACK costs nothing, and an ACK captured just before the
     * data it acknowledges (reordering on the capture path) does no harm.
     */
    private void resolveAcked(Assembler.Listener l, RawFrame f) {
        while (ackedUpTo > next && !conn.ignored()) {
            long waiting = buffered == 0 ? finAt : pending.firstKey();
            if (waiting == NO_FIN || waiting <= next) {
                return;
            }
            long lostEnd = Math.min(ackedUpTo, waiting);
            emit(null, lostEnd - next, l, f);
            next = lostEnd;
            drain(l, f);
        }
    }

    /** Bytes (or a lost range, when bytes is null) of length len at unwrapped position s. */
    private void add(long s, ByteSlice bytes, int len, Assembler.Listener l, RawFrame f) {
        final long s0 = s;
        final long e = Math.min(s + len, finAt); // nothing follows a FIN
        while (s < e && !conn.ignored()) {
            if (s < next) {
                s = next; // already delivered: a retransmission or an overlap; the first copy won
                continue;
            }
            if (s > next) {
                insert(s, e, bytes, s0);
                return;
            }
            // In order. The common case (nothing pending) delivers the segment's own slice, no copy.
            long upTo = buffered == 0 ? e : Math.min(e, pending.firstKey());
            emit(part(bytes, s - s0, upTo - s0), upTo - s, l, f);
            next = upTo;
            drain(l, f);
            s = upTo;
        }
    }

    /** Buffers the parts of [s, e) that no pending piece covers yet: the first copy of a byte wins. */
    private void insert(long s, long e, ByteSlice bytes, long s0) {
        Map.Entry<Long, Piece> before = pending.floorEntry(s);
        if (before != null) {
            s = Math.max(s, before.getKey() + before.getValue().length());
        }
        while (s < e) {
            Map.Entry<Long, Piece> after = pending.ceilingEntry(s);
            long stop = after == null ? e : Math.min(e, after.getKey());
            if (stop > s) {
                // A copy, so the buffer holds only what is charged, not the whole frame the slice is in.
                ByteSlice copy = bytes == null ? null : ByteSlice.wrap(part(bytes, s - s0, stop - s0).toArray());
                Piece p = new Piece(copy, (int) (stop - s));
                pending.put(s, p);
                buffered += p.cost();
            }
            if (after == null) {
                return;
            }
            s = Math.max(s, after.getKey() + after.getValue().length());
        }
    }

    /** Delivers pending pieces that the hole no longer separates from {@code next}. */
    private void drain(Assembler.Listener l, RawFrame f) {
        if (buffered == 0) {
            return; // nothing pending (every piece costs at least PIECE_OVERHEAD): the usual case, without touching the map
        }
        Map.Entry<Long, Piece> first;
        while (!conn.ignored() && (first = pending.firstEntry()) != null && first.getKey() <= next) {
            pending.pollFirstEntry();
            Piece p = first.getValue();
            buffered -= p.cost();
            long ps = first.getKey();
            long pe = ps + p.length();
            if (pe > next) {
                emit(part(p.bytes(), next - ps, p.length()), pe - next, l, f);
                next = pe;
            }
        }
        if (conn.ignored()) {
            drop();
        }
    }

    /** Declares the first hole lost and delivers what follows it; false if there is no hole. */
    boolean skipFirstHole(Assembler.Listener l, RawFrame f) {
        if (pending.isEmpty() || conn.ignored()) {
            return false;
        }
        long first = pending.firstKey();
        emit(null, first - next, l, f);
        next = first;
        drain(l, f);
        resolveAcked(l, f);
        return true;
    }

    /** A FIN means the sender has no more data (RFC 9293 §3.6): forget pieces buffered beyond it. */
    private void trimAfterFin() {
        Map.Entry<Long, Piece> e;
        while ((e = pending.lastEntry()) != null && e.getKey() + e.getValue().length() > finAt) {
            pending.pollLastEntry();
            buffered -= e.getValue().cost();
            long keep = finAt - e.getKey();
            if (keep > 0) {
                Piece p = e.getValue();
                Piece cut = new Piece(p.bytes() == null ? null : p.bytes().slice(0, (int) keep), (int) keep);
                pending.put(e.getKey(), cut);
                buffered += cut.cost();
                return;
            }
        }
    }

    /**
     * Declares every hole lost. When {@code closing}, also the bytes before the FIN and the bytes
     * the other side acknowledged that never showed up.
     */
    void flush(boolean closing, Assembler.Listener l, RawFrame f) {
        while (skipFirstHole(l, f)) {
            // each round delivers one hole and the bytes after it
        }
        if (closing && started && !conn.ignored()) {
            long end = finAt != NO_FIN ? finAt : ackedUpTo;
            if (end > next) {
                emit(null, end - next, l, f);
                next = end;
            }
        }
    }

    void drop() {
        pending.clear();
        buffered = 0;
    }

    private static ByteSlice part(ByteSlice bytes, long from, long to) {
        if (bytes == null || (from == 0 && to == bytes.length())) {
            return bytes;
        }
        return bytes.slice((int) from, (int) to);
    }

    private void emit(ByteSlice bytes, long length, Assembler.Listener l, RawFrame f) {
        if (length <= 0 || conn.ignored()) {
            return;
        }
        if (bytes == null) {
            l.gap(conn, fromClient, length, f);
        } else {
            l.data(conn, fromClient, bytes, f);
        }
    }
}
