package org.mqttsniff.cli.output;

import static org.mqttsniff.cli.output.JsonKeys.*;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.mqttsniff.net.Endpoint;
import org.mqttsniff.session.Direction;
import org.mqttsniff.session.SnifferEvent;

/**
 * One capture event as a JSON line: the packet keys of {@link PacketJson} behind the capture keys
 * ({@code frame}, {@code time}, {@code stream}, {@code src}, {@code dst}, {@code dir}). A public
 * contract: keys are added, never renamed or dropped.
 */
public final class EventJson {
    /** Endpoint strings remembered, so a busy connection's addresses are formatted once. */
    private static final int ENDPOINTS_KEPT = 4096;

    private static final byte[] PACKET = "\"packet\"".getBytes(StandardCharsets.US_ASCII);

    private final RenderOptions o;
    private final JsonWriter w = new JsonWriter(512);
    /** Each endpoint's text as a quoted JSON string, encoded once. */
    private final Map<Endpoint, byte[]> endpoints = new HashMap<>();
    private static final int RECENT = 256;
    /** Directions of connections whose rendered members are kept; a power of 2. */
    private static final int CONNECTIONS_KEPT = 1024;
    private final Connection[] connections = new Connection[CONNECTIONS_KEPT];
    private final Endpoint[] recent = new Endpoint[RECENT];
    private final byte[][] recentText = new byte[RECENT][];
    private long second = Long.MIN_VALUE;
    /** {@code "2020-03-24T16:21:50} of the current second, then room for {@code .nnnnnnnnnZ"}. */
    private final byte[] timeText = new byte[64];
    private int secondLength;

    /** A writer for one output: it reuses its buffer, so each line is valid until the next call. */
    public EventJson(RenderOptions options) {
        this.o = options;
    }

    public static String line(SnifferEvent e, RenderOptions o) {
        return new EventJson(o).write(e).toString();
    }

    /** The event as one JSON line (without the newline). */
    public CharSequence write(SnifferEvent e) {
        return render(e).chars();
    }

    /** The event as one JSON line, newline included, in UTF-8: the fast way out for {@code -T json}. */
    public void writeLine(SnifferEvent e, OutputStream out) throws IOException {
        render(e);
        w.endLine().writeTo(out);
    }

    private JsonWriter render(SnifferEvent e) {
        w.reset().beginObject();
        if (e instanceof SnifferEvent.Packet p) {
            w.name(EVENT).quotedAscii(PACKET, 0, PACKET.length);
            w.field(FRAME, e.frame()).name(TIME);
            time(w, e.timeNanos());
            connection(p);
            PacketJson.fields(w, p.result(), o, p.topic(), p.topicAlias());
            if (p.responseTo().isPresent()) {
                w.field(RESPONSE_TO, p.responseTo().getAsLong());
                w.name(LATENCY_MS).fixedPoint(p.latencyNanos().getAsLong() / 1000, 3);
            }
            if (!p.warnings().isEmpty()) {
                w.name(WARNINGS).beginArray();
                p.warnings().forEach(w::value);
                w.endArray();
            }
        } else if (e instanceof SnifferEvent.Open x) {
            w.field(EVENT, "open");
            where(w, e, x.client(), x.server(), null);
            w.field(ROLE_BASIS, x.roleBasis().toLowerCase(java.util.Locale.ROOT));
        } else if (e instanceof SnifferEvent.Close x) {
            w.field(EVENT, "close");
            where(w, e, x.client(), x.server(), null);
            w.field(CLOSE_REASON, x.reason()).field(OPEN_FLOWS, x.openFlows());
        } else if (e instanceof SnifferEvent.Gap x) {
            w.field(EVENT, "gap");
            where(w, e, x.src(), x.dst(), x.dir());
            w.field(LOST_BYTES, x.lostBytes());
        } else if (e instanceof SnifferEvent.Desync x) {
            w.field(EVENT, "desync");
            where(w, e, x.src(), x.dst(), x.dir());
            w.field(SKIPPED, x.skipped()).field(DETAIL, x.detail());
        } else if (e instanceof SnifferEvent.NotMqtt x) {
            w.field(EVENT, "not-mqtt");
            where(w, e, x.src(), x.dst(), x.dir());
            w.field(DETAIL, x.detail());
        } else if (e instanceof SnifferEvent.Warning x) {
            w.field(EVENT, "warning");
            where(w, e, x.src(), x.dst(), null);
            w.field(DETAIL, x.message());
        }
        return w.endObject();
    }

    private void where(JsonWriter w, SnifferEvent e, Endpoint src, Endpoint dst, Direction dir) {
        w.field(FRAME, e.frame()).name(TIME);
        time(w, e.timeNanos());
        w.field(STREAM, e.stream());
        byte[] s = quoted(src);
        w.name(SRC).quotedAscii(s, 0, s.length);
        byte[] d = quoted(dst);
        w.name(DST).quotedAscii(d, 0, d.length);
        if (dir != null) {
            w.field(DIR, dir.key());
        }
    }

    /**
     * A packet's {@code stream}, {@code src}, {@code dst}, {@code dir} and {@code client}: the same
     * for every packet one way on a connection, so they are rendered once and kept per direction,
     * found again at once (the session hands out the same endpoints and client id each time, and
     * equals tests identity first).
     */
    private void connection(SnifferEvent.Packet p) {
        int slot = (p.stream() * 2 + p.dir().ordinal()) & (CONNECTIONS_KEPT - 1);
        Connection c = connections[slot];
        if (c == null || c.stream != p.stream() || c.dir != p.dir() || !c.src.equals(p.src()) || !c.dst.equals(p.dst())
                || !c.client.equals(p.clientId())) {
            int start = w.length();
            w.field(STREAM, p.stream());
            byte[] s = quoted(p.src());
            w.name(SRC).quotedAscii(s, 0, s.length);
            byte[] d = quoted(p.dst());
            w.name(DST).quotedAscii(d, 0, d.length);
            w.field(DIR, p.dir().key());
            if (!p.clientId().isEmpty()) {
                w.field(CLIENT, p.clientId());
            }
            connections[slot] = new Connection(p.stream(), p.src(), p.dst(), p.dir(), p.clientId(), w.bytesFrom(start));
        } else {
            w.members(c.members);
        }
    }

    /** The rendered connection members of one direction, and what they were rendered from. */
    private record Connection(int stream, Endpoint src, Endpoint dst, Direction dir, String client, byte[] members) {
    }

    private byte[] quoted(Endpoint e) {
        // a connection's events name the same Endpoint instances (the parser caches them): found by identity first
        int slot = e.hashCode() & (RECENT - 1);
        if (recent[slot] == e) {
            return recentText[slot];
        }
        byte[] t = endpoints.get(e);
        if (t == null) {
            if (endpoints.size() >= ENDPOINTS_KEPT) {
                endpoints.clear();
            }
            t = ('"' + e.toString() + '"').getBytes(StandardCharsets.US_ASCII);
            endpoints.put(e, t);
        }
        recent[slot] = e;
        recentText[slot] = t;
        return t;
    }

    /**
     * ISO-8601 UTC with the capture's precision, as {@link Instant#toString()} writes it (fractions
     * in groups of 3 digits, none when zero), e.g. {@code 2020-03-24T16:21:50.541952Z}. The date and
     * time of day are formatted once per second of capture time.
     */
    private void time(JsonWriter out, long nanos) {
        long sec = Math.floorDiv(nanos, 1_000_000_000L);
        int frac = (int) Math.floorMod(nanos, 1_000_000_000L);
        if (sec != second) {
            second = sec;
            String whole = Instant.ofEpochSecond(sec).toString();
            byte[] text = ('"' + whole.substring(0, whole.length() - 1)).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(text, 0, timeText, 0, text.length);
            secondLength = text.length;
        }
        int n = secondLength;
        if (frac != 0) {
            int digits = frac % 1_000_000 == 0 ? 3 : frac % 1000 == 0 ? 6 : 9;
            int value = digits == 3 ? frac / 1_000_000 : digits == 6 ? frac / 1000 : frac;
            timeText[n++] = '.';
            for (int i = n + digits - 1; i >= n; i--) {
                timeText[i] = (byte) ('0' + value % 10);
                value /= 10;
            }
            n += digits;
        }
        timeText[n++] = 'Z';
        timeText[n++] = '"';
        out.quotedAscii(timeText, 0, n);
    }

    /** Milliseconds with microsecond precision, as a JSON number. */
    static String millis(long nanos) {
        // what BigDecimal.valueOf(micros).movePointLeft(3).stripTrailingZeros().toPlainString() gives, without it
        long micros = nanos / 1000;
        long abs = Math.abs(micros);
        String whole = (micros < 0 ? "-" : "") + abs / 1000;
        int frac = (int) (abs % 1000);
        if (frac == 0) {
            return whole;
        }
        int digits = 3;
        while (frac % 10 == 0) {
            frac /= 10;
            digits--;
        }
        String f = Integer.toString(frac);
        return whole + "." + "00".substring(0, digits - f.length()) + f;
    }
}
