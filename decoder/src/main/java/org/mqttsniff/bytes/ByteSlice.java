package org.mqttsniff.bytes;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable view of bytes. Records in the model hold these instead of {@code byte[]}
 * so that equality compares content, not references. The one exception is a
 * {@link #reusableView()}, which its owner moves from frame to frame on the hot path.
 *
 * <p>The array is never handed out: callers that need bytes get a copy, or write them
 * to a destination with {@link #copyTo}.
 */
public final class ByteSlice {
    public static final ByteSlice EMPTY = new ByteSlice(new byte[0], 0, 0);
    private static final HexFormat HEX = HexFormat.of();

    // not final only for a reusable view (see reusableView); every other slice never changes
    private byte[] array;
    private int offset;
    private int length;
    private final boolean reusable;

    private ByteSlice(byte[] array, int offset, int length) {
        this(array, offset, length, false);
    }

    private ByteSlice(byte[] array, int offset, int length, boolean reusable) {
        this.array = array;
        this.offset = offset;
        this.length = length;
        this.reusable = reusable;
    }

    /**
     * A view that its owner points at other bytes again and again ({@link #view}): a capture
     * reader's frame, a parser's payload. It saves an object per frame on the paths where each
     * frame is done with before the next (see {@code FrameSource.nextView}); whoever gets one
     * must copy what it keeps, and keep neither the view nor a reference to it.
     */
    public static ByteSlice reusableView() {
        return new ByteSlice(EMPTY.array, 0, 0, true);
    }

    /** Points this reusable view at {@code array[offset, offset + length)}; returns it. */
    public ByteSlice view(byte[] array, int offset, int length) {
        if (!reusable) {
            throw new IllegalStateException("only a reusableView() can be pointed elsewhere");
        }
        if (offset < 0 || length < 0 || offset > array.length - length) {
            throw new IndexOutOfBoundsException("slice " + offset + "+" + length + " of " + array.length);
        }
        // a view lives long (old generation): a reference store costs a GC barrier, and the array is mostly the same
        if (this.array != array) {
            this.array = array;
        }
        this.offset = offset;
        this.length = length;
        return this;
    }

    /** Points the reusable view {@code target} at bytes {@code from..to} of this slice; returns it. */
    public ByteSlice viewInto(ByteSlice target, int from, int to) {
        if (from < 0 || to > length || from > to) {
            throw new IndexOutOfBoundsException("slice " + from + ".." + to + " of " + length);
        }
        return target.view(array, offset + from, to - from);
    }

    /** Wraps without copying; the caller promises never to change those bytes again. */
    public static ByteSlice wrap(byte[] array, int offset, int length) {
        if (offset < 0 || length < 0 || offset > array.length - length) {
            throw new IndexOutOfBoundsException("slice " + offset + "+" + length + " of " + array.length);
        }
        return length == 0 ? EMPTY : new ByteSlice(array, offset, length);
    }

    public static ByteSlice wrap(byte[] array) {
        return wrap(array, 0, array.length);
    }

    public static ByteSlice copyOf(byte[] array, int offset, int length) {
        return wrap(Arrays.copyOfRange(array, offset, offset + length));
    }

    public static ByteSlice utf8(String s) {
        return wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Parses hex digits; whitespace and ':' between bytes are ignored. */
    public static ByteSlice fromHex(String hex) {
        StringBuilder digits = new StringBuilder(hex.length());
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            if (!Character.isWhitespace(c) && c != ':') {
                digits.append(c);
            }
        }
        return wrap(HEX.parseHex(digits));
    }

    public int length() {
        return length;
    }

    public boolean isEmpty() {
        return length == 0;
    }

    public int get(int index) {
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException(index);
        }
        return array[offset + index] & 0xFF;
    }

    /** Big-endian (network order) unsigned 16-bit value at {@code index}: one bounds check for two bytes. */
    public int getU16(int index) {
        if (index < 0 || index > length - 2) {
            throw new IndexOutOfBoundsException(index);
        }
        int i = offset + index;
        return (array[i] & 0xFF) << 8 | array[i + 1] & 0xFF;
    }

    /** Big-endian (network order) unsigned 32-bit value at {@code index}. */
    public long getU32(int index) {
        return getInt(index) & 0xFFFF_FFFFL;
    }

    /** Big-endian 32-bit value at {@code index}, as a (possibly negative) int. */
    public int getInt(int index) {
        if (index < 0 || index > length - 4) {
            throw new IndexOutOfBoundsException(index);
        }
        int i = offset + index;
        return array[i] << 24 | (array[i + 1] & 0xFF) << 16 | (array[i + 2] & 0xFF) << 8 | array[i + 3] & 0xFF;
    }

    public ByteSlice slice(int from, int to) {
        if (from < 0 || to > length || from > to) {
            throw new IndexOutOfBoundsException("slice " + from + ".." + to + " of " + length);
        }
        return wrap(array, offset + from, to - from);
    }

    public byte[] toArray() {
        return Arrays.copyOfRange(array, offset, offset + length);
    }

    public void copyTo(byte[] dest, int destOffset) {
        System.arraycopy(array, offset, dest, destOffset, length);
    }

    /** Copies bytes {@code from..to} of this slice to {@code dest}, without making a sub-slice. */
    public void copyTo(int from, int to, byte[] dest, int destOffset) {
        if (from < 0 || to > length || from > to) {
            throw new IndexOutOfBoundsException("copy " + from + ".." + to + " of " + length);
        }
        System.arraycopy(array, offset + from, dest, destOffset, to - from);
    }

    public String hex() {
        return HEX.formatHex(array, offset, offset + length);
    }

    /** Hex with a space between bytes, for people. */
    public String spacedHex() {
        StringBuilder sb = new StringBuilder(length * 3);
        for (int i = 0; i < length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(HEX.toHexDigits(array[offset + i]));
        }
        return sb.toString();
    }

    public boolean isValidUtf8() {
        return Utf8.firstError(array, offset, length) < 0;
    }

    /** Decodes as UTF-8; only meaningful when {@link #isValidUtf8()}. */
    public String utf8() {
        return new String(array, offset, length, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ByteSlice other
                && Arrays.equals(array, offset, offset + length, other.array, other.offset, other.offset + other.length);
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = offset; i < offset + length; i++) {
            h = 31 * h + array[i];
        }
        return h;
    }

    @Override
    public String toString() {
        return length <= 64 ? "0x" + hex() : "0x" + slice(0, 64).hex() + "...(" + length + " bytes)";
    }
}
