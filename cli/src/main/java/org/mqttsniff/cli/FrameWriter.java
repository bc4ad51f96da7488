package org.mqttsniff.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mqttsniff.capture.file.PcapWriter;
import org.mqttsniff.mqtt.Connect;
import org.mqttsniff.mqtt.DecodeResult;
import org.mqttsniff.net.RawFrame;
import org.mqttsniff.session.SessionTracker;
import org.mqttsniff.session.SnifferEvent;

/**
 * {@code -w OUT.pcap}: the pipeline tells which frames carried each packet just before the
 * packet's event; when the event is shown (it passed {@code -Y}), those frames are written, each
 * frame once, so tcpdump, tshark and {@code mqttsniff -r} read the packets back. A connection's
 * CONNECT is written before its first packet, shown or not: without it a reader cannot know the
 * connection's version (a 5.0 PUBLISH also decodes as 3.1.1, its properties read as payload).
 */
final class FrameWriter implements SessionTracker.FrameLog, AutoCloseable {
    /** Frames written recently: one frame can carry the end of one packet and the start of the next. */
    private static final int REMEMBERED = 65_536;

    private final Path path;
    private List<RawFrame> lastCarriers = List.of();
    private PcapWriter writer;
    private OutputStream file;
    private long written;
    /** The frames of each open connection's CONNECT, until the connection closes. */
    private final Map<Integer, List<RawFrame>> connects = new java.util.HashMap<>();
    private final Map<Long, Boolean> recent = new LinkedHashMap<>(1024, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    };

    FrameWriter(Path path) {
        this.path = path;
    }

    @Override
    public void carried(List<RawFrame> frames) {
        lastCarriers = frames;
    }

    /** A packet's event, whether it is shown (then the frames that carried it are written) or not. */
    void packet(SnifferEvent.Packet p, boolean shown) throws IOException {
        if (p.result() instanceof DecodeResult.Decoded d && d.packet() instanceof Connect) {
            connects.put(p.stream(), lastCarriers);
        }
        if (shown) {
            List<RawFrame> connect = connects.get(p.stream());
            if (connect != null) {
                write(connect);
            }
            write(lastCarriers);
        }
        lastCarriers = List.of();
    }

    void closed(int stream) {
        connects.remove(stream);
    }

    private void write(List<RawFrame> frames) throws IOException {
        for (RawFrame f : frames) {
            if (recent.put(f.number(), Boolean.TRUE) != null) {
                continue;
            }
            if (writer == null) {
                file = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16);
                writer = new PcapWriter(file, f.linkType(), true);
            }
            writer.write(f);
            written++;
        }
    }

    long written() {
        return written;
    }

    @Override
    public void close() throws IOException {
        if (writer != null) {
            writer.close();
        }
    }
}
