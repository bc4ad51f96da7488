package org.mqttsniff.cli.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import org.mqttsniff.bytes.ByteSlice;
import org.mqttsniff.mqtt.DecodeResult;
import org.mqttsniff.mqtt.Field;
import org.mqttsniff.mqtt.PacketDecoder;
import org.mqttsniff.mqtt.StreamDecoder;

/**
 * The teaching view: every field of every packet with its value, its bytes and what it is for.
 *
 * <pre>
 * PUBLISH  (MQTT 3.1.1, 17 bytes)
 *   Fixed header                                     30 0f          Packet type, flags and how many
 *                                                                   bytes follow
 *     Packet Type       PUBLISH (3)                  30             Publish message
 * </pre>
 *
 * Columns are sized per packet from its content, capped so a line fits {@link #WIDTH} columns;
 * a cell too wide for its column pushes the following cells to the next line, at their columns,
 * so the columns stay aligned. Meanings wrap inside their column.
 */
public final class TextPacketWriter implements StreamDecoder.Listener {
    static final int WIDTH = 100;
    private static final int BASE_INDENT = 2;
    private static final int GAP = 2;
    private static final int MAX_NAME = 30;
    /** Most values (numbers, codes, short strings) fit; longer ones push the row's rest to the next line. */
    private static final int MAX_VALUE = 22;
    private static final int MIN_VALUE = 12;
    /** Meanings are sentences: narrower than this and they wrap into towers. */
    private static final int MIN_MEANING = 40;
    /** Three bytes then "…": enough to see a length prefix and the start of the data. */
    private static final int SHOWN_BYTES = 3;
    private static final int BYTES_WIDTH = SHOWN_BYTES * 3 + 1;

    private final PrintWriter out;
    private final RenderOptions options;
    private boolean first = true;

    public TextPacketWriter(PrintWriter out, RenderOptions options) {
        this.out = out;
        this.options = options;
    }

    @Override
    public void packet(long offset, DecodeResult r) {
        separate();
        out.println(r.typeName() + "  (" + r.version() + ", " + r.length() + " bytes)");
        ByteSlice raw = r.raw();
        List<Field> fields = PacketDecoder.explain(raw, r.version()).fields();
        new Table(raw, fields).print();
        if (r instanceof DecodeResult.Malformed m) {
            malformedLine(m);
            boolean mask = !options.showSecrets();
            for (String line : HexDump.lines(raw, m.offset(), i -> mask && Secrets.isSecretByte(fields, i))) {
                out.println(line);
            }
        }
    }

    /** The reason, then the detail wrapped under it: the rule tag at the end of a detail must stay visible. */
    private void malformedLine(DecodeResult.Malformed m) {
        String head = " ".repeat(BASE_INDENT) + "MALFORMED (" + m.reason().key() + ") at byte " + m.offset() + ":";
        String cont = " ".repeat(BASE_INDENT + 2);
        StringBuilder line = new StringBuilder(head);
        for (String word : m.detail().split(" ")) {
            if (line.length() + 1 + word.length() > WIDTH && line.length() > cont.length()) {
                out.println(line);
                line.setLength(0);
                line.append(cont).append(word);
            } else {
                line.append(' ').append(word);
            }
        }
        out.println(line);
    }

    @Override
    public void desync(long offset, long skipped, String why) {
        separate();
        out.println("DESYNC at input byte " + offset + ": skipped " + skipped + " byte" + (skipped == 1 ? "" : "s")
                + " looking for the next packet (" + why + ")");
    }

    private void separate() {
        if (!first) {
            out.println();
        }
        first = false;
    }

    /** One packet's field tree laid out in columns. */
    private final class Table {
        private final ByteSlice raw;
        private final List<Field> fields;
        private final int valueCol;
        private final int bytesCol;
        private final int meaningCol;

        Table(ByteSlice raw, List<Field> fields) {
            this.raw = raw;
            this.fields = fields;
            int[] widest = new int[2];
            measure(fields, BASE_INDENT, widest);
            valueCol = Math.min(widest[0], BASE_INDENT + MAX_NAME) + GAP;
            int roomForValue = WIDTH - MIN_MEANING - GAP - BYTES_WIDTH - GAP - valueCol;
            int valueWidth = Math.min(widest[1], Math.max(MIN_VALUE, Math.min(MAX_VALUE, roomForValue)));
            bytesCol = valueCol + valueWidth + GAP;
            meaningCol = bytesCol + BYTES_WIDTH + GAP;
        }

        void print() {
            print(fields, BASE_INDENT);
        }

        private void measure(List<Field> fs, int indent, int[] widest) {
            for (Field f : fs) {
                widest[0] = Math.max(widest[0], indent + f.name().length());
                widest[1] = Math.max(widest[1], value(f).length());
                measure(f.children(), indent + 2, widest);
            }
        }

        private void print(List<Field> fs, int indent) {
            for (Field f : fs) {
                row(" ".repeat(indent) + f.name(), value(f), bytes(f), f.meaning());
                print(f.children(), indent + 2);
            }
        }

        private String value(Field f) {
            return f.shownValue(options.showSecrets());
        }

        private String bytes(Field f) {
            int from = Math.min(f.offset(), raw.length());
            int to = Math.min(f.end(), raw.length());
            if (to <= from) {
                return "";
            }
            if (f.secret() && !options.showSecrets()) {
                return PacketJson.MASK;
            }
            ByteSlice b = raw.slice(from, Math.min(to, from + SHOWN_BYTES));
            return b.spacedHex() + (to - from > SHOWN_BYTES ? " …" : "");
        }

        private void row(String name, String value, String bytes, String meaning) {
            StringBuilder line = new StringBuilder(WIDTH);
            line.append(name);
            cell(line, valueCol, cut(value, WIDTH - valueCol));
            cell(line, bytesCol, bytes);
            List<String> parts = wrap(meaning, WIDTH - meaningCol);
            for (int i = 0; i < parts.size(); i++) {
                if (i > 0) {
                    emit(line);
                }
                cell(line, meaningCol, parts.get(i));
            }
            emit(line);
        }

        /** Writes {@code text} at {@code col}, first moving to a new line if the previous cell ran into it. */
        private void cell(StringBuilder line, int col, String text) {
            if (text.isEmpty()) {
                return;
            }
            if (line.length() > col - GAP) {
                emit(line);
            }
            line.append(" ".repeat(col - line.length())).append(text);
        }

        private void emit(StringBuilder line) {
            if (!line.isEmpty()) {
                out.println(line.toString().stripTrailing());
            }
            line.setLength(0);
        }
    }

    static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, Math.max(0, max - 1)) + "…";
    }

    /** Splits at spaces into lines of at most {@code width}; a word longer than that is cut. */
    static List<String> wrap(String s, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String word : s.strip().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            if (!cur.isEmpty() && cur.length() + 1 + word.length() > width) {
                lines.add(cur.toString());
                cur.setLength(0);
            }
            cur.append(cur.isEmpty() ? "" : " ").append(cut(word, width));
        }
        if (!cur.isEmpty()) {
            lines.add(cur.toString());
        }
        return lines;
    }
}
