package org.mqttsniff.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mqttsniff.net.Frames.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mqttsniff.bytes.ByteSlice;
import org.mqttsniff.net.ParseResult.Kind;
import org.mqttsniff.net.ParseResult.Segment;

/** IPv4 (RFC 791) and IPv6 (RFC 8200 §4.5) fragments, fed as frames through {@link NetworkParser}. */
class FragmentReassemblyTest {
    static final long SECOND = 1_000_000_000L;
    /** A 20-byte TCP header and 100 bytes of payload: 120 bytes of IP data, cut at 0, 40, 80 below. */
    static final byte[] PAYLOAD = payload(100);
    static final byte[] TCP = tcp(40001, 1883, 5, 6, TcpSegment.PSH | TcpSegment.ACK, 300, new byte[0], PAYLOAD);

    final NetworkParser parser = new NetworkParser();

    /** Fragment k of three: data [40k, 40k + 40) of the TCP segment. */
    static RawFrame v4(int k, long number, long time) {
        return v4(k * 40, 40, k < 2, number, time);
    }

    static RawFrame v4(int offset, int length, boolean more, long number, long time) {
        byte[] data = Arrays.copyOfRange(TCP, offset, offset + length);
        byte[] ip = ipv4("10.0.0.1", "10.0.0.2").id(0x4242).fragment(offset, more).wrap(data);
        return frame(number, time, LinkType.ETHERNET, ethernet(0x0800, ip));
    }

    /** Feeds the frames in order; every result but the last must be FRAGMENT_PENDING. */
    List<ParseResult> feed(RawFrame... frames) {
        List<ParseResult> results = new ArrayList<>();
        for (RawFrame f : frames) {
            results.add(parser.parse(f));
        }
        return results;
    }

    @ParameterizedTest(name = "order {0}")
    @CsvSource({"012", "210", "102", "201", "021"})
    void reassembles_ipv4_fragments_in_any_order(String order) {
        List<ParseResult> results = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int k = order.charAt(i) - '0';
            results.add(parser.parse(v4(k, 10 + i, i * 1000)));
        }

        assertThat(results.subList(0, 2)).extracting(ParseResult::kind).containsOnly(Kind.FRAGMENT_PENDING);
        TcpSegment t = ((Segment) results.get(2)).segment();
        assertThat(t.src()).hasToString("10.0.0.1:40001");
        assertThat(t.dst()).hasToString("10.0.0.2:1883");
        assertThat(t.seq()).isEqualTo(5);
        assertThat(t.ack()).isEqualTo(6);
        assertThat(t.flags()).isEqualTo(TcpSegment.PSH | TcpSegment.ACK);
        assertThat(t.window()).isEqualTo(300);
        assertThat(t.payload()).isEqualTo(ByteSlice.wrap(PAYLOAD));
        assertThat(parser.pendingDatagrams()).isZero();
        assertThat(parser.droppedFragments()).isZero();
    }

    @ParameterizedTest(name = "seed {0}")
    @CsvSource({"1", "2", "3", "4", "5", "6", "7", "8"})
    void random_overlapping_fragments_in_random_order_reassemble_exactly(long seed) {
        java.util.Random random = new java.util.Random(seed);
        byte[] big = tcp(1, 2, 3, 4, TcpSegment.ACK, 5, new byte[0], payload(3000 + random.nextInt(3000)));
        List<RawFrame> frames = new ArrayList<>();
        for (int start = 0; start < big.length; ) {
            int end = Math.min(big.length, start + 8 * (1 + random.nextInt(40)));
            int from = Math.max(0, start - 8 * random.nextInt(3)); // overlap up to 16 bytes backwards
            byte[] ip = ipv4("10.0.0.1", "10.0.0.2").id(9).fragment(from, end < big.length)
                    .wrap(Arrays.copyOfRange(big, from, end));
            frames.add(frame(frames.size() + 1, 0, LinkType.RAW, ip));
            start = end;
        }
        java.util.Collections.shuffle(frames, random);

        List<ParseResult> results = feed(frames.toArray(new RawFrame[0]));

        assertThat(results.subList(0, results.size() - 1)).extracting(ParseResult::kind)
                .containsOnly(Kind.FRAGMENT_PENDING);
        assertThat(((Segment) results.get(results.size() - 1)).segment().payload())
                .isEqualTo(ByteSlice.wrap(big).slice(20, big.length));
        assertThat(parser.pendingDatagrams()).isZero();
    }

    @Test
    void the_datagram_belongs_to_the_frame_whose_fragment_completed_it() {
        // The last fragment (MF=0) comes second; the datagram is complete only when the hole is filled.
        List<ParseResult> results = feed(v4(0, 1, 0), v4(2, 2, 0), v4(1, 3, 0), v4(1, 4, 0));

        assertThat(results).extracting(ParseResult::kind)
                .containsExactly(Kind.FRAGMENT_PENDING, Kind.FRAGMENT_PENDING, Kind.SEGMENT, Kind.FRAGMENT_PENDING);
    }

    @Test
    void overlapping_fragments_keep_the_bytes_that_came_first() {
        byte[] forged = Arrays.copyOfRange(TCP, 32, 80);
        Arrays.fill(forged, (byte) 0x66);
        byte[] ip = ipv4("10.0.0.1", "10.0.0.2").id(0x4242).fragment(32, true).wrap(forged);

        List<ParseResult> results = feed(
                v4(0, 40, true, 1, 0),                          // [0, 40)
                frame(2, 0, LinkType.ETHERNET, ethernet(0x0800, ip)), // [32, 80) overlaps the first
                v4(40, 80, false, 3, 0));                       // [40, 120), overlaps the second

        assertThat(((Segment) results.get(2)).segment().payload()).isEqualTo(ByteSlice.wrap(cat(
                Arrays.copyOfRange(PAYLOAD, 0, 20),   // bytes 20..40 of the datagram, from fragment 1
                Arrays.copyOfRange(forged, 8, 48),    // 40..80 from fragment 2: it came first
                Arrays.copyOfRange(PAYLOAD, 60, 100)))); // 80..120 from fragment 3
    }

    @Test
    void a_missing_fragment_never_completes_and_expires_by_capture_time() {
        assertThat(feed(v4(0, 1, 0), v4(2, 2, SECOND))).extracting(ParseResult::kind)
                .containsOnly(Kind.FRAGMENT_PENDING);
        assertThat(parser.pendingDatagrams()).isEqualTo(1);

        parser.parse(frame(3, 29 * SECOND, LinkType.RAW, ipv4("1.1.1.1", "2.2.2.2").wrap(tcp(1, 2, PAYLOAD))));
        assertThat(parser.pendingDatagrams()).isEqualTo(1);

        parser.parse(frame(4, 30 * SECOND, LinkType.RAW, ipv4("1.1.1.1", "2.2.2.2").wrap(tcp(1, 2, PAYLOAD))));
        assertThat(parser.pendingDatagrams()).isZero();
        assertThat(parser.droppedFragments()).isEqualTo(2);

        // The missing middle fragment now starts a new datagram of its own, which cannot complete either.
        assertThat(parser.parse(v4(1, 5, 31 * SECOND)).kind()).isEqualTo(Kind.FRAGMENT_PENDING);
    }

    @Test
    void the_oldest_pending_datagram_is_dropped_beyond_the_limit() {
        NetworkParser small = new NetworkParser(2, 1 << 20, 30 * SECOND);
        for (int id = 1; id <= 3; id++) {
            byte[] ip = ipv4("10.0.0.1", "10.0.0.2").id(id).fragment(0, true).wrap(Arrays.copyOf(TCP, 40));
            small.parse(frame(id, 0, LinkType.RAW, ip));
        }

        assertThat(small.pendingDatagrams()).isEqualTo(2);
        assertThat(small.droppedFragments()).isEqualTo(1);
    }

    @Test
    void fragments_of_different_datagrams_do_not_mix() {
        byte[] otherId = ipv4("10.0.0.1", "10.0.0.2").id(0x4343).fragment(40, true)
                .wrap(Arrays.copyOfRange(TCP, 40, 80));

        List<ParseResult> results = feed(v4(0, 1, 0), frame(2, 0, LinkType.ETHERNET, ethernet(0x0800, otherId)),
                v4(2, 3, 0));

        assertThat(results).extracting(ParseResult::kind).containsOnly(Kind.FRAGMENT_PENDING);
        assertThat(parser.pendingDatagrams()).isEqualTo(2);
    }

    @Test
    void a_fragment_past_65535_bytes_is_malformed_and_dropped() {
        byte[] ip = ipv4("10.0.0.1", "10.0.0.2").fragment(65528, false).wrap(new byte[100]); // ping of death

        ParseResult r = parser.parse(frame(LinkType.RAW, ip));

        assertThat(r.kind()).isEqualTo(Kind.MALFORMED);
        assertThat(r).hasToString("MALFORMED: IPv4 fragment: reassembled datagram would exceed 65535 bytes");
        assertThat(parser.droppedFragments()).isEqualTo(1);
    }

    @Test
    void a_fragment_cut_by_snaplen_is_truncated_and_dropped() {
        RawFrame whole = v4(0, 1, 0);
        RawFrame cut = new RawFrame(1, 0, LinkType.ETHERNET, whole.data().slice(0, 50), whole.originalLength());

        assertThat(parser.parse(cut).kind()).isEqualTo(Kind.TRUNCATED);
        assertThat(parser.droppedFragments()).isEqualTo(1);
        assertThat(parser.pendingDatagrams()).isZero();
    }

    @Test
    void udp_fragments_are_not_held() {
        byte[] ip = ipv4("10.0.0.1", "10.0.0.2").protocol(17).fragment(0, true).wrap(new byte[64]);

        assertThat(parser.parse(frame(LinkType.RAW, ip)).kind()).isEqualTo(Kind.NOT_TCP);
        assertThat(parser.pendingDatagrams()).isZero();
    }

    /*
     * IPv6: Hop-by-Hop, Destination Options (unfragmentable part), Fragment, then the fragmentable part:
     * a second Destination Options header (8 bytes) and the TCP segment.
     */
    static RawFrame v6(int offset, int length, boolean more, long number) {
        byte[] fragmentable = cat(extension(6, 0), TCP); // 128 bytes
        byte[] data = Arrays.copyOfRange(fragmentable, offset, offset + length);
        byte[] chain = cat(extension(60, 0), extension(44, 0), fragmentHeader(60, offset, more, 0xCAFEF00DL), data);
        return frame(number, 0, LinkType.ETHERNET, ethernet(0x86DD, ipv6("2001:db8::1:0:0:1", "fe80::1", 0, chain)));
    }

    @Test
    void reassembles_ipv6_fragments_after_hop_by_hop_and_destination_options() {
        List<ParseResult> results = feed(v6(64, 64, false, 1), v6(0, 64, true, 2));

        assertThat(results.get(0).kind()).isEqualTo(Kind.FRAGMENT_PENDING);
        TcpSegment t = ((Segment) results.get(1)).segment();
        assertThat(t.src()).hasToString("[2001:db8::1:0:0:1]:40001");
        assertThat(t.dst()).hasToString("[fe80::1]:1883");
        assertThat(t.seq()).isEqualTo(5);
        assertThat(t.window()).isEqualTo(300);
        assertThat(t.payload()).isEqualTo(ByteSlice.wrap(PAYLOAD));
    }

    @Test
    void ipv6_fragment_inside_a_reassembled_datagram_is_malformed() {
        // Fragmentable part: Destination Options, then another Fragment header (RFC 8200 §4.5 allows one).
        byte[] inner = cat(extension(44, 0), fragmentHeader(6, 8, false, 1), new byte[8]);
        byte[] a = ipv6("::1", "::2", 44, cat(fragmentHeader(60, 0, true, 7), Arrays.copyOf(inner, 8)));
        byte[] b = ipv6("::1", "::2", 44, cat(fragmentHeader(60, 8, false, 7), Arrays.copyOfRange(inner, 8, 24)));

        ParseResult r = feed(frame(LinkType.RAW, a), frame(LinkType.RAW, b)).get(1);

        assertThat(r).hasToString("MALFORMED: IPv6 fragment inside a fragment");
    }

    @Test
    void ipv6_fragment_whose_next_header_is_a_fragment_header_is_not_held() {
        byte[] ip = ipv6("::1", "::2", 44, cat(fragmentHeader(44, 0, true, 7), new byte[16]));

        assertThat(parser.parse(frame(LinkType.RAW, ip)).kind()).isEqualTo(Kind.NOT_TCP);
        assertThat(parser.pendingDatagrams()).isZero();
    }
}
