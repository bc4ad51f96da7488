package org.mqttsniff.tui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.mqttsniff.mqtt.DecodeResult;
import org.mqttsniff.mqtt.Field;
import org.mqttsniff.mqtt.PacketDecoder;
import org.mqttsniff.mqtt.PacketType;
import org.mqttsniff.session.SnifferEvent;
import org.mqttsniff.session.Summary;

/** The words of the UI: a row's cells, and the lines of the details pane. No Lanterna here, so it is tested alone. */
final class RowText {
    static final String C2S = "→";
    static final String S2C = "←";

    private RowText() {
    }

    static String type(Row r) {
        if (r.isPacket()) {
            return PacketType.of(r.kind()).name();
        }
        return switch (r.kind()) {
            case PacketStore.OPEN -> "open";
            case PacketStore.CLOSE -> "close";
            case PacketStore.GAP -> "gap";
            case PacketStore.DESYNC -> "desync";
            case PacketStore.NOT_MQTT -> "not-mqtt";
            default -> "warning";
        };
    }

    static String connection(Row r) {
        return r.clientId().isEmpty() ? "#" + r.stream() : r.clientId();
    }

    static String arrow(Row r) {
        return !r.isPacket() ? "·" : r.c2s() ? C2S : S2C;
    }

    /** Seconds since the first event, to the microsecond. */
    static String time(long timeNanos, long first) {
        long d = first == Long.MIN_VALUE ? 0 : timeNanos - first;
        // what "%.6f" makes of d / 1e9, without a Formatter (every visible row, every redraw):
        // microseconds rounded half up, away from zero, and "-" for any negative d
        long micros = (Math.abs(d) + 500) / 1000;
        String fraction = Long.toString(micros % 1_000_000);
        StringBuilder b = new StringBuilder(16);
        if (d < 0) {
            b.append('-');
        }
        return b.append(micros / 1_000_000).append('.').append("000000", fraction.length(), 6).append(fraction)
                .toString();
    }

    /** The key fields of a packet (its type is in its own column) or what a stream event says. */
    static String summary(SnifferEvent e) {
        if (e instanceof SnifferEvent.Packet p) {
            String s = Summary.of(p.result(), p.topic(), p.topicAlias());
            String type = p.result().typeName();
            s = s.startsWith(type) ? s.substring(type.length()).strip() : s;
            if (p.latencyNanos().isPresent()) {
                s += "  (" + millis(p.latencyNanos().getAsLong()) + ")";
            }
            if (!p.warnings().isEmpty()) {
                s += "  ! " + p.warnings().get(0);
            }
            return clean(s);
        } else if (e instanceof SnifferEvent.Open o) {
            return clean(o.client() + " → " + o.server() + " (" + o.roleBasis() + ")");
        } else if (e instanceof SnifferEvent.Close c) {
            return clean(c.reason() + (c.openFlows() > 0 ? ", " + c.openFlows() + " QoS flows left open" : ""));
        } else if (e instanceof SnifferEvent.Gap g) {
            return g.lostBytes() + " bytes lost " + g.dir().key();
        } else if (e instanceof SnifferEvent.Desync d) {
            return clean("skipped " + d.skipped() + " bytes " + d.dir().key() + ": " + d.detail());
        } else if (e instanceof SnifferEvent.NotMqtt n) {
            return clean(n.detail());
        } else if (e instanceof SnifferEvent.Warning w) {
            return clean(w.message());
        }
        return "";
    }

    static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.3f ms", nanos / 1e6);
    }

    /** Control characters would move the cursor: show them as dots. */
    static String clean(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c < 0xa0)) {
                if (b == null) {
                    b = new StringBuilder(s);
                }
                b.setCharAt(i, '·');
            }
        }
        return b == null ? s : b.toString();
    }

    /** A line of the details pane; a field's line knows its bytes so the hex pane can highlight them. */
    record Detail(String text, int offset, int length, boolean problem) {
        static Detail info(String text) {
            return new Detail(clean(text), -1, 0, false);
        }
    }

    /** The details pane of one event: where it was, then for a packet the field tree with meanings. */
    static List<Detail> details(SnifferEvent e, boolean showSecrets) {
        List<Detail> out = new ArrayList<>();
        if (e instanceof SnifferEvent.Packet p) {
            DecodeResult r = p.result();
            out.add(Detail.info(r.typeName() + "  (MQTT " + r.version().label() + ", " + r.length() + " bytes)  frame "
                    + p.frame() + "  stream " + p.stream() + "  " + p.src() + " → " + p.dst()
                    + (p.clientId().isEmpty() ? "" : "  client " + p.clientId())));
            if (p.responseTo().isPresent()) {
                out.add(Detail.info("answers frame " + p.responseTo().getAsLong() + " after "
                        + millis(p.latencyNanos().orElse(0))));
            }
            if (r instanceof DecodeResult.Malformed m) {
                out.add(new Detail(clean("MALFORMED (" + m.reason().key() + ") at byte " + m.offset() + ": "
                        + m.detail()), m.offset(), 1, true));
            }
            for (String w : p.warnings()) {
                out.add(new Detail(clean("warning: " + w), -1, 0, true));
            }
            fields(PacketDecoder.explain(r.raw(), r.version()).fields(), 0, showSecrets, out);
        } else {
            out.add(Detail.info(e.getClass().getSimpleName().toLowerCase(Locale.ROOT) + "  frame " + e.frame()
                    + "  stream " + e.stream()));
            out.add(Detail.info(summary(e)));
        }
        return out;
    }

    private static void fields(List<Field> fields, int depth, boolean showSecrets, List<Detail> out) {
        for (Field f : fields) {
            String name = "  ".repeat(depth) + f.name();
            String value = f.shownValue(showSecrets);
            StringBuilder line = new StringBuilder(name);
            if (!value.isEmpty()) {
                line.append(" ".repeat(Math.max(1, 24 - name.length()))).append(value);
            }
            if (!f.meaning().isEmpty()) {
                line.append("  — ").append(f.meaning());
            }
            out.add(new Detail(clean(line.toString()), f.offset(), f.length(), false));
            fields(f.children(), depth + 1, showSecrets, out);
        }
    }
}
