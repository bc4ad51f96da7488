package org.mqttsniff.net;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;

import org.mqttsniff.bytes.ByteSlice;

/** Builds frames byte by byte for the parser tests: link headers, IPv4/IPv6 (with extensions) and TCP. */
final class Frames {
    private Frames() {
    }

    static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    static byte[] u16(int v) {
        return bytes(v >> 8, v);
    }

    static byte[] u32(long v) {
        return bytes((int) (v >> 24), (int) (v >> 16), (int) (v >> 8), (int) v);
    }

    static byte[] addr(String host) {
        try {
            return InetAddress.getByName(host).getAddress(); // literals only: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(host, e);
        }
    }

    static byte[] payload(int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (i * 7 + 3);
        }
        return b;
    }

    static RawFrame frame(int linkType, byte[] data) {
        return frame(1, 0, linkType, data);
    }

    static RawFrame frame(long number, long timeNanos, int linkType, byte[] data) {
        return new RawFrame(number, timeNanos, linkType, ByteSlice.wrap(data), data.length);
    }

    /** TCP header (RFC 9293 §3.1) with options padded by the caller to a multiple of 4, then the payload. */
    static byte[] tcp(int srcPort, int dstPort, long seq, long ack, int flags, int window, byte[] options,
                      byte[] payload) {
        int offset = (20 + options.length) / 4;
        return cat(u16(srcPort), u16(dstPort), u32(seq), u32(ack),
                bytes(offset << 4 | flags >> 8, flags), u16(window),
                u16(0xDEAD), // checksum: deliberately wrong, it must not be checked
                u16(0), options, payload);
    }

    static byte[] tcp(int srcPort, int dstPort, byte[] payload) {
        return tcp(srcPort, dstPort, 1000, 2000, TcpSegment.PSH | TcpSegment.ACK, 512, new byte[0], payload);
    }

    /** An IPv4 header (RFC 791 §3.1) builder; defaults make an unfragmented TCP datagram. */
    static Ip4 ipv4(String src, String dst) {
        return new Ip4(addr(src), addr(dst));
    }

    static final class Ip4 {
        private final byte[] src;
        private final byte[] dst;
        private int protocol = 6;
        private int id = 0x1234;
        private int flagsOffset = 0x4000; // DF
        private byte[] options = new byte[0];
        private int ihl = -1;
        private int totalLength = -1;

        Ip4(byte[] src, byte[] dst) {
            this.src = src;
            this.dst = dst;
        }

        Ip4 protocol(int p) {
            protocol = p;
            return this;
        }

        Ip4 id(int i) {
            id = i;
            return this;
        }

        /** Fragment at {@code offset} bytes (a multiple of 8), MF set when {@code more}. */
        Ip4 fragment(int offset, boolean more) {
            flagsOffset = (more ? 0x2000 : 0) | offset / 8;
            return this;
        }

        Ip4 options(byte[] o) {
            options = o;
            return this;
        }

        Ip4 ihl(int words) {
            ihl = words;
            return this;
        }

        Ip4 totalLength(int length) {
            totalLength = length;
            return this;
        }

        byte[] wrap(byte[] payload) {
            int headerWords = ihl >= 0 ? ihl : (20 + options.length) / 4;
            int total = totalLength >= 0 ? totalLength : 20 + options.length + payload.length;
            return cat(bytes(0x40 | headerWords, 0), u16(total), u16(id), u16(flagsOffset),
                    bytes(64, protocol), u16(0xBEEF), src, dst, options, payload);
        }
    }

    /** IPv6 fixed header (RFC 8200 §3); {@code payloadLength} -1 means the real one. */
    static byte[] ipv6(String src, String dst, int nextHeader, byte[] payload, int payloadLength) {
        int length = payloadLength >= 0 ? payloadLength : payload.length;
        return cat(bytes(0x60, 0, 0, 0), u16(length), bytes(nextHeader, 64), addr(src), addr(dst), payload);
    }

    static byte[] ipv6(String src, String dst, int nextHeader, byte[] payload) {
        return ipv6(src, dst, nextHeader, payload, -1);
    }

    /** Hop-by-Hop / Routing / Destination Options: next, length in 8-byte units after the first 8, body. */
    static byte[] extension(int next, int units) {
        byte[] h = new byte[8 * (units + 1)];
        h[0] = (byte) next;
        h[1] = (byte) units;
        h[2] = 1; // PadN option filling the rest
        h[3] = (byte) (h.length - 4);
        return h;
    }

    /** Fragment header (RFC 8200 §4.5). */
    static byte[] fragmentHeader(int next, int offset, boolean more, long id) {
        return cat(bytes(next, 0), u16(offset | (more ? 1 : 0)), u32(id));
    }

    static final byte[] MAC_A = bytes(0x02, 0, 0, 0, 0, 0xAA);
    static final byte[] MAC_B = bytes(0x02, 0, 0, 0, 0, 0xBB);

    /** Ethernet II; each tag is a TPID (0x8100, 0x88A8, 0x9100) followed by a TCI. */
    static byte[] ethernet(int etherType, byte[] payload, int... tagTpids) {
        byte[] frame = cat(MAC_B, MAC_A);
        for (int i = 0; i < tagTpids.length; i++) {
            frame = cat(frame, u16(tagTpids[i]), u16(100 + i));
        }
        return cat(frame, u16(etherType), payload);
    }

    /** Linux cooked v1: packet type, ARPHRD_ETHER, address length, address (8), protocol. */
    static byte[] sll(int protocol, byte[] payload) {
        return cat(u16(0), u16(1), u16(6), MAC_A, bytes(0, 0), u16(protocol), payload);
    }

    /** Linux cooked v2: protocol, reserved, interface index, ARPHRD_ETHER, packet type, address length, address. */
    static byte[] sll2(int protocol, byte[] payload) {
        return cat(u16(protocol), u16(0), u32(3), u16(1), bytes(4, 6), MAC_A, bytes(0, 0), payload);
    }

    /** BSD loopback with the family as a little-endian host would write it. */
    static byte[] nullLittleEndian(int family, byte[] payload) {
        return cat(bytes(family, family >> 8, family >> 16, family >> 24), payload);
    }

    static byte[] nullBigEndian(int family, byte[] payload) {
        return cat(u32(family), payload);
    }
}
