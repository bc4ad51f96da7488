package org.mqttsniff.net;

import org.mqttsniff.bytes.ByteSlice;
import org.mqttsniff.net.ParseResult.Kind;
import org.mqttsniff.net.ParseResult.Segment;
import org.mqttsniff.net.ParseResult.Skipped;
import org.mqttsniff.net.ParseResult.UnsupportedLink;

/**
 * Link, IP and TCP headers of one capture, parsed by hand: frames in, {@link TcpSegment}s out.
 *
 * <p>Stateful (it holds IP fragments until their datagram is complete) and single-threaded: one per
 * capture, owned by the pipeline thread. {@link #parse} allocates the segment, its payload slice and
 * the result; {@link #parseInPlace} only the payload slice, and leaves the segment's fields in this
 * parser for the caller to read before the next frame (the pipeline's per-frame path). Endpoints come
 * from a cache. Checksums are not verified: with offload, captures carry garbage.
 *
 * <p>Lengths: the payload is trimmed to the IP length, so Ethernet padding is never payload. Where the
 * snap length cut the payload, the segment still comes out with the captured bytes and a missing count.
 */
public final class NetworkParser {
    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_IPV6 = 0x86DD;
    private static final int PROTO_TCP = 6;

    private static final Skipped NOT_IP = skip(Kind.NOT_IP, "not an IP packet");
    private static final Skipped NOT_TCP = skip(Kind.NOT_TCP, "not TCP");
    private static final Skipped NOT_TCP_ESP = skip(Kind.NOT_TCP, "IPv6 ESP (encrypted)");
    private static final Skipped NOT_TCP_NONE = skip(Kind.NOT_TCP, "IPv6 no next header");
    private static final Skipped PENDING = skip(Kind.FRAGMENT_PENDING, "IP fragment held for reassembly");
    private static final Skipped CUT_LINK = skip(Kind.TRUNCATED, "link header cut");
    private static final Skipped CUT_IP4 = skip(Kind.TRUNCATED, "IPv4 header cut");
    private static final Skipped CUT_IP6 = skip(Kind.TRUNCATED, "IPv6 header cut");
    private static final Skipped CUT_EXT = skip(Kind.TRUNCATED, "IPv6 extension header cut");
    private static final Skipped CUT_TCP = skip(Kind.TRUNCATED, "TCP header cut");
    private static final Skipped CUT_FRAGMENT = skip(Kind.TRUNCATED, "IP fragment cut, cannot reassemble");
    private static final Skipped BAD_VERSION = skip(Kind.MALFORMED, "IP version does not match the link's protocol");
    private static final Skipped BAD_IHL = skip(Kind.MALFORMED, "IPv4 IHL < 5");
    private static final Skipped BAD_IP4_SHORT = skip(Kind.MALFORMED, "IPv4 total length < header length");
    private static final Skipped BAD_IP4_LONG = skip(Kind.MALFORMED, "IPv4 total length beyond the frame");
    private static final Skipped BAD_IP6_LONG = skip(Kind.MALFORMED, "IPv6 payload length beyond the frame");
    private static final Skipped BAD_JUMBO = skip(Kind.MALFORMED, "IPv6 jumbogram (payload length 0) unsupported");
    private static final Skipped BAD_EXT = skip(Kind.MALFORMED, "IPv6 extension header beyond the payload");
    private static final Skipped BAD_NESTED_FRAGMENT = skip(Kind.MALFORMED, "IPv6 fragment inside a fragment");
    private static final Skipped BAD_TCP_SHORT = skip(Kind.MALFORMED, "TCP segment < 20 bytes");
    private static final Skipped BAD_TCP_OFFSET = skip(Kind.MALFORMED, "TCP data offset < 5");
    private static final Skipped BAD_TCP_OFFSET_LONG = skip(Kind.MALFORMED, "TCP data offset beyond the segment");

    /** What {@link #parseInPlace} answers for a segment: its fields are in this parser. */
    public static final ParseResult IN_PLACE = skip(Kind.SEGMENT, "the segment's fields are held by the parser");

    private final Defragmenter fragments;
    private final EndpointCache endpoints = new EndpointCache();
    /** Capture time of the frame being parsed: it keys fragment expiry. */
    private long now;

    /*
     * The last segment parsed, field by field: one TCP header's worth of state, overwritten by each
     * frame, so the per-frame path allocates neither a TcpSegment nor a ParseResult.
     */
    private Endpoint src;
    private Endpoint dst;
    private long seq;
    private long ack;
    private int flags;
    private int window;
    private ByteSlice payload;
    /** What {@link #payload()} answers with, pointed at each segment's payload in turn: no slice per frame. */
    private final ByteSlice payloadView = ByteSlice.reusableView();
    private int missing;

    /** Default limits: 1024 pending datagrams, 16 MiB of fragment buffers, 30 s of capture time. */
    public NetworkParser() {
        this(1024, 16L << 20, 30_000_000_000L);
    }

    public NetworkParser(int maxPendingDatagrams, long maxFragmentBytes, long fragmentTimeoutNanos) {
        this.fragments = new Defragmenter(maxPendingDatagrams, maxFragmentBytes, fragmentTimeoutNanos);
    }

    /** Fragments dropped so far: expired, evicted by the limits, inconsistent or cut by the snap length. */
    public long droppedFragments() {
        return fragments.droppedFragments();
    }

    public int pendingDatagrams() {
        return fragments.pendingDatagrams();
    }

    /** The frame's TCP segment, or why there is none. */
    public ParseResult parse(RawFrame f) {
        ParseResult r = parseInPlace(f);
        // a segment is a value: its payload gets a slice of its own, not the parser's view
        return r == IN_PLACE ? new Segment(new TcpSegment(src, dst, seq, ack, flags, window,
                payload.slice(0, payload.length())), missing) : r;
    }

    /**
     * As {@link #parse}, but a segment is answered with {@link #IN_PLACE} and its fields are read from
     * this parser ({@link #src()}, {@link #seq()}, ...), valid until the next frame is parsed.
     */
    public ParseResult parseInPlace(RawFrame f) {
        now = f.timeNanos();
        fragments.expire(now);
        ByteSlice b = f.data();
        // Bytes on the wire; some writers record an original length below the captured one: trust the larger.
        int wire = Math.max(f.originalLength(), b.length());
        int cap = b.length();
        switch (f.linkType()) {
            case LinkType.ETHERNET:
                return ethernet(b, wire);
            case LinkType.LINUX_SLL:
                // packet type(2) ARPHRD(2) address length(2) address(8) protocol(2)
                return cap < 16 ? CUT_LINK : etherType(b, 16, b.getU16(14), wire);
            case LinkType.LINUX_SLL2:
                // protocol(2) reserved(2) interface index(4) ARPHRD(2) packet type(1) address length(1) address(8)
                return cap < 20 ? CUT_LINK : etherType(b, 20, b.getU16(0), wire);
            case LinkType.NULL:
                return cap < 4 ? CUT_LINK : loopback(b, b.getInt(0), true, wire);
            case LinkType.LOOP:
                return cap < 4 ? CUT_LINK : loopback(b, b.getInt(0), false, wire);
            case LinkType.RAW:
            case LinkType.RAW_12:
            case LinkType.RAW_14:
                if (cap < 1) {
                    return CUT_IP4;
                }
                int version = b.get(0) >> 4;
                return version == 4 ? ipv4(b, 0, wire) : version == 6 ? ipv6(b, 0, wire) : NOT_IP;
            case LinkType.IPV4:
                return ipv4(b, 0, wire);
            case LinkType.IPV6:
                return ipv6(b, 0, wire);
            default:
                return new UnsupportedLink(f.linkType());
        }
    }

    /*
     * Ethernet II, with any number of 802.1Q (0x8100) or 802.1ad/QinQ (0x88A8, legacy 0x9100) tags:
     *   dst(6) src(6) [TPID(2) TCI(2)]* EtherType(2) payload
     * An EtherType <= 1500 is an 802.3 length (LLC follows): not IP for us.
     */
    private ParseResult ethernet(ByteSlice b, int wire) {
        int cap = b.length();
        if (cap < 14) {
            return CUT_LINK;
        }
        int p = 12;
        int type = b.getU16(p);
        while (type == 0x8100 || type == 0x88A8 || type == 0x9100) {
            p += 4;
            if (cap < p + 2) {
                return CUT_LINK;
            }
            type = b.getU16(p);
        }
        return etherType(b, p + 2, type, wire);
    }

    private ParseResult etherType(ByteSlice b, int o, int type, int wire) {
        return type == ETHERTYPE_IPV4 ? ipv4(b, o, wire) : type == ETHERTYPE_IPV6 ? ipv6(b, o, wire) : NOT_IP;
    }

    /*
     * BSD loopback: a 4-byte address family. NULL writes it in the capturing host's byte order, which the
     * file does not record, so both orders are tried; LOOP (OpenBSD) writes network order. AF_INET is 2
     * everywhere; AF_INET6 is 24 (NetBSD, OpenBSD), 28 (FreeBSD) or 30 (macOS).
     */
    private ParseResult loopback(ByteSlice b, int family, boolean eitherOrder, int wire) {
        int swapped = eitherOrder ? Integer.reverseBytes(family) : family;
        if (family == 2 || swapped == 2) {
            return ipv4(b, 4, wire);
        }
        if (isInet6(family) || isInet6(swapped)) {
            return ipv6(b, 4, wire);
        }
        return NOT_IP;
    }

    private static boolean isInet6(int family) {
        return family == 24 || family == 28 || family == 30;
    }

    /*
     * IPv4, RFC 791 §3.1:
     *   0       4       8              16    19                      31
     *   |version| IHL   | TOS          | total length                |
     *   | identification               |flags| fragment offset       |
     *   | TTL           | protocol     | header checksum             |
     *   | source address                                             |
     *   | destination address                                        |
     *   | options (IHL > 5) ...                                      |
     */
    private ParseResult ipv4(ByteSlice b, int o, int wire) {
        int cap = b.length();
        if (cap - o < 20) {
            return CUT_IP4;
        }
        int versionIhl = b.get(o);
        if (versionIhl >> 4 != 4) {
            return BAD_VERSION;
        }
        int ihl = (versionIhl & 0x0F) * 4;
        if (ihl < 20) {
            return BAD_IHL;
        }
        int total = b.getU16(o + 2);
        if (total == 0) {
            total = wire - o; // TSO/GSO: the NIC fills the length in later, the capture shows 0
        }
        if (total < ihl) {
            return BAD_IP4_SHORT;
        }
        if (total > wire - o) {
            return BAD_IP4_LONG;
        }
        if (b.get(o + 9) != PROTO_TCP) {
            return NOT_TCP; // fragments too: only TCP datagrams are worth reassembling
        }
        if (cap - o < ihl) {
            return CUT_IP4;
        }
        int end = o + total;
        int capturedEnd = Math.min(end, cap);
        int flagsOffset = b.getU16(o + 6);
        if ((flagsOffset & 0x3FFF) == 0) { // MF clear and offset 0: not a fragment (DF is irrelevant)
            return tcp(b, o + ihl, end, capturedEnd, b, o + 12, o + 16, 4);
        }
        if (capturedEnd < end) {
            fragments.countDropped();
            return CUT_FRAGMENT;
        }
        var key = new Defragmenter.Key(copy(b, o + 12, 4), copy(b, o + 16, 4), PROTO_TCP, b.getU16(o + 4));
        int offset = (flagsOffset & 0x1FFF) * 8;
        boolean more = (flagsOffset & 0x2000) != 0;
        // Header plus data must stay within 65535 bytes (RFC 791 total length); ping of death otherwise.
        switch (fragments.add(key, now, offset, more, b, o + ihl, end, PROTO_TCP, 65535 - ihl)) {
            case HELD:
                return PENDING;
            case DROPPED:
                return skip(Kind.MALFORMED, "IPv4 fragment: " + fragments.dropReason());
            default:
                ByteSlice d = fragments.datagram();
                return tcp(d, 0, d.length(), d.length(), b, o + 12, o + 16, 4);
        }
    }

    /*
     * IPv6, RFC 8200 §3:
     *   | version(4) traffic class(8) flow label(20)          |
     *   | payload length(16)  | next header(8) | hop limit(8) |
     *   | source address (16 bytes)                          |
     *   | destination address (16 bytes)                     |
     */
    private ParseResult ipv6(ByteSlice b, int o, int wire) {
        int cap = b.length();
        if (cap - o < 40) {
            return CUT_IP6;
        }
        if (b.get(o) >> 4 != 6) {
            return BAD_VERSION;
        }
        int length = b.getU16(o + 4);
        int next = b.get(o + 6);
        if (length == 0) {
            if (next == 0) {
                return BAD_JUMBO; // RFC 2675: the real length is in a Hop-by-Hop Jumbo Payload option
            }
            length = wire - o - 40; // TSO/GSO, as for IPv4
        }
        if (length > wire - o - 40) {
            return BAD_IP6_LONG;
        }
        int end = o + 40 + length;
        return ipv6Chain(b, o + 40, end, Math.min(end, cap), next, b, o, true);
    }

    /**
     * Walks the extension headers (RFC 8200 §4) of {@code b[p, end)} up to TCP. The addresses are
     * always read from the frame's IPv6 header at {@code ip}: after reassembly {@code b} is the datagram.
     */
    private ParseResult ipv6Chain(ByteSlice b, int p, int end, int capturedEnd, int next, ByteSlice frame, int ip,
                                  boolean fragmentAllowed) {
        while (true) {
            switch (next) {
                case PROTO_TCP:
                    return tcp(b, p, end, capturedEnd, frame, ip + 8, ip + 24, 16);
                case 0:  // Hop-by-Hop Options: next(1) length in 8-byte units, not counting the first 8(1)
                case 43: // Routing, same layout
                case 60: // Destination Options, same layout
                case 51: { // Authentication Header, RFC 4302 §2.2: length in 4-byte units, minus 2
                    if (end - p < 2) {
                        return BAD_EXT;
                    }
                    if (capturedEnd - p < 2) {
                        return CUT_EXT;
                    }
                    int length = next == 51 ? (b.get(p + 1) + 2) * 4 : (b.get(p + 1) + 1) * 8;
                    if (length > end - p) {
                        return BAD_EXT;
                    }
                    next = b.get(p);
                    p += length;
                    break;
                }
                case 44: { // Fragment, §4.5: next(1) reserved(1) offset(13 bits) res(2) M(1) identification(4)
                    if (end - p < 8) {
                        return BAD_EXT;
                    }
                    if (capturedEnd - p < 8) {
                        return CUT_EXT;
                    }
                    if (!fragmentAllowed) {
                        return BAD_NESTED_FRAGMENT;
                    }
                    int fragmentNext = b.get(p);
                    int offsetFlags = b.getU16(p + 2);
                    p += 8;
                    if ((offsetFlags & 0xFFF9) == 0) {
                        next = fragmentNext; // atomic fragment, RFC 6946: offset 0, M=0 (reserved bits ignored)
                        break;
                    }
                    return ipv6Fragment(b, p, end, capturedEnd, fragmentNext, offsetFlags, frame, ip);
                }
                case 50:
                    return NOT_TCP_ESP; // RFC 4303: everything after is encrypted
                case 59:
                    return NOT_TCP_NONE;
                default:
                    return NOT_TCP;
            }
        }
    }

    private ParseResult ipv6Fragment(ByteSlice b, int p, int end, int capturedEnd, int next, int offsetFlags,
                                     ByteSlice frame, int ip) {
        if (next != PROTO_TCP && next != 0 && next != 43 && next != 60 && next != 51) {
            return next == 50 ? NOT_TCP_ESP : NOT_TCP; // UDP, ICMPv6...: not worth holding
        }
        if (capturedEnd < end) {
            fragments.countDropped();
            return CUT_FRAGMENT;
        }
        var key = new Defragmenter.Key(copy(frame, ip + 8, 16), copy(frame, ip + 24, 16), -1, b.getU32(p - 4));
        boolean more = (offsetFlags & 1) != 0;
        switch (fragments.add(key, now, offsetFlags & 0xFFF8, more, b, p, end, next, 65535)) {
            case HELD:
                return PENDING;
            case DROPPED:
                return skip(Kind.MALFORMED, "IPv6 fragment: " + fragments.dropReason());
            default:
                ByteSlice d = fragments.datagram();
                return ipv6Chain(d, 0, d.length(), d.length(), fragments.nextHeader(), frame, ip, false);
        }
    }

    /*
     * TCP, RFC 9293 §3.1:
     *   | source port(16)              | destination port(16)          |
     *   | sequence number(32)                                          |
     *   | acknowledgment number(32)                                    |
     *   | offset(4) rsv(3) AE | CWR ECE URG ACK PSH RST SYN FIN | window |
     *   | checksum(16)                 | urgent pointer(16)            |
     *   | options (offset > 5) ...                                     |
     */
    private ParseResult tcp(ByteSlice b, int t, int end, int capturedEnd, ByteSlice ip, int src, int dst, int alen) {
        if (end - t < 20) {
            return BAD_TCP_SHORT;
        }
        if (capturedEnd - t < 20) {
            return CUT_TCP;
        }
        int offset = (b.get(t + 12) >> 4) * 4;
        if (offset < 20) {
            return BAD_TCP_OFFSET;
        }
        if (offset > end - t) {
            return BAD_TCP_OFFSET_LONG;
        }
        if (offset > capturedEnd - t) {
            return CUT_TCP;
        }
        this.src = endpoints.get(ip, src, alen, b.getU16(t));
        this.dst = endpoints.get(ip, dst, alen, b.getU16(t + 2));
        this.seq = b.getU32(t + 4);
        this.ack = b.getU32(t + 8);
        this.flags = b.getU16(t + 12) & 0x01FF;
        this.window = b.getU16(t + 14);
        this.payload = b.viewInto(payloadView, t + offset, capturedEnd);
        this.missing = end - capturedEnd;
        return IN_PLACE;
    }

    // The fields of the segment {@link #parseInPlace} last answered IN_PLACE for (see TcpSegment).

    public Endpoint src() {
        return src;
    }

    public Endpoint dst() {
        return dst;
    }

    public long seq() {
        return seq;
    }

    public long ack() {
        return ack;
    }

    /** TCP flags, low 9 bits ({@link TcpSegment#SYN} ...). */
    public int flags() {
        return flags;
    }

    /** A view, valid until the next frame is parsed: copy what you keep, and keep not the slice itself. */
    public ByteSlice payload() {
        return payload;
    }

    /** Payload bytes the snap length cut off (see {@link ParseResult.Segment#missing}). */
    public int missing() {
        return missing;
    }

    private static ByteSlice copy(ByteSlice b, int off, int len) {
        byte[] a = new byte[len];
        b.copyTo(off, off + len, a, 0);
        return ByteSlice.wrap(a);
    }

    private static Skipped skip(Kind kind, String reason) {
        return new Skipped(kind, reason);
    }
}
