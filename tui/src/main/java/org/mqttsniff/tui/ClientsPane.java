package org.mqttsniff.tui;

import java.util.List;
import java.util.Locale;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;

import org.mqttsniff.stats.StatsSnapshot;

/**
 * The clients view: one line per connection (client id, endpoints, version, state, packets,
 * bytes, duration), from the statistics, refreshed at most once a second. Enter shows the
 * selected connection's packets (filter {@code stream == N}).
 */
final class ClientsPane {
    private static final long REFRESH_NANOS = 1_000_000_000L;
    private final PacketStore store;
    private final Theme theme;
    private List<StatsSnapshot.ConnectionRow> rows = List.of();
    private long notShown;
    private long taken;
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

    static String line(StatsSnapshot.ConnectionRow c) {
        return String.format(Locale.ROOT, "%6d  %-22s %-22s %-5s %-8s %,9d %,12d %10.3f s", c.stream(),
                PacketsPane.cut(c.clientId().isEmpty() ? "(no CONNECT)" : c.clientId(), 22),
                PacketsPane.cut(c.client().toString(), 22), c.version().isEmpty() ? "?" : c.version(),
                PacketsPane.cut(c.closeReason().isEmpty() ? "open" : c.closeReason(), 8),
                c.packets(), c.bytes(), c.durationNanos() / 1e9);
    }

    void draw(TextGraphics g, int x0, int y0, int width, int height) {
        refresh(false);
        g.enableModifiers(SGR.BOLD);
        PacketsPane.put(g, x0, y0, width, String.format("%6s  %-22s %-22s %-5s %-8s %9s %12s %12s", "Stream",
                "Client id", "Client", "MQTT", "Open/end", "Packets", "Bytes", "Duration"));
        g.disableModifiers(SGR.BOLD);
        int visible = height - 2;
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
            PacketsPane.put(g, x0, y0 + 1 + i, width, k < rows.size() ? line(rows.get(k)) : "");
            g.clearModifiers();
            g.setForegroundColor(TextColor.ANSI.DEFAULT);
            g.setBackgroundColor(TextColor.ANSI.DEFAULT);
        }
        PacketsPane.put(g, x0, y0 + height - 1, width, String.format(Locale.ROOT,
                " %,d connections%s   Enter: show this connection's packets", rows.size(),
                notShown > 0 ? String.format(Locale.ROOT, " (%,d more not tracked)", notShown) : ""));
    }
}
