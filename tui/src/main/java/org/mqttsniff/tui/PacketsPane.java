package org.mqttsniff.tui;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;

import org.mqttsniff.bytes.ByteSlice;
import org.mqttsniff.mqtt.DecodeResult;
import org.mqttsniff.mqtt.Publish;
import org.mqttsniff.session.SnifferEvent;

/**
 * The packets view: the list (only its visible rows are read and drawn), the details pane with the
 * selected packet's field tree, and the hex pane with the selected field's bytes highlighted.
 * Everything about the selected packet is built once when the selection changes.
 */
final class PacketsPane {
    enum Focus { LIST, DETAILS, HEX }

    /** Narrower than this, details and hex are stacked under the list instead of side by side. */
    static final int SIDE_BY_SIDE = 150;
    private static final int HEX_WIDTH = 74;

    private final PacketStore store;
    private final Theme theme;
    private final boolean showSecrets;
    private final Map<Long, String> summaries = new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, String> e) {
            return size() > 512;
        }
    };

    FilterScan scan;
    long shown;
    long selected;
    long top;
    Focus focus = Focus.LIST;
    int listRows = 10;
    private String header;
    private int headerWidth;

    private long selectedId = -1;
    private SnifferEvent event;
    private List<RowText.Detail> details = List.of();
    private ByteSlice raw = ByteSlice.wrap(new byte[0]);
    private boolean[] secret = new boolean[0];
    int detailCursor;
    private int detailTop;
    private int hexTop;
    private int detailRows = 6;
    private int hexRows = 4;

    PacketsPane(PacketStore store, Theme theme, boolean showSecrets) {
        this.store = store;
        this.theme = theme;
        this.showSecrets = showSecrets;
    }

    /** Rows the list holds now (filtered or not), whether shown yet or not (pause). */
    long available() {
        return scan == null ? store.size() - store.firstId() : scan.size();
    }

    long idAt(long index) {
        return scan == null ? store.firstId() + index : scan.idAt(index);
    }

    /** The text a search looks in: connection, type and key fields. */
    /**
     * What a search looks in: the row as shown and, for a PUBLISH, its payload as sent, as the
     * topics tree's search does ({@code "t":9} finds the row that shows {@code "{\"t\":9}"}).
     */
    String searchText(long id) {
        Row r = store.row(id);
        if (r == null) {
            return "";
        }
        SnifferEvent e = store.event(id);
        String summary = summaries.get(id);
        if (summary == null) {
            summary = summaryOf(id, e);
        }
        String text = RowText.connection(r) + " " + RowText.type(r) + " " + summary;
        if (e instanceof SnifferEvent.Packet p && p.result() instanceof DecodeResult.Decoded d
                && d.packet() instanceof Publish pub && !pub.payload().isEmpty()) {
            // as UTF-8, with U+FFFD for what is not: one decode, not the escaping done for display
            text += "\n" + pub.payload().utf8();
        }
        return text;
    }

    String summary(long id) {
        String s = summaries.get(id);
        return s != null ? s : summaryOf(id, store.event(id));
    }

    private String summaryOf(long id, SnifferEvent e) {
        String s = e == null ? "(dropped)" : RowText.summary(e);
        summaries.put(id, s);
        return s;
    }

    void select(long index) {
        selected = Math.max(0, Math.min(index, shown - 1));
        if (selected < top) {
            top = selected;
        } else if (selected >= top + listRows) {
            top = selected - listRows + 1;
        }
        top = Math.max(0, top);
    }

    void move(int delta) {
        switch (focus) {
            case LIST -> select(selected + delta);
            case DETAILS -> detailCursor = Math.max(0, Math.min(details.size() - 1, detailCursor + delta));
            case HEX -> hexTop = Math.max(0, Math.min(hexLines() - 1, hexTop + delta));
        }
    }

    void page(int direction) {
        move(direction * Math.max(1, (focus == Focus.LIST ? listRows : focus == Focus.DETAILS ? detailRows : hexRows)
                - 1));
    }

    void home() {
        if (focus == Focus.LIST) {
            select(0);
        } else {
            move(Integer.MIN_VALUE / 2);
        }
    }

    void end() {
        if (focus == Focus.LIST) {
            select(shown - 1);
        } else {
            move(Integer.MAX_VALUE / 2);
        }
    }

    /** The id of the selected row, or -1 when the list is empty. */
    long selectedId() {
        return shown == 0 ? -1 : idAt(selected);
    }

    private void refreshSelection() {
        long id = selectedId();
        if (id == selectedId) {
            return;
        }
        selectedId = id;
        event = id < 0 ? null : store.event(id);
        detailCursor = 0;
        detailTop = 0;
        hexTop = 0;
        if (event == null) {
            details = List.of();
            raw = ByteSlice.wrap(new byte[0]);
            secret = new boolean[0];
            return;
        }
        details = RowText.details(event, showSecrets);
        raw = event instanceof SnifferEvent.Packet p ? p.result().raw() : ByteSlice.wrap(new byte[0]);
        secret = new boolean[raw.length()];
        if (!showSecrets && event instanceof SnifferEvent.Packet p) {
            markSecrets(org.mqttsniff.mqtt.PacketDecoder.explain(raw, p.result().version()).fields());
        }
        // start on the first field, not the header line, so the hex pane shows something highlighted
        for (int i = 0; i < details.size(); i++) {
            if (details.get(i).offset() >= 0) {
                detailCursor = i;
                break;
            }
        }
    }

    private void markSecrets(List<org.mqttsniff.mqtt.Field> fields) {
        for (org.mqttsniff.mqtt.Field f : fields) {
            if (f.secret()) {
                for (int i = f.offset(); i < Math.min(f.end(), secret.length); i++) {
                    secret[i] = true;
                }
            }
            markSecrets(f.children());
        }
    }

    // ---- drawing ----

    void draw(TextGraphics g, int x0, int y0, int width, int height) {
        boolean side = width >= SIDE_BY_SIDE;
        int lower = height * 11 / 20;
        listRows = Math.max(3, height - lower - 1);
        if (side) {
            detailRows = lower - 1;
            hexRows = lower - 1;
        } else {
            hexRows = Math.max(2, (lower - 2) * 2 / 5);
            detailRows = lower - 2 - hexRows;
        }
        select(selected);
        refreshSelection();
        drawList(g, x0, y0, width);
        int y = y0 + 1 + listRows;
        if (side) {
            int dw = width - HEX_WIDTH - 1;
            drawDetails(g, x0, y, dw);
            drawHex(g, x0 + dw + 1, y, HEX_WIDTH);
        } else {
            drawDetails(g, x0, y, width);
            drawHex(g, x0, y + 1 + detailRows, width);
        }
    }

    private int connWidth(int width) {
        return width >= 120 ? 20 : 12;
    }

    private void drawList(TextGraphics g, int x0, int y0, int width) {
        int cw = connWidth(width);
        g.setForegroundColor(TextColor.ANSI.DEFAULT);
        g.setBackgroundColor(TextColor.ANSI.DEFAULT);
        g.enableModifiers(SGR.BOLD);
        if (header == null || headerWidth != cw) {
            headerWidth = cw;
            header = String.format("%7s %10s %-" + cw + "s %s %-11s %s", "Frame", "Time", "Connection", " ", "Type",
                    "Key fields");
        }
        put(g, x0, y0, width, header);
        g.disableModifiers(SGR.BOLD);
        long first = store.firstTime();
        StringBuilder line = new StringBuilder(width + 16);
        for (int i = 0; i < listRows; i++) {
            long index = top + i;
            int y = y0 + 1 + i;
            if (index >= shown) {
                put(g, x0, y, width, "");
                continue;
            }
            long id = idAt(index);
            Row r = store.row(id);
            boolean sel = index == selected;
            line.setLength(0);
            if (r == null) {
                pad(line, "", 7).append(' ');
                pad(line, "", 10).append(" (dropped: older than the buffer keeps)");
                g.setForegroundColor(TextColor.ANSI.DEFAULT);
            } else {
                // "%7d %10s %-Ns %s %-11s %s" without a Formatter: this runs for every visible row
                pad(line, Long.toString(r.frame()), 7).append(' ');
                pad(line, RowText.time(r.timeNanos(), first), 10).append(' ');
                padRight(line, cut(RowText.connection(r), cw), cw).append(' ');
                line.append(RowText.arrow(r)).append(' ');
                padRight(line, RowText.type(r), 11).append(' ');
                line.append(summary(id));
                g.setForegroundColor(theme.forKind(r.kind(), r.malformed()));
            }
            if (sel) {
                selectStyle(g, focus == Focus.LIST);
            }
            put(g, x0, y, width, line.toString());
            plain(g);
        }
    }

    /** {@code s} right-aligned in {@code width} columns, as {@code %Ns} (longer: as it is). */
    private static StringBuilder pad(StringBuilder b, String s, int width) {
        for (int i = s.length(); i < width; i++) {
            b.append(' ');
        }
        return b.append(s);
    }

    /** {@code s} left-aligned in {@code width} columns, as {@code %-Ns}. */
    private static StringBuilder padRight(StringBuilder b, String s, int width) {
        b.append(s);
        for (int i = s.length(); i < width; i++) {
            b.append(' ');
        }
        return b;
    }

    private void selectStyle(TextGraphics g, boolean focused) {
        if (theme.color) {
            g.setBackgroundColor(focused ? TextColor.ANSI.BLUE : TextColor.ANSI.BLACK_BRIGHT);
            g.setForegroundColor(TextColor.ANSI.WHITE_BRIGHT);
        } else {
            g.enableModifiers(SGR.REVERSE);
        }
    }

    private void plain(TextGraphics g) {
        g.setForegroundColor(TextColor.ANSI.DEFAULT);
        g.setBackgroundColor(TextColor.ANSI.DEFAULT);
        g.clearModifiers();
    }

    private void drawDetails(TextGraphics g, int x0, int y0, int width) {
        title(g, x0, y0, width, "Details", focus == Focus.DETAILS);
        if (detailCursor < detailTop) {
            detailTop = detailCursor;
        } else if (detailCursor >= detailTop + detailRows) {
            detailTop = detailCursor - detailRows + 1;
        }
        for (int i = 0; i < detailRows; i++) {
            int k = detailTop + i;
            int y = y0 + 1 + i;
            if (k >= details.size()) {
                put(g, x0, y, width, "");
                continue;
            }
            RowText.Detail d = details.get(k);
            if (d.problem()) {
                g.setForegroundColor(theme.error());
            }
            if (k == detailCursor) {
                selectStyle(g, focus == Focus.DETAILS);
            }
            put(g, x0, y, width, " " + d.text());
            plain(g);
        }
    }

    private int bytesPerLine(int width) {
        return width >= HEX_WIDTH ? 16 : 8;
    }

    private int hexLines() {
        return Math.max(1, (raw.length() + 15) / 16);
    }

    private void drawHex(TextGraphics g, int x0, int y0, int width) {
        title(g, x0, y0, width, "Hex", focus == Focus.HEX);
        int per = bytesPerLine(width);
        RowText.Detail d = detailCursor < details.size() ? details.get(detailCursor) : null;
        int from = d == null ? -1 : d.offset();
        int to = d == null ? -1 : d.offset() + Math.max(d.length(), d.problem() ? 1 : 0);
        int lines = (raw.length() + per - 1) / per;
        if (focus != Focus.HEX && from >= 0) {
            // keep the highlighted bytes in view
            int line = from / per;
            if (line < hexTop || line >= hexTop + hexRows) {
                hexTop = Math.max(0, line - 1);
            }
        }
        hexTop = Math.max(0, Math.min(hexTop, lines - 1));
        StringBuilder b = new StringBuilder(width);
        for (int i = 0; i < hexRows; i++) {
            int y = y0 + 1 + i;
            int line = hexTop + i;
            int start = line * per;
            if (start >= raw.length()) {
                put(g, x0, y, width, "");
                continue;
            }
            // " 0010  xx xx ...  ascii": one string for the line, then the highlighted bytes over it
            int end = Math.min(start + per, raw.length());
            b.setLength(0);
            // " %04x  ", where a longer offset runs into the first byte's column as it always did
            String offset = Integer.toHexString(start);
            b.append(' ').append("0000", Math.min(4, offset.length()), 4).append(offset).append("  ");
            b.setLength(7);
            for (int at = start; at < start + per; at++) {
                if (at < end) {
                    b.append(secret[at] ? "**" : hexPair(raw.get(at))).append(' ');
                } else {
                    b.append("   ");
                }
            }
            b.append(' ');
            for (int at = start; at < end; at++) {
                b.append(secret[at] ? '*' : printable(raw.get(at)));
            }
            put(g, x0, y, width, b.toString());
            int hiFrom = Math.max(from, start);
            int hiTo = Math.min(to, end);
            if (hiFrom < hiTo) {
                highlight(g, d.problem());
                for (int at = hiFrom; at < hiTo; at++) {
                    int bx = 7 + (at - start) * 3;
                    if (bx + 2 <= width) {
                        put(g, x0 + bx, y, 2, b.substring(bx, bx + 2));
                    }
                }
                int ax = 7 + per * 3 + 1 + (hiFrom - start);
                if (ax < width) {
                    put(g, x0 + ax, y, Math.min(hiTo - hiFrom, width - ax), b.substring(ax, ax + (hiTo - hiFrom)));
                }
                plain(g);
            }
        }
    }

    private static final String[] HEX_PAIRS = new String[256];

    static {
        for (int i = 0; i < 256; i++) {
            HEX_PAIRS[i] = String.format("%02x", i);
        }
    }

    private static String hexPair(int b) {
        return HEX_PAIRS[b & 0xff];
    }

    private void highlight(TextGraphics g, boolean problem) {
        if (theme.color) {
            g.setBackgroundColor(problem ? TextColor.ANSI.RED : TextColor.ANSI.YELLOW);
            g.setForegroundColor(TextColor.ANSI.BLACK);
        } else {
            g.enableModifiers(SGR.REVERSE);
        }
    }

    private static char printable(int b) {
        int c = b & 0xff;
        return c >= 0x20 && c < 0x7f ? (char) c : '.';
    }

    private void title(TextGraphics g, int x0, int y, int width, String name, boolean focused) {
        g.setForegroundColor(focused ? theme.highlight() : TextColor.ANSI.DEFAULT);
        if (focused) {
            g.enableModifiers(SGR.BOLD);
        }
        String head = "── " + name + (focused ? " (focus) " : " ");
        put(g, x0, y, width, head + "─".repeat(Math.max(0, width - head.length())));
        plain(g);
    }

    static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, Math.max(0, max - 1)) + "…";
    }

    /** Writes {@code text} cut or padded to exactly {@code width} columns, so old content is overwritten. */
    static void put(TextGraphics g, int x, int y, int width, String text) {
        Cells.put(g, x, y, width, text);
    }
}
