package org.mqttsniff.cli.output;

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

    private final RenderOptions o;
    private final JsonWriter w = new JsonWriter(new StringBuilder(512));
    private final Map<Endpoint, String> endpoints = new HashMap<>();
    private long second = Long.MIN_VALUE;
    private String secondText;

    /** A writer for one output: it reuses its buffer, so each line is valid until the next call. */
    public EventJson(RenderOptions options) {
        this.o = options;
    }

    public static String line(SnifferEvent e, RenderOptions o) {
        return new EventJson(o).write(e).toString();
    }

    /** The event as one JSON line (without the newline). */
    public CharSequence write(SnifferEvent e) {
        w.reset().beginObject();
        if (e instanceof SnifferEvent.Packet p) {
            w.field("event", "packet");
            where(w, e, p.src(), p.dst(), p.dir());
            if (!p.clientId().isEmpty()) {
                w.field("client", p.clientId());
            }
            PacketJson.fields(w, p.result(), o, p.topic(), p.topicAlias());
            if (p.responseTo().isPresent()) {
                w.field("responseTo", p.responseTo().getAsLong());
                w.name("latencyMs").rawNumber(millis(p.latencyNanos().getAsLong()));
            }
            if (!p.warnings().isEmpty()) {
                w.name("warnings").beginArray();
                p.warnings().forEach(w::value);
                w.endArray();
            }
        } else if (e instanceof SnifferEvent.Open x) {
            w.field("event", "open");
            where(w, e, x.client(), x.server(), null);
            w.field("roleBasis", x.roleBasis().toLowerCase(java.util.Locale.ROOT));
        } else if (e instanceof SnifferEvent.Close x) {
            w.field("event", "close");
            where(w, e, x.client(), x.server(), null);
            w.field("closeReason", x.reason()).field("openFlows", x.openFlows());
        } else if (e instanceof SnifferEvent.Gap x) {
            w.field("event", "gap");
            where(w, e, x.src(), x.dst(), x.dir());
            w.field("lostBytes", x.lostBytes());
        } else if (e instanceof SnifferEvent.Desync x) {
            w.field("event", "desync");
            where(w, e, x.src(), x.dst(), x.dir());
            w.field("skipped", x.skipped()).field("detail", x.detail());
        } else if (e instanceof SnifferEvent.NotMqtt x) {
            w.field("event", "not-mqtt");
            where(w, e, x.src(), x.dst(), x.dir());
            w.field("detail", x.detail());
        } else if (e instanceof SnifferEvent.Warning x) {
            w.field("event", "warning");
            where(w, e, x.src(), x.dst(), null);
            w.field("detail", x.message());
        }
        return w.endObject().chars();
    }

    private void where(JsonWriter w, SnifferEvent e, Endpoint src, Endpoint dst, Direction dir) {
        w.field("frame", e.frame()).field("time", time(e.timeNanos())).field("stream", e.stream())
                .field("src", text(src)).field("dst", text(dst));
        if (dir != null) {
            w.field("dir", dir.key());
        }
    }

    private String text(Endpoint e) {
        String t = endpoints.get(e);
        if (t == null) {
            if (endpoints.size() >= ENDPOINTS_KEPT) {
                endpoints.clear();
            }
            t = e.toString();
            endpoints.put(e, t);
        }
        return t;
    }

    /**
     * ISO-8601 UTC with the capture's precision, as {@link Instant#toString()} writes it (fractions
     * in groups of 3 digits, none when zero), e.g. {@code 2020-03-24T16:21:50.541952Z}. The date and
     * time of day are formatted once per second of capture time.
     */
    String time(long nanos) {
        long sec = Math.floorDiv(nanos, 1_000_000_000L);
        int frac = (int) Math.floorMod(nanos, 1_000_000_000L);
        if (sec != second) {
            second = sec;
            String whole = Instant.ofEpochSecond(sec).toString();
            secondText = whole.substring(0, whole.length() - 1);
        }
        if (frac == 0) {
            return secondText + 'Z';
        }
        int digits = frac % 1_000_000 == 0 ? 3 : frac % 1000 == 0 ? 6 : 9;
        int value = digits == 3 ? frac / 1_000_000 : digits == 6 ? frac / 1000 : frac;
        char[] out = new char[digits];
        for (int i = digits - 1; i >= 0; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return new StringBuilder(secondText.length() + digits + 2).append(secondText).append('.').append(out)
                .append('Z').toString();
    }

    /** Milliseconds with microsecond precision, as a JSON number. */
    static String millis(long nanos) {
        return java.math.BigDecimal.valueOf(nanos / 1000).movePointLeft(3).stripTrailingZeros().toPlainString();
    }
}
