package org.mqttsniff.mqtt;

/**
 * Finds packet boundaries from the fixed header alone (MQTT 5.0 §2.1.1): one type/flags byte,
 * then the Remaining Length as a Variable Byte Integer of 1 to 4 bytes.
 *
 * <p>{@link #parse} answers with a single long so the hot path allocates nothing:
 * {@link #NEED_MORE}, {@link #TOO_LONG}, or the header length and remaining length packed
 * together (read them with {@link #headerLength} and {@link #remainingLength}).
 */
public final class Framer {
    public static final long NEED_MORE = -1;
    /** The Remaining Length runs past 4 bytes: the stream cannot be framed here. */
    public static final long TOO_LONG = -2;

    private Framer() {
    }

    public static long parse(byte[] b, int off, int len) {
        int value = 0;
        for (int i = 1; i <= 4; i++) {
            if (i >= len) {
                return NEED_MORE;
            }
            int d = b[off + i] & 0xFF;
            value |= (d & 0x7F) << (7 * (i - 1));
            if ((d & 0x80) == 0) {
                return (long) (i + 1) << 32 | value;
            }
        }
        return TOO_LONG;
    }

    public static int headerLength(long parsed) {
        return (int) (parsed >>> 32);
    }

    public static int remainingLength(long parsed) {
        return (int) parsed;
    }

    /** Was the Remaining Length encoded in more bytes than its value needs? */
    public static boolean isNonMinimal(long parsed) {
        return headerLength(parsed) - 1 > VarInt.size(remainingLength(parsed));
    }

    /**
     * Could this byte start a packet in that version? The type must exist and the flags must be
     * the ones the type requires (for PUBLISH: QoS not 3, and DUP only with QoS above 0).
     */
    public static boolean plausibleFirstByte(int first, MqttVersion version) {
        PacketType t = PacketType.of(first >>> 4);
        int flags = first & 0x0F;
        if (!t.existsIn(version)) {
            return false;
        }
        if (t == PacketType.PUBLISH) {
            int qos = (flags >> 1) & 3;
            return qos != 3 && !((flags & 8) != 0 && qos == 0);
        }
        return flags == t.requiredFlags();
    }
}
