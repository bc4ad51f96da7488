package org.mqttsniff.session;

import java.util.Arrays;

import org.mqttsniff.bytes.ByteSlice;
import org.mqttsniff.net.Endpoint;
import org.mqttsniff.net.ParseResult;
import org.mqttsniff.net.RawFrame;

/**
 * Frames after link/IP/TCP parsing, in capture order, handed from the thread that reads and parses
 * to the thread that runs the rest of the pipeline ({@link Pipeline#parseInto}, {@link Pipeline#frames}).
 * A batch at a time, so the threads meet once per batch rather than once per frame.
 *
 * <p>Columns of primitives, filled and emptied again and again: per frame, only what the assembler
 * needs. Payloads are copied into one byte array, since the reader's buffer they were parsed from is
 * reused for the next frames. Memory is bounded: a batch is full at {@link #FRAMES} frames or
 * {@link #BYTES} payload bytes, and a larger frame's payload (at most what a capture record may hold)
 * is the only thing that grows the array beyond that.
 */
public final class SegmentBatch {
    public static final int FRAMES = 2048;
    public static final int BYTES = 1 << 20;

    int count;
    /** The frames as read; only their number, time and link type are used after parsing (see {@link Pipeline#frames}). */
    final RawFrame[] frame = new RawFrame[FRAMES];
    /** {@link org.mqttsniff.net.NetworkParser#IN_PLACE} for a segment (its fields below), else why there is none. */
    final ParseResult[] result = new ParseResult[FRAMES];
    final Endpoint[] src = new Endpoint[FRAMES];
    final Endpoint[] dst = new Endpoint[FRAMES];
    final long[] seq = new long[FRAMES];
    final long[] ack = new long[FRAMES];
    final int[] flags = new int[FRAMES];
    final int[] missing = new int[FRAMES];
    /** Views of {@link #bytes}, made on the parsing thread, so the other thread allocates nothing for them. */
    final ByteSlice[] payload = new ByteSlice[FRAMES];
    byte[] bytes = new byte[BYTES];
    int used;

    /** No room for another frame: hand it over. */
    public boolean full() {
        return count == FRAMES || used >= BYTES;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** Empties it for reuse; the references it held are dropped. */
    public void clear() {
        Arrays.fill(frame, 0, count, null);
        Arrays.fill(payload, 0, count, null);
        Arrays.fill(result, 0, count, null);
        Arrays.fill(src, 0, count, null);
        Arrays.fill(dst, 0, count, null);
        count = 0;
        used = 0;
        if (bytes.length > BYTES) {
            bytes = new byte[BYTES]; // a huge frame passed: give its room back
        }
    }

    /**
     * Room for {@code n} more payload bytes, at {@link #used}. A larger array is a copy: the views
     * already made keep the old one, whose bytes do not change.
     */
    void reserve(int n) {
        if (used + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, used + n);
        }
    }
}
