package org.mqttsniff.capture.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqttsniff.bytes.ByteSlice;
import org.mqttsniff.capture.file.CaptureFiles;
import org.mqttsniff.net.Endpoint;
import org.mqttsniff.net.FrameSource;
import org.mqttsniff.net.RawFrame;
import org.mqttsniff.session.Pipeline;
import org.mqttsniff.session.SessionOptions;
import org.mqttsniff.session.SnifferEvent;
import org.mqttsniff.tcp.AssemblerLimits;

/** The synthesized flows: read back by the capture pipeline as the same connections, and valid for tshark. */
class FlowWriterTest {
    private static final Endpoint V4_CLIENT = new Endpoint(ByteSlice.fromHex("7f000001"), 40001);
    private static final Endpoint V4_BROKER = new Endpoint(ByteSlice.fromHex("7f000001"), 1883);
    private static final Endpoint V6_CLIENT = new Endpoint(ByteSlice.fromHex("00000000000000000000000000000001"), 40002);

    @TempDir
    Path dir;

    @Test
    void v4_and_mixed_v6_v4_flows_read_back_with_handshake_data_and_fin() throws Exception {
        Path pcap = dir.resolve("flows.pcap");
        try (FlowWriter w = new FlowWriter(new BufferedOutputStream(Files.newOutputStream(pcap)))) {
            w.open(0, V4_CLIENT, V4_BROKER, 1, 1_000);
            w.data(0, true, RelayTest.slice(RelayTest.hex("100f00044d5154540402003c0003726177")), 4, 2_000);
            w.data(0, false, RelayTest.slice(RelayTest.hex("20020000")), 5, 3_000);
            // an IPv6 client relayed to an IPv4 broker: the broker is written as ::ffff:127.0.0.1
            w.open(1, V6_CLIENT, V4_BROKER, 6, 4_000);
            w.data(1, true, RelayTest.slice(RelayTest.hex("100e00044d5154540402003c00027636")), 9, 5_000);
            w.fin(0, true, 10, 6_000);
            w.fin(0, false, 11, 7_000);
            w.rst(1, true, 12, 8_000);
        }
        List<SnifferEvent> events = new ArrayList<>();
        try (FrameSource src = CaptureFiles.open(pcap)) {
            Pipeline p = new Pipeline(SessionOptions.defaults(), AssemblerLimits.defaults(), events::add);
            RawFrame f;
            long n = 0;
            while ((f = src.next()) != null) {
                assertThat(f.number()).isEqualTo(++n);
                p.frame(f);
            }
            assertThat(n).isEqualTo(12);
            p.finish();
        }
        assertThat(events).filteredOn(e -> e instanceof SnifferEvent.Open).extracting(e -> ((SnifferEvent.Open) e)
                .roleBasis()).containsExactly("SYN", "SYN");
        assertThat(events).filteredOn(e -> e instanceof SnifferEvent.Packet)
                .extracting(e -> ((SnifferEvent.Packet) e).frame() + " " + ((SnifferEvent.Packet) e).clientId())
                .containsExactly("4 raw", "5 raw", "9 v6");
        assertThat(events).filteredOn(e -> e instanceof SnifferEvent.Close)
                .extracting(e -> ((SnifferEvent.Close) e).reason()).containsExactlyInAnyOrder("fin", "rst");
        SnifferEvent.Packet v6 = (SnifferEvent.Packet) events.stream()
                .filter(e -> e instanceof SnifferEvent.Packet p && p.frame() == 9).findFirst().orElseThrow();
        assertThat(v6.src().toString()).isEqualTo("[::1]:40002");
        assertThat(v6.dst().toString()).isEqualTo("[::ffff:7f00:1]:1883");

        if (Broker.onPath("tshark")) {
            // with checksum checks on, tshark finds no bad IP or TCP checksum and no sequence problem
            Process t = new ProcessBuilder("tshark", "-n", "-r", pcap.toString(), "-o", "ip.check_checksum:TRUE",
                    "-o", "tcp.check_checksum:TRUE", "-T", "fields", "-e", "frame.number", "-e", "_ws.expert.message",
                    "-e", "mqtt.msgtype").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(t.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(t.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(out).doesNotContainIgnoringCase("bad checksum").doesNotContainIgnoringCase("incorrect")
                    .doesNotContain("out-of-order").doesNotContain("previous segment not captured");
            assertThat(out.lines().filter(l -> l.endsWith("\t1") || l.endsWith("\t2")).count()).isEqualTo(3);
        }
    }
}
