package org.mqttsniff.cli.output;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.mqttsniff.bytes.ByteSlice;

/**
 * A minimal streaming JSON writer for one-line documents. Hand-written because the output is a
 * public contract and a dependency would be more code than this; it only ever writes what the
 * caller asks, in the order asked, so key order in the output is stable.
 *
 * <p>It writes UTF-8 (RFC 8259 §8.1) straight into a reusable byte buffer, which {@link #writeTo}
 * hands to a stream: a line of {@code -T json} is never a String, and is never encoded twice.
 *
 * <p>Commas are placed by tracking, per open container, whether it already has an element.
 */
public final class JsonWriter {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    /** Bytes that cannot appear as themselves in a JSON string: controls, quote, backslash, and DEL. */
    private static final boolean[] ESCAPED = new boolean[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPED[c] = true;
        }
        ESCAPED['"'] = true;
        ESCAPED['\\'] = true;
        ESCAPED[0x7F] = true;
    }

    private static final int KEY_SLOTS = 128;

    private byte[] buf;
    private int len;
    /**
     * Keys are string literals, so every line names the same few String objects: each is encoded
     * once, as {@code "key":}, and found again by identity (a different but equal String merely
     * takes the slot over).
     */
    private final String[] keys = new String[KEY_SLOTS];
    private final byte[][] keyBytes = new byte[KEY_SLOTS][];
    /** Bit i set: the container at depth i already has an element. Depth is small (≤ 63). */
    private long hasElement;
    private int depth;
    private boolean afterName;

    public JsonWriter() {
        this(256);
    }

    /** With room for {@code capacity} bytes before the buffer grows. */
    public JsonWriter(int capacity) {
        this.buf = new byte[Math.max(16, capacity)];
    }

    /** Empties the writer for the next document, keeping its buffer. */
    public JsonWriter reset() {
        len = 0;
        hasElement = 0;
        depth = 0;
        afterName = false;
        return this;
    }

    /** The document so far as text (a copy). */
    public CharSequence chars() {
        return toString();
    }

    /** Bytes written so far. */
    public int length() {
        return len;
    }

    /** Ends the line after a complete document: JSON lines are separated by a newline. */
    public JsonWriter endLine() {
        if (depth != 0) {
            throw new IllegalStateException("line ends inside the document");
        }
        put('\n');
        return this;
    }

    /** Writes the document so far, as UTF-8, to {@code out}. */
    public void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, len);
    }

    public JsonWriter beginObject() {
        beforeValue();
        put('{');
        push();
        return this;
    }

    public JsonWriter endObject() {
        pop();
        put('}');
        return this;
    }

    public JsonWriter beginArray() {
        beforeValue();
        put('[');
        push();
        return this;
    }

    public JsonWriter endArray() {
        pop();
        put(']');
        return this;
    }

    public JsonWriter name(String name) {
        if (afterName) {
            throw new IllegalStateException("name after name: " + name);
        }
        beforeValue();
        int slot = name.hashCode() & (KEY_SLOTS - 1);
        byte[] k = keyBytes[slot];
        if (keys[slot] == name) {
            bytes(k, 0, k.length);
        } else {
            int start = len;
            string(name);
            put(':');
            keys[slot] = name;
            keyBytes[slot] = Arrays.copyOfRange(buf, start, len);
        }
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
        number(n);
        return this;
    }

    /** A number already in JSON syntax (e.g. a decimal); the caller vouches for its form. */
    public JsonWriter rawNumber(String number) {
        beforeValue();
        ascii(number);
        return this;
    }

    public JsonWriter value(boolean b) {
        beforeValue();
        bytes(b ? TRUE : FALSE, 0, b ? 4 : 5);
        return this;
    }

    /** A string given as well-formed UTF-8 bytes (checked by the caller): they are copied, escaping only ASCII. */
    public JsonWriter utf8Value(ByteSlice utf8) {
        beforeValue();
        int n = utf8.length();
        ensure(n + 2);
        buf[len++] = '"';
        int from = len;
        utf8.copyTo(buf, from);
        len += n;
        for (int i = from; i < len; i++) {
            int c = buf[i];
            if (c >= 0 && ESCAPED[c]) {
                // rare: redo the rest with escapes, from the bytes already in place
                byte[] rest = Arrays.copyOfRange(buf, i, len);
                len = i;
                for (byte b : rest) {
                    utf8Byte(b);
                }
                break;
            }
        }
        put('"');
        return this;
    }

    /**
     * A string value whose text is plain ASCII without anything to escape (a time, an address),
     * already encoded: {@code quoted} holds it with its quotes. The caller vouches for its form.
     */
    public JsonWriter quotedAscii(byte[] quoted, int off, int n) {
        beforeValue();
        bytes(quoted, off, n);
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
        return new String(buf, 0, len, StandardCharsets.UTF_8);
    }

    private void beforeValue() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (depth > 0) {
            long bit = 1L << (depth - 1);
            if ((hasElement & bit) != 0) {
                put(',');
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

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }

    private void put(char c) {
        ensure(1);
        buf[len++] = (byte) c;
    }

    private void bytes(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
    }

    /** Text known to be ASCII. */
    private void ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) s.charAt(i);
        }
    }

    private void number(long n) {
        if (n == Long.MIN_VALUE) {
            ascii(Long.toString(n));
            return;
        }
        ensure(20);
        if (n < 0) {
            buf[len++] = '-';
            n = -n;
        }
        int digits = 1;
        for (long t = n; t >= 10; t /= 10) {
            digits++;
        }
        for (int i = len + digits - 1; i >= len; i--) {
            buf[i] = (byte) ('0' + n % 10);
            n /= 10;
        }
        len += digits;
    }

    /**
     * RFC 8259 §7: quote, backslash and control characters must be escaped; everything else may
     * appear as itself (DEL is escaped too, as it always was here). Lone surrogates cannot be
     * written as UTF-8, so they are escaped.
     */
    private void string(String s) {
        int n = s.length();
        // worst case 6 bytes per char (a u-escape); reserving it up front keeps the loop free of checks
        ensure(6 * n + 2);
        buf[len++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (ESCAPED[c]) {
                    escape(c);
                } else {
                    buf[len++] = (byte) c;
                }
            } else if (c < 0x800) {
                buf[len++] = (byte) (0xC0 | c >> 6);
                buf[len++] = (byte) (0x80 | c & 0x3F);
            } else if (!Character.isSurrogate(c)) {
                threeBytes(c);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                buf[len++] = (byte) (0xF0 | cp >> 18);
                buf[len++] = (byte) (0x80 | cp >> 12 & 0x3F);
                buf[len++] = (byte) (0x80 | cp >> 6 & 0x3F);
                buf[len++] = (byte) (0x80 | cp & 0x3F);
            } else {
                unicodeEscape(c);
            }
        }
        buf[len++] = '"';
    }

    private void threeBytes(char c) {
        buf[len++] = (byte) (0xE0 | c >> 12);
        buf[len++] = (byte) (0x80 | c >> 6 & 0x3F);
        buf[len++] = (byte) (0x80 | c & 0x3F);
    }

    /** One byte of a well-formed UTF-8 string, escaped if it must be. */
    private void utf8Byte(byte b) {
        ensure(6);
        if (b >= 0 && ESCAPED[b]) {
            escape((char) b);
        } else {
            buf[len++] = b;
        }
    }

    /** Needs 6 bytes of room. */
    private void escape(char c) {
        switch (c) {
            case '"' -> two('"');
            case '\\' -> two('\\');
            case '\n' -> two('n');
            case '\r' -> two('r');
            case '\t' -> two('t');
            case '\b' -> two('b');
            case '\f' -> two('f');
            default -> unicodeEscape(c);
        }
    }

    private void two(char c) {
        buf[len++] = '\\';
        buf[len++] = (byte) c;
    }

    /** Needs 6 bytes of room. */
    private void unicodeEscape(char c) {
        buf[len++] = '\\';
        buf[len++] = 'u';
        buf[len++] = HEX[c >> 12 & 0xF];
        buf[len++] = HEX[c >> 8 & 0xF];
        buf[len++] = HEX[c >> 4 & 0xF];
        buf[len++] = HEX[c & 0xF];
    }
}
