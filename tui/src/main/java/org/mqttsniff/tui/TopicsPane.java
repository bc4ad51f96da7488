package org.mqttsniff.tui;

import java.util.List;
import java.util.Locale;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;

/**
 * The topics view: the tree of topics seen in PUBLISH and SUBSCRIBE ({@link TopicTree}), one line
 * per open node with its messages and payload bytes (its own and below it), a sparkline of them
 * over the capture, the last payload and whether it was retained; refreshed at most once a second.
 * Right and Left open and close a level; Enter shows the packets of the selected topic (filter
 * {@code topic == "a/b"}) or of everything under it ({@code topic ~ "a/#"}).
 */
final class TopicsPane {
    private static final long REFRESH_NANOS = 1_000_000_000L;
    private final PacketStore store;
    private final Theme theme;
    private PacketStore.Topics topics = new PacketStore.Topics(List.of(), 0, 0, 1);
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
            List<TopicTree.Line> before = topics.lines();
            String keep = selected < before.size() ? before.get(selected).path() : null;
            topics = store.topics();
            taken = t;
            // new topics come in name order, above the selected one too: the selection stays on its topic
            List<TopicTree.Line> lines = topics.lines();
            if (keep != null && (selected >= lines.size() || !lines.get(selected).path().equals(keep))) {
                select(keep);
            }
            selected = Math.max(0, Math.min(selected, lines.size() - 1));
        }
    }

    void move(int delta) {
        selected = Math.max(0, Math.min(topics.lines().size() - 1, selected + delta));
    }

    /** Right (true) or Left (false) on the selected node; Left on a closed or leaf node goes to its parent. */
    void expand(boolean open) {
        List<TopicTree.Line> lines = topics.lines();
        if (lines.isEmpty()) {
            return;
        }
        TopicTree.Line l = lines.get(selected);
        if (store.expandTopic(l.path(), open)) {
            refresh(true);
        } else if (!open && l.depth() > 0) {
            for (int i = selected - 1; i >= 0; i--) {
                if (lines.get(i).depth() == l.depth() - 1) {
                    selected = i;
                    break;
                }
            }
        }
    }

    /**
     * Searches the whole tree, closed levels too, from the selected line ({@link TopicTree#find});
     * selects the match, opening the levels above it. Null when nothing matches.
     */
    TopicTree.Found find(String text, int dir) {
        List<TopicTree.Line> lines = topics.lines();
        TopicTree.Found f = store.topics.find(text, lines.isEmpty() ? null : lines.get(selected).path(), dir);
        if (f != null) {
            refresh(true);
            select(f.path());
        }
        return f;
    }

    private void select(String path) {
        List<TopicTree.Line> lines = topics.lines();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).path().equals(path)) {
                selected = i;
                return;
            }
        }
    }

    /** The display filter for the selected node's packets, or null. */
    String selectedFilter() {
        List<TopicTree.Line> lines = topics.lines();
        if (lines.isEmpty()) {
            return null;
        }
        TopicTree.Line l = lines.get(selected);
        String quoted = "\"" + l.path().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        boolean filter = l.path().contains("+") || l.path().contains("#");
        if (filter) {
            return "topic ~ " + quoted; // a subscription's filter: the messages it would get
        }
        return l.leaf() ? "topic == " + quoted
                : "topic ~ \"" + (l.path() + "/#").replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Width of the name column: what is left after the numbers, the sparkline and the payload. */
    private static int nameWidth(int width) {
        int numbers = 30 + sparkWidth(width); // messages, payload bytes, subscriptions, the sparkline
        int payload = width >= 120 ? 30 : 18;
        return Math.max(16, Math.min(48, width - numbers - payload));
    }

    /** Sparkline characters: all the buckets when there is room, pairs of them at 80 columns. */
    private static int sparkWidth(int width) {
        return width >= 120 ? TopicTree.BUCKETS : TopicTree.BUCKETS / 2;
    }

    static String header(int width) {
        return String.format(Locale.ROOT, " %-" + nameWidth(width) + "s %9s %11s %4s %-" + sparkWidth(width)
                + "s %s", "Topic", "Messages", "Payload B", "Subs", "Over time", "Last payload");
    }

    static String line(TopicTree.Line t, int width) {
        String mark = t.leaf() ? "  " : t.expanded() ? "▾ " : "▸ ";
        String name = "  ".repeat(t.depth()) + mark + RowText.clean(t.name().isEmpty() ? "(empty level)" : t.name());
        String spark = TopicTree.sparkline(t.buckets(), sparkWidth(width));
        String last = t.own() == 0 ? "" : (t.lastRetain() ? "[retained] " : "") + t.lastPayload();
        return String.format(Locale.ROOT, " %-" + nameWidth(width) + "s %,9d %,11d %4s %s %s",
                PacketsPane.cut(name, nameWidth(width)), t.messages(), t.bytes(),
                t.subscriptions() == 0 ? "" : Long.toString(t.subscriptions()), spark, last);
    }

    void draw(TextGraphics g, int x0, int y0, int width, int height) {
        refresh(false);
        List<TopicTree.Line> lines = topics.lines();
        g.enableModifiers(SGR.BOLD);
        PacketsPane.put(g, x0, y0, width, header(width));
        g.disableModifiers(SGR.BOLD);
        int visible = height - 2;
        if (selected < top) {
            top = selected;
        } else if (selected >= top + visible) {
            top = selected - visible + 1;
        }
        for (int i = 0; i < visible; i++) {
            int k = top + i;
            if (k < lines.size() && k == selected) {
                if (theme.color) {
                    g.setBackgroundColor(TextColor.ANSI.BLUE);
                    g.setForegroundColor(TextColor.ANSI.WHITE_BRIGHT);
                } else {
                    g.enableModifiers(SGR.REVERSE);
                }
            }
            PacketsPane.put(g, x0, y0 + 1 + i, width, k < lines.size() ? line(lines.get(k), width) : "");
            g.clearModifiers();
            g.setForegroundColor(TextColor.ANSI.DEFAULT);
            g.setBackgroundColor(TextColor.ANSI.DEFAULT);
        }
        PacketsPane.put(g, x0, y0 + height - 1, width, String.format(Locale.ROOT,
                " %,d topic levels%s │ a sparkline character is %s │ → ← open, close │ Enter: these packets",
                topics.nodes(), topics.notTracked() > 0
                        ? String.format(Locale.ROOT, " (%,d messages to more topics not tracked)", topics.notTracked())
                        : "", span(topics.bucketNanos() * (TopicTree.BUCKETS / sparkWidth(width)))));
    }

    private static String span(long nanos) {
        long s = nanos / 1_000_000_000L;
        return s < 60 ? s + " s" : s < 3600 ? s / 60 + " min" : s / 3600 + " h";
    }
}
