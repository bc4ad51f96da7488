package org.mqttsniff.capture.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mqttsniff.capture.file.CaptureBytes.data;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.mqttsniff.bytes.ByteSlice;
import org.mqttsniff.capture.file.PcapReaderTest.Order;
import org.mqttsniff.capture.file.PcapReaderTest.Read;
import org.mqttsniff.net.LinkType;
import org.mqttsniff.net.RawFrame;

class PcapngReaderTest {
    private static final long T = 1_700_000_000L; // seconds

    @TempDir
    Path dir;

    private Read read(byte[] file) throws IOException {
        Path p = dir.resolve("t.pcapng");
        Files.write(p, file);
        return PcapReaderTest.readAll(p);
    }

    /** Three interfaces, every packet block kind, and every kind of block that is not a frame in between. */
    static CaptureBytes mixed(ByteOrder order) {
        CaptureBytes b = CaptureBytes.raw(order).shb(order)
                .idb(LinkType.ETHERNET, 64, null, null)                            // if 0: microseconds by default
                .block(4, CaptureBytes.raw(order).u16(1).u16(8)                    // NRB: nrb_record_ipv4
                        .bytes(new byte[] {10, 0, 0, 1}).bytes("host".getBytes()).u32(0).toByteArray())
                .idb(LinkType.RAW, 0, 9, null)                                     // if 1: nanoseconds
                .epb(0, T * 1_000_000 + 123_456, data(60, 1), 60)
                .block(5, CaptureBytes.raw(order).u32(0).u32(0).u32(0).u32(0).toByteArray()) // ISB
                .epb(1, T * 1_000_000_000 + 123_456_789, data(21, 0x45), 1500);
        b.block(0x00000BAD, CaptureBytes.raw(order).u32(32473).bytes(data(5, 0)).toByteArray()) // custom
                .spb(data(13, 0x20), 13)                                           // SPB: if 0, no time stamp
                .spb(data(64, 0x30), 1514)                                         // cut at if 0's snaplen 64
                .block(0x0000000A, CaptureBytes.raw(order).u32(0x544c534b).u32(4).u32(0).toByteArray()) // DSB
                .pb(1, T * 1_000_000_000 + 5, data(40, 0x60), 40)                  // obsolete PB
                .block(0x12345678, data(7, 0))                                     // unknown
                .idb(LinkType.LINUX_SLL, 262144, 0x80 | 10, 100L)                  // if 2: 2^-10 s, +100 s
                .epb(2, T << 10 | 512, data(16, 0), 16);
        return b;
    }

    @ParameterizedTest
    @EnumSource(Order.class)
    void reads_every_packet_block_kind_and_skips_the_rest(Order o) throws IOException {
        Read r = read(mixed(o.order).toByteArray());

        assertThat(r.warnings()).isEmpty();
        long nsFrame2 = T * 1_000_000_000 + 123_456_789;
        assertThat(r.frames()).containsExactly(
                new RawFrame(1, T * 1_000_000_000 + 123_456_000, LinkType.ETHERNET, ByteSlice.wrap(data(60, 1)), 60),
                new RawFrame(2, nsFrame2, LinkType.RAW, ByteSlice.wrap(data(21, 0x45)), 1500),
                new RawFrame(3, nsFrame2, LinkType.ETHERNET, ByteSlice.wrap(data(13, 0x20)), 13),
                new RawFrame(4, nsFrame2, LinkType.ETHERNET, ByteSlice.wrap(data(64, 0x30)), 1514),
                new RawFrame(5, T * 1_000_000_000 + 5, LinkType.RAW, ByteSlice.wrap(data(40, 0x60)), 40),
                new RawFrame(6, (T + 100) * 1_000_000_000 + 500_000_000, LinkType.LINUX_SLL, ByteSlice.wrap(data(16, 0)), 16));
    }

    @Test
    void each_section_has_its_own_byte_order_and_interfaces() throws IOException {
        CaptureBytes b = CaptureBytes.raw(ByteOrder.LITTLE_ENDIAN).shb(ByteOrder.LITTLE_ENDIAN)
                .idb(LinkType.ETHERNET, 65535, null, null)
                .epb(0, 1_000_000, data(14, 0), 14)
                .shb(ByteOrder.BIG_ENDIAN)
                .idb(LinkType.RAW, 65535, 9, null)
                .epb(0, 2_000_000_000, data(20, 0x45), 20);

        Read r = read(b.toByteArray());

        assertThat(r.warnings()).isEmpty();
        assertThat(r.frames()).containsExactly(
                new RawFrame(1, 1_000_000_000, LinkType.ETHERNET, ByteSlice.wrap(data(14, 0)), 14),
                new RawFrame(2, 2_000_000_000, LinkType.RAW, ByteSlice.wrap(data(20, 0x45)), 20));
    }

    @ParameterizedTest(name = "if_tsresol {0}, if_tsoffset {1}: {2} units = {3} ns")
    @CsvSource({
            "6,     0,   1700000000123456,           1700000000123456000",
            "9,     0,   1700000000123456789,        1700000000123456789",
            "15,    0,   18446744073709551615,       18446744073709",      // femtoseconds, unsigned 2^64-1
            "3,     0,   1700000000123,              1700000000123000000",
            "0,     -10, 1700000000,                 1699999990000000000",
            "12,    0,   12345678901234567,          12345678901234",      // picoseconds, truncated
            "128,   0,   1700000000,                 1700000000000000000", // 2^0
            "148,   0,   1782579200000000,           1700000000000000000", // 2^-20: 1700000000 << 20 = 1782579200000000
            "138,   1,   1,                          1000976562",          // 2^-10: 976562.5 ns, truncated, +1 s
    })
    void converts_interface_time_units_to_nanoseconds(int tsresol, long tsoffset, String units, long nanos) throws IOException {
        long u = new BigInteger(units).longValue(); // may be above Long.MAX_VALUE: unsigned
        CaptureBytes b = CaptureBytes.raw(ByteOrder.BIG_ENDIAN).shb(ByteOrder.BIG_ENDIAN)
                .idb(LinkType.ETHERNET, 0, tsresol, tsoffset)
                .epb(0, u, data(1, 0), 1);

        assertThat(read(b.toByteArray()).frames()).extracting(RawFrame::timeNanos).containsExactly(nanos);
    }

    @Test
    void reads_a_packet_block_larger_than_the_read_buffer() throws IOException {
        int big = Input.BUFFER_SIZE + 4321;
        CaptureBytes b = CaptureBytes.raw(ByteOrder.LITTLE_ENDIAN).shb(ByteOrder.LITTLE_ENDIAN)
                .idb(LinkType.ETHERNET, 0, null, null)
                .epb(0, 1, data(big, 5), big)
                .epb(0, 2, data(10, 1), 10);

        Read r = read(b.toByteArray());

        assertThat(r.warnings()).isEmpty();
        assertThat(r.frames()).hasSize(2);
        assertThat(r.frames().get(0).data()).isEqualTo(ByteSlice.wrap(data(big, 5)));
        assertThat(r.frames().get(1).data()).isEqualTo(ByteSlice.wrap(data(10, 1)));
    }

    private static CaptureBytes oneInterface(ByteOrder order) {
        return CaptureBytes.raw(order).shb(order).idb(LinkType.ETHERNET, 0, null, null).epb(0, 1, data(10, 0), 10);
    }

    @Test
    void a_file_cut_in_packet_data_keeps_the_frames_before_it() throws IOException {
        byte[] whole = oneInterface(ByteOrder.LITTLE_ENDIAN).epb(0, 2, data(60, 0), 60).toByteArray();
        // the second EPB is 32 + 60 + 12 (epb_flags, opt_endofopt) = 104 bytes; keep 50 of them
        Read r = read(Arrays.copyOf(whole, whole.length - 54));

        assertThat(r.frames()).extracting(RawFrame::number).containsExactly(1L);
        assertThat(r.warnings()).containsExactly("truncated: the last block (frame 2) is cut short after 50 of 104 bytes");
    }

    @Test
    void a_file_cut_in_a_block_header_keeps_the_frames_before_it() throws IOException {
        byte[] whole = oneInterface(ByteOrder.BIG_ENDIAN).epb(0, 2, data(60, 0), 60).toByteArray();
        Read r = read(Arrays.copyOf(whole, whole.length - 104 + 5));

        assertThat(r.frames()).hasSize(1);
        assertThat(r.warnings()).containsExactly("truncated: the last block is cut short in its header after 5 of 8 bytes");
    }

    @Test
    void a_file_cut_in_a_skipped_block_says_so() throws IOException {
        byte[] whole = oneInterface(ByteOrder.LITTLE_ENDIAN).block(5, data(40, 0)).toByteArray();
        Read r = read(Arrays.copyOf(whole, whole.length - 10));

        assertThat(r.frames()).hasSize(1);
        assertThat(r.warnings()).singleElement().asString()
                .startsWith("truncated: the last block (type 0x5 at byte ").endsWith(") is cut short after 42 of 52 bytes");
    }

    @ParameterizedTest
    @CsvSource({"4294967280", "16777220", "8", "30"})
    void stops_at_an_impossible_block_length_without_allocating_it(long len) throws IOException {
        CaptureBytes b = oneInterface(ByteOrder.LITTLE_ENDIAN);
        int at = b.size();
        b.u32(6).u32(len).bytes(data(64, 0));

        Read r = read(b.toByteArray());

        assertThat(r.frames()).hasSize(1);
        assertThat(r.warnings()).containsExactly("corrupt: the block of type 0x6 at byte " + at
                + " has an impossible length of " + len + " bytes; stopped reading there");
    }

    @Test
    void stops_when_the_trailing_length_differs() throws IOException {
        byte[] file = oneInterface(ByteOrder.LITTLE_ENDIAN).epb(0, 2, data(8, 0), 8).epb(0, 3, data(8, 0), 8).toByteArray();
        int secondEpbEnd = file.length - 52; // an EPB with 8 data bytes and its options is 52 bytes
        file[secondEpbEnd - 4] ^= 4;         // trailing length 52 becomes 48

        Read r = read(file);

        assertThat(r.frames()).hasSize(1);
        assertThat(r.warnings()).singleElement().asString()
                .startsWith("corrupt: the block of type 0x6").endsWith("ends with a different length than it starts with; stopped reading there");
    }

    @Test
    void stops_at_a_packet_of_an_undescribed_interface() throws IOException {
        Read r = read(oneInterface(ByteOrder.BIG_ENDIAN).epb(3, 2, data(8, 0), 8).toByteArray());

        assertThat(r.frames()).hasSize(1);
        assertThat(r.warnings()).singleElement().asString().contains("names interface 3 but its section describes 1");
    }

    @Test
    void stops_at_a_captured_length_beyond_its_block() throws IOException {
        CaptureBytes b = oneInterface(ByteOrder.LITTLE_ENDIAN);
        b.u32(6).u32(48).u32(0).u32(0).u32(0).u32(0x7FFF_FFF0L).u32(16).bytes(data(16, 0)).u32(48);

        Read r = read(b.toByteArray());

        assertThat(r.frames()).hasSize(1);
        assertThat(r.warnings()).singleElement().asString().contains("claims 2147483632 captured bytes but holds at most 16");
    }
}
