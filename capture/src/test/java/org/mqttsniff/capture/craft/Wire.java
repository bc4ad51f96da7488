package org.mqttsniff.capture.craft;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Builds Ethernet, 802.1Q, IPv4, IPv6 and TCP headers with correct lengths. Checksums are left
 * zero: mqttsniff does not check them, and tshark does not either by default.
 */
final class Wire {
    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETHERTYPE_IPV6 = 0x86DD;
    static final int ETHERTYPE_VLAN = 0x8100;

    static final int FIN = 0x01;
    static final int SYN = 0x02;
    static final int RST = 0x04;
    static final int PSH = 0x08;
    static final int ACK = 0x10;

    private static final byte[] MAC_CLIENT = {0x02, 0, 0, 0, 0, 0x0C};
    private static final byte[] MAC_SERVER = {0x02, 0, 0, 0, 0, 0x05};

    private Wire() {
    }

    static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] u16(int v) {
        return new byte[] {(byte) (v >> 8), (byte) v};
    }

    static byte[] u32(long v) {
        return new byte[] {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v};
    }

    static byte[] addr(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress(); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    /** Ethernet II from client to server MAC or back; {@code vlan} >= 0 adds one 802.1Q tag. */
    static byte[] ethernet(boolean fromClient, int vlan, int etherType, byte[] payload) {
        byte[] dst = fromClient ? MAC_SERVER : MAC_CLIENT;
        byte[] src = fromClient ? MAC_CLIENT : MAC_SERVER;
        byte[] tag = vlan >= 0 ? cat(u16(ETHERTYPE_VLAN), u16(vlan & 0x0FFF)) : new byte[0];
        return cat(dst, src, tag, u16(etherType), payload);
    }

    /**
     * IPv4 (RFC 791 §3.1), protocol TCP, TTL 64, no options. {@code fragOffset} in bytes (a
     * multiple of 8); an unfragmented datagram sets DF as Linux does.
     */
    static byte[] ipv4(byte[] src, byte[] dst, int id, int fragOffset, boolean more, boolean unfragmented,
                       byte[] payload) {
        int flagsOffset = (unfragmented ? 0x4000 : 0) | (more ? 0x2000 : 0) | fragOffset / 8;
        return cat(new byte[] {0x45, 0}, u16(20 + payload.length), u16(id), u16(flagsOffset),
                new byte[] {64, 6}, u16(0), src, dst, payload);
    }

    /** IPv6 fixed header (RFC 8200 §3), next header TCP, hop limit 64. */
    static byte[] ipv6(byte[] src, byte[] dst, byte[] payload) {
        return cat(new byte[] {0x60, 0, 0, 0}, u16(payload.length), new byte[] {6, 64}, src, dst, payload);
    }

    /** TCP header (RFC 9293 §3.1) without options, window 64240. */
    static byte[] tcp(int srcPort, int dstPort, long seq, long ack, int flags, byte[] payload) {
        return cat(u16(srcPort), u16(dstPort), u32(seq), u32(ack), new byte[] {0x50, (byte) flags}, u16(64240),
                u16(0), u16(0), payload);
    }
}
