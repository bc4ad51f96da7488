package org.mqttsniff.session;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.mqttsniff.bytes.ByteSlice;
import org.mqttsniff.net.Endpoint;
import org.mqttsniff.net.LinkType;
import org.mqttsniff.net.RawFrame;
import org.mqttsniff.tcp.CloseReason;
import org.mqttsniff.tcp.TcpConnection;

/**
 * Session tracking for bytes that arrive already in order, one connection at a time, as a relay
 * (the proxy) reads them:
 *
 * <pre>
 * RelaySource --open/data/close--> RelayTracker --> SessionTracker --> SnifferEvent
 * </pre>
 *
 * There is no link, IP or TCP layer to parse and nothing to reassemble, so the relay's reads go
 * straight to the same {@link SessionTracker} a capture's reassembled streams go to: the same
 * client ids, request/response matching, latencies and warnings. Every connection is taken as
 * MQTT whatever its port (the relay was told so); a client that speaks something else is still
 * reported as not MQTT by its first bytes.
 *
 * <p>Frame numbers and times are the caller's: a relay that also writes what it relays as a pcap
 * numbers its frames so that events point at the frames of that file. Owned by one thread.
 */
public final class RelayTracker {
    private final SessionTracker tracker;
    private final Map<Integer, TcpConnection> open = new HashMap<>();
    private int nextStream;

    public RelayTracker(SessionOptions options, Consumer<SnifferEvent> sink) {
        SessionOptions all = new SessionOptions(port -> true, options.version(), options.versionNamed(),
                options.maxPacketSize());
        this.tracker = new SessionTracker(all, sink);
    }

    /** A new relayed connection; returns its stream number (0, 1, 2... in order of opening). */
    public int open(Endpoint client, Endpoint server, long frame, long timeNanos) {
        int stream = nextStream++;
        TcpConnection c = TcpConnection.relayed(stream, client, server, frame);
        open.put(stream, c);
        tracker.open(c, frame(frame, timeNanos));
        return stream;
    }

    /** Bytes read from one side, in order; empty reads are ignored. */
    public void data(int stream, boolean fromClient, ByteSlice bytes, long frame, long timeNanos) {
        TcpConnection c = open.get(stream);
        if (c == null || bytes.length() == 0 || c.ignored()) {
            return;
        }
        tracker.data(c, fromClient, bytes, frame(frame, timeNanos));
    }

    /** The connection is over: what is left undecoded is reported, then its close. */
    public void close(int stream, CloseReason reason, long frame, long timeNanos) {
        TcpConnection c = open.remove(stream);
        if (c != null) {
            tracker.close(c, reason, frame(frame, timeNanos));
        }
    }

    /** The relay stops: every connection still open closes as at the end of a capture. */
    public void finish(long frame, long timeNanos) {
        List<Integer> streams = new ArrayList<>(open.keySet());
        streams.sort(null);
        for (int s : streams) {
            close(s, CloseReason.END_OF_CAPTURE, frame, timeNanos);
        }
    }

    public int openConnections() {
        return open.size();
    }

    /** Events only read a frame's number and time; a relayed read has no frame bytes of its own. */
    private static RawFrame frame(long number, long timeNanos) {
        return new RawFrame(number, timeNanos, LinkType.ETHERNET, ByteSlice.EMPTY, 0);
    }
}
