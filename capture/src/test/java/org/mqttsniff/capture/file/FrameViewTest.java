package org.mqttsniff.capture.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqttsniff.net.FrameSource;
import org.mqttsniff.net.LinkType;
import org.mqttsniff.net.RawFrame;

/** {@link FrameSource#nextView()}: the same frames as {@link FrameSource#next()}, each valid until the next call. */
class FrameViewTest {
    @TempDir
    Path dir;

    /** A frame's fields, its bytes copied out at once (a view is only valid until the next call). */
    private record Seen(long number, long time, int linkType, byte[] data, int originalLength) {
        static Seen of(RawFrame f) {
            return new Seen(f.number(), f.timeNanos(), f.linkType(), f.data().toArray(), f.originalLength());
        }
    }

    private static List<Seen> readAll(Path p, boolean views) throws IOException {
        List<Seen> out = new ArrayList<>();
        try (FrameSource s = CaptureFiles.open(p)) {
            for (RawFrame f = views ? s.nextView() : s.next(); f != null; f = views ? s.nextView() : s.next()) {
                out.add(Seen.of(f));
            }
        }
        return out;
    }

    private void assertSameFrames(Path p, int expected) throws IOException {
        List<Seen> copies = readAll(p, false);
        List<Seen> views = readAll(p, true);
        assertThat(copies).hasSize(expected);
        assertThat(views).hasSameSizeAs(copies);
        for (int i = 0; i < copies.size(); i++) {
            Seen c = copies.get(i);
            Seen v = views.get(i);
            assertThat(v.number()).isEqualTo(c.number());
            assertThat(v.time()).isEqualTo(c.time());
            assertThat(v.linkType()).isEqualTo(c.linkType());
            assertThat(v.originalLength()).isEqualTo(c.originalLength());
            assertThat(v.data()).as("frame %d", c.number()).isEqualTo(c.data());
        }
    }

    @Test
    void pcap_views_match_copies_across_buffer_refills_and_a_record_larger_than_the_buffer() throws IOException {
        // 3 MiB of records of random sizes, so records straddle the end of the 1 MiB buffer, and one of
        // 2 MiB that is read around the buffer.
        Random r = new Random(11);
        CaptureBytes b = CaptureBytes.pcap(ByteOrder.LITTLE_ENDIAN, false, LinkType.ETHERNET, 16 << 20);
        int n = 0;
        for (long total = 0; total < 3 << 20; n++) {
            byte[] data = new byte[n == 500 ? 2 << 20 : 1 + r.nextInt(3000)];
            r.nextBytes(data);
            b.record(1_700_000_000L + n, n, data, data.length + n % 3);
            total += 16 + data.length;
        }
        Path p = dir.resolve("big.pcap");
        Files.write(p, b.toByteArray());
        assertSameFrames(p, n);
    }

    @Test
    void pcapng_views_match_copies_for_every_packet_block_kind() throws IOException {
        for (PcapReaderTest.Order o : PcapReaderTest.Order.values()) {
            Path p = dir.resolve("mixed-" + o + ".pcapng");
            Files.write(p, PcapngReaderTest.mixed(o.order).toByteArray());
            assertSameFrames(p, 6);
        }
    }
}
