package org.mqttsniff.capture.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mqttsniff.capture.file.CaptureBytes.data;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqttsniff.capture.file.PcapReaderTest.Read;
import org.mqttsniff.net.FrameSource;
import org.mqttsniff.net.LinkType;

/** Format detection by content, gzip, and the one-line messages for files that are not captures. */
class CaptureFilesTest {
    @TempDir
    Path dir;

    private Path file(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    private static byte[] smallPcap() {
        return CaptureBytes.pcap(ByteOrder.LITTLE_ENDIAN, false, LinkType.ETHERNET, 65535)
                .record(10, 20, data(30, 0), 30)
                .record(11, 21, data(40, 0), 40)
                .toByteArray();
    }

    private void assertRefused(Path p, String message) {
        assertThatThrownBy(() -> CaptureFiles.open(p))
                .isInstanceOf(CaptureFileException.class)
                .hasMessage(message)
                .hasMessageNotContaining("\n");
    }

    @Test
    void detects_the_format_from_the_content_not_the_name() throws IOException {
        Read pcap = PcapReaderTest.readAll(file("really-pcap.pcapng", smallPcap()));
        Read pcapng = PcapReaderTest.readAll(file("really-pcapng.pcap",
                PcapngReaderTest.mixed(ByteOrder.BIG_ENDIAN).toByteArray()));

        assertThat(pcap.frames()).hasSize(2);
        assertThat(pcapng.frames()).hasSize(6);
    }

    @Test
    void reads_gzip_compressed_pcap_and_pcapng_like_the_plain_files() throws IOException {
        byte[] pcapng = PcapngReaderTest.mixed(ByteOrder.LITTLE_ENDIAN).toByteArray();

        assertThat(PcapReaderTest.readAll(file("a.pcap.gz", CaptureBytes.gzip(smallPcap()))))
                .isEqualTo(PcapReaderTest.readAll(file("a.pcap", smallPcap())));
        assertThat(PcapReaderTest.readAll(file("b", CaptureBytes.gzip(pcapng))))
                .isEqualTo(PcapReaderTest.readAll(file("b.pcapng", pcapng)));
    }

    @Test
    void a_cut_gzip_file_keeps_the_frames_inflated_before_the_cut() throws IOException {
        CaptureBytes b = CaptureBytes.pcap(ByteOrder.LITTLE_ENDIAN, true, LinkType.ETHERNET, 65535);
        Random random = new Random(1); // incompressible, so the cut lands mid-stream
        for (int i = 0; i < 50; i++) {
            byte[] d = new byte[1000];
            random.nextBytes(d);
            b.record(i, 0, d, 1000);
        }
        byte[] gz = CaptureBytes.gzip(b.toByteArray());

        Read r = PcapReaderTest.readAll(file("cut.pcap.gz", Arrays.copyOf(gz, gz.length / 2)));

        assertThat(r.frames()).hasSizeBetween(15, 30);
        assertThat(r.warnings()).hasSize(2);
        assertThat(r.warnings().get(0)).startsWith("the gzip data is damaged or cut short (");
        assertThat(r.warnings().get(1)).startsWith("truncated: the last record (frame " + (r.frames().size() + 1) + ")");
    }

    @Test
    void gzip_progress_counts_compressed_bytes() throws IOException {
        Path p = file("p.pcap.gz", CaptureBytes.gzip(smallPcap()));
        try (FrameSource src = CaptureFiles.open(p)) {
            while (src.next() != null) {
                assertThat(src.progress()).isBetween(0.0, 1.0);
            }
            assertThat(src.progress()).isEqualTo(1.0);
        }
    }

    @Test
    void refuses_a_file_that_is_not_a_capture_in_one_line() throws IOException {
        Path p = file("capture.txt", "hello, world\n".getBytes(StandardCharsets.US_ASCII));
        assertRefused(p, p + ": not a pcap or pcapng file (starts with 68 65 6c 6c)");
    }

    @Test
    void refuses_a_file_shorter_than_a_magic_number() throws IOException {
        Path p = file("short", new byte[] {(byte) 0xA1, (byte) 0xB2});
        assertRefused(p, p + ": not a pcap or pcapng file (starts with a1 b2)");
    }

    @Test
    void refuses_gzip_data_that_is_not_a_capture() throws IOException {
        Path p = file("notes.gz", CaptureBytes.gzip("hello".getBytes(StandardCharsets.US_ASCII)));
        assertRefused(p, p + ": gzip-compressed, but not a pcap or pcapng file (starts with 68 65 6c 6c)");
    }

    @Test
    void refuses_an_empty_file_and_empty_gzip_data() throws IOException {
        Path empty = file("empty.pcap", new byte[0]);
        Path emptyGz = file("empty.pcap.gz", CaptureBytes.gzip(new byte[0]));

        assertRefused(empty, empty + ": empty file");
        assertRefused(emptyGz, emptyGz + ": empty file inside the gzip data");
    }

    @Test
    void refuses_a_missing_file_and_a_directory() {
        Path missing = dir.resolve("nope.pcap");

        assertRefused(missing, "no such file: " + missing);
        assertRefused(dir, "cannot read " + dir + ": it is a directory");
    }

    @Test
    void refuses_a_pcapng_file_without_a_byte_order_magic() throws IOException {
        byte[] bad = CaptureBytes.raw(ByteOrder.BIG_ENDIAN).shb(ByteOrder.BIG_ENDIAN).toByteArray();
        bad[8] = 0x55;
        Path p = file("bad.pcapng", bad);

        assertRefused(p, p + ": not a valid pcapng file (corrupt: the section header at byte 0 has no byte-order magic)");
    }

    @Test
    void a_pcapng_file_with_only_a_section_header_has_no_frames() throws IOException {
        Read r = PcapReaderTest.readAll(file("x", CaptureBytes.raw(ByteOrder.LITTLE_ENDIAN)
                .shb(ByteOrder.LITTLE_ENDIAN).idb(1, 0, null, null).toByteArray()));

        assertThat(r.frames()).isEmpty();
        assertThat(r.warnings()).isEmpty();
    }
}
