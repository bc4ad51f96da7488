package org.mqttsniff.cli.output;

import java.time.Instant;

import org.mqttsniff.net.Endpoint;
import org.mqttsniff.session.Direction;
import org.mqttsniff.session.SnifferEvent;

/**
 * One capture event as a JSON line: the packet keys of {@link PacketJson} behind the capture keys
 * ({@code frame}, {@code time}, {@code stream}, {@code src}, {@code dst}, {@code dir}). A public
 * contract: keys are added, never renamed or dropped.
 */
public final class EventJson {
    private EventJson() {
    }

    public static String line(SnifferEvent e, RenderOptions o) {
        JsonWriter w = new JsonWriter().beginObject();
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
            w.field("closeReason", x.reason());
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
        return w.endObject().toString();
    }

    private static void where(JsonWriter w, SnifferEvent e, Endpoint src, Endpoint dst, Direction dir) {
        w.field("frame", e.frame()).field("time", time(e.timeNanos())).field("stream", e.stream())
                .field("src", src.toString()).field("dst", dst.toString());
        if (dir != null) {
            w.field("dir", dir.key());
        }
    }

    /** ISO-8601 UTC with the capture's full precision, e.g. {@code 2020-03-24T16:21:50.541952Z}. */
    static String time(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L))
                .toString();
    }

    /** Milliseconds with microsecond precision, as a JSON number. */
    static String millis(long nanos) {
        return java.math.BigDecimal.valueOf(nanos / 1000).movePointLeft(3).stripTrailingZeros().toPlainString();
    }
}
