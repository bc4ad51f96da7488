package org.mqttsniff.cli.input;

import java.io.ByteArrayOutputStream;

import org.mqttsniff.cli.CliException;

/**
 * Hex text to bytes, for packets typed on the command line or kept in annotated files.
 *
 * <p>Whitespace separates groups of digits; each group must have an even number of digits, so
 * a dropped digit is caught where it happened instead of shifting every later byte by a nibble.
 * In files, {@code #} starts a comment that runs to the end of the line.
 */
public final class HexInput {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    /** The hex in one command-line argument; {@code argNumber} counts from 1, for messages. */
    public HexInput argument(String text, int argNumber) {
        parseLine(text, false, "argument " + argNumber);
        return this;
    }

    /** Hex from a file or stdin: several lines, with comments. */
    public HexInput file(String text, String name) {
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            parseLine(lines[i], true, name + " line " + (i + 1));
        }
        return this;
    }

    public byte[] bytes() {
        return bytes.toByteArray();
    }

    private void parseLine(String s, boolean comments, String where) {
        int groupStart = -1;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : ' ';
            boolean comment = comments && c == '#';
            if (Character.isWhitespace(c) || comment) {
                if (groupStart >= 0) {
                    group(s, groupStart, i, where);
                    groupStart = -1;
                }
                if (comment) {
                    return;
                }
            } else if (Character.digit(c, 16) >= 0 && c < 0x80) {
                if (groupStart < 0) {
                    groupStart = i;
                }
            } else {
                throw CliException.invalidInput("invalid hex at character " + (i + 1) + ": " + describe(s, i)
                        + " is not a hex digit (" + where + ")");
            }
        }
    }

    private void group(String s, int from, int to, String where) {
        if ((to - from) % 2 != 0) {
            throw CliException.invalidInput("invalid hex at character " + (from + 1) + ": odd number of hex digits in '"
                    + s.substring(from, to) + "', a byte takes two (" + where + ")");
        }
        for (int i = from; i < to; i += 2) {
            bytes.write(Character.digit(s.charAt(i), 16) << 4 | Character.digit(s.charAt(i + 1), 16));
        }
    }

    private static String describe(String s, int i) {
        int cp = s.codePointAt(i);
        return cp >= 0x20 && cp < 0x7F ? "'" + (char) cp + "'"
                : String.format("U+%04X", cp);
    }
}
