package org.mqttsniff.net;

import java.util.Objects;

import org.mqttsniff.bytes.ByteSlice;

/**
 * One captured frame as a source delivers it, before any parsing. A value, like a record, except
 * for a {@link #reusable()} frame, which a capture reader refills for every frame it hands out
 * with {@link FrameSource#nextView()}: one object for the whole file instead of one per frame.
 * Whoever gets a frame from {@code nextView} reads what it needs before asking for the next one,
 * and keeps neither the frame nor its data.
 */
public final class RawFrame {
    private long number;
    private long timeNanos;
    private int linkType;
    private ByteSlice data;
    private int originalLength;
    private final boolean reusable;

    /**
     * @param number         1-based capture record number, the frame number Wireshark shows
     * @param timeNanos      capture time, nanoseconds since the Unix epoch (UTC)
     * @param linkType       the LINKTYPE_ value of the interface it came from ({@link LinkType})
     * @param data           the captured bytes (may be cut by the snap length)
     * @param originalLength the frame's length on the wire
     */
    public RawFrame(long number, long timeNanos, int linkType, ByteSlice data, int originalLength) {
        this(false);
        fill(number, timeNanos, linkType, data, originalLength);
    }

    private RawFrame(boolean reusable) {
        this.reusable = reusable;
        this.data = ByteSlice.EMPTY;
    }

    /** A frame for a reader to {@link #set} again for each frame it hands out as a view. */
    public static RawFrame reusable() {
        return new RawFrame(true);
    }

    /** Refills a {@link #reusable()} frame; returns it. */
    public RawFrame set(long number, long timeNanos, int linkType, ByteSlice data, int originalLength) {
        if (!reusable) {
            throw new IllegalStateException("only a reusable() frame can be refilled");
        }
        fill(number, timeNanos, linkType, data, originalLength);
        return this;
    }

    private void fill(long number, long timeNanos, int linkType, ByteSlice data, int originalLength) {
        this.number = number;
        this.timeNanos = timeNanos;
        this.linkType = linkType;
        // a reusable frame lives long: a reference store costs a GC barrier, and its data is mostly the same view
        if (this.data != data) {
            this.data = data;
        }
        this.originalLength = originalLength;
    }

    public long number() {
        return number;
    }

    public long timeNanos() {
        return timeNanos;
    }

    public int linkType() {
        return linkType;
    }

    public ByteSlice data() {
        return data;
    }

    public int originalLength() {
        return originalLength;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawFrame f && number == f.number && timeNanos == f.timeNanos && linkType == f.linkType
                && originalLength == f.originalLength && Objects.equals(data, f.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(number, timeNanos, linkType, data, originalLength);
    }

    @Override
    public String toString() {
        return "RawFrame[number=" + number + ", timeNanos=" + timeNanos + ", linkType=" + linkType + ", data=" + data
                + ", originalLength=" + originalLength + "]";
    }
}
