package org.mqttsniff.capture.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mqttsniff.capture.file.CaptureBytes.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqttsniff.bytes.ByteSlice;
import org.mqttsniff.capture.file.PcapReaderTest.Read;
import org.mqttsniff.net.LinkType;
import org.mqttsniff.net.RawFrame;

class PcapWriterTest {
    @TempDir
    Path dir;

    private Read writeAndRead(int linkType, boolean nanos, List<RawFrame> frames) throws IOException {
        Path p = dir.resolve(nanos ? "w-ns.pcap" : "w-us.pcap");
        try (OutputStream os = Files.newOutputStream(p); PcapWriter w = new PcapWriter(os, linkType, nanos)) {
            for (RawFrame f : frames) {
                w.write(f);
            }
        }
        return PcapReaderTest.readAll(p);
    }

    @Test
    void nanosecond_files_read_back_identically() throws IOException {
        List<RawFrame> frames = List.of(
                new RawFrame(1, 1_700_000_000_123_456_789L, LinkType.RAW, ByteSlice.wrap(data(20, 0x45)), 20),
                new RawFrame(2, 1_700_000_000_999_999_999L, LinkType.RAW, ByteSlice.EMPTY, 1500),
                new RawFrame(3, 4_294_967_295_000_000_001L, LinkType.RAW, ByteSlice.wrap(data(1500, 0x60)), 1500));

        Read r = writeAndRead(LinkType.RAW, true, frames);

        assertThat(r.warnings()).isEmpty();
        assertThat(r.frames()).isEqualTo(frames);
    }

    @Test
    void microsecond_files_read_back_identically_to_the_microsecond() throws IOException {
        List<RawFrame> frames = List.of(
                new RawFrame(1, 1_700_000_000_123_456_000L, LinkType.ETHERNET, ByteSlice.wrap(data(60, 0)), 60),
                new RawFrame(2, 1_700_000_001_000_001_999L, LinkType.ETHERNET, ByteSlice.wrap(data(61, 0)), 61));

        Read r = writeAndRead(LinkType.ETHERNET, false, frames);

        assertThat(r.frames().get(0)).isEqualTo(frames.get(0));
        assertThat(r.frames().get(1).timeNanos()).isEqualTo(1_700_000_001_000_001_000L); // sub-microsecond part dropped
        assertThat(r.frames().get(1).data()).isEqualTo(frames.get(1).data());
    }

    @Test
    void writes_the_header_libpcap_writes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(out, LinkType.ETHERNET, false)) {
            w.write(new RawFrame(1, 1_000_000_000L + 2_000, LinkType.ETHERNET, ByteSlice.fromHex("aabb"), 60));
        }

        assertThat(out.toByteArray()).isEqualTo(CaptureBytes.pcap(ByteOrder.LITTLE_ENDIAN, false, 1, 262144)
                .record(1, 2, ByteSlice.fromHex("aabb").toArray(), 60).toByteArray());
    }

    @Test
    void cuts_data_beyond_the_snaplen_and_keeps_the_original_length() throws IOException {
        int big = PcapWriter.SNAPLEN + 100;
        Read r = writeAndRead(LinkType.ETHERNET, true,
                List.of(new RawFrame(1, 5, LinkType.ETHERNET, ByteSlice.wrap(data(big, 0)), big)));

        assertThat(r.frames()).singleElement().satisfies(f -> {
            assertThat(f.data()).isEqualTo(ByteSlice.wrap(data(PcapWriter.SNAPLEN, 0)));
            assertThat(f.originalLength()).isEqualTo(big);
        });
    }

    @Test
    void refuses_a_frame_of_another_link_type_in_one_line() throws IOException {
        try (PcapWriter w = new PcapWriter(new ByteArrayOutputStream(), LinkType.ETHERNET, false)) {
            assertThatThrownBy(() -> w.write(new RawFrame(7, 0, LinkType.RAW, ByteSlice.EMPTY, 0)))
                    .isInstanceOf(CaptureFileException.class)
                    .hasMessage("cannot write frame 7 (raw IP) to a pcap file of Ethernet: a pcap file holds one link type");
        }
    }

    @Test
    void a_file_with_no_frames_is_a_valid_capture() throws IOException {
        Read r = writeAndRead(LinkType.LINUX_SLL2, false, List.of());

        assertThat(r.frames()).isEmpty();
        assertThat(r.warnings()).isEmpty();
    }
}
