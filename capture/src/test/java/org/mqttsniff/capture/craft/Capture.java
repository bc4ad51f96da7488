package org.mqttsniff.capture.craft;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.mqttsniff.bytes.ByteSlice;
import org.mqttsniff.capture.file.PcapWriter;
import org.mqttsniff.net.LinkType;
import org.mqttsniff.net.RawFrame;

/**
 * A crafted Ethernet pcap: frames 1 ms apart from a fixed start, so writing the same frames
 * again gives the same bytes.
 */
final class Capture implements Closeable {
    /** 2024-05-01T12:00:00Z. */
    static final long START_NANOS = 1_714_564_800L * 1_000_000_000L;
    private static final long STEP_NANOS = 1_000_000L;

    private final OutputStream file;
    private final PcapWriter writer;
    private long frames;

    Capture(Path path) throws IOException {
        this.file = Files.newOutputStream(path);
        this.writer = new PcapWriter(file, LinkType.ETHERNET, false);
    }

    Capture frame(byte[] ethernet) throws IOException {
        frames++;
        writer.write(new RawFrame(frames, START_NANOS + frames * STEP_NANOS, LinkType.ETHERNET,
                ByteSlice.wrap(ethernet), ethernet.length));
        return this;
    }

    Capture add(Flow f, Flow.Seg... segs) throws IOException {
        for (Flow.Seg s : segs) {
            frame(f.frame(s));
        }
        return this;
    }

    Capture add(Flow f, List<Flow.Seg> segs) throws IOException {
        return add(f, segs.toArray(Flow.Seg[]::new));
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
