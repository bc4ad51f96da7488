package org.mqttsniff.tui;

import java.util.List;
import java.util.Locale;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;

import org.mqttsniff.stats.StatsSnapshot;

/**
 * The clients view: one line per connection (client id, endpoint, version, state, keep-alive,
 * subscriptions, QoS 1 and 2 messages in flight, warnings, packets, bytes, duration), from the
 * statistics and {@link ClientStates}, refreshed at most once a second; under the list, the
 * selected connection's subscriptions and its last warning. Enter shows the selected
 * connection's packets (filter {@code stream == N}).
 */
final class ClientsPane {
    private static final long REFRESH_NANOS = 1_000_000_000L;
    private final PacketStore store;
    private final Theme theme;
    private List<StatsSnapshot.ConnectionRow> rows = List.of();
    private long notShown;
    private long taken;
    /** The states of the connections drawn since the last refresh: read once a second, not once a frame. */
    private final java.util.Map<Integer, ClientStates.Info> infos = new java.util.HashMap<>();
    int selected;
    private int top;

    ClientsPane(PacketStore store, Theme theme) {
        this.store = store;
        this.theme = theme;
    }

    void refresh(boolean now) {
        long t = System.nanoTime();
        if (now || taken == 0 || t - taken >= REFRESH_NANOS) {
            StatsSnapshot s = store.stats();
            rows = s.connections().stream()
                    .sorted(java.util.Comparator.comparingInt(StatsSnapshot.ConnectionRow::stream)).toList();
            notShown = s.connectionsNotShown();
            infos.clear();
            taken = t;
            selected = Math.max(0, Math.min(selected, rows.size() - 1));
        }
    }

    void move(int delta) {
        selected = Math.max(0, Math.min(rows.size() - 1, selected + delta));
    }

    /** The stream of the selected connection, or -1. */
    int selectedStream() {
        return rows.isEmpty() ? -1 : rows.get(selected).stream();
    }

    private ClientStates.Info info(int stream) {
        return infos.computeIfAbsent(stream, store::client);
    }

    static final String HEADER = String.format("%6s  %-18s %-21s %-5s %-13s %5s %4s %5s %4s %9s %12s %10s",
            "Stream", "Client id", "Client", "MQTT", "State", "KA s", "Subs", "InFl", "Warn", "Packets", "Bytes",
            "Duration");

    static String line(StatsSnapshot.ConnectionRow c, ClientStates.Info i) {
        String state = i.state().isEmpty() ? (c.closeReason().isEmpty() ? "open" : c.closeReason()) : i.state();
        int comma = state.indexOf(", "); // "disconnected, fin", "refused 0x05, fin": the details say how TCP ended
        state = comma > 0 ? state.substring(0, comma) : state;
        return String.format(Locale.ROOT, "%6d  %-18s %-21s %-5s %-13s %5s %4d %5d %4d %,9d %,12d %8.3f s", c.stream(),
                PacketsPane.cut(c.clientId().isEmpty() ? "(no CONNECT)" : RowText.clean(c.clientId()), 18),
                PacketsPane.cut(c.client().toString(), 21), c.version().isEmpty() ? "?" : c.version(),
                PacketsPane.cut(state, 13), i.keepAlive() < 0 ? "-" : Integer.toString(i.keepAlive()),
                i.subscriptions().size() + i.subscriptionsNotKept(), i.inFlight(), i.warnings(),
                c.packets(), c.bytes(), c.durationNanos() / 1e9);
    }

    /** The lines under the list about the selected connection. */
    static List<String> details(StatsSnapshot.ConnectionRow c, ClientStates.Info i) {
        List<String> out = new java.util.ArrayList<>();
        out.add(String.format(Locale.ROOT, " #%d %s  %s → %s", c.stream(),
                c.clientId().isEmpty() ? "(no CONNECT)" : RowText.clean(c.clientId()), c.client(), c.server()));
        out.add(String.format(Locale.ROOT, " state: %s  keep-alive: %s  in flight: %d to the broker, %d from it",
                i.state().isEmpty() ? "?" : i.state(),
                i.keepAlive() < 0 ? "?" : i.keepAlive() == 0 ? "off" : i.keepAlive() + " s",
                i.inFlightToBroker(), i.inFlightFromBroker()));
        out.add(" subscriptions: " + (i.subscriptions().isEmpty() ? "none"
                : String.join("  ", i.subscriptions().stream().map(RowText::clean).toList()))
                + (i.subscriptionsNotKept() > 0 ? String.format(Locale.ROOT, "  (+%,d not kept)", i.subscriptionsNotKept())
                : ""));
        out.add(String.format(Locale.ROOT, " warnings: %,d%s", i.warnings(),
                i.lastWarning().isEmpty() ? "" : ", the last: " + RowText.clean(i.lastWarning())));
        return out;
    }

    void draw(TextGraphics g, int x0, int y0, int width, int height) {
        refresh(false);
        g.enableModifiers(SGR.BOLD);
        PacketsPane.put(g, x0, y0, width, HEADER);
        g.disableModifiers(SGR.BOLD);
        int detailLines = rows.isEmpty() ? 0 : 5; // a rule and four lines
        int visible = height - 2 - detailLines;
        if (selected < top) {
            top = selected;
        } else if (selected >= top + visible) {
            top = selected - visible + 1;
        }
        for (int i = 0; i < visible; i++) {
            int k = top + i;
            if (k < rows.size() && k == selected) {
                if (theme.color) {
                    g.setBackgroundColor(TextColor.ANSI.BLUE);
                    g.setForegroundColor(TextColor.ANSI.WHITE_BRIGHT);
                } else {
                    g.enableModifiers(SGR.REVERSE);
                }
            }
            PacketsPane.put(g, x0, y0 + 1 + i, width, k < rows.size() ? line(rows.get(k), info(rows.get(k).stream())) : "");
            g.clearModifiers();
            g.setForegroundColor(TextColor.ANSI.DEFAULT);
            g.setBackgroundColor(TextColor.ANSI.DEFAULT);
        }
        if (detailLines > 0) {
            StatsSnapshot.ConnectionRow c = rows.get(selected);
            int y = y0 + 1 + visible;
            PacketsPane.put(g, x0, y, width, "── Selected connection " + "─".repeat(Math.max(0, width - 23)));
            List<String> d = details(c, info(c.stream()));
            for (int i = 0; i < d.size(); i++) {
                PacketsPane.put(g, x0, y + 1 + i, width, d.get(i));
            }
        }
        PacketsPane.put(g, x0, y0 + height - 1, width, String.format(Locale.ROOT,
                " %,d connections%s   Enter: show this connection's packets   2: its flow", rows.size(),
                notShown > 0 ? String.format(Locale.ROOT, " (%,d more not tracked)", notShown) : ""));
    }
}
