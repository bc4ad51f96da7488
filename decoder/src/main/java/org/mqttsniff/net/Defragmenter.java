package org.mqttsniff.net;

import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import org.mqttsniff.bytes.ByteSlice;

/**
 * IP fragment reassembly for IPv4 (RFC 791 §3.2, "reassembly") and IPv6 (RFC 8200 §4.5), keyed by
 * (source, destination, protocol, identification); IPv6 keys use protocol -1.
 *
 * <p>Fragments may come in any order; where they overlap the bytes that arrived first win (RFC 8200
 * §4.5 would drop the whole datagram, RFC 5722; keeping the first copy is what most sniffers do and loses
 * nothing on honest traffic). A datagram is complete once the last fragment (MF=0) has arrived and the
 * received ranges leave no hole.
 *
 * <p>Memory is bounded: at most {@code maxPending} datagrams and {@code maxBytes} of buffers (the oldest
 * datagram goes first), a datagram never exceeds 65535 bytes, and a datagram not complete within
 * {@code timeoutNanos} of capture time after its first fragment is dropped. Time is the frames' time,
 * never the wall clock. Single-threaded, like the parser that owns it.
 */
final class Defragmenter {
    static final int MAX_DATAGRAM = 65535;

    enum Outcome { HELD, COMPLETE, DROPPED }

    record Key(ByteSlice src, ByteSlice dst, int protocol, long id) {
    }

    private static final class Pending {
        final long firstSeen;
        byte[] buf = new byte[0];
        /** Received byte ranges [start, end), sorted and disjoint: ranges[2k], ranges[2k+1]. */
        int[] ranges = new int[8];
        int rangeCount;
        /** Datagram length, known once the last fragment (MF=0) has arrived; -1 before. */
        int total = -1;
        /** IPv6: the Next Header of the offset-0 fragment's Fragment header. */
        int nextHeader = -1;
        int fragments;

        Pending(long firstSeen) {
            this.firstSeen = firstSeen;
        }
    }

    private final int maxPending;
    private final long maxBytes;
    private final long timeoutNanos;
    private final LinkedHashMap<Key, Pending> pending = new LinkedHashMap<>();
    private long bufferedBytes;
    private long nextExpiry = Long.MAX_VALUE;
    private long droppedFragments;

    private ByteSlice completed = ByteSlice.EMPTY;
    private int completedNextHeader = -1;
    private String dropReason = "";

    Defragmenter(int maxPending, long maxBytes, long timeoutNanos) {
        this.maxPending = maxPending;
        this.maxBytes = maxBytes;
        this.timeoutNanos = timeoutNanos;
    }

    /**
     * Adds the fragment {@code data[from, to)} that sits at {@code offset} in its datagram, whose data may
     * not pass {@code maxLength} (at most {@link #MAX_DATAGRAM}). After
     * {@link Outcome#COMPLETE}, {@link #datagram()} and {@link #nextHeader()} describe the datagram;
     * after {@link Outcome#DROPPED}, {@link #dropReason()} says why.
     */
    Outcome add(Key key, long now, int offset, boolean more, ByteSlice data, int from, int to, int nextHeader,
                int maxLength) {
        int end = offset + to - from;
        if (end > maxLength) {
            return drop("reassembled datagram would exceed 65535 bytes");
        }
        Pending p = pending.get(key);
        if (p == null) {
            while (pending.size() >= maxPending) {
                dropEldest();
            }
            p = new Pending(now);
            pending.put(key, p);
            nextExpiry = Math.min(nextExpiry, now + timeoutNanos);
        }
        if (p.total >= 0 && end > p.total) {
            return drop("fragment beyond the end the last fragment set");
        }
        if (!more) {
            if (p.total >= 0 && p.total != end) {
                return drop("two last fragments disagree on the length");
            }
            if (p.rangeCount > 0 && p.ranges[2 * p.rangeCount - 1] > end) {
                return drop("last fragment ends before data already received");
            }
            p.total = end;
        }
        if (end > p.buf.length) {
            grow(key, p, end);
        }
        copyNewBytes(p, offset, end, data, from);
        addRange(p, offset, end);
        if (offset == 0) {
            p.nextHeader = nextHeader;
        }
        p.fragments++;
        if (p.total >= 0 && p.rangeCount == 1 && p.ranges[0] == 0 && p.ranges[1] == p.total) {
            pending.remove(key);
            bufferedBytes -= p.buf.length;
            completed = ByteSlice.wrap(p.buf, 0, p.total);
            completedNextHeader = p.nextHeader;
            return Outcome.COMPLETE;
        }
        return Outcome.HELD;
    }

    ByteSlice datagram() {
        return completed;
    }

    int nextHeader() {
        return completedNextHeader;
    }

    String dropReason() {
        return dropReason;
    }

    /** Counts a fragment the parser dropped before it reached {@link #add} (cut by the snap length, say). */
    void countDropped() {
        droppedFragments++;
    }

    long droppedFragments() {
        return droppedFragments;
    }

    int pendingDatagrams() {
        return pending.size();
    }

    /** Cheap enough for every frame: does nothing until the oldest datagram may have timed out. */
    void expire(long now) {
        if (now < nextExpiry) {
            return;
        }
        nextExpiry = Long.MAX_VALUE;
        Iterator<Map.Entry<Key, Pending>> it = pending.entrySet().iterator();
        while (it.hasNext()) {
            Pending p = it.next().getValue();
            long deadline = p.firstSeen + timeoutNanos;
            if (deadline <= now) {
                it.remove();
                forget(p);
            } else {
                nextExpiry = Math.min(nextExpiry, deadline);
            }
        }
    }

    private Outcome drop(String reason) {
        droppedFragments++;
        dropReason = reason;
        return Outcome.DROPPED;
    }

    private void dropEldest() {
        Iterator<Pending> it = pending.values().iterator();
        Pending p = it.next();
        it.remove();
        forget(p);
    }

    private void forget(Pending p) {
        droppedFragments += p.fragments;
        bufferedBytes -= p.buf.length;
    }

    /** Grows by doubling, so a datagram that arrives in order is not copied once per fragment. */
    private void grow(Key key, Pending p, int end) {
        int size = Math.min(MAX_DATAGRAM, Math.max(end, Math.max(2 * p.buf.length, 1024)));
        bufferedBytes += size - p.buf.length;
        p.buf = Arrays.copyOf(p.buf, size);
        while (bufferedBytes > maxBytes && pending.size() > 1) {
            Key eldest = pending.keySet().iterator().next();
            if (eldest.equals(key)) {
                break; // this datagram is the oldest: it may use the budget alone
            }
            dropEldest();
        }
    }

    /** Copies only the bytes of [offset, end) that no earlier fragment supplied: the first copy wins. */
    private static void copyNewBytes(Pending p, int offset, int end, ByteSlice data, int from) {
        int cursor = offset;
        for (int k = 0; k < p.rangeCount && cursor < end; k++) {
            int s = p.ranges[2 * k];
            int e = p.ranges[2 * k + 1];
            if (e <= cursor) {
                continue;
            }
            if (s > cursor) {
                int stop = Math.min(s, end);
                data.copyTo(from + cursor - offset, from + stop - offset, p.buf, cursor);
            }
            cursor = Math.max(cursor, e);
        }
        if (cursor < end) {
            data.copyTo(from + cursor - offset, from + end - offset, p.buf, cursor);
        }
    }

    /** Inserts [s, e) into the sorted ranges, merging every range it touches. */
    private static void addRange(Pending p, int s, int e) {
        int[] r = p.ranges;
        int n = p.rangeCount;
        int i = 0;
        while (i < n && r[2 * i + 1] < s) {
            i++; // ranges wholly before [s, e), not even adjacent
        }
        int j = i;
        while (j < n && r[2 * j] <= e) {
            s = Math.min(s, r[2 * j]);
            e = Math.max(e, r[2 * j + 1]);
            j++; // ranges that overlap or touch [s, e)
        }
        int newCount = n - (j - i) + 1;
        if (2 * newCount > r.length) {
            r = p.ranges = Arrays.copyOf(r, 2 * r.length);
        }
        System.arraycopy(r, 2 * j, r, 2 * (i + 1), 2 * (n - j));
        r[2 * i] = s;
        r[2 * i + 1] = e;
        p.rangeCount = newCount;
    }
}
