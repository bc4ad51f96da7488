package org.mqttsniff.capture.file;

import java.io.Closeable;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.List;
import java.util.zip.ZipException;

/**
 * The readers' window on a file: one large buffer that they parse headers in place from, so a
 * record costs one {@code byte[]} for its data and nothing else. Unlike BufferedInputStream there
 * is no lock per call, and {@link #request} tells exactly how many bytes were there when the
 * stream ended, which is what a "cut short after M of K bytes" warning needs.
 */
final class Input implements Closeable {
    /** Holds any record up to Wireshark's usual maximum snaplen (262144) several times over. */
    static final int BUFFER_SIZE = 1 << 20;

    private static final VarHandle I16_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I16_BE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle I32_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    final String name;
    final byte[] buf;
    private final InputStream in;
    /** Compressed bytes read so far, or null when the file is not compressed. */
    private final Counting compressed;
    private final long fileSize;
    private List<String> warnings;
    private int pos;
    private int limit;
    private long base;
    private boolean eof;

    Input(String name, InputStream in, Counting compressed, long fileSize) {
        this.name = name;
        this.in = in;
        this.compressed = compressed;
        this.fileSize = fileSize;
        this.buf = new byte[BUFFER_SIZE];
    }

    /** Where a damaged gzip stream is reported; until set, damage is an exception. */
    void reportTo(List<String> warnings) {
        this.warnings = warnings;
    }

    boolean isCompressed() {
        return compressed != null;
    }

    /** Offset in buf of the next unread byte. */
    int pos() {
        return pos;
    }

    int available() {
        return limit - pos;
    }

    /** Offset in the (uncompressed) stream of the next unread byte. */
    long position() {
        return base + pos;
    }

    void advance(int n) {
        pos += n;
    }

    /**
     * Makes {@code n <= BUFFER_SIZE} bytes readable at {@link #pos()}; false when the stream ends
     * first, leaving {@link #available()} bytes readable.
     */
    boolean request(int n) throws IOException {
        if (limit - pos >= n) {
            return true;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            base += pos;
            limit -= pos;
            pos = 0;
        }
        while (limit < n && !eof) {
            int r = read(buf, limit, buf.length - limit);
            if (r < 0) {
                eof = true;
            } else {
                limit += r;
            }
        }
        return limit >= n;
    }

    /** Copies up to dst.length bytes, through the buffer and then straight from the stream; returns how many. */
    int readFully(byte[] dst) throws IOException {
        int n = Math.min(dst.length, limit - pos);
        System.arraycopy(buf, pos, dst, 0, n);
        pos += n;
        while (n < dst.length && !eof) {
            int r = read(dst, n, dst.length - n);
            if (r < 0) {
                eof = true;
            } else {
                n += r;
                base += r; // bytes that bypassed the buffer still count as consumed
            }
        }
        return n;
    }

    /** Skips up to n bytes; returns how many were there. */
    long skip(long n) throws IOException {
        long done = 0;
        while (done < n) {
            if (limit == pos && !request(1)) {
                break;
            }
            int step = (int) Math.min(n - done, limit - pos);
            pos += step;
            done += step;
        }
        return done;
    }

    private int read(byte[] b, int off, int len) throws IOException {
        try {
            return in.read(b, off, len);
        } catch (EOFException | ZipException e) {
            // A .gz cut short (a capture compressed while it was being written) or damaged: keep
            // what was inflated so far, as for a truncated plain file.
            if (compressed == null || warnings == null) {
                throw e;
            }
            warnings.add("the gzip data is damaged or cut short (" + e.getMessage() + "); reading stopped there");
            return -1;
        }
    }

    /** Read fraction of the file: compressed bytes for gzip, parsed bytes otherwise; -1 if the size is unknown. */
    double progress() {
        if (fileSize <= 0) {
            return -1;
        }
        long done = compressed != null ? compressed.count : position();
        return Math.min(1.0, (double) done / fileSize);
    }

    int u8(int at) {
        return buf[at] & 0xFF;
    }

    int u16(int at, boolean bigEndian) {
        return (bigEndian ? (short) I16_BE.get(buf, at) : (short) I16_LE.get(buf, at)) & 0xFFFF;
    }

    int i32(int at, boolean bigEndian) {
        return bigEndian ? (int) I32_BE.get(buf, at) : (int) I32_LE.get(buf, at);
    }

    long u32(int at, boolean bigEndian) {
        return i32(at, bigEndian) & 0xFFFF_FFFFL;
    }

    /** A plain 64-bit integer, as pcapng options hold them (if_tsoffset, §4.2). */
    long i64(int at, boolean bigEndian) {
        return bigEndian ? u32(at, true) << 32 | u32(at + 4, true) : u32(at + 4, false) << 32 | u32(at, false);
    }

    /** pcapng stores 64-bit values as two 32-bit halves, high first, each in the section's order (§4.3). */
    long u64Halves(int at, boolean bigEndian) {
        return u32(at, bigEndian) << 32 | u32(at + 4, bigEndian);
    }

    /** Up to n readable bytes from pos as spaced hex, for messages. */
    String hexAt(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(n, available()); i++) {
            sb.append(i > 0 ? " " : "").append(String.format("%02x", buf[pos + i] & 0xFF));
        }
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Counts the compressed bytes that GZIPInputStream has pulled from the file. */
    static final class Counting extends FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = in.skip(n);
            count += s;
            return s;
        }
    }
}
