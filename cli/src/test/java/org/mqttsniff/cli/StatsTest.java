package org.mqttsniff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;
import org.mqttsniff.capture.file.CaptureFiles;
import org.mqttsniff.capture.file.PcapWriter;
import org.mqttsniff.net.FrameSource;
import org.mqttsniff.net.RawFrame;

/** {@code -z/--stats}: a summary instead of the packets, as text tables or one JSON line. */
class StatsTest {
    private static final String QOS = ReadCaptureTest.SAMPLES.resolve("v311-qos012.pcap").toString();

    @Test
    void text_summary_replaces_the_packet_lines() {
        Cli.Result r = Cli.run("-r", QOS, "-z");
        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEmpty();
        List<String> lines = r.outLines();
        assertThat(lines.get(0)).matches("MQTT statistics: 28 packets, 363 B in 0\\.313 s");
        assertThat(r.out()).doesNotContain("→ 127.0.0.1:1883  CONNECT").doesNotContain("opened");
        // packets per type, exact
        assertThat(lines).contains("  PUBLISH           6  176 B", "  CONNECT           4  109 B",
                "  CONNACK           4   16 B", "  DISCONNECT        4    8 B", "  PUBACK            2    8 B",
                "  PUBREC            2    8 B", "  PUBREL            2    8 B", "  PUBCOMP           2    8 B",
                "  SUBSCRIBE         1   17 B", "  SUBACK            1    5 B", "  total            28  363 B");
        assertThat(lines).contains("Connections: 4", "Client ids: 4");
        assertThat(lines).anySatisfy(l -> assertThat(l).matches(
                " +0 +127\\.0\\.0\\.1:49002 +127\\.0\\.0\\.1:1883 +learner-sub +3\\.1\\.1 +12 +157 B +312\\.920 ms +fin"));
        // each topic: once publisher to broker, once broker to subscriber
        for (int q = 0; q <= 2; q++) {
            String topic = "demo/qos/" + q;
            assertThat(lines).anySatisfy(l -> assertThat(l).matches("  " + topic + " +2 +1 +1 +28 B +6\\.39/s"));
        }
        assertThat(lines).anySatisfy(l -> assertThat(l).matches("  CONNECT → CONNACK +4 +0\\.080 +0\\.081 +0\\.124 +0\\.124"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("  PUBLISH → PUBACK "));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("  PUBLISH → PUBREC "));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("  SUBSCRIBE → SUBACK "));
        assertThat(lines).contains("QoS 1 and 2 flows: 4 completed (QoS 1: 2, QoS 2: 2), 0 left incomplete");
        assertThat(lines).contains("  malformed packets     0", "  gaps                  0  (0 B lost)");
    }

    @Test
    void json_summary_is_one_stats_event_line() {
        Cli.Result r = Cli.run("-r", QOS, "--stats", "-T", "json");
        assertThat(r.exit()).isZero();
        assertThat(r.outLines()).hasSize(1);
        assertThat(r.out()).startsWith("{\"event\":\"stats\",\"durationMs\":312.92,\"packets\":28,\"bytes\":363,").contains("{\"type\":\"PUBLISH\",\"packets\":6,\"bytes\":176}")
                .contains("{\"topic\":\"demo/qos/1\",\"messages\":2,\"toBroker\":1,\"fromBroker\":1,\"payloadBytes\":28,")
                .contains("\"flows\":{\"completed\":4,\"completedQos1\":2,\"completedQos2\":2,\"incomplete\":0}")
                .contains("{\"request\":\"CONNECT\",\"response\":\"CONNACK\",\"count\":4,\"minMs\":0.08,")
                .contains("\"gaps\":{\"count\":0,\"lostBytes\":0}");
    }

    @Test
    void a_lost_puback_leaves_its_flow_incomplete_and_counts_the_gap(@TempDir Path dir) throws IOException {
        // frame 36 carries the broker's PUBACK to learner-pub-q1
        Path cut = dir.resolve("no-puback.pcap");
        try (FrameSource in = CaptureFiles.open(Path.of(QOS)); OutputStream os = Files.newOutputStream(cut)) {
            PcapWriter w = null;
            RawFrame f;
            while ((f = in.next()) != null) {
                if (w == null) {
                    w = new PcapWriter(os, f.linkType(), true);
                }
                if (f.number() != 36) {
                    w.write(f);
                }
            }
            w.flush();
        }
        String out = Cli.run("-r", cut.toString(), "-z").out();
        assertThat(out).contains("QoS 1 and 2 flows: 3 completed (QoS 1: 1, QoS 2: 2), 1 left incomplete")
                .contains("  gaps                  1  (4 B lost)");
        // the close event of that connection says so too
        assertThat(Cli.run("-r", cut.toString(), "-T", "json", "-Y", "event == close").outLines())
                .filteredOn(l -> l.contains("\"openFlows\":1")).singleElement().asString().contains("\"stream\":2");
    }

    @Test
    void count_limits_what_the_summary_covers() {
        Cli.Result r = Cli.run("-r", QOS, "-z", "-c", "2");
        assertThat(r.outLines().get(0)).startsWith("MQTT statistics: 2 packets, 29 B");
    }

    /**
     * Plain --stats counts packets without building their events; with -c (even one never reached)
     * every packet goes through the events as before. Both must give the same report, byte for byte.
     */
    @ParameterizedTest
    @MethodSource("org.mqttsniff.cli.ReadCaptureTest#captures")
    void counting_without_packet_events_gives_the_report_the_events_give(Path capture) {
        for (String format : List.of("text", "json")) {
            Cli.Result direct = Cli.run("-r", capture.toString(), "--stats", "-T", format);
            Cli.Result viaEvents = Cli.run("-r", capture.toString(), "--stats", "-T", format, "-c", "1000000000");
            assertThat(direct.exit()).isZero();
            assertThat(direct.out()).contains(format.equals("json") ? "\"event\":\"stats\"" : "MQTT statistics: ")
                    .isEqualTo(viaEvents.out());
            assertThat(direct.err()).isEqualTo(viaEvents.err());
        }
    }
}
