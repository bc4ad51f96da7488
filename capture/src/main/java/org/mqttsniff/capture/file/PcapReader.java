package org.mqttsniff.capture.file;

import java.io.IOException;
import java.util.Arrays;

import org.mqttsniff.bytes.ByteSlice;
import org.mqttsniff.net.RawFrame;

/**
 * Classic pcap (tcpdump.org/manpages/pcap-savefile.5.html, draft-ietf-opsawg-pcap §4-5):
 *
 * <pre>
 * file header, 24 bytes              record header, 16 bytes, then incl_len bytes of data
 * +------------+-------+-------+     +------------+----------------------+
 * | magic      | major | minor |     | ts_sec     | ts_usec (or ts_nsec) |
 * | thiszone (unused)          |     | incl_len   | orig_len             |
 * | sigfigs (unused)           |     +------------+----------------------+
 * | snaplen                    |
 * | FCS |R|P| rsvd | LinkType  |     LinkType is the low 16 bits (libpcap LT_LINKTYPE)
 * +----------------------------+
 * </pre>
 *
 * All fields are in the writer's byte order, which the magic reveals.
 */
final class PcapReader extends FileSource {
    static final int MAGIC_MICRO = 0xA1B2C3D4;
    static final int MAGIC_NANO = 0xA1B23C4D;
    static final int MAGIC_MICRO_SWAPPED = 0xD4C3B2A1;
    static final int MAGIC_NANO_SWAPPED = 0x4D3CB2A1;
    static final int FILE_HEADER = 24;
    static final int RECORD_HEADER = 16;
    /** Wireshark's default maximum snaplen (WTAP_MAX_PACKET_SIZE_STANDARD). */
    static final int USUAL_MAX_SNAPLEN = 262_144;
    /** No record is larger than this, whatever the header says (Wireshark's largest maximum). */
    static final int HARD_CAP = 16 << 20;

    private final boolean bigEndian;
    private final boolean nanos;
    private final int linkType;
    private final int maxRecord;
    private long number;
    /** What {@link #nextView} hands out, refilled for every frame. */
    private final RawFrame view = RawFrame.reusable();
    private final ByteSlice viewData = ByteSlice.reusableView();

    PcapReader(Input in, boolean bigEndian, boolean nanos) throws IOException {
        super(in);
        this.bigEndian = bigEndian;
        this.nanos = nanos;
        if (!in.request(FILE_HEADER)) {
            throw new CaptureFileException(in.name + ": the pcap file header is cut short (" + in.available()
                    + " of " + FILE_HEADER + " bytes)");
        }
        int p = in.pos();
        int major = in.u16(p + 4, bigEndian);
        int minor = in.u16(p + 6, bigEndian);
        long snaplen = in.u32(p + 16, bigEndian);
        // The upper 16 bits carry the FCS length and reserved bits (draft-ietf-opsawg-pcap §4).
        this.linkType = in.i32(p + 20, bigEndian) & 0xFFFF;
        in.advance(FILE_HEADER);
        in.reportTo(warnings);
        // Some writers record packets longer than the snaplen they declared; Wireshark accepts
        // anything up to its own maximum, so do the same, but never trust a length beyond 16 MiB.
        this.maxRecord = (int) Math.min(HARD_CAP, Math.max(snaplen, USUAL_MAX_SNAPLEN));
        if (major != 2) {
            warnings.add("unusual pcap version " + major + "." + minor + "; read as version 2.4");
        }
    }

    int linkType() {
        return linkType;
    }

    @Override
    public RawFrame next() throws IOException {
        return read(false);
    }

    /** The frame's bytes stay in the reader's buffer when they fit there: no copy per frame. */
    @Override
    public RawFrame nextView() throws IOException {
        return read(true);
    }

    private RawFrame read(boolean view) throws IOException {
        if (done) {
            return null;
        }
        long frame = number + 1;
        if (!in.request(RECORD_HEADER)) {
            if (in.available() > 0) {
                warnings.add("truncated: the last record (frame " + frame + ") is cut short in its header after "
                        + in.available() + " of " + RECORD_HEADER + " bytes");
            }
            return stop();
        }
        int p = in.pos();
        long sec = in.u32(p, bigEndian);
        long frac = in.u32(p + 4, bigEndian);
        long inclLen = in.u32(p + 8, bigEndian);
        long origLen = in.u32(p + 12, bigEndian);
        if (inclLen > maxRecord) {
            warnings.add("corrupt: record " + frame + " claims " + inclLen + " captured bytes, more than the "
                    + maxRecord + " this file allows; stopped reading there");
            return stop();
        }
        int len = (int) inclLen;
        ByteSlice data;
        if (RECORD_HEADER + len <= Input.BUFFER_SIZE) {
            // The usual case: the whole record sits in the buffer before anything is allocated.
            if (!in.request(RECORD_HEADER + len)) {
                warnings.add(cutInData(frame, in.available() - RECORD_HEADER, len));
                return stop();
            }
            int d = in.pos() + RECORD_HEADER;
            data = view ? viewData.view(in.buf, d, len) : ByteSlice.wrap(Arrays.copyOfRange(in.buf, d, d + len));
            in.advance(RECORD_HEADER + len);
        } else {
            in.advance(RECORD_HEADER);
            byte[] own = new byte[len];
            int got = in.readFully(own);
            if (got < len) {
                warnings.add(cutInData(frame, got, len));
                return stop();
            }
            data = ByteSlice.wrap(own);
        }
        number = frame;
        long time = sec * 1_000_000_000L + (nanos ? frac : frac * 1_000L);
        int wire = (int) Math.min(origLen, Integer.MAX_VALUE);
        return view ? this.view.set(frame, time, linkType, data, wire) : new RawFrame(frame, time, linkType, data, wire);
    }

    static String cutInData(long frame, int got, int of) {
        return "truncated: the last record (frame " + frame + ") is cut short after " + got + " of its " + of
                + " data bytes";
    }

}
