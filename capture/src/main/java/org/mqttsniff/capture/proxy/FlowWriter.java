package org.mqttsniff.capture.proxy;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;

import org.mqttsniff.bytes.ByteSlice;
import org.mqttsniff.capture.file.PcapWriter;
import org.mqttsniff.net.Endpoint;
import org.mqttsniff.net.LinkType;
import org.mqttsniff.net.RawFrame;

/**
 * Writes relayed connections as a pcap that reads like a capture of them: each connection gets a
 * three-way handshake, its data with sequence and acknowledgement numbers that add up, and a FIN
 * or RST at its end, in synthesized Ethernet/IPv4 or IPv6/TCP frames (checksums included). tshark
 * and {@code mqttsniff -r} then follow the same flows the proxy decoded.
 *
 * <p>The caller numbers the frames; this class writes exactly one frame per call (three for
 * {@link #open}), so the numbers a relay gives its events are the numbers of this file's frames.
 * A data frame holds at most {@link #MAX_SEGMENT} bytes: the caller cuts larger reads.
 */
public final class FlowWriter implements Closeable, Flushable {
    /** The largest TCP payload an IPv4 packet can carry: 65535 - 20 (IP) - 20 (TCP). */
    public static final int MAX_SEGMENT = 65_495;
    private static final int ETH = 14;
    private static final int TCP = 20;
    private static final int FIN = 0x01;
    private static final int SYN = 0x02;
    private static final int RST = 0x04;
    private static final int PSH = 0x08;
    private static final int ACK = 0x10;
    private static final byte[] V4_MAPPED = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF};

    private final PcapWriter pcap;
    private final byte[] buf = new byte[ETH + 40 + TCP + MAX_SEGMENT];
    private final Map<Integer, Flow> flows = new HashMap<>();

    /** One connection: both addresses in one family, and each side's next sequence number. */
    private static final class Flow {
        final byte[] clientAddr;
        final byte[] serverAddr;
        final int clientPort;
        final int serverPort;
        long clientSeq;
        long serverSeq;

        Flow(byte[] clientAddr, byte[] serverAddr, int clientPort, int serverPort, long clientIsn, long serverIsn) {
            this.clientAddr = clientAddr;
            this.serverAddr = serverAddr;
            this.clientPort = clientPort;
            this.serverPort = serverPort;
            this.clientSeq = clientIsn;
            this.serverSeq = serverIsn;
        }
    }

    public FlowWriter(OutputStream out) throws IOException {
        this.pcap = new PcapWriter(out, LinkType.ETHERNET, true);
    }

    /** SYN, SYN+ACK and ACK, numbered {@code frame}, {@code frame + 1}, {@code frame + 2}. */
    public void open(int stream, Endpoint client, Endpoint server, long frame, long timeNanos) throws IOException {
        byte[] c = client.address().toArray();
        byte[] s = server.address().toArray();
        if (c.length != s.length) { // an IPv6 client relayed to an IPv4 broker, or the reverse
            c = mapped(c);
            s = mapped(s);
        }
        // fixed initial sequence numbers per stream keep the file the same from run to run
        long isn = (stream * 0x9E3779B1L) & 0xFFFF_FFFFL;
        Flow f = new Flow(c, s, client.port(), server.port(), isn, (isn + 0x4000_0000L) & 0xFFFF_FFFFL);
        flows.put(stream, f);
        segment(f, true, SYN, ByteSlice.EMPTY, frame, timeNanos);
        f.clientSeq++;
        segment(f, false, SYN | ACK, ByteSlice.EMPTY, frame + 1, timeNanos);
        f.serverSeq++;
        segment(f, true, ACK, ByteSlice.EMPTY, frame + 2, timeNanos);
    }

    public void data(int stream, boolean fromClient, ByteSlice bytes, long frame, long timeNanos) throws IOException {
        Flow f = flows.get(stream);
        if (f == null) {
            return;
        }
        segment(f, fromClient, PSH | ACK, bytes, frame, timeNanos);
        advance(f, fromClient, bytes.length());
    }

    public void fin(int stream, boolean fromClient, long frame, long timeNanos) throws IOException {
        Flow f = flows.get(stream);
        if (f == null) {
            return;
        }
        segment(f, fromClient, FIN | ACK, ByteSlice.EMPTY, frame, timeNanos);
        advance(f, fromClient, 1);
    }

    /** A reset ends the flow. */
    public void rst(int stream, boolean fromClient, long frame, long timeNanos) throws IOException {
        Flow f = flows.remove(stream);
        if (f != null) {
            segment(f, fromClient, RST | ACK, ByteSlice.EMPTY, frame, timeNanos);
        }
    }

    /** Forgets a flow that ended with FINs (or that the relay stopped following). */
    public void forget(int stream) {
        flows.remove(stream);
    }

    private static void advance(Flow f, boolean fromClient, int n) {
        if (fromClient) {
            f.clientSeq = (f.clientSeq + n) & 0xFFFF_FFFFL;
        } else {
            f.serverSeq = (f.serverSeq + n) & 0xFFFF_FFFFL;
        }
    }

    private static byte[] mapped(byte[] a) {
        if (a.length == 16) {
            return a;
        }
        byte[] m = new byte[16];
        System.arraycopy(V4_MAPPED, 0, m, 0, 12);
        System.arraycopy(a, 0, m, 12, 4);
        return m;
    }

    private void segment(Flow f, boolean fromClient, int flags, ByteSlice payload, long frame, long timeNanos)
            throws IOException {
        byte[] src = fromClient ? f.clientAddr : f.serverAddr;
        byte[] dst = fromClient ? f.serverAddr : f.clientAddr;
        int srcPort = fromClient ? f.clientPort : f.serverPort;
        int dstPort = fromClient ? f.serverPort : f.clientPort;
        long seq = fromClient ? f.clientSeq : f.serverSeq;
        long ack = (flags & ACK) == 0 ? 0 : fromClient ? f.serverSeq : f.clientSeq;
        boolean v6 = src.length == 16;
        int ipLen = v6 ? 40 : 20;
        int n = payload.length();

        // Ethernet II: locally administered MACs, 02:00:00:00:00:01 the client's, ..:02 the server's
        java.util.Arrays.fill(buf, 0, 12, (byte) 0);
        buf[0] = 2;
        buf[5] = (byte) (fromClient ? 2 : 1);
        buf[6] = 2;
        buf[11] = (byte) (fromClient ? 1 : 2);
        put16(12, v6 ? 0x86DD : 0x0800);

        int ip = ETH;
        if (v6) {
            // RFC 8200 §3: version 6, no traffic class or flow label; next header TCP, hop limit 64
            put32(ip, 0x6000_0000);
            put16(ip + 4, TCP + n);
            buf[ip + 6] = 6;
            buf[ip + 7] = 64;
            System.arraycopy(src, 0, buf, ip + 8, 16);
            System.arraycopy(dst, 0, buf, ip + 24, 16);
        } else {
            // RFC 791 §3.1: version 4, IHL 5, total length, DF, TTL 64, protocol TCP
            put16(ip, 0x4500);
            put16(ip + 2, 20 + TCP + n);
            put16(ip + 4, (int) frame);
            put16(ip + 6, 0x4000);
            buf[ip + 8] = 64;
            buf[ip + 9] = 6;
            put16(ip + 10, 0);
            System.arraycopy(src, 0, buf, ip + 12, 4);
            System.arraycopy(dst, 0, buf, ip + 16, 4);
            put16(ip + 10, ~fold(sum(ip, 20, 0)) & 0xFFFF);
        }

        // RFC 9293 §3.1: ports, seq, ack, data offset 5 words, flags, window, checksum, urgent
        int tcp = ip + ipLen;
        put16(tcp, srcPort);
        put16(tcp + 2, dstPort);
        put32(tcp + 4, (int) seq);
        put32(tcp + 8, (int) ack);
        buf[tcp + 12] = 5 << 4;
        buf[tcp + 13] = (byte) flags;
        put16(tcp + 14, 0xFFFF);
        put16(tcp + 16, 0);
        put16(tcp + 18, 0);
        payload.copyTo(buf, tcp + TCP);

        // pseudo-header (RFC 9293 §3.1, RFC 8200 §8.1): addresses, protocol, TCP length
        long s = sum(v6 ? ip + 8 : ip + 12, v6 ? 32 : 8, 0) + 6 + TCP + n;
        s = sum(tcp, TCP + n, s);
        put16(tcp + 16, ~fold(s) & 0xFFFF);

        int len = ETH + ipLen + TCP + n;
        pcap.write(new RawFrame(frame, timeNanos, LinkType.ETHERNET, ByteSlice.wrap(buf, 0, len), len));
    }

    /** One's complement sum of 16-bit words (RFC 1071), not yet folded. */
    private long sum(int from, int length, long acc) {
        int end = from + length;
        int i = from;
        for (; i + 1 < end; i += 2) {
            acc += (buf[i] & 0xFF) << 8 | (buf[i + 1] & 0xFF);
        }
        if (i < end) {
            acc += (buf[i] & 0xFF) << 8;
        }
        return acc;
    }

    private static int fold(long s) {
        while (s >>> 16 != 0) {
            s = (s & 0xFFFF) + (s >>> 16);
        }
        return (int) s;
    }

    private void put16(int at, int v) {
        buf[at] = (byte) (v >>> 8);
        buf[at + 1] = (byte) v;
    }

    private void put32(int at, int v) {
        buf[at] = (byte) (v >>> 24);
        buf[at + 1] = (byte) (v >>> 16);
        buf[at + 2] = (byte) (v >>> 8);
        buf[at + 3] = (byte) v;
    }

    @Override
    public void flush() throws IOException {
        pcap.flush();
    }

    @Override
    public void close() throws IOException {
        pcap.close();
    }
}
