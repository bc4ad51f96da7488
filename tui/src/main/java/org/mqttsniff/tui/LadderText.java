package org.mqttsniff.tui;

/**
 * The lines of a ladder diagram, as text: no Lanterna here, so it is tested alone. Characters
 * carry every meaning (direction, malformed, QoS 2 brackets), so it reads the same without colour.
 *
 * <pre>
 *   time     partner  lanes step      client lane        arrow                 broker lane  right
 * "  0.000081 »        ┌1 │─ PUBLISH q2 id=1 "a" 2 B "hi" ──────────▶│ "
 * "  0.000121          ├2 │◀─ PUBREC id=1 ────────────────────────────│  0.040 ms"
 * "  0.000300            ╞═══ close fin ═══════════════════════════════╡"
 * </pre>
 */
final class LadderText {
    /** Columns before the client's lane: time, partner marker, QoS 2 lanes, step digit, a space. */
    static final int LEFT = 10 + 1 + FlowIndex.LANES + 1 + 1;
    /** Columns after the broker's lane, for latency and where the request is. */
    static final int RIGHT = 15;
    /** The arrows stop growing here: a ladder across a 200-column terminal is hard to follow. */
    static final int MAX_BODY = 100;

    private LadderText() {
    }

    /** Column of the broker's lane on a screen this wide. */
    static int brokerLane(int width) {
        return Math.min(width - RIGHT - 1, LEFT + 1 + MAX_BODY);
    }

    /** The QoS 2 lanes (lane 0 nearest the ladder) and the step digit. */
    static String gutter(byte mark) {
        int lane = FlowIndex.lane(mark);
        int step = FlowIndex.step(mark);
        int passing = FlowIndex.passing(mark);
        StringBuilder b = new StringBuilder();
        for (int l = FlowIndex.LANES - 1; l >= 0; l--) {
            if (l == lane) {
                boolean resend = (passing & (1 << l)) != 0;
                b.append(step == 1 && !resend ? '┌' : step == 4 ? '└' : '├');
            } else {
                b.append((passing & (1 << l)) != 0 ? '│' : ' ');
            }
        }
        return b.append(step == 0 ? ' ' : (char) ('0' + step)).toString();
    }

    /**
     * A packet's arrow between the lanes, {@code n} columns: {@code ─ label ───▶} to the broker,
     * {@code ◀─ label ────} to the client; a malformed packet's arrow is dashed and starts with ✗.
     */
    static String arrow(int n, boolean c2s, boolean malformed, String label) {
        char fill = malformed ? '╌' : '─';
        String head = c2s ? (malformed ? "✗ " : "─ ") : (malformed ? "◀✗ " : "◀─ ");
        String tail = c2s ? "▶" : "";
        int room = n - head.length() - tail.length() - 2;
        String text = PacketsPane.cut(label, Math.max(0, room));
        StringBuilder b = new StringBuilder(head).append(text).append(' ');
        while (b.length() < n - tail.length()) {
            b.append(fill);
        }
        b.append(tail);
        return b.length() > n ? b.substring(0, n) : b.toString();
    }

    /** A stream event across the ladder, lanes included ({@code n} columns from the client's lane to the broker's). */
    static String across(int n, int kind, String text) {
        char fill;
        char left;
        char right;
        switch (kind) {
            case PacketStore.OPEN, PacketStore.CLOSE -> {
                fill = '═';
                left = '╞';
                right = '╡';
            }
            case PacketStore.WARNING -> {
                fill = '-';
                left = '┼';
                right = '┼';
                text = "! " + text;
            }
            default -> {
                fill = '┄';
                left = '┼';
                right = '┼';
            }
        }
        StringBuilder b = new StringBuilder().append(left).append(fill).append(fill).append(' ')
                .append(PacketsPane.cut(text, Math.max(0, n - 7))).append(' ');
        while (b.length() < n - 1) {
            b.append(fill);
        }
        return b.append(right).toString();
    }

    /** The right column: a response's latency and, when its request is not the row above, how many rows up it is. */
    static String right(long latencyNanos, int back) {
        if (latencyNanos < 0) {
            return back > 1 ? "↑" + back : "";
        }
        return RowText.millis(latencyNanos) + (back > 1 ? " ↑" + back : "");
    }

    /** Seconds since the connection's first event. */
    static String time(long timeNanos, long first) {
        return String.format(java.util.Locale.ROOT, "%10.6f", (timeNanos - first) / 1e9);
    }

    /**
     * One ladder line for a packet, {@code width} columns: time, partner marker ({@code »} on the
     * request or response of the selected row), gutter, lanes and arrow, right column.
     */
    static String packet(int width, String time, boolean partner, byte mark, boolean c2s, boolean malformed,
                         String label, String right) {
        int r = brokerLane(width);
        return fit(time + (partner ? "»" : " ") + gutter(mark) + " │" + arrow(r - LEFT - 1, c2s, malformed, label)
                + "│ " + right, width);
    }

    static String event(int width, String time, byte mark, int kind, String text) {
        int r = brokerLane(width);
        return fit(time + " " + gutter(mark) + " " + across(r - LEFT + 1, kind, text), width);
    }

    private static String fit(String s, int width) {
        return s.length() > width ? s.substring(0, width) : s;
    }
}
