package org.mqttsniff.mqtt;

import org.mqttsniff.bytes.ByteSlice;

/** What decoding one packet gives: the packet, or why it is malformed. Never an exception. */
public sealed interface DecodeResult permits DecodeResult.Decoded, DecodeResult.Malformed {

    /** The packet's bytes as far as they were kept (all of them, except for packets too large to buffer). */
    ByteSlice raw();

    /** Bytes the packet takes on the wire, fixed header included. */
    int length();

    MqttVersion version();

    /** "CONNECT" ... "AUTH", or "RESERVED" for type 0 (and 15 before 5.0). */
    String typeName();

    record Decoded(MqttPacket packet, MqttVersion version, ByteSlice raw) implements DecodeResult {
        @Override
        public int length() {
            return raw.length();
        }

        @Override
        public String typeName() {
            return packet.type().name();
        }
    }

    /**
     * @param typeCode the high nibble of the first byte, or -1 when there was no byte at all
     * @param offset   the byte (from the packet's first byte) where the rule was broken
     * @param detail   what is wrong, naming the rule, e.g. {@code SUBSCRIBE: reserved flags must be 0010, got 0000 [MQTT-3.8.1-1]}
     */
    record Malformed(int typeCode, MqttVersion version, MalformedReason reason, String detail, int offset,
                     ByteSlice raw, int length) implements DecodeResult {
        public PacketType type() {
            return typeCode < 0 ? PacketType.RESERVED : PacketType.of(typeCode);
        }

        @Override
        public String typeName() {
            return type().nameIn(version);
        }
    }
}
