package org.mqttsniff.tui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The bytes of every packet the UI lists, on disk instead of on the heap: the packet list keeps only
 * an offset per row, and the details and hex panes read the selected packet back. Files are
 * segments of {@link #segmentSize} bytes; a live source's capped list drops whole segments of old
 * packets with {@link #discardBefore}, so the disk used is bounded too.
 *
 * <p>One writer thread appends; any thread reads. Writes go through a buffer that a read of the
 * unwritten tail flushes first. Reads and writes are serialised by this object's lock.
 */
final class Spool implements AutoCloseable {
    static final int DEFAULT_SEGMENT = 64 << 20;

    private final Path dir;
    private final long segmentSize;
    private final Deque<Segment> segments = new ArrayDeque<>();
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
    private long end;
    private boolean closed;

    private record Segment(long start, Path file, FileChannel channel) {
    }

    Spool(Path dir, long segmentSize) {
        this.dir = dir;
        this.segmentSize = segmentSize;
    }

    /** Appends a packet's bytes (cut at the segment size) and returns its offset. */
    synchronized long append(byte[] b, int off, int len) {
        len = (int) Math.min(len, segmentSize);
        Segment last = segments.peekLast();
        if (last == null || end + len > last.start() + segmentSize) {
            flush();
            last = newSegment();
        }
        long at = end;
        if (len > buffer.remaining()) {
            flush();
        }
        if (len > buffer.capacity()) {
            write(last, ByteBuffer.wrap(b, off, len), at);
        } else {
            buffer.put(b, off, len);
        }
        end += len;
        return at;
    }

    /** The bytes at {@code offset}, or null when they were discarded. */
    synchronized byte[] read(long offset, int len) {
        Segment seg = segmentOf(offset);
        if (seg == null) {
            return null;
        }
        if (offset + len > end - buffer.position()) {
            flush();
        }
        ByteBuffer into = ByteBuffer.allocate(len);
        try {
            long pos = offset - seg.start();
            while (into.hasRemaining()) {
                int n = seg.channel().read(into, pos + into.position());
                if (n < 0) {
                    return null;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return into.array();
    }

    /** Deletes the segments that hold only bytes before {@code offset}. */
    synchronized void discardBefore(long offset) {
        while (segments.size() > 1) {
            Segment first = segments.peekFirst();
            Segment second = segments.stream().skip(1).findFirst().orElseThrow();
            if (second.start() > offset) {
                return;
            }
            segments.pollFirst();
            delete(first);
        }
    }

    /** Bytes currently on disk (or in the write buffer). */
    synchronized long size() {
        Segment first = segments.peekFirst();
        return first == null ? 0 : end - first.start();
    }

    synchronized int segmentCount() {
        return segments.size();
    }

    private Segment segmentOf(long offset) {
        Segment found = null;
        for (Segment s : segments) {
            if (s.start() <= offset) {
                found = s;
            }
        }
        return found;
    }

    private Segment newSegment() {
        if (closed) {
            throw new IllegalStateException("spool closed");
        }
        try {
            Path f = Files.createTempFile(dir, "mqttsniff-spool-", ".bin");
            f.toFile().deleteOnExit();
            FileChannel ch = FileChannel.open(f, StandardOpenOption.READ, StandardOpenOption.WRITE);
            Segment s = new Segment(end, f, ch);
            segments.addLast(s);
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a spool file in " + dir + ": " + e.getMessage(), e);
        }
    }

    private void flush() {
        if (buffer.position() == 0) {
            return;
        }
        buffer.flip();
        long at = end - buffer.remaining();
        write(segmentOf(at), buffer, at);
        buffer.clear();
    }

    private static void write(Segment seg, ByteBuffer b, long at) {
        try {
            long pos = at - seg.start();
            while (b.hasRemaining()) {
                pos += seg.channel().write(b, pos);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Segment s) {
        try {
            s.channel().close();
            Files.deleteIfExists(s.file());
        } catch (IOException e) {
            // a temp file we could not delete is removed at exit (deleteOnExit)
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        buffer.clear();
        while (!segments.isEmpty()) {
            delete(segments.pollFirst());
        }
    }
}
