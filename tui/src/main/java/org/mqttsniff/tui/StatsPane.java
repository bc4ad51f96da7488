package org.mqttsniff.tui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.graphics.TextGraphics;

import org.mqttsniff.stats.StatsSnapshot;

/** The statistics view: what {@code -z} prints, refreshed at most once a second while the source goes on. */
final class StatsPane {
    private static final long REFRESH_NANOS = 1_000_000_000L;
    private final PacketStore store;
    private StatsSnapshot snapshot;
    private long taken;

    StatsPane(PacketStore store) {
        this.store = store;
    }

    void draw(TextGraphics g, int x0, int y0, int width, int height) {
        long now = System.nanoTime();
        if (snapshot == null || now - taken >= REFRESH_NANOS) {
            snapshot = store.stats();
            taken = now;
        }
        List<String> lines = new ArrayList<>(messages(store.status(), 5));
        lines.addAll(lines(snapshot, width));
        for (int i = 0; i < height; i++) {
            String line = i < lines.size() ? lines.get(i) : "";
            boolean head = !line.isEmpty() && !line.startsWith(" ");
            if (head) {
                g.enableModifiers(SGR.BOLD);
            }
            PacketsPane.put(g, x0, y0 + i, width, line);
            g.disableModifiers(SGR.BOLD);
        }
    }

    /**
     * What a live capture took and dropped, and the source's own messages, newest last (a file cut
     * short, a broker the proxy cannot reach, a capture that stopped), at most {@code max} of them:
     * nothing to say, no lines.
     */
    static List<String> messages(PacketStore.Status s, int max) {
        List<String> out = new ArrayList<>();
        if (s.dropped() > 0 || s.progress() < 0 && s.frames() > 0) { // a live capture: what it took and lost
            out.add(String.format(Locale.ROOT, "Source %s: %,d frames captured, %,d dropped%s", s.source(), s.frames(),
                    s.dropped(), s.evicted() > 0 ? String.format(Locale.ROOT, "; %,d oldest rows let go", s.evicted())
                            : ""));
        }
        if (s.error() != null) {
            out.add("Source stopped: " + s.error());
        }
        List<String> w = s.warnings();
        if (!w.isEmpty()) {
            out.add(w.size() > max ? String.format(Locale.ROOT, "Source messages (the last %d of %d)", max, w.size())
                    : "Source messages");
            for (String line : w.subList(Math.max(0, w.size() - max), w.size())) {
                out.add(" " + line);
            }
        }
        if (!out.isEmpty()) {
            out.add("");
        }
        return out;
    }

    /** Two columns when the terminal is wide enough; headings start in column 0, rows are indented. */
    static List<String> lines(StatsSnapshot s, int width) {
        List<String> left = new ArrayList<>();
        left.add(String.format(Locale.ROOT, "Packets %,d  bytes %,d  over %.3f s", s.packets(), s.bytes(),
                s.durationNanos() / 1e9));
        left.add(String.format(Locale.ROOT, " malformed %,d  warnings %,d  gaps %,d (%,d B)  desyncs %,d  not MQTT %,d",
                s.malformed(), s.warnings(), s.gaps(), s.gapBytes(), s.desyncs(), s.notMqtt()));
        left.add(String.format(Locale.ROOT, " QoS flows completed: %,d QoS 1, %,d QoS 2; left incomplete %,d",
                s.flows().completedQos1(), s.flows().completedQos2(), s.flows().incomplete()));
        left.add("Per type                     packets          bytes");
        for (StatsSnapshot.TypeRow t : s.types()) {
            left.add(String.format(Locale.ROOT, " %-20s %,14d %,14d", t.type(), t.packets(), t.bytes()));
        }
        for (StatsSnapshot.Count c : s.malformedByReason()) {
            left.add(String.format(Locale.ROOT, " malformed: %-25s %,8d", c.key(), c.count()));
        }
        List<String> right = new ArrayList<>();
        right.add("Latency (ms)        count      min   median      p99      max");
        for (StatsSnapshot.LatencyRow l : s.latencies()) {
            right.add(String.format(Locale.ROOT, " %-17s %,7d %8.3f %8.3f %8.3f %8.3f",
                    PacketsPane.cut(l.request() + "→" + l.response(), 17), l.count(), l.min() / 1e6, l.median() / 1e6,
                    l.p99() / 1e6, l.max() / 1e6));
        }
        right.add("Topics                       messages    payload B      /s");
        for (StatsSnapshot.TopicRow t : s.topics().subList(0, Math.min(8, s.topics().size()))) {
            right.add(String.format(Locale.ROOT, " %-26s %,10d %,12d %7.1f", PacketsPane.cut(t.topic(), 26),
                    t.messages(), t.payloadBytes(), Double.isNaN(t.ratePerSecond()) ? 0 : t.ratePerSecond()));
        }
        right.add("Clients                      conns      packets");
        for (StatsSnapshot.ClientRow c : s.clients().subList(0, Math.min(8, s.clients().size()))) {
            right.add(String.format(Locale.ROOT, " %-26s %,5d %,12d",
                    PacketsPane.cut(c.clientId().isEmpty() ? "(none)" : c.clientId(), 26), c.connections(),
                    c.packets()));
        }
        if (width < 130) {
            left.add("");
            left.addAll(right);
            return left;
        }
        int half = width / 2;
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Math.max(left.size(), right.size()); i++) {
            String l = i < left.size() ? PacketsPane.cut(left.get(i), half - 1) : "";
            String r = i < right.size() ? right.get(i) : "";
            out.add(l + " ".repeat(half - l.length()) + r);
        }
        return out;
    }
}
