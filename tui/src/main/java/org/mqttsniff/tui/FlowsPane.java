package org.mqttsniff.tui;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;

import org.mqttsniff.mqtt.PacketType;
import org.mqttsniff.session.SnifferEvent;
import org.mqttsniff.session.Summary;

/**
 * The flows view: a list of connections, and for one connection a ladder diagram between client
 * and broker, one arrow per packet in time order (see {@link LadderText}). Both draw only their
 * visible rows: the connection's rows come from {@link FlowIndex}, and a row's label is rebuilt
 * from its packet's bytes when it is on screen.
 */
final class FlowsPane {
    enum Mode { LIST, LADDER }

    private final PacketStore store;
    private final FlowIndex index;
    private final Theme theme;
    private final Map<Long, String> labels = new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, String> e) {
            return size() > 512;
        }
    };

    Mode mode = Mode.LIST;
    int listSelected;
    /** The selected connection's stream: a live store drops closed connections, and the selection stays on its own. */
    private int listStream = -1;
    private int listTop;
    private int listRows = 10;
    /** The connection of the ladder, and its selected and top rows as positions in that connection. */
    int stream = -1;
    long selected;
    private long top;
    private int ladderRows = 10;
    /** Rows with ids below this are shown: pause holds it where it was, so the ladder and the list stop growing. */
    long upTo = Long.MAX_VALUE;

    FlowsPane(PacketStore store, Theme theme) {
        this.store = store;
        this.index = store.flows;
        this.theme = theme;
    }

    // ---- keys ----

    void move(long delta) {
        if (mode == Mode.LIST) {
            long to = relocate() + delta;
            selectConnection((int) Math.max(0, Math.min(index.connections(upTo) - 1L, to)));
        } else {
            selected = clamp(selected + delta);
        }
    }

    void page(int direction) {
        move((long) direction * Math.max(1, (mode == Mode.LIST ? listRows : ladderRows) - 1));
    }

    /**
     * A tick of the UI: rows up to {@code upTo} are shown (the UI does not call this while
     * paused); with {@code follow} the newest is selected: the connection's newest row in a ladder,
     * the newest connection in the list.
     */
    void tick(long upTo, boolean follow) {
        this.upTo = upTo;
        if (!follow) {
            return;
        }
        if (mode == Mode.LADDER) {
            long[] r = range();
            if (r != null && r[0] < r[1]) {
                selected = r[1] - 1;
            }
        } else {
            selectConnection(Math.max(0, index.connections(upTo) - 1));
        }
    }

    /**
     * A search from the selected row (or connection) in direction {@code dir}: in a ladder through
     * its rows' arrow labels (type and key fields), in the list through the connections' lines.
     */
    Find find(String text, int dir) {
        if (mode == Mode.LADDER) {
            long[] r = range();
            return new Find(text, r == null ? 0 : r[0], r == null ? 0 : r[1], selected, dir, this::searchText,
                    pos -> selected = pos);
        }
        return new Find(text, 0, index.connections(upTo), relocate(), dir, i -> {
            List<FlowIndex.Info> c = index.connections((int) i, 1);
            return c.isEmpty() ? null : listLine(c.get(0), 200);
        }, i -> selectConnection((int) i));
    }

    private void selectConnection(int i) {
        listSelected = i;
        List<FlowIndex.Info> c = index.connections(i, 1);
        listStream = c.isEmpty() ? -1 : c.get(0).stream();
    }

    /** Puts the list's selection back on its connection when connections above it were dropped; its place. */
    private int relocate() {
        int at = listStream < 0 ? -1 : index.indexOf(listStream);
        if (at >= 0 && at != listSelected) {
            listTop = Math.max(0, listTop + at - listSelected);
            listSelected = at;
        }
        return listSelected;
    }

    /** What a search looks at on a ladder row: its arrow's label (without caching it: a search passes many rows). */
    private String searchText(long pos) {
        long[] a = index.at(stream, pos);
        Row r = a == null ? null : store.row(a[0]);
        if (r == null) {
            return null;
        }
        String cached = labels.get(r.id());
        return cached != null ? cached : makeLabel(r, pos, (int) a[1], (byte) 0);
    }

    private long[] range() {
        return index.range(stream, store.firstId(), upTo);
    }

    /** Enter in the list: opens the selected connection's ladder at its first row. */
    void open() {
        if (mode == Mode.LIST) {
            List<FlowIndex.Info> c = index.connections(relocate(), 1);
            if (!c.isEmpty()) {
                openAt(c.get(0).stream(), -1);
            }
        }
    }

    /** Opens a connection's ladder at the row {@code id} (or its first row, for -1). */
    void openAt(int stream, long id) {
        mode = Mode.LADDER;
        if (stream != this.stream) {
            this.stream = stream;
            top = 0;
            selected = 0;
        }
        int at = index.indexOf(stream);
        if (at >= 0) {
            selectConnection(at);
        }
        selected = clamp(id < 0 ? 0 : index.positionOf(stream, id));
        top = Math.max(0, selected - ladderRows / 2); // the packet in the middle (drawing keeps top in range)
    }

    /** Esc or Backspace: from the ladder back to the list; false when already there. */
    boolean back() {
        if (mode == Mode.LADDER) {
            mode = Mode.LIST;
            return true;
        }
        return false;
    }

    /** The row id of the ladder's selected row, or -1 (in the list, or the row was dropped). */
    long selectedRow() {
        if (mode != Mode.LADDER) {
            return -1;
        }
        long[] a = index.at(stream, selected);
        return a == null || store.row(a[0]) == null ? -1 : a[0];
    }

    private long clamp(long pos) {
        long[] r = range();
        if (r == null) {
            return 0;
        }
        return Math.max(r[0], Math.min(r[1] - 1, pos));
    }

    // ---- drawing ----

    void draw(TextGraphics g, int x0, int y0, int width, int height) {
        if (mode == Mode.LIST) {
            drawList(g, x0, y0, width, height);
        } else {
            drawLadder(g, x0, y0, width, height);
        }
    }

    static String listLine(FlowIndex.Info c, int width) {
        String client = c.client() == null ? "?" : c.client().toString();
        if (width >= 110 && c.server() != null) {
            client += " → " + c.server();
        }
        int cw = width >= 110 ? 46 : 22;
        return String.format(Locale.ROOT, " %6d  %-22s %-" + cw + "s %-5s %,9d  %s", c.stream(),
                PacketsPane.cut(RowText.clean(c.clientId().isEmpty() ? "(no CONNECT)" : c.clientId()), 22),
                PacketsPane.cut(client, cw), c.version(), c.packets(), c.closed() ? "closed" : "open");
    }

    private void drawList(TextGraphics g, int x0, int y0, int width, int height) {
        int n = index.connections(upTo);
        selectConnection(Math.max(0, Math.min(relocate(), n - 1)));
        listRows = Math.max(1, height - 2);
        if (listSelected < listTop) {
            listTop = listSelected;
        } else if (listSelected >= listTop + listRows) {
            listTop = listSelected - listRows + 1;
        }
        listTop = Math.max(0, Math.min(listTop, Math.max(0, n - listRows)));
        g.enableModifiers(SGR.BOLD);
        int cw = width >= 110 ? 46 : 22;
        PacketsPane.put(g, x0, y0, width, String.format(" %6s  %-22s %-" + cw + "s %-5s %9s  %s", "Stream",
                "Client id", width >= 110 ? "Client → broker" : "Client", "MQTT", "Packets", "State"));
        g.disableModifiers(SGR.BOLD);
        List<FlowIndex.Info> rows = index.connections(listTop, Math.min(listRows, n - listTop));
        for (int i = 0; i < listRows; i++) {
            if (i < rows.size() && listTop + i == listSelected) {
                select(g);
            }
            PacketsPane.put(g, x0, y0 + 1 + i, width, i < rows.size() ? listLine(rows.get(i), width) : "");
            plain(g);
        }
        PacketsPane.put(g, x0, y0 + height - 1, width, String.format(Locale.ROOT,
                " %,d connections   Enter: its ladder diagram (client ↔ broker)", n));
    }

    private void drawLadder(TextGraphics g, int x0, int y0, int width, int height) {
        ladderRows = Math.max(1, height - 3);
        FlowIndex.Info info = index.info(stream);
        long[] range = range();
        header(g, x0, y0, width, info);
        if (range == null || range[0] >= range[1]) {
            for (int i = 0; i < ladderRows; i++) {
                PacketsPane.put(g, x0, y0 + 2 + i, width, i == 0 ? " (this connection's rows were dropped: older"
                        + " than the buffer keeps)" : "");
            }
            PacketsPane.put(g, x0, y0 + height - 1, width, " Esc: back to the connections");
            return;
        }
        selected = Math.max(range[0], Math.min(range[1] - 1, selected));
        if (selected < top) {
            top = selected;
        } else if (selected >= top + ladderRows) {
            top = selected - ladderRows + 1;
        }
        top = Math.max(range[0], Math.min(top, Math.max(range[0], range[1] - ladderRows)));
        FlowIndex.Slice s = index.slice(stream, top, ladderRows);
        // the selected row's request (it is a response), and the rows that answer it (it is a request)
        int selAt = (int) (selected - s.from());
        long partner = selAt >= 0 && selAt < s.size() && s.back()[selAt] > 0 ? selected - s.back()[selAt] : -1;
        for (int i = 0; i < ladderRows; i++) {
            int y = y0 + 2 + i;
            if (i >= s.size()) {
                PacketsPane.put(g, x0, y, width, "");
                continue;
            }
            long pos = s.from() + i;
            boolean mate = pos == partner || (s.back()[i] > 0 && pos - s.back()[i] == selected);
            Row r = store.row(s.ids()[i]);
            String line;
            if (r == null) {
                line = String.format("%10s  %s", "", "(dropped: older than the buffer keeps)");
            } else {
                String time = LadderText.time(r.timeNanos(), info.firstTimeNanos());
                String label = label(r, pos, s.back()[i], s.marks()[i]);
                line = r.isPacket()
                        ? LadderText.packet(width, time, mate, s.marks()[i], r.c2s(), r.malformed(), label,
                        LadderText.right(r.latencyNanos(), s.back()[i]))
                        : LadderText.event(width, time, s.marks()[i], r.kind(), label);
                g.setForegroundColor(theme.forKind(r.kind(), r.malformed()));
            }
            if (pos == selected) {
                select(g);
            }
            PacketsPane.put(g, x0, y, width, line);
            plain(g);
        }
        PacketsPane.put(g, x0, y0 + height - 1, width, String.format(Locale.ROOT,
                " %,d/%,d  Enter: this packet  Esc: list  » request/response  ↑n: request n rows up  ┌1..└4: QoS 2",
                selected - range[0] + 1, range[1] - range[0]));
    }

    /** Two lines over the lanes: client id and "broker", then their endpoints. */
    private void header(TextGraphics g, int x0, int y0, int width, FlowIndex.Info info) {
        int lane = LadderText.brokerLane(width);
        String id = info == null || info.clientId().isEmpty() ? "client #" + stream : RowText.clean(info.clientId());
        String ends = info == null || info.client() == null ? "" : info.client().toString();
        String server = info == null || info.server() == null ? "" : info.server().toString();
        g.enableModifiers(SGR.BOLD);
        PacketsPane.put(g, x0, y0, width, overLanes("  Time (s)", id, "broker", lane) + "  latency");
        g.disableModifiers(SGR.BOLD);
        PacketsPane.put(g, x0, y0 + 1, width, overLanes("", ends, server, lane));
    }

    /** {@code left} from the client's lane, {@code right} ending on the broker's lane. */
    static String overLanes(String time, String left, String right, int lane) {
        StringBuilder b = new StringBuilder(String.format("%-" + LadderText.LEFT + "s", time));
        b.append(PacketsPane.cut(left, Math.max(0, lane + 1 - b.length() - right.length() - 2)));
        while (b.length() < lane + 1 - right.length()) {
            b.append(' ');
        }
        return b.append(right).toString();
    }

    /** What an arrow says: type and key fields, warnings, and on a PUBCOMP the whole QoS 2 exchange's time. */
    private String label(Row r, long pos, int back, byte mark) {
        String cached = labels.get(r.id());
        if (cached != null) {
            return cached;
        }
        String label = makeLabel(r, pos, back, mark);
        labels.put(r.id(), label);
        return label;
    }

    private String makeLabel(Row r, long pos, int back, byte mark) {
        SnifferEvent e = store.event(r.id());
        String label;
        if (e == null) {
            label = "(dropped)";
        } else if (e instanceof SnifferEvent.Packet p) {
            StringBuilder b = new StringBuilder();
            if (!p.warnings().isEmpty()) {
                b.append("! ");
            }
            b.append(Summary.of(p.result(), p.topic(), p.topicAlias()));
            if (FlowIndex.step(mark) == 4 && r.kind() == PacketType.PUBCOMP.code()) {
                long start = qos2Start(pos, back);
                if (start != Long.MIN_VALUE) {
                    b.append("  QoS 2 done in ").append(RowText.millis(r.timeNanos() - start));
                }
            }
            if (!p.warnings().isEmpty()) {
                b.append("  ! ").append(p.warnings().get(0));
            }
            label = RowText.clean(b.toString());
        } else {
            label = RowText.type(r) + " " + RowText.summary(e);
        }
        return label;
    }

    /** The time of the PUBLISH that a PUBCOMP ends, three requests back; MIN_VALUE when one of them was not kept. */
    private long qos2Start(long pos, int back) {
        for (int step = 0; step < 3; step++) {
            if (back <= 0) {
                return Long.MIN_VALUE;
            }
            pos -= back;
            long[] a = index.at(stream, pos);
            if (a == null) {
                return Long.MIN_VALUE;
            }
            if (step < 2) {
                back = (int) a[1];
            } else {
                Row publish = store.row(a[0]);
                return publish == null ? Long.MIN_VALUE : publish.timeNanos();
            }
        }
        return Long.MIN_VALUE;
    }

    private void select(TextGraphics g) {
        if (theme.color) {
            g.setBackgroundColor(TextColor.ANSI.BLUE);
            g.setForegroundColor(TextColor.ANSI.WHITE_BRIGHT);
        } else {
            g.enableModifiers(SGR.REVERSE);
        }
    }

    private static void plain(TextGraphics g) {
        g.setForegroundColor(TextColor.ANSI.DEFAULT);
        g.setBackgroundColor(TextColor.ANSI.DEFAULT);
        g.clearModifiers();
    }
}
