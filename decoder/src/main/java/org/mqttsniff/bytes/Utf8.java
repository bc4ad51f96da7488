package org.mqttsniff.bytes;

/**
 * Strict UTF-8 validation as RFC 3629 defines it: no overlong forms, no surrogates
 * (U+D800..U+DFFF), nothing above U+10FFFF. MQTT 3.1.1 §1.5.3 and 5.0 §1.5.4 require
 * exactly this, and also forbid U+0000, which {@link #firstNul} finds.
 */
public final class Utf8 {
    private Utf8() {
    }

    /** Index (relative to {@code off}) of the first byte of an ill-formed sequence, or -1. */
    public static int firstError(byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        while (i < end) {
            int c = b[i];
            if (c >= 0) {
                i++;
                continue;
            }
            c &= 0xFF;
            int need;
            int min;
            if (c >= 0xC2 && c <= 0xDF) {
                need = 1;
                min = 0x80;
            } else if (c >= 0xE0 && c <= 0xEF) {
                need = 2;
                min = 0x800;
            } else if (c >= 0xF0 && c <= 0xF4) {
                need = 3;
                min = 0x10000;
            } else {
                return i - off;
            }
            if (i + need >= end) {
                return i - off; // the sequence is cut off by the end of the field
            }
            int cp = c & (0x3F >> need);
            for (int k = 1; k <= need; k++) {
                int cc = b[i + k] & 0xFF;
                if ((cc & 0xC0) != 0x80) {
                    return i - off;
                }
                cp = (cp << 6) | (cc & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                return i - off;
            }
            i += need + 1;
        }
        return -1;
    }

    /** Index (relative to {@code off}) of the first NUL byte, or -1. */
    public static int firstNul(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (b[i] == 0) {
                return i - off;
            }
        }
        return -1;
    }
}
