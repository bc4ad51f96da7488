package org.mqttsniff.capture.craft;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One TCP connection between a client and a server, tracking each side's next sequence number
 * so segments can be made in order and then written in any order, duplicated or dropped.
 */
final class Flow {
    private static final long MASK = 0xFFFF_FFFFL;

    /** A segment as sent; {@link #frame(Seg)} turns it into an Ethernet frame. */
    record Seg(boolean fromClient, long seq, long ack, int flags, byte[] payload) {
        /** A copy with other payload bytes at the same sequence number (a conflicting retransmission). */
        Seg withPayload(byte[] other) {
            return new Seg(fromClient, seq, ack, flags, other);
        }

        /** Bytes [from, to) of this segment's payload as a segment of their own. */
        Seg part(int from, int to) {
            return new Seg(fromClient, (seq + from) & MASK, ack, flags, Arrays.copyOfRange(payload, from, to));
        }
    }

    private final byte[] clientAddr;
    private final byte[] serverAddr;
    private final int clientPort;
    private final int serverPort;
    private final boolean v6;
    private int vlan = -1;
    private long clientNext;
    private long serverNext;
    private int ipId = 1;

    /** {@code clientIsn}/{@code serverIsn}: the sequence numbers of the SYNs (also used without a handshake). */
    Flow(String client, int clientPort, String server, int serverPort, long clientIsn, long serverIsn) {
        this.clientAddr = Wire.addr(client);
        this.serverAddr = Wire.addr(server);
        this.clientPort = clientPort;
        this.serverPort = serverPort;
        this.v6 = clientAddr.length == 16;
        this.clientNext = clientIsn & MASK;
        this.serverNext = serverIsn & MASK;
    }

    Flow vlan(int id) {
        vlan = id;
        return this;
    }

    /** SYN, SYN-ACK, ACK. */
    List<Seg> handshake() {
        Seg syn = control(true, Wire.SYN);
        clientNext = (clientNext + 1) & MASK;
        Seg synAck = new Seg(false, serverNext, clientNext, Wire.SYN | Wire.ACK, new byte[0]);
        serverNext = (serverNext + 1) & MASK;
        return List.of(syn, synAck, ack(true));
    }

    /** Data from one side, PSH|ACK, acknowledging everything the other side sent. */
    Seg send(boolean fromClient, byte[] data) {
        Seg s = new Seg(fromClient, next(fromClient), next(!fromClient), Wire.PSH | Wire.ACK, data);
        advance(fromClient, data.length);
        return s;
    }

    Seg c(byte[] data) {
        return send(true, data);
    }

    Seg s(byte[] data) {
        return send(false, data);
    }

    /** A pure ACK. */
    Seg ack(boolean fromClient) {
        return control(fromClient, Wire.ACK);
    }

    /** FIN|ACK; the FIN takes one sequence number. */
    Seg fin(boolean fromClient) {
        Seg s = control(fromClient, Wire.FIN | Wire.ACK);
        advance(fromClient, 1);
        return s;
    }

    Seg rst(boolean fromClient) {
        return control(fromClient, Wire.RST | Wire.ACK);
    }

    /** The closing exchange: client FIN, server FIN, client ACK. */
    List<Seg> close() {
        Seg a = fin(true);
        Seg b = fin(false);
        return List.of(a, b, ack(true));
    }

    /** {@code data} sent as consecutive segments of at most {@code mss} bytes. */
    List<Seg> sendSplit(boolean fromClient, byte[] data, int mss) {
        List<Seg> out = new ArrayList<>();
        for (int off = 0; off < data.length; off += mss) {
            out.add(send(fromClient, Arrays.copyOfRange(data, off, Math.min(data.length, off + mss))));
        }
        return out;
    }

    /** Skips {@code n} sequence numbers of one side, as if it had sent bytes the capture never saw. */
    void skip(boolean fromClient, int n) {
        advance(fromClient, n);
    }

    long next(boolean fromClient) {
        return fromClient ? clientNext : serverNext;
    }

    private Seg control(boolean fromClient, int flags) {
        return new Seg(fromClient, next(fromClient), (flags & Wire.ACK) != 0 ? next(!fromClient) : 0, flags,
                new byte[0]);
    }

    private void advance(boolean fromClient, int n) {
        if (fromClient) {
            clientNext = (clientNext + n) & MASK;
        } else {
            serverNext = (serverNext + n) & MASK;
        }
    }

    byte[] tcp(Seg s) {
        return s.fromClient()
                ? Wire.tcp(clientPort, serverPort, s.seq(), s.ack(), s.flags(), s.payload())
                : Wire.tcp(serverPort, clientPort, s.seq(), s.ack(), s.flags(), s.payload());
    }

    /** The whole Ethernet frame carrying {@code s}. */
    byte[] frame(Seg s) {
        byte[] src = s.fromClient() ? clientAddr : serverAddr;
        byte[] dst = s.fromClient() ? serverAddr : clientAddr;
        byte[] ip = v6 ? Wire.ipv6(src, dst, tcp(s)) : Wire.ipv4(src, dst, ipId++, 0, false, true, tcp(s));
        return Wire.ethernet(s.fromClient(), vlan, v6 ? Wire.ETHERTYPE_IPV6 : Wire.ETHERTYPE_IPV4, ip);
    }

    /**
     * {@code s} as IPv4 fragments, cut after each of {@code cuts} bytes of the IP payload (the
     * TCP header and data; each cut a multiple of 8), all with one IP identification.
     */
    List<byte[]> fragments(Seg s, int... cuts) {
        if (v6) {
            throw new IllegalStateException("IPv4 only");
        }
        byte[] src = s.fromClient() ? clientAddr : serverAddr;
        byte[] dst = s.fromClient() ? serverAddr : clientAddr;
        byte[] whole = tcp(s);
        int id = ipId++;
        List<byte[]> out = new ArrayList<>();
        int from = 0;
        for (int i = 0; i <= cuts.length; i++) {
            int to = i < cuts.length ? cuts[i] : whole.length;
            byte[] ip = Wire.ipv4(src, dst, id, from, i < cuts.length, false, Arrays.copyOfRange(whole, from, to));
            out.add(Wire.ethernet(s.fromClient(), vlan, Wire.ETHERTYPE_IPV4, ip));
            from = to;
        }
        return out;
    }
}
