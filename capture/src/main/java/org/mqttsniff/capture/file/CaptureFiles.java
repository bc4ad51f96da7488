package org.mqttsniff.capture.file;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import org.mqttsniff.net.FrameSource;

/**
 * Opens a capture file by what it starts with, never by its name, the way libpcap and Wireshark
 * do: classic pcap (tcpdump.org/manpages/pcap-savefile.5.html, draft-ietf-opsawg-pcap §4),
 * pcapng (draft-ietf-opsawg-pcapng §4.1), or either of them gzip-compressed (RFC 1952 §2.3.1).
 */
public final class CaptureFiles {
    private CaptureFiles() {
    }

    public static FrameSource open(Path path) throws CaptureFileException {
        String name = path.toString();
        if (Files.isDirectory(path)) {
            throw new CaptureFileException("cannot read " + name + ": it is a directory");
        }
        InputStream raw;
        long size;
        try {
            raw = Files.newInputStream(path);
            size = Files.isRegularFile(path) ? Files.size(path) : -1;
        } catch (NoSuchFileException e) {
            throw new CaptureFileException("no such file: " + name);
        } catch (AccessDeniedException e) {
            throw new CaptureFileException("cannot read " + name + ": permission denied");
        } catch (FileSystemException e) {
            throw new CaptureFileException("cannot read " + name + ": " + reason(e));
        } catch (IOException e) {
            throw new CaptureFileException("cannot read " + name + ": " + reason(e));
        }
        Input.Counting counting = new Input.Counting(raw);
        try {
            return detect(new Input(name, counting, null, size), counting, size, false);
        } catch (CaptureFileException e) {
            closeQuietly(raw);
            throw e;
        } catch (IOException e) {
            closeQuietly(raw);
            throw new CaptureFileException("cannot read " + name + ": " + reason(e), e);
        }
    }

    private static FrameSource detect(Input in, Input.Counting file, long size, boolean inGzip) throws IOException {
        if (!in.request(4)) {
            if (in.available() == 0) {
                throw new CaptureFileException(in.name + (inGzip ? ": empty file inside the gzip data" : ": empty file"));
            }
            throw notACapture(in, inGzip);
        }
        int p = in.pos();
        if (in.u8(p) == 0x1F && in.u8(p + 1) == 0x8B && !inGzip) {
            InputStream gz;
            try {
                // The gzip stream starts with the bytes `in` has already buffered.
                gz = new GZIPInputStream(new PrefixInputStream(in, file), 1 << 16);
            } catch (EOFException e) {
                throw new CaptureFileException(in.name + ": the gzip header is cut short");
            } catch (ZipException e) {
                throw new CaptureFileException(in.name + ": unsupported gzip data (" + e.getMessage() + ")");
            }
            try {
                return detect(new Input(in.name, gz, file, size), file, size, true);
            } catch (IOException e) {
                gz.close(); // frees the Inflater now rather than when it is collected
                throw e;
            }
        }
        int magic = in.i32(p, true);
        switch (magic) {
            case PcapReader.MAGIC_MICRO, PcapReader.MAGIC_NANO -> {
                return new PcapReader(in, true, magic == PcapReader.MAGIC_NANO);
            }
            case PcapReader.MAGIC_MICRO_SWAPPED, PcapReader.MAGIC_NANO_SWAPPED -> {
                return new PcapReader(in, false, magic == PcapReader.MAGIC_NANO_SWAPPED);
            }
            case PcapngReader.SHB -> {
                return new PcapngReader(in);
            }
            default -> throw notACapture(in, inGzip);
        }
    }

    private static CaptureFileException notACapture(Input in, boolean inGzip) {
        return new CaptureFileException(in.name + (inGzip ? ": gzip-compressed, but" : ":")
                + " not a pcap or pcapng file (starts with " + in.hexAt(4) + ")");
    }

    static String reason(IOException e) {
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // already failing with a better message
        }
    }

    /** The bytes `in` has buffered, then the rest of the file: the gzip stream from its first byte. */
    private static final class PrefixInputStream extends InputStream {
        private final Input prefix;
        private final InputStream rest;

        PrefixInputStream(Input prefix, InputStream rest) {
            this.prefix = prefix;
            this.rest = rest;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = Math.min(len, prefix.available());
            if (n > 0) {
                System.arraycopy(prefix.buf, prefix.pos(), b, off, n);
                prefix.advance(n);
                return n;
            }
            return rest.read(b, off, len);
        }

        @Override
        public void close() throws IOException {
            rest.close();
        }
    }
}
