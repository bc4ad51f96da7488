package org.mqttsniff.cli.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.mqttsniff.stats.LatencyHistogram;
import org.mqttsniff.stats.StatsSnapshot;
import org.mqttsniff.stats.StatsSnapshot.ClientRow;
import org.mqttsniff.stats.StatsSnapshot.ConnectionRow;
import org.mqttsniff.stats.StatsSnapshot.Count;
import org.mqttsniff.stats.StatsSnapshot.LatencyRow;
import org.mqttsniff.stats.StatsSnapshot.Omitted;
import org.mqttsniff.stats.StatsSnapshot.TopicRow;
import org.mqttsniff.stats.StatsSnapshot.TypeRow;

/**
 * {@code -z} in text: the summary as aligned tables, biggest rows first. Latencies in ms with
 * three decimals, sizes in B, KiB, MiB or GiB, durations in seconds.
 *
 * <p>No string {@code +} here: this runs once, after the last frame, and each new shape of an
 * indy string concatenation spins its method handles on first use, ~30 ms for this report
 * (class-load log, bench/README.md), more than printing it; StringBuilder and String.concat do not.
 */
public final class StatsText {
    private StatsText() {
    }

    public static void print(StatsSnapshot s, PrintWriter out) {
        out.println(new StringBuilder("MQTT statistics: ").append(s.packets()).append(" packets, ")
                .append(bytes(s.bytes())).append(" in ").append(seconds(s.durationNanos())));

        out.println();
        out.println("Packets by type");
        Table types = new Table("type", "<", "packets", ">", "bytes", ">");
        for (TypeRow t : s.types()) {
            types.row(t.type(), n(t.packets()), bytes(t.bytes()));
        }
        if (s.malformed() > 0) {
            types.row("(malformed)", n(s.malformed()), "");
        }
        types.row("total", n(s.packets()), bytes(s.bytes()));
        types.print(out);

        out.println();
        out.print("Connections: ");
        out.println(s.connections().size() + s.connectionsNotShown());
        if (!s.connections().isEmpty()) {
            Table t = new Table("stream", ">", "client", "<", "server", "<", "client id", "<", "version", "<",
                    "packets", ">", "bytes", ">", "duration", ">", "closed", "<");
            for (ConnectionRow c : s.connections()) {
                t.row(String.valueOf(c.stream()), c.client().toString(), c.server().toString(), id(c.clientId()),
                        c.version().isEmpty() ? "-" : c.version(), n(c.packets()), bytes(c.bytes()),
                        duration(c.durationNanos()), c.closeReason().isEmpty() ? "open" : c.closeReason());
            }
            t.print(out);
        }
        if (s.connectionsNotShown() > 0) {
            out.println(new StringBuilder("  (").append(s.connectionsNotShown()).append(" more not shown)"));
        }

        out.println();
        out.print("Client ids: ");
        out.println(s.clients().size() + s.clientsNotShown().about());
        if (!s.clients().isEmpty()) {
            Table t = new Table("client id", "<", "connections", ">", "packets", ">", "bytes", ">");
            for (ClientRow c : s.clients()) {
                t.row(id(c.clientId()), n(c.connections()), n(c.packets()), bytes(c.bytes()));
            }
            t.print(out);
        }
        notShown(out, s.clientsNotShown(), "packets");

        out.println();
        out.print("Topics: ");
        out.print(s.topics().size() + s.topicsNotShown().about());
        out.println(s.topics().isEmpty() ? "" : " (rate: messages per second over the whole capture)");
        if (!s.topics().isEmpty()) {
            Table t = new Table("topic", "<", "messages", ">", "to broker", ">", "from broker", ">", "payload", ">",
                    "rate", ">");
            for (TopicRow r : s.topics()) {
                t.row(r.topic().isEmpty() ? "(unresolved topic alias)" : r.topic(), n(r.messages()), n(r.toBroker()),
                        n(r.fromBroker()), bytes(r.payloadBytes()), rate(r.ratePerSecond()));
            }
            t.print(out);
        }
        notShown(out, s.topicsNotShown(), "messages");

        out.println();
        out.println(String.format(Locale.ROOT, "Latency in ms (median and p99 within %.1f%%)",
                LatencyHistogram.RELATIVE_ERROR * 100));
        if (s.latencies().isEmpty()) {
            out.println("  no response matched to its request");
        } else {
            Table t = new Table("request → response", "<", "count", ">", "min", ">", "median", ">", "p99", ">",
                    "max", ">");
            for (LatencyRow l : s.latencies()) {
                String pair = new StringBuilder(l.request()).append(" → ").append(l.response()).toString();
                t.row(pair, n(l.count()), ms(l.min()), ms(l.median()), ms(l.p99()), ms(l.max()));
            }
            t.print(out);
        }

        out.println();
        StatsSnapshot.Flows f = s.flows();
        out.println(new StringBuilder("QoS 1 and 2 flows: ").append(f.completed()).append(" completed (QoS 1: ")
                .append(f.completedQos1()).append(", QoS 2: ").append(f.completedQos2()).append("), ")
                .append(f.incomplete()).append(" left incomplete"));

        out.println();
        out.println("Problems");
        Table p = new Table("", "<", "", ">", "", "<");
        p.row("malformed packets", n(s.malformed()), "");
        for (Count c : s.malformedByReason()) {
            p.row(indent(c.key()), n(c.count()), "");
        }
        p.row("warnings", n(s.warnings()), "");
        for (Count c : s.warningsByKind()) {
            p.row(indent(c.key()), n(c.count()), "");
        }
        p.row("gaps", n(s.gaps()), new StringBuilder("(").append(bytes(s.gapBytes())).append(" lost)").toString());
        p.row("desyncs", n(s.desyncs()),
                new StringBuilder("(").append(bytes(s.desyncBytes())).append(" skipped)").toString());
        p.row("not-MQTT connections", n(s.notMqtt()), "");
        p.printWithoutHeader(out);
    }

    private static void notShown(PrintWriter out, Omitted o, String what) {
        if (o.packets() > 0) {
            out.println(new StringBuilder("  (").append(o.atLeast() ? "at least " : "about ").append(o.about())
                    .append(" more not shown, with ").append(o.packets()).append(' ').append(what).append(')'));
        }
    }

    private static String indent(String s) {
        return "  ".concat(s);
    }

    private static String id(String clientId) {
        return clientId.isEmpty() ? "(none)" : clientId;
    }

    private static String n(long n) {
        return Long.toString(n);
    }

    static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
    }

    /** Under a second in ms, so a short connection does not read 0.000 s. */
    static String duration(long nanos) {
        return nanos < 1_000_000_000L ? ms(nanos).concat(" ms") : seconds(nanos);
    }

    static String rate(double perSecond) {
        return Double.isNaN(perSecond) ? "-" : String.format(Locale.ROOT, "%.2f/s", perSecond);
    }

    /** B below 1 KiB, then one decimal in the largest binary unit under 1024. */
    static String bytes(long n) {
        if (n < 1024) {
            return Long.toString(n).concat(" B");
        }
        if (n < 1L << 40) {
            return binaryUnits(n);
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /**
     * {@link #bytes} below 1 TiB without String.format, which costs ~0.1 ms a call before the JIT
     * gets to it, and this report makes one per row. Same text: the value n / 2^s (s = 10, 20, 30)
     * is exact in a double, and String.format rounds half up the digits Double.toString gives,
     * which differ from it by less than 2^-43; a one-decimal boundary (2j+1)/20 other than the value
     * itself is at least 1/(20 * 2^30) away from it, so both round the same way, ties included.
     * StatsTextTest compares the two.
     */
    private static String binaryUnits(long n) {
        int shift = 10;
        String unit = "KiB";
        if (n >= 1L << 30) {
            shift = 30;
            unit = "GiB";
        } else if (n >= 1L << 20) {
            shift = 20;
            unit = "MiB";
        }
        long tenths = (n * 10 + (1L << (shift - 1))) >> shift;
        return new StringBuilder(12).append(tenths / 10).append('.').append(tenths % 10).append(' ').append(unit)
                .toString();
    }

    /** Columns sized to their widest cell, text left-aligned and numbers right-aligned. */
    private static final class Table {
        private final String[] headers;
        private final boolean[] right;
        private final List<String[]> rows = new ArrayList<>();

        /** Pairs of header and alignment, "&lt;" or "&gt;". */
        Table(String... spec) {
            headers = new String[spec.length / 2];
            right = new boolean[spec.length / 2];
            for (int i = 0; i < headers.length; i++) {
                headers[i] = spec[2 * i];
                right[i] = spec[2 * i + 1].equals(">");
            }
        }

        void row(String... cells) {
            rows.add(cells);
        }

        void print(PrintWriter out) {
            List<String[]> all = new ArrayList<>(rows);
            all.add(0, headers);
            print(out, all);
        }

        void printWithoutHeader(PrintWriter out) {
            print(out, rows);
        }

        private void print(PrintWriter out, List<String[]> lines) {
            int[] width = new int[headers.length];
            for (String[] r : lines) {
                for (int i = 0; i < r.length; i++) {
                    width[i] = Math.max(width[i], r[i].codePointCount(0, r[i].length()));
                }
            }
            for (String[] r : lines) {
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < r.length; i++) {
                    String pad = " ".repeat(width[i] - r[i].codePointCount(0, r[i].length()));
                    sb.append("  ");
                    if (right[i]) {
                        sb.append(pad).append(r[i]);
                    } else {
                        sb.append(r[i]).append(pad);
                    }
                }
                out.println(sb.toString().stripTrailing());
            }
        }
    }
}
