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
    /**
     * Per byte (unsigned): 0 where it may appear as itself in a JSON string; else the letter of its
     * two-character escape ({@code \\n} ...), or {@code u} where only a u-escape will do. Controls,
     * quote and backslash must be escaped (RFC 8259 §7); DEL is escaped too, as it always was here.
     */
    private static final byte[] ESCAPE = new byte[256];

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPE[c] = 'u';
        }
        ESCAPE[0x7F] = 'u';
        ESCAPE['"'] = '"';
        ESCAPE['\\'] = '\\';
        ESCAPE['\n'] = 'n';
        ESCAPE['\r'] = 'r';
        ESCAPE['\t'] = 't';
        ESCAPE['\b'] = 'b';
        ESCAPE['\f'] = 'f';
    }

    /** The tens and ones digit of 0..99. */
    private static final byte[] TENS = new byte[100];
    private static final byte[] ONES = new byte[100];
    private static final long[] POW10 = new long[10];

    static {
        for (int i = 0; i < 100; i++) {
            TENS[i] = (byte) ('0' + i / 10);
            ONES[i] = (byte) ('0' + i % 10);
        }
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    /**
     * A member name encoded once, for a caller that names it in every document: {@link #name(Key)}
     * copies its bytes, with or without the comma, and looks nothing up.
     */
    public static final class Key {
        /** {@code ,"name":}; the name alone starts at index 1. */
        private final byte[] bytes;
        private final String name;

        private Key(String name) {
            JsonWriter w = new JsonWriter(name.length() + 8);
            w.put(',');
            w.string(name);
            w.put(':');
            this.bytes = Arrays.copyOf(w.buf, w.len);
            this.name = name;
        }

        public static Key of(String name) {
            return new Key(name);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final int KEY_SLOTS = 128;

    private byte[] buf;
    private int len;
    /** Where {@link #escapeTail} puts the bytes it moves, up to {@value #SCRATCH} of them; made when first needed. */
    private byte[] scratch;
    private static final int SCRATCH = 4096;
    /**
     * Keys are string literals, so every line names the same few String objects: each is encoded
     * once, as {@code "key":}, and found again by identity (a different but equal String merely
     * takes the slot over).
     */
    private final String[] keys = new String[KEY_SLOTS];
    private final byte[][] keyBytes = new byte[KEY_SLOTS][];
    /**
     * String values met twice in a row in their slot, encoded with their quotes, found again by
     * identity: type names, directions, reason texts, and a connection's client id and (as the
     * decoder reuses a repeated topic's String) its topics. A String seen once is only noted in
     * {@code seen}, so values that are new every time (a detail text) never cost a copy.
     */
    private static final int VALUE_SLOTS = 256;
    private static final int MAX_CACHED_VALUE = 256;
    private final String[] seen = new String[VALUE_SLOTS];
    private final String[] values = new String[VALUE_SLOTS];
    private final byte[][] valueBytes = new byte[VALUE_SLOTS][];
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

    /** The same as {@link #name(String)} with the key's name, without a lookup. */
    public JsonWriter name(Key key) {
        if (afterName) {
            throw new IllegalStateException("name after name: " + key);
        }
        byte[] k = key.bytes;
        int from = 1;
        if (depth > 0) {
            long bit = 1L << (depth - 1);
            if ((hasElement & bit) != 0) {
                from = 0;
            }
            hasElement |= bit;
        }
        bytes(k, from, k.length - from);
        afterName = true;
        return this;
    }

    public JsonWriter value(String s) {
        beforeValue();
        int slot = s.hashCode() & (VALUE_SLOTS - 1);
        if (values[slot] == s) {
            byte[] v = valueBytes[slot];
            bytes(v, 0, v.length);
            return this;
        }
        int start = len;
        string(s);
        if (seen[slot] == s && len - start <= MAX_CACHED_VALUE) {
            values[slot] = s;
            valueBytes[slot] = Arrays.copyOfRange(buf, start, len);
        }
        seen[slot] = s;
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

    /**
     * Members already encoded, each with its leading comma (as {@link #bytesFrom} copied them from
     * an earlier document), into an object that already has a member. The caller vouches for them.
     */
    public JsonWriter members(byte[] encoded) {
        long bit = depth > 0 ? 1L << (depth - 1) : 0;
        if (afterName || (hasElement & bit) == 0) {
            throw new IllegalStateException("members go after a member of an open object");
        }
        bytes(encoded, 0, encoded.length);
        return this;
    }

    /** A copy of what was written from {@code start} (a {@link #length()} taken earlier) on. */
    public byte[] bytesFrom(int start) {
        return Arrays.copyOfRange(buf, start, len);
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
        int end = from + n;
        int i = from;
        while (i < end && ESCAPE[buf[i] & 0xFF] == 0) {
            i++;
        }
        if (i < end) {
            escapeTail(i, end);
        } else {
            len = end;
        }
        put('"');
        return this;
    }

    /**
     * Escapes the bytes {@code buf[from, end)}, already copied in, where {@code buf[from]} is the
     * first that needs it: they move aside to a reused scratch array and come back escaped in one
     * forward pass (payloads of JSON text have quotes all along, so this path is a common one).
     */
    private void escapeTail(int from, int end) {
        int n = end - from;
        // a long tail (a large payload printed whole) gets an array of its own, so none is kept
        if (scratch == null && n <= SCRATCH) {
            scratch = new byte[SCRATCH];
        }
        byte[] tail = n <= SCRATCH ? scratch : new byte[n];
        System.arraycopy(buf, from, tail, 0, n);
        len = from;
        // room for the worst case, a u-escape per byte; a long tail counts first, so the buffer grows only as needed
        ensure((n <= SCRATCH ? 6 * n : n + escapedExtra(tail, n)) + 1);
        byte[] b = buf;
        int p = from;
        for (int k = 0; k < n; k++) {
            byte c = tail[k];
            byte e = ESCAPE[c & 0xFF];
            if (e == 0) {
                b[p++] = c;
            } else if (e != 'u') {
                b[p++] = '\\';
                b[p++] = e;
            } else {
                b[p++] = '\\';
                b[p++] = 'u';
                b[p++] = '0';
                b[p++] = '0';
                b[p++] = HEX[c >> 4 & 0xF];
                b[p++] = HEX[c & 0xF];
            }
        }
        len = p;
    }

    /** The bytes that escaping {@code b[0, n)} adds. */
    private static int escapedExtra(byte[] b, int n) {
        int extra = 0;
        for (int k = 0; k < n; k++) {
            byte e = ESCAPE[b[k] & 0xFF];
            if (e != 0) {
                extra += e == 'u' ? 5 : 1;
            }
        }
        return extra;
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

    public JsonWriter field(Key name, String s) {
        return name(name).value(s);
    }

    public JsonWriter field(Key name, long n) {
        return name(name).value(n);
    }

    public JsonWriter field(Key name, boolean b) {
        return name(name).value(b);
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
        if (n < 10) {
            buf[len++] = (byte) ('0' + n);
            return;
        }
        int digits = digits(n);
        int p = len + digits;
        // two digits per division, in int arithmetic once the value fits (frame numbers, lengths, ids)
        while (n > Integer.MAX_VALUE) {
            long q = n / 100;
            int r = (int) (n - q * 100);
            buf[--p] = ONES[r];
            buf[--p] = TENS[r];
            n = q;
        }
        int m = (int) n;
        while (m >= 100) {
            int q = m / 100;
            int r = m - q * 100;
            buf[--p] = ONES[r];
            buf[--p] = TENS[r];
            m = q;
        }
        if (m >= 10) {
            buf[--p] = ONES[m];
            buf[--p] = TENS[m];
        } else {
            buf[--p] = (byte) ('0' + m);
        }
        len += digits;
    }

    /** Decimal digits of {@code n > 0}. */
    private static int digits(long n) {
        int d = 1;
        for (long p = 10; d < 19 && n >= p; p *= 10) {
            d++;
        }
        return d;
    }

    /**
     * {@code units / 10^scale} as a plain JSON number, without trailing zeros in the fraction
     * (what {@code BigDecimal.valueOf(units).movePointLeft(scale).stripTrailingZeros().toPlainString()}
     * gives, without building it): {@code fixedPoint(1500, 3)} is {@code 1.5}. {@code scale} is 1 to 9.
     */
    public JsonWriter fixedPoint(long units, int scale) {
        beforeValue();
        long unit = POW10[scale];
        long whole = units / unit;
        long frac = Math.abs(units - whole * unit);
        if (units < 0 && whole == 0) {
            put('-'); // -0.5: the sign would get lost on the whole part
        }
        number(whole);
        if (frac != 0) {
            int digits = scale;
            while (frac % 10 == 0) {
                frac /= 10;
                digits--;
            }
            ensure(digits + 1);
            buf[len++] = '.';
            for (int i = len + digits - 1; i >= len; i--) {
                buf[i] = (byte) ('0' + frac % 10);
                frac /= 10;
            }
            len += digits;
        }
        return this;
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
                if (ESCAPE[c] != 0) {
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
