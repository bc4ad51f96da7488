package org.mqttsniff.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mqttsniff.bytes.ByteSlice;
import org.mqttsniff.net.LinkType;
import org.mqttsniff.net.RawFrame;
import org.mqttsniff.net.TcpSegment;

/** What the tables cannot say: identity of slices, frames, per-direction flags, and a randomised check. */
// A reassembly bug tends to loop forever rather than fail; a separate thread lets the timeout end it.
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AssemblerTest {

    private static void feed(Assembler asm, String... lines) {
        long n = 0;
        for (String text : lines) {
            Wire.Line line = Wire.parse(text, ++n, 0);
            asm.segment(line.frame(), line.segment(), line.cut());
        }
    }

    @Test
    void in_order_payload_is_delivered_as_the_segments_own_slice() {
        Recorder rec = new Recorder();
        Assembler asm = new Assembler(AssemblerLimits.defaults(), rec);
        feed(asm, "C>S 1000 S", "S>C 5000 SA 1001");
        Wire.Line line = Wire.parse("C>S 1001 PA 5001 'hello'", 3, 0);
        asm.segment(line.frame(), line.segment());
        assertThat(rec.slices).hasSize(1);
        assertThat(rec.slices.get(0)).isSameAs(line.segment().payload());
    }

    @Test
    void buffered_bytes_come_out_with_the_frame_that_filled_the_hole() {
        Recorder rec = new Recorder();
        Assembler asm = new Assembler(AssemblerLimits.defaults(), rec);
        feed(asm, "C>S 1000 S", "S>C 5000 SA 1001", "C>S 1006 PA 5001 'world'", "C>S 1001 PA 5001 'hello'");
        assertThat(rec.lines).containsExactly(AssemblerTableTest.OPEN0, "data 0 c2s 'hello'", "data 0 c2s 'world'");
        assertThat(rec.frames).containsExactly(1L, 4L, 4L);
    }

    @Test
    void buffered_bytes_are_charged_with_a_per_piece_overhead_and_released() {
        Assembler asm = new Assembler(AssemblerLimits.defaults(), new Recorder());
        feed(asm, "C>S 1000 S", "C>S 1006 PA 5001 'world'", "C>S 1011 PA 5001 'x'");
        assertThat(asm.bufferedBytes()).isEqualTo(5 + 1 + 2L * AssemblerLimits.PIECE_OVERHEAD);
        feed(asm, "C>S 1001 PA 5001 'hello'");
        assertThat(asm.bufferedBytes()).isZero();
    }

    @Test
    void started_mid_stream_is_known_per_direction() {
        List<TcpConnection> conns = new ArrayList<>();
        Assembler.Listener capture = new Assembler.Listener() {
            @Override
            public void open(TcpConnection c, RawFrame frame) {
                conns.add(c);
            }

            @Override
            public void data(TcpConnection c, boolean fromClient, ByteSlice bytes, RawFrame frame) {
            }

            @Override
            public void gap(TcpConnection c, boolean fromClient, long lostBytes, RawFrame frame) {
            }

            @Override
            public void close(TcpConnection c, CloseReason reason, RawFrame frame) {
            }
        };
        Assembler asm = new Assembler(AssemblerLimits.defaults(), capture);
        feed(asm, "S>C 7000 PA 300 'x'", "C>S 300 PA 7001 'y'", // mid-stream
                "C2>S 1000 S", "S>C2 5000 SA 1001", // handshake
                "S>C3 5000 SA 1001"); // SYN missed, SYN+ACK seen: both starts known
        assertThat(conns).hasSize(3);
        assertThat(conns.get(0).startedMidStream(true)).isTrue();
        assertThat(conns.get(0).startedMidStream(false)).isTrue();
        for (TcpConnection c : conns.subList(1, 3)) {
            assertThat(c.startedMidStream(true)).isFalse();
            assertThat(c.startedMidStream(false)).isFalse();
        }
    }

    @Test
    void an_ignored_connection_buffers_nothing() {
        Recorder rec = new Recorder(c -> true);
        Assembler asm = new Assembler(AssemblerLimits.defaults(), rec);
        feed(asm, "C>S 1000 S", "C>S 1006 PA 5001 'world'", "C>S 1001 PA 5001 'hello'");
        assertThat(asm.bufferedBytes()).isZero();
        assertThat(asm.connectionCount()).isEqualTo(1);
        assertThat(rec.lines).containsExactly(AssemblerTableTest.OPEN0);
    }

    @Test
    void a_listener_may_ignore_a_connection_in_the_middle_of_its_data() {
        Recorder rec = new Recorder() {
            @Override
            public void data(TcpConnection c, boolean fromClient, ByteSlice bytes, RawFrame frame) {
                super.data(c, fromClient, bytes, frame);
                c.ignore(); // not MQTT after all
            }
        };
        Assembler asm = new Assembler(AssemblerLimits.defaults(), rec);
        feed(asm, "C>S 1000 S", "C>S 1006 PA 5001 'world'", "S>C 5000 SA 1001", "S>C 5001 PA 1001 'zz'",
                "C>S 1001 PA 5001 'hello'", "C>S 1011 F");
        assertThat(asm.bufferedBytes()).isZero();
        asm.finish(7, 0);
        assertThat(rec.lines).containsExactly(AssemblerTableTest.OPEN0, "data 0 s2c 'zz'", "close 0 END_OF_CAPTURE");
    }

    /**
     * One client stream cut at random, with retransmissions cut differently, all shuffled, from an
     * ISN near the wrap half the time: the bytes come out exactly once, in order, with no gap.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void shuffled_resegmented_retransmitted_stream_comes_out_exactly_once(long seed) {
        Random rnd = new Random(seed);
        byte[] data = new byte[3000];
        rnd.nextBytes(data);
        long isn = rnd.nextBoolean() ? 0x1_0000_0000L - 1 - rnd.nextInt(3000) : rnd.nextInt() & 0xFFFF_FFFFL;
        var c = Wire.ENDPOINTS.get("C");
        var s = Wire.ENDPOINTS.get("S");
        List<TcpSegment> shuffled = new ArrayList<>();
        for (int rounds = 0; rounds < 2; rounds++) { // the second round: retransmissions, cut elsewhere
            for (int from = 0; from < data.length; ) {
                int to = Math.min(data.length, from + 1 + rnd.nextInt(400));
                shuffled.add(new TcpSegment(c, s, (isn + 1 + from) & 0xFFFF_FFFFL, 0, TcpSegment.PSH, 100,
                        ByteSlice.copyOf(data, from, to - from)));
                from = to;
            }
        }
        shuffled.add(new TcpSegment(c, s, (isn + 1 + data.length) & 0xFFFF_FFFFL, 0, TcpSegment.FIN, 100,
                ByteSlice.EMPTY));
        Collections.shuffle(shuffled, rnd);
        List<TcpSegment> segs = new ArrayList<>();
        segs.add(new TcpSegment(c, s, isn, 0, TcpSegment.SYN, 100, ByteSlice.EMPTY));
        segs.add(new TcpSegment(s, c, 77, (isn + 1) & 0xFFFF_FFFFL, TcpSegment.SYN | TcpSegment.ACK, 100,
                ByteSlice.EMPTY));
        segs.addAll(shuffled);
        segs.add(new TcpSegment(s, c, 78, 0, TcpSegment.FIN, 100, ByteSlice.EMPTY));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> other = new ArrayList<>();
        Assembler asm = new Assembler(AssemblerLimits.defaults(), new Assembler.Listener() {
            @Override
            public void open(TcpConnection conn, RawFrame frame) {
            }

            @Override
            public void data(TcpConnection conn, boolean fromClient, ByteSlice bytes, RawFrame frame) {
                assertThat(fromClient).isTrue();
                out.writeBytes(bytes.toArray());
            }

            @Override
            public void gap(TcpConnection conn, boolean fromClient, long lostBytes, RawFrame frame) {
                other.add("gap " + lostBytes);
            }

            @Override
            public void close(TcpConnection conn, CloseReason reason, RawFrame frame) {
                other.add("close " + reason);
            }
        });
        long n = 0;
        for (TcpSegment seg : segs) {
            n++;
            asm.segment(new RawFrame(n, n, LinkType.ETHERNET, ByteSlice.EMPTY, 0), seg);
        }
        assertThat(other).containsExactly("close FIN");
        assertThat(out.toByteArray()).isEqualTo(data);
        assertThat(asm.bufferedBytes()).isZero();
    }

    /**
     * The same with segments lost, ACKs for random prefixes and a small per-connection limit: every
     * byte position still comes out exactly once, either as the right data or inside a gap.
     */
    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void lossy_stream_accounts_for_every_byte_once(long seed) {
        Random rnd = new Random(seed);
        byte[] data = new byte[3000];
        rnd.nextBytes(data);
        long isn = rnd.nextBoolean() ? 0x1_0000_0000L - 1 - rnd.nextInt(3000) : rnd.nextInt() & 0xFFFF_FFFFL;
        var c = Wire.ENDPOINTS.get("C");
        var s = Wire.ENDPOINTS.get("S");
        List<TcpSegment> shuffled = new ArrayList<>();
        for (int rounds = 0; rounds < 2; rounds++) {
            for (int from = 0; from < data.length; ) {
                int to = Math.min(data.length, from + 1 + rnd.nextInt(400));
                if (rnd.nextInt(10) >= 3) {
                    shuffled.add(new TcpSegment(c, s, (isn + 1 + from) & 0xFFFF_FFFFL, 0, TcpSegment.PSH, 100,
                            ByteSlice.copyOf(data, from, to - from)));
                }
                from = to;
            }
        }
        for (int i = 0; i < 10; i++) {
            shuffled.add(new TcpSegment(s, c, 5001, (isn + 1 + rnd.nextInt(data.length + 1)) & 0xFFFF_FFFFL,
                    TcpSegment.ACK, 100, ByteSlice.EMPTY));
        }
        shuffled.add(new TcpSegment(c, s, (isn + 1 + data.length) & 0xFFFF_FFFFL, 0, TcpSegment.FIN, 100,
                ByteSlice.EMPTY));
        Collections.shuffle(shuffled, rnd);
        List<TcpSegment> segs = new ArrayList<>();
        segs.add(new TcpSegment(c, s, isn, 0, TcpSegment.SYN, 100, ByteSlice.EMPTY));
        segs.addAll(shuffled);

        int[] position = {0};
        List<String> closes = new ArrayList<>();
        Assembler asm = new Assembler(AssemblerLimits.defaults().withMaxBufferedPerConnection(1000),
                new Assembler.Listener() {
                    @Override
                    public void open(TcpConnection conn, RawFrame frame) {
                    }

                    @Override
                    public void data(TcpConnection conn, boolean fromClient, ByteSlice bytes, RawFrame frame) {
                        assertThat(bytes.toArray()).as("data at %d", position[0])
                                .isEqualTo(ByteSlice.wrap(data).slice(position[0], position[0] + bytes.length())
                                        .toArray());
                        position[0] += bytes.length();
                    }

                    @Override
                    public void gap(TcpConnection conn, boolean fromClient, long lostBytes, RawFrame frame) {
                        assertThat(lostBytes).isPositive();
                        position[0] += (int) lostBytes;
                    }

                    @Override
                    public void close(TcpConnection conn, CloseReason reason, RawFrame frame) {
                        assertThat(position[0]).isEqualTo(data.length);
                        closes.add(reason.name());
                    }
                });
        long n = 0;
        for (TcpSegment seg : segs) {
            n++;
            asm.segment(new RawFrame(n, n, LinkType.ETHERNET, ByteSlice.EMPTY, 0), seg);
            assertThat(asm.bufferedBytes()).isLessThanOrEqualTo(1000);
        }
        asm.finish(n + 1, n + 1);
        assertThat(position[0]).isEqualTo(data.length);
        assertThat(closes).containsExactly("END_OF_CAPTURE");
        assertThat(asm.bufferedBytes()).isZero();
    }

    /**
     * Random segments between a few endpoints, with tight limits: no exception, memory within the
     * limits, each connection opened before and silent after its close, nothing left at the end.
     */
    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23, 24, 25})
    void random_segments_keep_the_listener_contract_and_the_limits(long seed) {
        Random rnd = new Random(seed);
        String[] names = {"C", "C2", "S", "X", "Y"};
        int[] flagsChoice = {0, TcpSegment.ACK, TcpSegment.SYN, TcpSegment.SYN | TcpSegment.ACK,
                TcpSegment.FIN | TcpSegment.ACK, TcpSegment.RST, TcpSegment.PSH | TcpSegment.ACK};
        AssemblerLimits limits = new AssemblerLimits(300, 500, 3, 5_000_000_000L, p -> p == 1883);
        java.util.Map<TcpConnection, String> state = new java.util.HashMap<>();
        Assembler asm = new Assembler(limits, new Assembler.Listener() {
            @Override
            public void open(TcpConnection conn, RawFrame frame) {
                assertThat(state.put(conn, "open")).isNull();
            }

            @Override
            public void data(TcpConnection conn, boolean fromClient, ByteSlice bytes, RawFrame frame) {
                assertThat(state.get(conn)).isEqualTo("open");
                assertThat(bytes.length()).isPositive();
            }

            @Override
            public void gap(TcpConnection conn, boolean fromClient, long lostBytes, RawFrame frame) {
                assertThat(state.get(conn)).isEqualTo("open");
                assertThat(lostBytes).isPositive();
            }

            @Override
            public void close(TcpConnection conn, CloseReason reason, RawFrame frame) {
                assertThat(state.put(conn, "closed")).isEqualTo("open");
            }
        });
        long time = 0;
        for (int n = 1; n <= 3000; n++) {
            String a = names[rnd.nextInt(names.length)];
            String b = names[rnd.nextInt(names.length)];
            if (a.equals(b)) {
                continue;
            }
            byte[] payload = new byte[rnd.nextInt(4) == 0 ? rnd.nextInt(200) : 0];
            rnd.nextBytes(payload);
            long seq = 1000 + rnd.nextInt(600) + (rnd.nextInt(50) == 0 ? rnd.nextInt() & 0xFFFF_FFFFL : 0);
            TcpSegment seg = new TcpSegment(Wire.ENDPOINTS.get(a), Wire.ENDPOINTS.get(b), seq & 0xFFFF_FFFFL,
                    1000 + rnd.nextInt(600), flagsChoice[rnd.nextInt(flagsChoice.length)], 100,
                    ByteSlice.wrap(payload));
            time += rnd.nextInt(300_000_000);
            asm.segment(new RawFrame(n, time, LinkType.ETHERNET, ByteSlice.EMPTY, 0), seg, rnd.nextInt(10) == 0 ? 5 : 0);
            assertThat(asm.bufferedBytes()).isBetween(0L, 500L);
            assertThat(asm.connectionCount()).isLessThanOrEqualTo(3);
        }
        asm.finish(3001, time);
        assertThat(state.values()).containsOnly("closed");
        assertThat(asm.bufferedBytes()).isZero();
    }
}
