package org.mqttsniff.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mqttsniff.net.Frames.*;

import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mqttsniff.bytes.ByteSlice;
import org.mqttsniff.net.ParseResult.Kind;
import org.mqttsniff.net.ParseResult.Segment;

/** Link, IPv4, IPv6 and TCP headers, one frame at a time (fragments are in {@link FragmentReassemblyTest}). */
class NetworkParserTest {
    static final byte[] MQTT = bytes(0xC0, 0x00, 0xD0, 0x00); // PINGREQ, PINGRESP: any bytes would do
    /** Seq and ack above 2^31, to prove they are read unsigned; every flag bit set, AE included. */
    static final byte[] TCP4 = tcp(40001, 1883, 0xFFFF_FFF0L, 0x8000_0001L, 0x1FF, 0xFFFE, new byte[0], MQTT);
    static final byte[] IP4 = ipv4("192.0.2.1", "198.51.100.7").wrap(TCP4);
    static final byte[] IP6 = ipv6("2001:db8::1", "2001:db8::2", 6, TCP4);

    final NetworkParser parser = new NetworkParser();

    static Stream<Arguments> ipv4_links() {
        return Stream.of(
                Arguments.of("Ethernet", LinkType.ETHERNET, ethernet(0x0800, IP4)),
                Arguments.of("802.1Q", LinkType.ETHERNET, ethernet(0x0800, IP4, 0x8100)),
                Arguments.of("QinQ 88A8+8100", LinkType.ETHERNET, ethernet(0x0800, IP4, 0x88A8, 0x8100)),
                Arguments.of("QinQ 9100+8100", LinkType.ETHERNET, ethernet(0x0800, IP4, 0x9100, 0x8100)),
                Arguments.of("three tags", LinkType.ETHERNET, ethernet(0x0800, IP4, 0x88A8, 0x8100, 0x8100)),
                Arguments.of("SLL", LinkType.LINUX_SLL, sll(0x0800, IP4)),
                Arguments.of("SLL2", LinkType.LINUX_SLL2, sll2(0x0800, IP4)),
                Arguments.of("NULL little-endian", LinkType.NULL, nullLittleEndian(2, IP4)),
                Arguments.of("NULL big-endian", LinkType.NULL, nullBigEndian(2, IP4)),
                Arguments.of("LOOP", LinkType.LOOP, nullBigEndian(2, IP4)),
                Arguments.of("RAW 101", LinkType.RAW, IP4),
                Arguments.of("RAW 12", LinkType.RAW_12, IP4),
                Arguments.of("RAW 14", LinkType.RAW_14, IP4),
                Arguments.of("IPV4 228", LinkType.IPV4, IP4));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ipv4_links")
    void reads_ipv4_tcp_over_every_link_type(String name, int linkType, byte[] data) {
        Segment s = segment(parser.parse(frame(linkType, data)));

        assertThat(s.missing()).isZero();
        TcpSegment t = s.segment();
        assertThat(t.src()).hasToString("192.0.2.1:40001");
        assertThat(t.dst()).hasToString("198.51.100.7:1883");
        assertThat(t.src().address()).isEqualTo(ByteSlice.wrap(addr("192.0.2.1")));
        assertThat(t.seq()).isEqualTo(0xFFFF_FFF0L);
        assertThat(t.ack()).isEqualTo(0x8000_0001L);
        assertThat(t.flags()).isEqualTo(0x1FF);
        assertThat(t.syn() && t.fin() && t.rst() && t.hasAck()).isTrue();
        assertThat(t.window()).isEqualTo(0xFFFE);
        assertThat(t.payload()).isEqualTo(ByteSlice.wrap(MQTT));
    }

    static Stream<Arguments> ipv6_links() {
        return Stream.of(
                Arguments.of("Ethernet", LinkType.ETHERNET, ethernet(0x86DD, IP6)),
                Arguments.of("802.1Q", LinkType.ETHERNET, ethernet(0x86DD, IP6, 0x8100)),
                Arguments.of("SLL", LinkType.LINUX_SLL, sll(0x86DD, IP6)),
                Arguments.of("SLL2", LinkType.LINUX_SLL2, sll2(0x86DD, IP6)),
                Arguments.of("NULL 24 little-endian", LinkType.NULL, nullLittleEndian(24, IP6)),
                Arguments.of("NULL 28 little-endian", LinkType.NULL, nullLittleEndian(28, IP6)),
                Arguments.of("NULL 30 little-endian", LinkType.NULL, nullLittleEndian(30, IP6)),
                Arguments.of("NULL 30 big-endian", LinkType.NULL, nullBigEndian(30, IP6)),
                Arguments.of("LOOP 24", LinkType.LOOP, nullBigEndian(24, IP6)),
                Arguments.of("RAW 101", LinkType.RAW, IP6),
                Arguments.of("RAW 14", LinkType.RAW_14, IP6),
                Arguments.of("IPV6 229", LinkType.IPV6, IP6));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ipv6_links")
    void reads_ipv6_tcp_over_every_link_type(String name, int linkType, byte[] data) {
        TcpSegment t = segment(parser.parse(frame(linkType, data))).segment();

        assertThat(t.src()).hasToString("[2001:db8::1]:40001");
        assertThat(t.dst()).hasToString("[2001:db8::2]:1883");
        assertThat(t.src().isIpv6()).isTrue();
        assertThat(t.seq()).isEqualTo(0xFFFF_FFF0L);
        assertThat(t.ack()).isEqualTo(0x8000_0001L);
        assertThat(t.flags()).isEqualTo(0x1FF);
        assertThat(t.window()).isEqualTo(0xFFFE);
        assertThat(t.payload()).isEqualTo(ByteSlice.wrap(MQTT));
    }

    @Test
    void ethernet_padding_is_not_payload() {
        // A bare ACK is 54 bytes; Ethernet pads it to the 60-byte minimum (64 with the FCS).
        byte[] ack = ipv4("10.0.0.1", "10.0.0.2").wrap(tcp(1883, 50000, new byte[0]));
        byte[] padded = cat(ethernet(0x0800, ack), new byte[6]);

        Segment s = segment(parser.parse(frame(LinkType.ETHERNET, padded)));

        assertThat(padded).hasSize(60);
        assertThat(s.segment().payload().length()).isZero();
        assertThat(s.missing()).isZero();
    }

    @Test
    void skips_ipv4_options_and_tcp_options() {
        byte[] routerAlert = bytes(0x94, 0x04, 0x00, 0x00);
        byte[] timestamps = bytes(0x01, 0x01, 0x08, 0x0A, 0, 0, 0, 1, 0, 0, 0, 2); // NOP NOP TS
        byte[] data = ipv4("10.0.0.1", "10.0.0.2").options(routerAlert)
                .wrap(tcp(1, 2, 7, 8, TcpSegment.ACK, 100, timestamps, MQTT));

        TcpSegment t = segment(parser.parse(frame(LinkType.RAW, data))).segment();

        assertThat(t.src()).hasToString("10.0.0.1:1");
        assertThat(t.seq()).isEqualTo(7);
        assertThat(t.payload()).isEqualTo(ByteSlice.wrap(MQTT));
    }

    @Test
    void payload_is_a_view_of_the_frame_not_a_copy() {
        byte[] data = ethernet(0x0800, IP4);
        TcpSegment t = segment(parser.parse(frame(LinkType.ETHERNET, data))).segment();

        data[data.length - 1] = 0x55; // breaks ByteSlice's promise on purpose, to see the sharing

        assertThat(t.payload().get(3)).isEqualTo(0x55);
    }

    @Test
    void ipv4_total_length_zero_means_tso_and_uses_the_frame_length() {
        byte[] data = ipv4("10.0.0.1", "10.0.0.2").totalLength(0).wrap(tcp(1, 2, payload(3000)));

        Segment s = segment(parser.parse(frame(LinkType.RAW, data)));

        assertThat(s.segment().payload()).isEqualTo(ByteSlice.wrap(payload(3000)));
    }

    @Test
    void walks_ipv6_hop_by_hop_routing_destination_options_and_ah() {
        byte[] ah = cat(bytes(6, 4, 0, 0), u32(0x100), u32(1), new byte[12]); // (4 + 2) * 4 = 24 bytes
        byte[] chain = cat(
                extension(43, 0), // Hop-by-Hop, 8 bytes, then Routing
                extension(60, 0), // Routing, 8 bytes, then Destination Options
                extension(51, 1), // Destination Options, 16 bytes, then AH
                ah, TCP4);
        byte[] data = ipv6("fe80::1", "::1", 0, chain);

        TcpSegment t = segment(parser.parse(frame(LinkType.RAW, data))).segment();

        assertThat(t.src()).hasToString("[fe80::1]:40001");
        assertThat(t.dst()).hasToString("[::1]:1883");
        assertThat(t.payload()).isEqualTo(ByteSlice.wrap(MQTT));
    }

    @Test
    void ipv6_atomic_fragment_passes_straight_through() {
        byte[] data = ipv6("::1", "::2", 44, cat(fragmentHeader(6, 0, false, 99), TCP4));

        assertThat(segment(parser.parse(frame(LinkType.IPV6, data))).segment().payload())
                .isEqualTo(ByteSlice.wrap(MQTT));
        assertThat(parser.pendingDatagrams()).isZero();
    }

    static Stream<Arguments> rejected() {
        byte[] udp = cat(u16(5353), u16(5353), u16(12), u16(0), MQTT);
        byte[] arp = cat(u16(1), u16(0x0800), bytes(6, 4), u16(1), new byte[20]);
        int eth = LinkType.ETHERNET;
        int raw = LinkType.RAW;
        return Stream.of(
                row("UDP", eth, ethernet(0x0800, ipv4("10.0.0.1", "10.0.0.2").protocol(17).wrap(udp)), Kind.NOT_TCP, "not TCP"),
                row("ICMPv6", raw, ipv6("::1", "::2", 58, udp), Kind.NOT_TCP, "not TCP"),
                row("IPv6 ESP", raw, ipv6("::1", "::2", 50, udp), Kind.NOT_TCP, "ESP"),
                row("IPv6 no next header", raw, ipv6("::1", "::2", 59, new byte[0]), Kind.NOT_TCP, "no next"),
                row("IPv6 UDP fragment", raw, ipv6("::1", "::2", 44, cat(fragmentHeader(17, 8, true, 1), udp)),
                        Kind.NOT_TCP, "not TCP"),
                row("ARP", eth, ethernet(0x0806, arp), Kind.NOT_IP, "not an IP"),
                row("802.3 length, LLC", eth, ethernet(46, new byte[46]), Kind.NOT_IP, "not an IP"),
                row("SLL ARP", LinkType.LINUX_SLL, sll(0x0806, arp), Kind.NOT_IP, "not an IP"),
                row("raw, version 5", raw, bytes(0x50, 0, 0, 0), Kind.NOT_IP, "not an IP"),
                row("Ethernet header cut", eth, cut(ethernet(0x0800, IP4), 13), Kind.TRUNCATED, "link header cut"),
                row("VLAN tag cut", eth, cut(ethernet(0x0800, IP4, 0x8100), 15), Kind.TRUNCATED, "link header cut"),
                row("SLL header cut", LinkType.LINUX_SLL, cut(sll(0x0800, IP4), 15), Kind.TRUNCATED, "link header cut"),
                row("SLL2 header cut", LinkType.LINUX_SLL2, cut(sll2(0x0800, IP4), 19), Kind.TRUNCATED, "link header cut"),
                row("NULL header cut", LinkType.NULL, cut(nullLittleEndian(2, IP4), 3), Kind.TRUNCATED, "link header cut"),
                row("IPv4 header cut", eth, cut(ethernet(0x0800, IP4), 14 + 19), Kind.TRUNCATED, "IPv4 header cut"),
                row("IPv4 options cut", raw, cut(ipv4("10.0.0.1", "10.0.0.2").options(new byte[8]).wrap(TCP4), 24), Kind.TRUNCATED,
                        "IPv4 header cut"),
                row("IPv6 header cut", raw, cut(IP6, 39), Kind.TRUNCATED, "IPv6 header cut"),
                row("IPv6 extension cut", raw, cut(ipv6("::1", "::2", 0, cat(extension(6, 0), TCP4)), 41),
                        Kind.TRUNCATED, "extension header cut"),
                row("TCP header cut", eth, cut(ethernet(0x0800, IP4), 14 + 20 + 19), Kind.TRUNCATED, "TCP header cut"),
                row("TCP options cut", raw, cut(ipv4("10.0.0.1", "10.0.0.2").wrap(tcp(1, 2, 0, 0, 0, 0,
                        new byte[12], MQTT)), 20 + 24), Kind.TRUNCATED, "TCP header cut"),
                row("IHL 4", raw, ipv4("10.0.0.1", "10.0.0.2").ihl(4).wrap(TCP4), Kind.MALFORMED, "IHL"),
                row("total length < IHL", raw, ipv4("10.0.0.1", "10.0.0.2").totalLength(19).wrap(TCP4),
                        Kind.MALFORMED, "total length < header"),
                row("total length > frame", raw, ipv4("10.0.0.1", "10.0.0.2").totalLength(900).wrap(TCP4),
                        Kind.MALFORMED, "beyond the frame"),
                row("IPv6 payload length > frame", raw, ipv6("::1", "::2", 6, TCP4, 900),
                        Kind.MALFORMED, "beyond the frame"),
                row("IPv6 jumbogram", raw, ipv6("::1", "::2", 0, cat(extension(6, 0), TCP4), 0),
                        Kind.MALFORMED, "jumbogram"),
                row("extension beyond payload", raw, ipv6("::1", "::2", 60, extension(6, 9), 16),
                        Kind.MALFORMED, "extension header"),
                row("IPv6 in an IPv4 EtherType", eth, ethernet(0x0800, IP6), Kind.MALFORMED, "version"),
                row("IPv4 in an IPv6 EtherType", eth, ethernet(0x86DD, cat(IP4, new byte[20])), Kind.MALFORMED,
                        "version"),
                row("TCP data offset 4", raw, ipv4("10.0.0.1", "10.0.0.2").wrap(withDataOffset(4)),
                        Kind.MALFORMED, "data offset < 5"),
                row("TCP data offset past segment", raw, ipv4("10.0.0.1", "10.0.0.2").wrap(withDataOffset(15)),
                        Kind.MALFORMED, "data offset beyond"),
                row("TCP shorter than 20", raw, ipv4("10.0.0.1", "10.0.0.2").wrap(new byte[12]),
                        Kind.MALFORMED, "< 20 bytes"));
    }

    private static Arguments row(String name, int linkType, byte[] data, Kind kind, String reason) {
        return Arguments.of(name, frame(linkType, data), kind, reason);
    }

    private static Arguments row(String name, int linkType, Cut cut, Kind kind, String reason) {
        return Arguments.of(name, new RawFrame(1, 0, linkType, ByteSlice.wrap(Arrays.copyOf(cut.data, cut.snaplen)),
                cut.data.length), kind, reason);
    }

    /** A frame the snap length cut: captured {@code snaplen} bytes of {@code data}, which was on the wire whole. */
    private record Cut(byte[] data, int snaplen) {
    }

    private static Cut cut(byte[] data, int snaplen) {
        return new Cut(data, snaplen);
    }

    private static byte[] withDataOffset(int words) {
        byte[] t = Arrays.copyOf(TCP4, TCP4.length);
        t[12] = (byte) (words << 4);
        return t;
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("rejected")
    void tells_why_a_frame_has_no_segment(String name, RawFrame frame, Kind kind, String reason) {
        ParseResult r = parser.parse(frame);

        assertThat(r.kind()).isEqualTo(kind);
        assertThat(r).isInstanceOfSatisfying(ParseResult.Skipped.class,
                s -> assertThat(s.reason()).contains(reason));
    }

    @Test
    void payload_cut_by_snaplen_is_delivered_with_a_missing_count() {
        byte[] whole = ethernet(0x0800, ipv4("10.0.0.1", "10.0.0.2").wrap(tcp(1, 2, payload(1000))));
        byte[] cut = Arrays.copyOf(whole, 14 + 20 + 20 + 300);
        RawFrame f = new RawFrame(7, 0, LinkType.ETHERNET, ByteSlice.wrap(cut), whole.length);

        Segment s = segment(parser.parse(f));

        assertThat(s.truncated()).isTrue();
        assertThat(s.missing()).isEqualTo(700);
        assertThat(s.segment().payload()).isEqualTo(ByteSlice.wrap(payload(300)));
    }

    @Test
    void unknown_link_type_is_unsupported_and_named() {
        ParseResult r = parser.parse(frame(147, IP4)); // LINKTYPE_USER0

        assertThat(r).isEqualTo(new ParseResult.UnsupportedLink(147));
        assertThat(r.kind()).isEqualTo(Kind.UNSUPPORTED_LINK);
        assertThat(r).hasToString("UNSUPPORTED_LINK: link type 147");
    }

    @Test
    void unknown_loopback_family_is_not_ip() {
        assertThat(parser.parse(frame(LinkType.NULL, nullLittleEndian(7, IP4))).kind()).isEqualTo(Kind.NOT_IP);
        assertThat(parser.parse(frame(LinkType.LOOP, nullLittleEndian(2, IP4))).kind()).isEqualTo(Kind.NOT_IP);
    }

    @Test
    void segments_of_one_connection_share_endpoint_instances() {
        TcpSegment a = segment(parser.parse(frame(LinkType.RAW, IP4))).segment();
        TcpSegment b = segment(parser.parse(frame(LinkType.RAW, IP4.clone()))).segment();
        TcpSegment c = segment(parser.parse(frame(LinkType.RAW, IP6))).segment();

        assertThat(b.src()).isSameAs(a.src());
        assertThat(b.dst()).isSameAs(a.dst());
        assertThat(c.src()).isNotEqualTo(a.src());
    }

    static Segment segment(ParseResult r) {
        assertThat(r).isInstanceOf(Segment.class);
        return (Segment) r;
    }
}
