package org.mqttsniff.capture.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mqttsniff.capture.file.CaptureBytes.data;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mqttsniff.bytes.ByteSlice;
import org.mqttsniff.net.FrameSource;
import org.mqttsniff.net.LinkType;
import org.mqttsniff.net.RawFrame;

class PcapReaderTest {
    @TempDir
    Path dir;

    enum Order {
        LITTLE(ByteOrder.LITTLE_ENDIAN), BIG(ByteOrder.BIG_ENDIAN);

        final ByteOrder order;

        Order(ByteOrder order) {
            this.order = order;
        }
    }

    record Read(List<RawFrame> frames, List<String> warnings) {
    }

    static Read readAll(Path file) throws IOException {
        try (FrameSource src = CaptureFiles.open(file)) {
            List<RawFrame> frames = new ArrayList<>();
            for (RawFrame f; (f = src.next()) != null; ) {
                frames.add(f);
            }
            assertThat(src.next()).as("stays at the end").isNull();
            assertThat(src.progress()).isEqualTo(1.0);
            return new Read(frames, src.warnings());
        }
    }

    private Read read(byte[] file) throws IOException {
        Path p = dir.resolve("t.pcap");
        Files.write(p, file);
        return readAll(p);
    }

    @ParameterizedTest
    @EnumSource(Order.class)
    void reads_microsecond_pcap_in_either_byte_order(Order o) throws IOException {
        byte[] file = CaptureBytes.pcap(o.order, false, LinkType.ETHERNET, 65535)
                .record(1_700_000_000L, 123_456, data(60, 1), 60)
                .record(1_700_000_001L, 999_999, data(0, 0), 1514)    // nothing captured, still a frame
                .record(0xFFFF_FFF0L, 7, data(3, 0x80), 1000)          // ts_sec is unsigned
                .toByteArray();

        Read r = read(file);

        assertThat(r.warnings()).isEmpty();
        assertThat(r.frames()).containsExactly(
                new RawFrame(1, 1_700_000_000_123_456_000L, LinkType.ETHERNET, ByteSlice.wrap(data(60, 1)), 60),
                new RawFrame(2, 1_700_000_001_999_999_000L, LinkType.ETHERNET, ByteSlice.EMPTY, 1514),
                new RawFrame(3, 0xFFFF_FFF0L * 1_000_000_000L + 7_000, LinkType.ETHERNET, ByteSlice.fromHex("808182"), 1000));
    }

    @ParameterizedTest
    @EnumSource(Order.class)
    void reads_nanosecond_pcap_in_either_byte_order(Order o) throws IOException {
        byte[] file = CaptureBytes.pcap(o.order, true, LinkType.RAW, 262144)
                .record(1_600_000_000L, 123_456_789, data(20, 0x45), 20)
                .record(1_600_000_000L, 999_999_999, data(40, 0x60), 1500)
                .toByteArray();

        Read r = read(file);

        assertThat(r.warnings()).isEmpty();
        assertThat(r.frames()).containsExactly(
                new RawFrame(1, 1_600_000_000_123_456_789L, LinkType.RAW, ByteSlice.wrap(data(20, 0x45)), 20),
                new RawFrame(2, 1_600_000_000_999_999_999L, LinkType.RAW, ByteSlice.wrap(data(40, 0x60)), 1500));
    }

    @Test
    void masks_the_fcs_length_bits_off_the_link_type() throws IOException {
        // draft-ietf-opsawg-pcap §4: FCS len 4 (bits 28-31), F bit (26), LinkType 1 (Ethernet)
        byte[] file = CaptureBytes.pcap(ByteOrder.LITTLE_ENDIAN, false, 0x4400_0001L, 65535)
                .record(1, 0, data(14, 0), 14).toByteArray();

        assertThat(read(file).frames()).extracting(RawFrame::linkType).containsExactly(LinkType.ETHERNET);
    }

    @Test
    void accepts_records_longer_than_the_declared_snaplen_up_to_262144() throws IOException {
        byte[] file = CaptureBytes.pcap(ByteOrder.LITTLE_ENDIAN, false, 1, 96)
                .record(1, 0, data(1514, 0), 1514)
                .record(2, 0, data(262_144, 7), 262_144)
                .toByteArray();

        Read r = read(file);

        assertThat(r.warnings()).isEmpty();
        assertThat(r.frames()).extracting(f -> f.data().length()).containsExactly(1514, 262_144);
        assertThat(r.frames().get(1).data()).isEqualTo(ByteSlice.wrap(data(262_144, 7)));
    }

    @Test
    void reads_a_record_larger_than_the_read_buffer_when_the_snaplen_allows_it() throws IOException {
        int big = Input.BUFFER_SIZE + 12_345;
        byte[] file = CaptureBytes.pcap(ByteOrder.BIG_ENDIAN, false, 1, 4 << 20)
                .record(1, 1, data(10, 0), 10)
                .record(2, 2, data(big, 3), big)
                .record(3, 3, data(10, 9), 10)
                .toByteArray();

        Read r = read(file);

        assertThat(r.warnings()).isEmpty();
        assertThat(r.frames()).extracting(RawFrame::number).containsExactly(1L, 2L, 3L);
        assertThat(r.frames().get(1).data()).isEqualTo(ByteSlice.wrap(data(big, 3)));
        assertThat(r.frames().get(2).data()).isEqualTo(ByteSlice.wrap(data(10, 9)));
    }

    @ParameterizedTest
    @ValueSource(longs = {0xFFFF_FFFFL, 300_000L, 16L << 20 | 1})
    void stops_at_an_absurd_captured_length_without_allocating_it(long inclLen) throws IOException {
        CaptureBytes b = CaptureBytes.pcap(ByteOrder.LITTLE_ENDIAN, false, 1, 65535)
                .record(1, 0, data(10, 0), 10);
        byte[] file = b.u32(2).u32(0).u32(inclLen).u32(inclLen).bytes(data(100, 0)).toByteArray();

        Read r = read(file);

        assertThat(r.frames()).hasSize(1);
        assertThat(r.warnings()).containsExactly("corrupt: record 2 claims " + inclLen
                + " captured bytes, more than the 262144 this file allows; stopped reading there");
    }

    @Test
    void a_file_cut_in_a_record_header_keeps_the_frames_before_it() throws IOException {
        byte[] whole = CaptureBytes.pcap(ByteOrder.LITTLE_ENDIAN, false, 1, 65535)
                .record(1, 0, data(10, 0), 10)
                .record(2, 0, data(10, 0), 10)
                .toByteArray();
        byte[] cut = Arrays.copyOf(whole, 24 + 26 + 7);

        Read r = read(cut);

        assertThat(r.frames()).extracting(RawFrame::number).containsExactly(1L);
        assertThat(r.warnings()).containsExactly(
                "truncated: the last record (frame 2) is cut short in its header after 7 of 16 bytes");
    }

    @Test
    void a_file_cut_in_record_data_keeps_the_frames_before_it() throws IOException {
        byte[] whole = CaptureBytes.pcap(ByteOrder.BIG_ENDIAN, true, 1, 65535)
                .record(1, 0, data(10, 0), 10)
                .record(2, 0, data(60, 0), 60)
                .toByteArray();
        byte[] cut = Arrays.copyOf(whole, whole.length - 35);

        Read r = read(cut);

        assertThat(r.frames()).extracting(RawFrame::number).containsExactly(1L);
        assertThat(r.warnings()).containsExactly(
                "truncated: the last record (frame 2) is cut short after 25 of its 60 data bytes");
    }

    @Test
    void a_header_only_file_has_no_frames_and_no_warnings() throws IOException {
        Read r = read(CaptureBytes.pcap(ByteOrder.LITTLE_ENDIAN, false, 1, 65535).toByteArray());

        assertThat(r.frames()).isEmpty();
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void a_file_cut_in_its_file_header_is_refused() throws IOException {
        byte[] cut = Arrays.copyOf(CaptureBytes.pcap(ByteOrder.LITTLE_ENDIAN, false, 1, 65535).toByteArray(), 10);
        Path p = dir.resolve("cut.pcap");
        Files.write(p, cut);

        assertThatThrownBy(() -> CaptureFiles.open(p))
                .isInstanceOf(CaptureFileException.class)
                .hasMessage(p + ": the pcap file header is cut short (10 of 24 bytes)");
    }

    @Test
    void progress_follows_the_bytes_read() throws IOException {
        CaptureBytes b = CaptureBytes.pcap(ByteOrder.LITTLE_ENDIAN, false, 1, 65535);
        for (int i = 0; i < 4; i++) {
            b.record(i, 0, data(84, i), 84); // 24 + 4 * 100 = 424 bytes
        }
        Path p = dir.resolve("p.pcap");
        Files.write(p, b.toByteArray());
        try (FrameSource src = CaptureFiles.open(p)) {
            assertThat(src.progress()).isEqualTo(24.0 / 424);
            src.next();
            src.next();
            assertThat(src.progress()).isEqualTo(224.0 / 424);
        }
    }
}
