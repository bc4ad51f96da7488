package org.mqttsniff.capture.file;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.mqttsniff.bytes.ByteSlice;
import org.mqttsniff.net.RawFrame;

/**
 * pcapng (draft-ietf-opsawg-pcapng). Every block has the same frame (§3.1):
 *
 * <pre>
 * +---------------------------------------+
 * | Block Type                            |
 * | Block Total Length                    |  a multiple of 4, at least 12
 * | Block Body (padded to 32 bits) ...    |
 * | Block Total Length (again)            |
 * +---------------------------------------+
 * </pre>
 *
 * A file is one or more sections; each starts with a Section Header Block whose byte-order magic
 * sets the byte order of the section (§4.1), and has its own interfaces (§4.2), numbered from 0
 * in the order of their Interface Description Blocks. Packets come in Enhanced (§4.3), Simple
 * (§4.4) and obsolete Packet Blocks (Appendix A); only those count as frames, as in Wireshark.
 * All other blocks are skipped by their length.
 */
final class PcapngReader extends FileSource {
    static final int SHB = 0x0A0D0D0A;
    static final int IDB = 1;
    static final int PB = 2;
    static final int SPB = 3;
    static final int EPB = 6;
    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    /** No block is larger than this, whatever its length field says. */
    static final int MAX_BLOCK = 16 << 20;
    private static final int OPT_ENDOFOPT = 0;
    private static final int IF_TSRESOL = 9;
    private static final int IF_TSOFFSET = 14;

    private List<Interface> interfaces = new ArrayList<>();
    private boolean bigEndian;
    private long number;
    private long lastTime;
    /** Whether the frame being read may be a view into the input buffer ({@link #nextView}). */
    private boolean view;
    /** What {@link #nextView} hands out, refilled for every frame. */
    private final RawFrame viewFrame = RawFrame.reusable();
    private final ByteSlice viewData = ByteSlice.reusableView();

    PcapngReader(Input in) throws IOException {
        super(in);
        in.reportTo(warnings);
        if (!sectionHeader()) {
            throw new CaptureFileException(in.name + ": not a valid pcapng file (" + warnings.get(warnings.size() - 1) + ")");
        }
    }

    @Override
    public RawFrame next() throws IOException {
        view = false;
        return read();
    }

    /** The frame's bytes stay in the reader's buffer when the block fits there: no copy per frame. */
    @Override
    public RawFrame nextView() throws IOException {
        view = true;
        return read();
    }

    private RawFrame read() throws IOException {
        while (!done) {
            if (!in.request(8)) {
                if (in.available() > 0) {
                    warnings.add("truncated: the last block is cut short in its header after " + in.available() + " of 8 bytes");
                }
                return stop();
            }
            int p = in.pos();
            int type = in.i32(p, bigEndian);
            if (type == SHB) {
                if (!sectionHeader()) {
                    return stop();
                }
                continue;
            }
            long len = in.u32(p + 4, bigEndian);
            if (len < 12 || (len & 3) != 0 || len > MAX_BLOCK) {
                return corrupt(type, "has an impossible length of " + len + " bytes");
            }
            switch (type) {
                case EPB, PB, SPB -> {
                    RawFrame f = packet(type, (int) len);
                    if (f != null) {
                        return f;
                    }
                }
                case IDB -> interfaceDescription((int) len);
                default -> skip(type, len); // NRB, ISB, DSB, custom, unknown: not frames
            }
        }
        return null;
    }

    /** §4.1: type, length, byte-order magic, major, minor, section length, options. */
    private boolean sectionHeader() throws IOException {
        if (!in.request(12)) {
            warnings.add("truncated: the last section header is cut short after " + in.available() + " bytes");
            return false;
        }
        int p = in.pos();
        int bom = in.i32(p + 8, true);
        if (bom == BYTE_ORDER_MAGIC) {
            bigEndian = true;
        } else if (bom == Integer.reverseBytes(BYTE_ORDER_MAGIC)) {
            bigEndian = false;
        } else {
            warnings.add("corrupt: the section header at byte " + in.position() + " has no byte-order magic");
            return false;
        }
        long len = in.u32(p + 4, bigEndian);
        if (len < 28 || (len & 3) != 0 || len > Input.BUFFER_SIZE) {
            corrupt(SHB, "has an impossible length of " + len + " bytes");
            return false;
        }
        if (!whole(SHB, (int) len)) {
            return false;
        }
        int major = in.u16(in.pos() + 12, bigEndian);
        int minor = in.u16(in.pos() + 14, bigEndian);
        if (major != 1) {
            warnings.add("unsupported pcapng version " + major + "." + minor + " in the section at byte " + in.position());
            return false;
        }
        interfaces = new ArrayList<>();
        in.advance((int) len);
        return true;
    }

    /** §4.2: link type (16 bits), reserved (16), snaplen (32), options. */
    private void interfaceDescription(int len) throws IOException {
        if (len < 20 || len > Input.BUFFER_SIZE) {
            corrupt(IDB, "has an impossible length of " + len + " bytes");
            return;
        }
        if (!whole(IDB, len)) {
            stop();
            return;
        }
        int p = in.pos();
        int linkType = in.u16(p + 8, bigEndian);
        long snaplen = in.u32(p + 12, bigEndian);
        int tsresol = 6; // microseconds when the option is absent
        long tsoffset = 0;
        // §3.5: code (16), length (16), value padded to 32 bits; opt_endofopt ends the list.
        int end = p + len - 4;
        for (int o = p + 16; o + 4 <= end; ) {
            int code = in.u16(o, bigEndian);
            int olen = in.u16(o + 2, bigEndian);
            if (code == OPT_ENDOFOPT) {
                break;
            }
            if (o + 4 + olen > end) {
                warnings.add("corrupt: an option of interface " + interfaces.size() + " runs past its block; the rest of its options are ignored");
                break;
            }
            if (code == IF_TSRESOL && olen >= 1) {
                tsresol = in.u8(o + 4);
            } else if (code == IF_TSOFFSET && olen >= 8) {
                tsoffset = in.i64(o + 4, bigEndian);
            }
            o += 4 + (olen + 3 & ~3);
        }
        interfaces.add(new Interface(linkType, snaplen, tsresol, tsoffset));
        in.advance(len);
    }

    /**
     * EPB §4.3: interface id (32), timestamp high, low, captured length, original length, data.
     * PB (Appendix A): interface id (16), drops count (16), then as EPB.
     * SPB §4.4: original length, data; captured length is what fits, at most the snaplen of
     * interface 0. An SPB has no timestamp; it gets the previous frame's, so time never runs back.
     */
    private RawFrame packet(int type, int len) throws IOException {
        int head = type == SPB ? 12 : 28;
        if (len < head + 4) {
            return corrupt(type, "is too short for a packet block (" + len + " bytes)");
        }
        if (!in.request(Math.min(len, Input.BUFFER_SIZE))) {
            warnings.add("truncated: the last block (frame " + (number + 1) + ") is cut short after " + in.available() + " of " + len + " bytes");
            return stop();
        }
        int p = in.pos();
        Interface ifc;
        long time;
        long capLen;
        long origLen;
        if (type == SPB) {
            if (interfaces.isEmpty()) {
                return corrupt(type, "comes before any interface description");
            }
            ifc = interfaces.get(0);
            origLen = in.u32(p + 8, bigEndian);
            capLen = Math.min(origLen, len - 16);
            if (ifc.snaplen > 0) {
                capLen = Math.min(capLen, ifc.snaplen);
            }
            time = lastTime;
        } else {
            long id = type == EPB ? in.u32(p + 8, bigEndian) : in.u16(p + 8, bigEndian);
            if (id >= interfaces.size()) {
                return corrupt(type, "names interface " + id + " but its section describes " + interfaces.size());
            }
            ifc = interfaces.get((int) id);
            capLen = in.u32(p + 20, bigEndian);
            origLen = in.u32(p + 24, bigEndian);
            if (capLen > len - head - 4) {
                return corrupt(type, "claims " + capLen + " captured bytes but holds at most " + (len - head - 4));
            }
            time = ifc.nanos(in.u64Halves(p + 12, bigEndian));
        }
        int n = (int) capLen;
        ByteSlice data;
        if (len <= Input.BUFFER_SIZE) {
            if (!trailerMatches(p + len - 4, len)) {
                return corrupt(type, "ends with a different length than it starts with");
            }
            data = view ? viewData.view(in.buf, p + head, n) : ByteSlice.copyOf(in.buf, p + head, n);
            in.advance(len);
        } else {
            in.advance(head);
            byte[] own = new byte[n];
            data = ByteSlice.wrap(own);
            int got = in.readFully(own);
            long rest = len - head - n - 4;
            if (got < n || in.skip(rest) < rest || !in.request(4)) {
                warnings.add("truncated: the last block (frame " + (number + 1) + ") is cut short");
                return stop();
            }
            if (!trailerMatches(in.pos(), len)) {
                return corrupt(type, "ends with a different length than it starts with");
            }
            in.advance(4);
        }
        number++;
        lastTime = time;
        int wire = (int) Math.min(origLen, Integer.MAX_VALUE);
        return view ? viewFrame.set(number, time, ifc.linkType, data, wire) : new RawFrame(number, time, ifc.linkType, data, wire);
    }

    private void skip(int type, long len) throws IOException {
        long at = in.position();
        long got = in.skip(len - 4);
        if (got < len - 4 || !in.request(4)) {
            warnings.add("truncated: the last block (type 0x" + Integer.toHexString(type) + " at byte " + at
                    + ") is cut short after " + (got + in.available()) + " of " + len + " bytes");
            stop();
        } else if (!trailerMatches(in.pos(), len)) {
            warnings.add("corrupt: the block of type 0x" + Integer.toHexString(type) + " at byte " + at
                    + " ends with a different length than it starts with; stopped reading there");
            stop();
        } else {
            in.advance(4);
        }
    }

    /** Makes a block of at most BUFFER_SIZE bytes readable in full and checks its trailing length. */
    private boolean whole(int type, int len) throws IOException {
        if (!in.request(len)) {
            warnings.add("truncated: the last block (type 0x" + Integer.toHexString(type) + ") is cut short after "
                    + in.available() + " of " + len + " bytes");
            return false;
        }
        if (!trailerMatches(in.pos() + len - 4, len)) {
            corrupt(type, "ends with a different length than it starts with");
            return false;
        }
        return true;
    }

    private boolean trailerMatches(int at, long len) {
        return in.u32(at, bigEndian) == len;
    }

    private RawFrame corrupt(int type, String what) {
        warnings.add("corrupt: the block of type 0x" + Integer.toHexString(type) + " at byte " + in.position() + " "
                + what + "; stopped reading there");
        return stop();
    }


    /**
     * One interface of the current section. Timestamps count units of 10^-n seconds, or 2^-n when
     * the top bit of if_tsresol is set, from 1970 plus if_tsoffset seconds (§4.2).
     */
    private static final class Interface {
        private static final long NANOS = 1_000_000_000L;
        final int linkType;
        final long snaplen;
        private final boolean binary;
        private final int exp;
        /** 10^(9-exp) for decimal resolutions down to nanoseconds, else 0. */
        private final long multiplier;
        private final long offsetNanos;

        Interface(int linkType, long snaplen, int tsresol, long tsoffset) {
            this.linkType = linkType;
            this.snaplen = snaplen;
            this.binary = (tsresol & 0x80) != 0;
            this.exp = tsresol & 0x7F;
            this.multiplier = !binary && exp <= 9 ? pow10(9 - exp) : 0;
            this.offsetNanos = tsoffset * NANOS;
        }

        long nanos(long units) {
            long t;
            if (multiplier != 0) {
                t = units * multiplier;
            } else if (binary) {
                // units * 10^9 / 2^exp, the product in 128 bits (Java 17 has no unsignedMultiplyHigh).
                long lo = units * NANOS;
                long hi = Math.multiplyHigh(units, NANOS) + (units >> 63 & NANOS);
                t = exp == 0 ? lo : exp < 64 ? hi << (64 - exp) | lo >>> exp : hi >>> Math.min(exp - 64, 63);
            } else {
                t = units; // finer than nanoseconds: truncate, as Wireshark does
                for (int e = exp - 9; e > 0 && t != 0; e -= 18) {
                    t = Long.divideUnsigned(t, pow10(Math.min(e, 18)));
                }
            }
            return t + offsetNanos;
        }

        private static long pow10(int n) {
            long r = 1;
            for (int i = 0; i < n; i++) {
                r *= 10;
            }
            return r;
        }
    }
}
