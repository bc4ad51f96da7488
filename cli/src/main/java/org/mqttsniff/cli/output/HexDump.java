package org.mqttsniff.cli.output;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

import org.mqttsniff.bytes.ByteSlice;

/**
 * A classic 16-bytes-per-row dump with a {@code ^^} line under one byte. Long packets keep the
 * start, the rows around the mark and the last row, so the interesting byte is never scrolled away.
 *
 * <pre>
 *   0000  82 0c 00 01 00 07 73 65  6e 73 6f 72 2f 23 03     ......sensor/#.
 *                                                   ^^
 * </pre>
 */
final class HexDump {
    private static final int ROW = 16;
    private static final int HEAD_ROWS = 4;
    private static final String INDENT = "  ";
    /** "  0000  " before the first byte. */
    private static final int HEX_COL = INDENT.length() + 6;

    private HexDump() {
    }

    /**
     * @param mark   byte to point at; at or past the end it points where the missing bytes would be
     * @param hidden bytes to print as {@code **} (secrets)
     */
    static List<String> lines(ByteSlice raw, int mark, IntPredicate hidden) {
        List<String> out = new ArrayList<>();
        int rows = Math.max(1, (raw.length() + ROW - 1) / ROW);
        int markRow = Math.min(Math.max(mark, 0) / ROW, rows - 1);
        boolean skipping = false;
        for (int r = 0; r < rows; r++) {
            boolean show = r < HEAD_ROWS || Math.abs(r - markRow) <= 1 || r == rows - 1;
            if (!show) {
                if (!skipping) {
                    out.add(INDENT + "....");
                }
                skipping = true;
                continue;
            }
            skipping = false;
            out.add(row(raw, r * ROW, hidden));
            if (r == markRow) {
                int i = Math.max(mark, 0) - r * ROW;
                out.add(" ".repeat(column(i)) + "^^" + (mark >= raw.length() ? " (the packet stops here)" : ""));
            }
        }
        return out;
    }

    private static String row(ByteSlice raw, int start, IntPredicate hidden) {
        StringBuilder hex = new StringBuilder(String.format("%s%04x  ", INDENT, start));
        StringBuilder text = new StringBuilder(ROW);
        for (int i = 0; i < ROW; i++) {
            int at = start + i;
            if (i == ROW / 2) {
                hex.append(' ');
            }
            if (at >= raw.length()) {
                hex.append("   ");
                continue;
            }
            int b = raw.get(at);
            boolean secret = hidden.test(at);
            hex.append(secret ? "**" : String.format("%02x", b)).append(' ');
            text.append(secret ? '*' : b >= 0x20 && b < 0x7F ? (char) b : '.');
        }
        return hex.append("   ").append(text).toString().stripTrailing();
    }

    /** Where byte {@code i} of a row starts on the line; i == ROW points just past the last byte. */
    private static int column(int i) {
        return HEX_COL + i * 3 + (i >= ROW / 2 ? 1 : 0);
    }
}
