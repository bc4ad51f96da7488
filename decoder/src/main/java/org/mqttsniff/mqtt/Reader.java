package org.mqttsniff.mqtt;

import org.mqttsniff.bytes.ByteSlice;
import org.mqttsniff.bytes.Utf8;

/**
 * A bounded cursor over one packet's bytes, with the decoding context: version, type and,
 * when explaining, the field recorder. Every read checks the bound and throws a
 * {@link DecodeException} naming the field, so packet decoders read like the spec's tables.
 * Offsets are relative to the packet's first byte.
 */
final class Reader {
    // not final: a stream decoder reuses one Reader for all its packets (see reset)
    byte[] b;
    private int base;
    private int pos;
    private int end;
    /** The version in force; CONNECT sets it from its protocol level. */
    MqttVersion version;
    PacketType type;
    int flags;
    /** Null unless explaining: every recording call checks it first, so plain decoding pays nothing. */
    FieldRecorder rec;
    /** The stream direction's recent Topic Names, or null (a packet decoded on its own). */
    private TopicMemo topics;
    /**
     * Null unless this reader's packets are forgotten as soon as they are counted (see
     * {@link StreamDecoder#resultsForgottenAfterCall}): then a packet's raw bytes and its rest (a
     * PUBLISH payload) are these two views, pointed anew for each packet, not slices of their own.
     */
    private ByteSlice rawView;
    private ByteSlice restView;

    Reader(byte[] b, int base, int bodyStart, int end, MqttVersion version, PacketType type, int flags,
           FieldRecorder rec, TopicMemo topics) {
        reset(b, base, bodyStart, end, version, type, flags, rec, topics);
    }

    /** Sets this reader up for another packet, as the constructor does; no packet keeps its Reader. */
    Reader reset(byte[] b, int base, int bodyStart, int end, MqttVersion version, PacketType type, int flags,
                 FieldRecorder rec, TopicMemo topics) {
        // A reused reader lives long (old generation), where every reference store costs a GC
        // barrier; from one packet to the next these are mostly the same, so store only changes.
        if (this.b != b) {
            this.b = b;
        }
        this.base = base;
        this.pos = bodyStart;
        this.end = end;
        if (this.version != version) {
            this.version = version;
        }
        if (this.type != type) {
            this.type = type;
        }
        this.flags = flags;
        if (this.rec != rec) {
            this.rec = rec;
        }
        if (this.topics != topics) {
            this.topics = topics;
        }
        return this;
    }

    /**
     * After a packet: a reader whose packets are copies of their own lets go of the last one's
     * bytes; one reading a shared array (see {@link #viewsForForgottenPackets}) keeps pointing at it.
     */
    void done() {
        if (rawView == null) {
            b = null;
        }
    }

    /** Is a field tree being built? Call sites guard display strings with it, so plain decoding builds none. */
    boolean explaining() {
        return rec != null;
    }

    boolean v5() {
        return version.isV5();
    }

    int off() {
        return pos - base;
    }

    int remaining() {
        return end - pos;
    }

    boolean more() {
        return pos < end;
    }

    /** The rule tag for this version: 3.1 has no numbered rules, so it borrows 3.1.1's. */
    String rule(String v311, String v5) {
        String r = v5() ? v5 : v311;
        return r == null ? "" : " [" + r + "]";
    }

    DecodeException fail(MalformedReason reason, int offset, String detail) {
        return new DecodeException(reason, offset, detail);
    }

    private void need(int n, String field) {
        if (end - pos < n) {
            throw fail(MalformedReason.FIELD_OVERRUN, off(),
                    field + ": needs " + n + " byte" + (n == 1 ? "" : "s") + ", only " + (end - pos) + " left in the packet");
        }
    }

    int u8(String field) {
        need(1, field);
        return b[pos++] & 0xFF;
    }

    int u16(String field) {
        need(2, field);
        int v = ((b[pos] & 0xFF) << 8) | (b[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    /**
     * The two-byte length in front of a string or binary field. The name for the error is built only
     * on failure: it was concatenated for every string decoded, a tenth of what decoding allocated.
     */
    private int lengthOf(String field) {
        if (end - pos < 2) {
            need(2, field + " length");
        }
        int v = ((b[pos] & 0xFF) << 8) | (b[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    long u32(String field) {
        need(4, field);
        long v = ((long) (b[pos] & 0xFF) << 24) | ((b[pos + 1] & 0xFF) << 16) | ((b[pos + 2] & 0xFF) << 8)
                | (b[pos + 3] & 0xFF);
        pos += 4;
        return v;
    }

    /** Variable Byte Integer (MQTT 5.0 §1.5.5): up to 4 bytes, minimal encoding. */
    int varInt(String field) {
        int start = pos;
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int d = u8(field);
            value |= (d & 0x7F) << (7 * i);
            if ((d & 0x80) == 0) {
                if (i > 0 && d == 0) {
                    throw fail(MalformedReason.NON_MINIMAL_INTEGER, start - base,
                            field + ": Variable Byte Integer is not in its shortest form [MQTT-1.5.5-1]");
                }
                return value;
            }
        }
        throw fail(MalformedReason.VARIABLE_INTEGER_TOO_LONG, start - base,
                field + ": Variable Byte Integer longer than 4 bytes [MQTT 5.0 §1.5.5]");
    }

    /** A length-prefixed UTF-8 string, checked as MQTT 3.1.1 §1.5.3 / 5.0 §1.5.4 require. */
    String utf8(String field) {
        int start = pos;
        int len = lengthOf(field);
        if (end - pos < len) {
            throw fail(MalformedReason.FIELD_OVERRUN, start - base,
                    field + ": string length " + len + " but only " + (end - pos) + " bytes left in the packet");
        }
        int bad = Utf8.firstError(b, pos, len);
        if (bad >= 0) {
            throw fail(MalformedReason.INVALID_UTF8, pos + bad - base,
                    field + ": ill-formed UTF-8" + rule("MQTT-1.5.3-1", "MQTT-1.5.4-1"));
        }
        int nul = Utf8.firstNul(b, pos, len);
        if (nul >= 0) {
            throw fail(MalformedReason.NUL_IN_STRING, pos + nul - base,
                    field + ": contains U+0000" + rule("MQTT-1.5.3-2", "MQTT-1.5.4-2"));
        }
        String s = new String(b, pos, len, java.nio.charset.StandardCharsets.UTF_8);
        pos += len;
        return s;
    }

    /**
     * A PUBLISH's Topic Name: {@link #utf8}, or the String decoded from the same bytes a few
     * packets ago on this stream direction ({@link TopicMemo}).
     */
    String topicName(String field) {
        int start = pos;
        if (topics != null && end - pos >= 2) {
            int len = ((b[pos] & 0xFF) << 8) | (b[pos + 1] & 0xFF);
            if (end - pos - 2 >= len) {
                String known = topics.find(b, pos + 2, len);
                if (known != null) {
                    pos += 2 + len;
                    return known;
                }
            }
        }
        String s = utf8(field);
        if (topics != null) {
            topics.remember(b, start + 2, pos - start - 2, s);
        }
        return s;
    }

    /** Binary Data: two-byte length then bytes (MQTT 5.0 §1.5.6). */
    ByteSlice binary(String field) {
        int start = pos;
        int len = lengthOf(field);
        if (end - pos < len) {
            throw fail(MalformedReason.FIELD_OVERRUN, start - base,
                    field + ": length " + len + " but only " + (end - pos) + " bytes left in the packet");
        }
        return take(len);
    }

    /** Narrows the readable region to the next {@code n} bytes; returns the old end for {@link #popLimit}. */
    int pushLimit(int n) {
        int old = end;
        end = pos + n;
        return old;
    }

    void popLimit(int oldEnd) {
        end = oldEnd;
    }

    ByteSlice take(int n) {
        ByteSlice s = ByteSlice.wrap(b, pos, n);
        pos += n;
        return s;
    }

    ByteSlice rest() {
        if (restView == null) {
            return take(end - pos);
        }
        ByteSlice s = restView.view(b, pos, end - pos);
        pos = end;
        return s;
    }

    /** From now on, packets read with this reader are forgotten once counted: see {@link #rawView}. */
    void viewsForForgottenPackets() {
        rawView = ByteSlice.reusableView();
        restView = ByteSlice.reusableView();
    }

    /** The packet's raw bytes, {@code b[off, off + len)}: a view of its own, or the reused one. */
    ByteSlice raw(byte[] b, int off, int len) {
        return rawView == null ? ByteSlice.wrap(b, off, len) : rawView.view(b, off, len);
    }

    /** Reads a packet identifier and rejects 0 (MQTT 3.1.1 §2.3.1, 5.0 §2.2.1). */
    int packetId() {
        int start = pos;
        int id = u16("Packet Identifier");
        if (id == 0) {
            throw fail(MalformedReason.ZERO_PACKET_ID, start - base,
                    "Packet Identifier must not be 0" + rule("MQTT-2.3.1-1", "MQTT-2.2.1-3"));
        }
        if (rec != null) {
            field("Packet Identifier", start, id, "Matches this packet with its acknowledgment");
        }
        return id;
    }

    /** A one-byte reason code, checked against the codes defined for this packet type and version. */
    int reasonCode(String field) {
        int at = pos;
        int code = u8(field);
        java.util.Optional<String> name = ReasonCodes.name(type, version, code);
        if (name.isEmpty()) {
            String where = version.isV5() ? "MQTT 5.0 §2.4" : type == PacketType.SUBACK ? "MQTT-3.9.3-2" : "MQTT 3.1.1 §3.2.2.3";
            throw fail(MalformedReason.INVALID_REASON_CODE, at - base,
                    String.format("%s 0x%02X is not defined for %s in %s [%s]", field, code, type, version, where));
        }
        if (rec != null) {
            field(field, at, String.format("0x%02X %s", code, name.get()),
                    ReasonCodes.isFailure(type, version, code) ? "Failure" : "Success");
        }
        return code;
    }

    // --- explanations: each call is a no-op unless explaining ---

    void field(String name, int start, Object value, String meaning) {
        if (rec != null) {
            rec.leaf(name, start - base, pos - base, String.valueOf(value), meaning, false);
        }
    }

    void secret(String name, int start, Object value, String meaning) {
        leaf(name, start, String.valueOf(value), meaning, true);
    }

    void leaf(String name, int start, String value, String meaning, boolean secret) {
        if (rec != null) {
            rec.leaf(name, start - base, pos - base, value, meaning, secret);
        }
    }

    /** A buffer position as an offset in the packet. */
    int rel(int abs) {
        return abs - base;
    }

    /** Position in the buffer, for {@link #field}'s start argument. */
    int mark() {
        return pos;
    }

    void open(String name, String meaning) {
        if (rec != null) {
            rec.open(name, pos - base, meaning);
        }
    }

    void close() {
        close("");
    }

    void close(String value) {
        if (rec != null) {
            rec.close(pos - base, value);
        }
    }
}
