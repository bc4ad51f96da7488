package org.mqttsniff.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

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
        frames++;
        lastFrame = f.number();
        lastTime = f.timeNanos();
        if (firstTime == Long.MIN_VALUE) {
            firstTime = f.timeNanos();
        }
        ParseResult r = parser.parseInPlace(f);
        if (r == NetworkParser.IN_PLACE) {
            segments++;
            NetworkParser p = parser;
            assembler.segment(f, p.src(), p.dst(), p.seq(), p.ack(), p.flags(), p.payload(), p.missing());
            return;
        }
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
