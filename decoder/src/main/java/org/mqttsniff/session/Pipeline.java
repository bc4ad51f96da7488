package org.mqttsniff.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.mqttsniff.bytes.ByteSlice;
import org.mqttsniff.net.LinkType;
import org.mqttsniff.net.NetworkParser;
import org.mqttsniff.net.ParseResult;
import org.mqttsniff.net.RawFrame;
import org.mqttsniff.tcp.Assembler;
import org.mqttsniff.tcp.AssemblerLimits;

/**
 * The single pipeline thread's work for one capture: frames in, events out.
 *
 * <pre>
 * RawFrame --NetworkParser--> TcpSegment --Assembler--> stream bytes --SessionTracker--> SnifferEvent
 * </pre>
 *
 * No stage reads the wall clock, so the same frames always give the same events.
 */
public final class Pipeline {
    private final NetworkParser parser = new NetworkParser();
    private final Assembler assembler;
    private long frames;
    private long segments;
    private long lastFrame;
    private long lastTime;
    private long firstTime = Long.MIN_VALUE;
    /** Frames that could not be read, by reason, for the summary: counted, never one line each. */
    private final Map<String, Long> unread = new LinkedHashMap<>();

    public Pipeline(SessionOptions options, AssemblerLimits limits, Consumer<SnifferEvent> sink) {
        this(options, limits, sink, null);
    }

    /** With a {@code frameLog}, each packet's carrying frames are told to it just before the packet's event. */
    public Pipeline(SessionOptions options, AssemblerLimits limits, Consumer<SnifferEvent> sink,
                    SessionTracker.FrameLog frameLog) {
        this.assembler = new Assembler(limits.withServerPort(options.mqttPort()),
                new SessionTracker(options, sink, frameLog));
    }

    public void frame(RawFrame f) {
        counted(f);
        ParseResult r = parser.parseInPlace(f);
        if (r == NetworkParser.IN_PLACE) {
            segments++;
            NetworkParser p = parser;
            assembler.segment(f, p.src(), p.dst(), p.seq(), p.ack(), p.flags(), p.payload(), p.missing());
            return;
        }
        unread(f, r);
    }

    /*
     * The same work split in two, for two threads: parseInto (link, IP and TCP headers, IP fragments)
     * on one, frames (reassembly, MQTT, sessions, the sink) on the other, batch by batch and in capture
     * order, so the events are exactly those of frame(). parseInto is the only method the parsing
     * thread calls; everything else, including notes() and finish(), belongs to the other thread (or
     * comes after both are done). The frames handed over this way may be views whose bytes have changed
     * by the time the second thread sees them, so this is not for a FrameLog (-w), which keeps frames.
     */

    /**
     * Parses one frame into the batch (the caller hands the batch over when {@link SegmentBatch#full}).
     * The frame itself goes into the batch too, for its number and time: its bytes may be a view of the
     * reader's buffer and change, and after this nothing reads them.
     */
    public void parseInto(RawFrame f, SegmentBatch b) {
        int i = b.count++;
        b.frame[i] = f;
        ParseResult r = parser.parseInPlace(f);
        b.result[i] = r;
        if (r == NetworkParser.IN_PLACE) {
            NetworkParser p = parser;
            b.src[i] = p.src();
            b.dst[i] = p.dst();
            b.seq[i] = p.seq();
            b.ack[i] = p.ack();
            b.flags[i] = p.flags();
            b.missing[i] = p.missing();
            int n = p.payload().length();
            b.reserve(n);
            p.payload().copyTo(0, n, b.bytes, b.used);
            b.payload[i] = ByteSlice.wrap(b.bytes, b.used, n);
            b.used += n;
        }
    }

    /** The rest of the work for a batch that {@link #parseInto} filled. */
    public void frames(SegmentBatch b) {
        for (int i = 0; i < b.count; i++) {
            RawFrame f = b.frame[i];
            counted(f);
            ParseResult r = b.result[i];
            if (r == NetworkParser.IN_PLACE) {
                segments++;
                assembler.segment(f, b.src[i], b.dst[i], b.seq[i], b.ack[i], b.flags[i], b.payload[i], b.missing[i]);
            } else {
                unread(f, r);
            }
        }
    }

    private void counted(RawFrame f) {
        frames++;
        lastFrame = f.number();
        lastTime = f.timeNanos();
        if (firstTime == Long.MIN_VALUE) {
            firstTime = f.timeNanos();
        }
    }

    private void unread(RawFrame f, ParseResult r) {
        switch (r.kind()) {
            case UNSUPPORTED_LINK -> unread.merge("link type " + LinkType.name(f.linkType()) + " is not supported", 1L,
                    Long::sum);
            case TRUNCATED, MALFORMED -> unread.merge(r.toString(), 1L, Long::sum);
            default -> {
                // not IP, not TCP, a fragment held for reassembly: nothing to say about each
            }
        }
    }

    /** The end of the capture: whatever is pending is flushed, and every connection closes. */
    public void finish() {
        assembler.finish(lastFrame, lastTime);
    }

    public long frames() {
        return frames;
    }

    public long tcpSegments() {
        return segments;
    }

    /** Time of the first frame, for times relative to the start of the capture. */
    public long firstFrameTime() {
        return firstTime;
    }

    /** What could not be read, one line per reason with its count. */
    public List<String> notes() {
        List<String> out = new ArrayList<>();
        unread.forEach((why, n) -> out.add(n + (n == 1 ? " frame" : " frames") + " not read: " + why));
        if (parser.droppedFragments() > 0) {
            out.add(parser.droppedFragments() + " IP fragments dropped (incomplete or over the limits)");
        }
        return out;
    }
}
