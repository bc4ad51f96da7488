package org.mqttsniff.tui;

import java.util.List;
import java.util.Locale;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;

import org.mqttsniff.stats.StatsSnapshot;

/**
 * The topics view: one line per PUBLISH topic (messages both ways, to and from the broker, payload
 * bytes, rate over the capture), busiest first, from the statistics, refreshed at most once a
 * second. Enter shows the selected topic's packets (filter {@code topic == "t"}).
 */
final class TopicsPane {
    private static final long REFRESH_NANOS = 1_000_000_000L;
    private final PacketStore store;
    private final Theme theme;
    private List<StatsSnapshot.TopicRow> rows = List.of();
    private long notShown;
    private long taken;
    int selected;
    private int top;

    TopicsPane(PacketStore store, Theme theme) {
        this.store = store;
        this.theme = theme;
    }

    void refresh(boolean now) {
        long t = System.nanoTime();
        if (now || taken == 0 || t - taken >= REFRESH_NANOS) {
            StatsSnapshot s = store.stats();
            rows = s.topics();
            notShown = s.topicsNotShown().about();
            taken = t;
            selected = Math.max(0, Math.min(selected, rows.size() - 1));
        }
    }

    void move(int delta) {
        selected = Math.max(0, Math.min(rows.size() - 1, selected + delta));
    }

    /** The selected topic, or null. */
    String selectedTopic() {
        return rows.isEmpty() ? null : rows.get(selected).topic();
    }

    static String line(StatsSnapshot.TopicRow t, int width) {
        int tw = Math.max(20, width - 50);
        return String.format(Locale.ROOT, " %-" + tw + "s %,9d %,7d %,7d %,12d %9.1f",
                PacketsPane.cut(RowText.clean(t.topic().isEmpty() ? "(alias not resolved)" : t.topic()), tw),
                t.messages(), t.toBroker(), t.fromBroker(), t.payloadBytes(),
                Double.isNaN(t.ratePerSecond()) ? 0 : t.ratePerSecond());
    }

    void draw(TextGraphics g, int x0, int y0, int width, int height) {
        refresh(false);
        g.enableModifiers(SGR.BOLD);
        int tw = Math.max(20, width - 50);
        PacketsPane.put(g, x0, y0, width, String.format(" %-" + tw + "s %9s %7s %7s %12s %9s", "Topic", "Messages",
                "to brk", "from br", "Payload B", "msg/s"));
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
            PacketsPane.put(g, x0, y0 + 1 + i, width, k < rows.size() ? line(rows.get(k), width) : "");
            g.clearModifiers();
            g.setForegroundColor(TextColor.ANSI.DEFAULT);
            g.setBackgroundColor(TextColor.ANSI.DEFAULT);
        }
        PacketsPane.put(g, x0, y0 + height - 1, width, String.format(Locale.ROOT,
                " %,d topics%s   Enter: show this topic's packets", rows.size(),
                notShown > 0 ? String.format(Locale.ROOT, " (about %,d more not tracked)", notShown) : ""));
    }
}
