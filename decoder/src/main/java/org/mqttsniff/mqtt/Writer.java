package org.mqttsniff.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.mqttsniff.bytes.ByteSlice;

/** A growable byte buffer with MQTT's data representations (MQTT 5.0 §1.5), for the encoder. */
final class Writer {
    private byte[] buf;
    private int size;

    Writer(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    int size() {
        return size;
    }

    private void ensure(int n) {
        if (size + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
        }
    }

    void u8(int v) {
        ensure(1);
        buf[size++] = (byte) v;
    }

    void u16(int v) {
        ensure(2);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
    }

    void u32(long v) {
        ensure(4);
        buf[size++] = (byte) (v >>> 24);
        buf[size++] = (byte) (v >>> 16);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
    }

    void varInt(int v) {
        if (v < 0 || v > VarInt.MAX) {
            throw new IllegalArgumentException("Variable Byte Integer out of range: " + v);
        }
        do {
            int d = v & 0x7F;
            v >>>= 7;
            u8(v > 0 ? d | 0x80 : d);
        } while (v > 0);
    }

    void utf8(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        u16(b.length);
        bytes(b, 0, b.length);
    }

    void binary(ByteSlice s) {
        u16(s.length());
        bytes(s);
    }

    void bytes(ByteSlice s) {
        ensure(s.length());
        s.copyTo(buf, size);
        size += s.length();
    }

    void bytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }

    void append(Writer other) {
        bytes(other.buf, 0, other.size);
    }

    byte[] toArray() {
        return Arrays.copyOf(buf, size);
    }
}
