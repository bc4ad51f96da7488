package org.mqttsniff.cli.output;

/**
 * A minimal streaming JSON writer for one-line documents. Hand-written because the output is a
 * public contract and a dependency would be more code than this; it only ever writes what the
 * caller asks, in the order asked, so key order in the output is stable.
 *
 * <p>Commas are placed by tracking, per open container, whether it already has an element.
 */
public final class JsonWriter {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder sb;
    /** Bit i set: the container at depth i already has an element. Depth is small (≤ 63). */
    private long hasElement;
    private int depth;
    private boolean afterName;

    public JsonWriter(StringBuilder sb) {
        this.sb = sb;
    }

    public JsonWriter() {
        this(new StringBuilder(256));
    }

    /** Empties the writer for the next document, keeping its buffer. */
    public JsonWriter reset() {
        sb.setLength(0);
        hasElement = 0;
        depth = 0;
        afterName = false;
        return this;
    }

    /** The document so far, without copying it into a String. */
    public CharSequence chars() {
        return sb;
    }

    public JsonWriter beginObject() {
        beforeValue();
        sb.append('{');
        push();
        return this;
    }

    public JsonWriter endObject() {
        pop();
        sb.append('}');
        return this;
    }

    public JsonWriter beginArray() {
        beforeValue();
        sb.append('[');
        push();
        return this;
    }

    public JsonWriter endArray() {
        pop();
        sb.append(']');
        return this;
    }

    public JsonWriter name(String name) {
        if (afterName) {
            throw new IllegalStateException("name after name: " + name);
        }
        beforeValue();
        string(name);
        sb.append(':');
        afterName = true;
        return this;
    }

    public JsonWriter value(String s) {
        beforeValue();
        string(s);
        return this;
    }

    public JsonWriter value(long n) {
        beforeValue();
        sb.append(n);
        return this;
    }

    /** A number already in JSON syntax (e.g. a decimal); the caller vouches for its form. */
    public JsonWriter rawNumber(String number) {
        beforeValue();
        sb.append(number);
        return this;
    }

    public JsonWriter value(boolean b) {
        beforeValue();
        sb.append(b);
        return this;
    }

    public JsonWriter field(String name, String s) {
        return name(name).value(s);
    }

    public JsonWriter field(String name, long n) {
        return name(name).value(n);
    }

    public JsonWriter field(String name, boolean b) {
        return name(name).value(b);
    }

    @Override
    public String toString() {
        return sb.toString();
    }

    private void beforeValue() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (depth > 0) {
            long bit = 1L << (depth - 1);
            if ((hasElement & bit) != 0) {
                sb.append(',');
            }
            hasElement |= bit;
        }
    }

    private void push() {
        if (depth == 63) {
            throw new IllegalStateException("JSON nested too deep");
        }
        depth++;
        hasElement &= ~(1L << (depth - 1));
    }

    private void pop() {
        if (depth == 0 || afterName) {
            throw new IllegalStateException("unbalanced JSON");
        }
        depth--;
    }

    /**
     * RFC 8259 §7: quote, backslash and control characters must be escaped; everything else may
     * appear as itself. Lone surrogates cannot be written as UTF-8, so they are escaped too.
     */
    private void string(String s) {
        sb.append('"');
        int n = s.length();
        int i = 0;
        // most strings (keys, topics, endpoints) need no escape: append them whole
        while (i < n) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || c >= 0x7F && (c == 0x7F || Character.isSurrogate(c))) {
                break;
            }
            i++;
        }
        if (i == n) {
            sb.append(s).append('"');
            return;
        }
        sb.append(s, 0, i);
        for (; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x7F || loneSurrogate(s, i)) {
                        unicodeEscape(c);
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    private static boolean loneSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
        }
        return false;
    }

    private void unicodeEscape(char c) {
        sb.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF]).append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
    }
}
