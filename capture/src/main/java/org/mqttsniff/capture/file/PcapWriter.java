package org.mqttsniff.capture.file;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;

import org.mqttsniff.net.LinkType;
import org.mqttsniff.net.RawFrame;

/**
 * Writes classic pcap (draft-ietf-opsawg-pcap §4-5), little-endian as libpcap writes it on the
 * machines we run on, with microsecond or nanosecond time stamps and snaplen 262144. A pcap file
 * has one link type, so every frame must have the one given here.
 */
public final class PcapWriter implements Closeable, Flushable {
    public static final int SNAPLEN = PcapReader.USUAL_MAX_SNAPLEN;
    private static final long NANOS = 1_000_000_000L;

    private final OutputStream out;
    private final int linkType;
    private final boolean nanos;
    private final byte[] scratch = new byte[PcapReader.RECORD_HEADER + SNAPLEN];

    /** Writes the file header at once, so even a capture with no frames is a valid file. */
    public PcapWriter(OutputStream out, int linkType, boolean nanos) throws IOException {
        this.out = new BufferedOutputStream(out, 1 << 16);
        this.linkType = linkType;
        this.nanos = nanos;
        putInt(0, nanos ? PcapReader.MAGIC_NANO : PcapReader.MAGIC_MICRO);
        putShort(4, 2);  // version 2.4
        putShort(6, 4);
        putInt(8, 0);    // thiszone
        putInt(12, 0);   // sigfigs
        putInt(16, SNAPLEN);
        putInt(20, linkType);
        this.out.write(scratch, 0, PcapReader.FILE_HEADER);
    }

    /**
     * Appends one record. Data beyond the snaplen is cut, as a capture would cut it, keeping the
     * original length. Times outside what the unsigned 32-bit ts_sec can hold (before 1970, after
     * 2106) are clamped to its range.
     */
    public void write(RawFrame frame) throws IOException {
        if (frame.linkType() != linkType) {
            throw new CaptureFileException("cannot write frame " + frame.number() + " (" + LinkType.name(frame.linkType())
                    + ") to a pcap file of " + LinkType.name(linkType) + ": a pcap file holds one link type");
        }
        long t = frame.timeNanos();
        long sec = Math.floorDiv(t, NANOS);
        long frac = Math.floorMod(t, NANOS);
        if (sec < 0) {
            sec = 0;
            frac = 0;
        } else if (sec > 0xFFFF_FFFFL) {
            sec = 0xFFFF_FFFFL;
            frac = NANOS - 1;
        }
        int len = Math.min(frame.data().length(), SNAPLEN);
        putInt(0, (int) sec);
        putInt(4, (int) (nanos ? frac : frac / 1_000));
        putInt(8, len);
        putInt(12, frame.originalLength());
        if (len == frame.data().length()) {
            frame.data().copyTo(scratch, PcapReader.RECORD_HEADER);
        } else {
            frame.data().slice(0, len).copyTo(scratch, PcapReader.RECORD_HEADER);
        }
        out.write(scratch, 0, PcapReader.RECORD_HEADER + len);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private void putInt(int at, int v) {
        scratch[at] = (byte) v;
        scratch[at + 1] = (byte) (v >>> 8);
        scratch[at + 2] = (byte) (v >>> 16);
        scratch[at + 3] = (byte) (v >>> 24);
    }

    private void putShort(int at, int v) {
        scratch[at] = (byte) v;
        scratch[at + 1] = (byte) (v >>> 8);
    }
}
