package org.mqttsniff.mqtt;

import java.util.List;

import org.mqttsniff.bytes.ByteSlice;

/**
 * Parses one packet from an exact-length slice: the fixed header, then the body by type.
 * Framing (finding where a packet ends in a stream) is {@link Framer}'s job.
 */
public final class PacketDecoder {
    private PacketDecoder() {
    }

    /** A decode with the field tree, for the teaching view and hex highlighting. */
    public record Explained(DecodeResult result, List<Field> fields) {
    }

    /**
     * Decodes the packet that fills {@code packet} exactly. {@code version} is the connection's
     * version; a CONNECT brings its own.
     */
    public static DecodeResult decode(ByteSlice packet, MqttVersion version) {
        byte[] b = packet.toArray();
        return decode(b, 0, b.length, version, null);
    }

    public static Explained explain(ByteSlice packet, MqttVersion version) {
        byte[] b = packet.toArray();
        FieldRecorder rec = new FieldRecorder();
        DecodeResult result = decode(b, 0, b.length, version, rec);
        return new Explained(result, rec.finish(b.length));
    }

    /**
     * Decodes {@code b[off..off+len)}, which must hold exactly one packet. The caller gives up
     * ownership of those bytes: strings are copied out, payloads are views of them.
     */
    static DecodeResult decode(byte[] b, int off, int len, MqttVersion version, FieldRecorder rec) {
        return decode(b, off, len, version, rec, null);
    }

    /** The same, with the stream direction's recent Topic Names to reuse (see {@link TopicMemo}). */
    static DecodeResult decode(byte[] b, int off, int len, MqttVersion version, FieldRecorder rec, TopicMemo topics) {
        return decode(b, off, len, version, rec, topics, null);
    }

    /** The same, reading with {@code spare} (when not null) instead of a new {@link Reader}: one allocation less per packet. */
    static DecodeResult decode(byte[] b, int off, int len, MqttVersion version, FieldRecorder rec, TopicMemo topics,
                               Reader spare) {
        // a reader whose packets are forgotten once counted reuses one view for this (see Reader.raw);
        // decoding the same bytes again (as 5.0) points it at the same bytes
        ByteSlice raw = spare != null ? spare.raw(b, off, len) : ByteSlice.wrap(b, off, len);
        if (len == 0) {
            return new DecodeResult.Malformed(-1, version, MalformedReason.TRUNCATED,
                    "no bytes: a packet has at least 2", 0, raw, 0);
        }
        int first = b[off] & 0xFF;
        int typeCode = first >>> 4;
        int flags = first & 0x0F;
        PacketType type = PacketType.of(typeCode);
        String name = type.nameIn(version);
        long h = Framer.parse(b, off, len);
        if (rec != null) {
            rec.open("Fixed header", 0, "Packet type, flags and how many bytes follow");
            rec.leaf("Packet Type", 0, 1, type.nameIn(version) + " (" + typeCode + ")", type.description(), false);
            rec.leaf("Flags", 0, 1, flagsText(type, flags), flagsMeaning(type), false);
            if (h >= 0) {
                rec.leaf("Remaining Length", 1, Framer.headerLength(h), String.valueOf(Framer.remainingLength(h)),
                        "Bytes after the fixed header (Variable Byte Integer)", false);
            }
            rec.close(h >= 0 ? Framer.headerLength(h) : len, "");
        }
        if (h == Framer.TOO_LONG) {
            return malformed(typeCode, version, MalformedReason.REMAINING_LENGTH_TOO_LONG, 4, raw, len,
                    tooLongDetail(name, version));
        }
        if (h == Framer.NEED_MORE) {
            return malformed(typeCode, version, MalformedReason.TRUNCATED, len, raw, len,
                    name + ": the packet ends inside its Remaining Length");
        }
        int hl = Framer.headerLength(h);
        int total = hl + Framer.remainingLength(h);
        if (total > len) {
            return malformed(typeCode, version, MalformedReason.TRUNCATED, len, raw, len,
                    name + ": Remaining Length " + Framer.remainingLength(h) + " needs " + (total - len)
                            + " more bytes than there are");
        }
        if (typeCode == 0 || !type.existsIn(version)) {
            return malformed(typeCode, version, MalformedReason.RESERVED_TYPE, 0, raw, len,
                    "packet type " + typeCode + " is reserved" + (typeCode == 15 ? " before MQTT 5.0" : "")
                            + (version.isV5() ? " [MQTT 5.0 §2.1.2]" : " [MQTT 3.1.1 §2.2.1]"));
        }
        if (type != PacketType.PUBLISH && flags != type.requiredFlags() && !dupAllowedIn31(type, flags, version)) {
            return malformed(typeCode, version, MalformedReason.INVALID_FLAGS, 0, raw, len,
                    String.format("%s: reserved flags must be %s, got %s%s", name, bits(type.requiredFlags()), bits(flags),
                            flagsRule(type, version)));
        }
        if (version.isV5() && Framer.isNonMinimal(h)) {
            return malformed(typeCode, version, MalformedReason.NON_MINIMAL_INTEGER, 1, raw, len,
                    name + ": Remaining Length is not in its shortest form [MQTT-1.5.5-1]");
        }
        Reader r = spare != null ? spare.reset(b, off, off + hl, off + total, version, type, flags, rec, topics)
                : new Reader(b, off, off + hl, off + total, version, type, flags, rec, topics);
        try {
            MqttPacket p = body(r, type);
            if (r.more()) {
                throw r.fail(MalformedReason.TRAILING_BYTES, r.off(),
                        r.remaining() + " byte" + (r.remaining() == 1 ? "" : "s") + " left over after the last field");
            }
            if (total < len) {
                return malformed(typeCode, r.version, MalformedReason.TRAILING_BYTES, total, raw, len,
                        name + ": " + (len - total) + " bytes after the end the Remaining Length gives");
            }
            return new DecodeResult.Decoded(p, r.version, raw);
        } catch (DecodeException e) {
            return malformed(typeCode, r.version, e.reason, e.offset, raw, len, name + ": " + e.getMessage());
        } finally {
            r.done(); // a reused reader must not keep the packet's bytes alive
        }
    }

    /**
     * The version a CONNECT announces, read from its protocol name and level alone, so that a
     * CONNECT broken further on still tells the connection's version.
     */
    public static java.util.Optional<MqttVersion> connectVersion(ByteSlice raw) {
        byte[] b = raw.toArray();
        long h = Framer.parse(b, 0, b.length);
        if (b.length == 0 || (b[0] & 0xF0) != 0x10 || h < 0) {
            return java.util.Optional.empty();
        }
        int p = Framer.headerLength(h);
        if (b.length < p + 2) {
            return java.util.Optional.empty();
        }
        int nameLen = (b[p] & 0xFF) << 8 | (b[p + 1] & 0xFF);
        if (b.length < p + 2 + nameLen + 1) {
            return java.util.Optional.empty();
        }
        String name = new String(b, p + 2, nameLen, java.nio.charset.StandardCharsets.UTF_8);
        return MqttVersion.ofLevel(b[p + 2 + nameLen] & 0xFF).filter(v -> v.protocolName().equals(name));
    }

    /** The 4-byte limit has no numbered rule: 5.0 §1.5.5 and 3.1.1 §2.2.3 state it. */
    static String tooLongDetail(String typeName, MqttVersion v) {
        return typeName + ": Remaining Length is longer than 4 bytes (the 4th byte has its continuation bit set)"
                + (v.isV5() ? " [MQTT 5.0 §1.5.5]" : " [MQTT 3.1.1 §2.2.3]");
    }

    private static MqttPacket body(Reader r, PacketType type) {
        return switch (type) {
            case CONNECT -> Connect.decode(r);
            case CONNACK -> ConnAck.decode(r);
            case PUBLISH -> Publish.decode(r);
            case PUBACK -> PubAck.decode(r);
            case PUBREC -> PubRec.decode(r);
            case PUBREL -> PubRel.decode(r);
            case PUBCOMP -> PubComp.decode(r);
            case SUBSCRIBE -> Subscribe.decode(r);
            case SUBACK -> SubAck.decode(r);
            case UNSUBSCRIBE -> Unsubscribe.decode(r);
            case UNSUBACK -> UnsubAck.decode(r);
            case PINGREQ -> new PingReq();
            case PINGRESP -> new PingResp();
            case DISCONNECT -> Disconnect.decode(r);
            case AUTH -> Auth.decode(r);
            case RESERVED -> throw new IllegalStateException("reserved type reached the body decoder");
        };
    }

    private static DecodeResult.Malformed malformed(int typeCode, MqttVersion v, MalformedReason reason, int offset,
                                                    ByteSlice raw, int len, String detail) {
        return new DecodeResult.Malformed(typeCode, v, reason, detail, offset, raw, len);
    }

    /**
     * MQTT 3.1 gave PUBREL, SUBSCRIBE and UNSUBSCRIBE QoS 1 in their flags and let a resend set
     * DUP (3.1 §3.6, §3.8, §3.10); 3.1.1 fixed the flags at 0010.
     */
    private static boolean dupAllowedIn31(PacketType type, int flags, MqttVersion v) {
        return v == MqttVersion.V3_1 && type.requiredFlags() == 0b0010 && flags == 0b1010;
    }

    private static String flagsRule(PacketType type, MqttVersion v) {
        return switch (type) {
            case PUBREL -> " [MQTT-3.6.1-1]";
            case SUBSCRIBE -> " [MQTT-3.8.1-1]";
            case UNSUBSCRIBE -> " [MQTT-3.10.1-1]";
            default -> v.isV5() ? " [MQTT-2.1.3-1]" : " [MQTT-2.2.2-1]";
        };
    }

    static String bits(int flags) {
        return String.format("%4s", Integer.toBinaryString(flags)).replace(' ', '0');
    }

    private static String flagsText(PacketType type, int flags) {
        if (type == PacketType.PUBLISH) {
            return String.format("%s (DUP=%d QoS=%d RETAIN=%d)", bits(flags), flags >> 3 & 1, flags >> 1 & 3, flags & 1);
        }
        return bits(flags);
    }

    private static String flagsMeaning(PacketType type) {
        if (type == PacketType.PUBLISH) {
            return "DUP: a resend; QoS: delivery guarantee (0 at most once, 1 at least once, 2 exactly once);"
                    + " RETAIN: the server keeps it for future subscribers";
        }
        return type == PacketType.RESERVED ? "" : "Reserved, must be " + bits(type.requiredFlags());
    }
}
