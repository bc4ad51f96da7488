package org.mqttsniff.capture.file;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.util.zip.GZIPOutputStream;

/**
 * Builds capture files byte by byte for tests, independently of the readers and PcapWriter:
 * field by field, in a chosen byte order, so a test can also write what no tool would.
 */
final class CaptureBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private ByteOrder order;

    private CaptureBytes(ByteOrder order) {
        this.order = order;
    }

    static CaptureBytes raw(ByteOrder order) {
        return new CaptureBytes(order);
    }

    /** A pcap file header (24 bytes); linkTypeField goes in as is, upper bits and all. */
    static CaptureBytes pcap(ByteOrder order, boolean nanos, long linkTypeField, long snaplen) {
        return new CaptureBytes(order)
                .u32(nanos ? 0xA1B23C4DL : 0xA1B2C3D4L) // magic, in the file's order
                .u16(2).u16(4)                          // version 2.4
                .u32(0).u32(0)                          // thiszone, sigfigs
                .u32(snaplen)
                .u32(linkTypeField);
    }

    /** A pcap record: ts_sec, ts_usec or ts_nsec, incl_len, orig_len, data. */
    CaptureBytes record(long sec, long frac, byte[] data, long origLen) {
        return u32(sec).u32(frac).u32(data.length).u32(origLen).bytes(data);
    }

    /** A Section Header Block in the given order, with a shb_userappl option to skip. */
    CaptureBytes shb(ByteOrder sectionOrder) {
        order = sectionOrder;
        CaptureBytes body = new CaptureBytes(order)
                .u32(0x1A2B3C4DL)         // byte-order magic
                .u16(1).u16(0)            // version 1.0
                .u32(0xFFFFFFFFL).u32(0xFFFFFFFFL) // section length -1: not given
                .option(4, "mqttsniff test".getBytes())
                .u32(0);                  // opt_endofopt
        return block(0x0A0D0D0A, body.toByteArray());
    }

    /** An Interface Description Block; tsresol and tsoffset are written only when not null. */
    CaptureBytes idb(int linkType, long snaplen, Integer tsresol, Long tsoffset) {
        CaptureBytes body = new CaptureBytes(order).u16(linkType).u16(0).u32(snaplen);
        body.option(2, "eth0".getBytes()); // if_name, to be skipped
        if (tsresol != null) {
            body.option(9, new byte[] {(byte) (int) tsresol});
        }
        if (tsoffset != null) {
            body.option(14, new CaptureBytes(order).u64(tsoffset).toByteArray());
        }
        body.u32(0);
        return block(1, body.toByteArray());
    }

    /** An Enhanced Packet Block with an epb_flags option after the data. */
    CaptureBytes epb(int ifId, long ts, byte[] data, long origLen) {
        CaptureBytes body = new CaptureBytes(order)
                .u32(ifId).u32(ts >>> 32).u32(ts & 0xFFFFFFFFL).u32(data.length).u32(origLen)
                .bytes(data).pad4()
                .option(2, new CaptureBytes(order).u32(1).toByteArray()).u32(0);
        return block(6, body.toByteArray());
    }

    /** An obsolete Packet Block: interface id and drops count are 16 bits each. */
    CaptureBytes pb(int ifId, long ts, byte[] data, long origLen) {
        CaptureBytes body = new CaptureBytes(order)
                .u16(ifId).u16(0).u32(ts >>> 32).u32(ts & 0xFFFFFFFFL).u32(data.length).u32(origLen)
                .bytes(data).pad4();
        return block(2, body.toByteArray());
    }

    CaptureBytes spb(byte[] data, long origLen) {
        return block(3, new CaptureBytes(order).u32(origLen).bytes(data).pad4().toByteArray());
    }

    /** Any block: type, total length, body padded to 32 bits, total length again. */
    CaptureBytes block(int type, byte[] body) {
        int padded = body.length + 3 & ~3;
        u32(type & 0xFFFFFFFFL).u32(12 + padded).bytes(body);
        for (int i = body.length; i < padded; i++) {
            u8(0);
        }
        return u32(12 + padded);
    }

    CaptureBytes option(int code, byte[] value) {
        return u16(code).u16(value.length).bytes(value).pad4();
    }

    CaptureBytes u8(int v) {
        out.write(v);
        return this;
    }

    CaptureBytes u16(int v) {
        return order == ByteOrder.BIG_ENDIAN ? u8(v >>> 8).u8(v) : u8(v).u8(v >>> 8);
    }

    CaptureBytes u32(long v) {
        return order == ByteOrder.BIG_ENDIAN ? u16((int) (v >>> 16)).u16((int) v) : u16((int) v).u16((int) (v >>> 16));
    }

    CaptureBytes u64(long v) {
        return order == ByteOrder.BIG_ENDIAN ? u32(v >>> 32).u32(v) : u32(v).u32(v >>> 32);
    }

    CaptureBytes bytes(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    CaptureBytes pad4() {
        while (out.size() % 4 != 0) {
            u8(0);
        }
        return this;
    }

    int size() {
        return out.size();
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(b)) {
            gz.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    /** n bytes counting up from `first`, so a misplaced byte shows. */
    static byte[] data(int n, int first) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (first + i);
        }
        return b;
    }
}
