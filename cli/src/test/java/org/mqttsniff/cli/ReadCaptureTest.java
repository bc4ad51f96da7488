package org.mqttsniff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code -r}: every capture in samples/captures (real) and samples/crafted (the TCP hard cases,
 * written by capture's CraftCaptures) decodes to the JSON checked in beside it
 * ({@code X.pcap} → {@code X.expected.jsonl}), and the command's failures are one line each.
 *
 * <p>To accept a deliberate change of output, regenerate the expected files with
 * {@code ./mvnw -pl cli -am test -Dtest=ReadCaptureTest -Dmqttsniff.updateGolden=true} and review the diff.
 */
class ReadCaptureTest {
    static final Path SAMPLES = Path.of("..", "samples", "captures");
    static final Path CRAFTED = Path.of("..", "samples", "crafted");

    /** Every capture with its expected decode: the real ones and the crafted TCP hard cases. */
    static Stream<Path> captures() throws IOException {
        return Stream.concat(list(SAMPLES), list(CRAFTED));
    }

    /** The captures recorded from real programs (samples/make-captures.sh), all clean MQTT. */
    static Stream<Path> realCaptures() throws IOException {
        return list(SAMPLES);
    }

    private static Stream<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".pcap")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void decodes_each_sample_capture_as_checked_in(Path pcap) throws IOException {
        Cli.Result r = Cli.run("-r", pcap.toString(), "-T", "json");
        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEmpty();
        Path expected = Path.of(pcap.toString().replaceAll("\\.pcap$", ".expected.jsonl"));
        if (Boolean.getBoolean("mqttsniff.updateGolden")) {
            Files.writeString(expected, r.out());
        }
        assertThat(r.outLines()).containsExactlyElementsOf(Files.readAllLines(expected));
    }

    @Test
    void sample_captures_hold_the_flows_a_learner_should_see() {
        String qos = Cli.run("-r", SAMPLES.resolve("v311-qos012.pcap").toString()).out();
        assertThat(qos).contains("PUBREC").contains("PUBREL").contains("PUBCOMP").contains("PUBACK");
        String v5 = Cli.run("-r", SAMPLES.resolve("v5-properties.pcap").toString(), "-T", "json").out();
        assertThat(v5).contains("\"userProperties\":[[\"unit\",\"celsius\"],[\"sensor\",\"s-17\"]]")
                .contains("\"topicAlias\":1").contains("\"subscriptionIdentifier\":42")
                .contains("\"correlationData\":\"37663031\""); // mosquitto_pub sends "7f01" as text
        String login = Cli.run("-r", SAMPLES.resolve("failed-login.pcap").toString(), "-T", "json").out();
        assertThat(login).contains("\"reason\":\"Connection Refused, not authorized\"")
                .contains("\"reason\":\"Not authorized\"").contains("\"password\":\"****\"");
        String session = Cli.run("-r", SAMPLES.resolve("persistent-session.pcap").toString()).out();
        assertThat(session).contains("CONNACK Connection Accepted sessionPresent");
        String will = Cli.run("-r", SAMPLES.resolve("will.pcap").toString()).out();
        assertThat(will).contains("will=\"demo/will/doomed\" q1").contains("PUBLISH q1 id=1 \"demo/will/doomed\"");
    }

    @Test
    void text_lines_carry_frame_time_endpoints_and_the_answered_request() {
        List<String> lines = Cli.run("-r", SAMPLES.resolve("v311-qos012.pcap").toString()).outLines();
        assertThat(lines.get(0)).matches(" +1 +0\\.000000 127\\.0\\.0\\.1:\\d+ → 127\\.0\\.0\\.1:1883  stream 0 opened"
                + " \\(client decided by syn\\)");
        assertThat(lines).anySatisfy(l -> assertThat(l).matches(
                " +6 +0\\.\\d{6} 127\\.0\\.0\\.1:1883 → 127\\.0\\.0\\.1:\\d+  CONNACK Connection Accepted"
                        + "  \\[answers #4 after [0-9.]+ ms\\]"));
    }

    @Test
    void verbose_explains_every_field_under_its_packet() {
        String out = Cli.run("-r", SAMPLES.resolve("v311-qos012.pcap").toString(), "-V", "-c", "2").out();
        assertThat(out).contains("CONNECT  (MQTT 3.1.1").contains("Protocol Name").contains("Keep Alive")
                .contains("Client Identifier");
    }

    @Test
    void count_stops_after_n_packets() {
        List<String> json = Cli.run("-r", SAMPLES.resolve("v311-qos012.pcap").toString(), "-T", "json", "-c", "3")
                .outLines();
        assertThat(json.stream().filter(l -> l.startsWith("{\"event\":\"packet\""))).hasSize(3);
        assertThat(json.get(json.size() - 1)).contains("\"type\":\"SUBSCRIBE\"");
    }

    @Test
    void a_missing_file_is_one_line_and_exit_2() {
        Cli.Result r = Cli.run("-r", "no/such/capture.pcap");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errLines()).containsExactly("mqttsniff: no such file: no/such/capture.pcap");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void a_file_that_is_not_a_capture_is_one_line_and_exit_2(@TempDir Path dir) throws IOException {
        Path notes = Files.writeString(dir.resolve("notes.txt"), "hello, this is text\n");
        Cli.Result r = Cli.run("-r", notes.toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errLines()).singleElement().asString()
                .startsWith("mqttsniff: " + notes + ": not a pcap or pcapng file");
    }

    @Test
    void a_truncated_capture_is_decoded_up_to_the_cut_with_a_warning(@TempDir Path dir) throws IOException {
        byte[] whole = Files.readAllBytes(SAMPLES.resolve("v311-qos012.pcap"));
        Path cut = Files.write(dir.resolve("cut.pcap"), java.util.Arrays.copyOf(whole, whole.length - 30));
        Cli.Result r = Cli.run("-r", cut.toString(), "-T", "json");
        assertThat(r.exit()).isZero();
        assertThat(r.outLines()).hasSizeGreaterThan(30);
        assertThat(r.err()).startsWith("mqttsniff: warning: truncated");
    }

    @Test
    void mqtt_on_another_port_is_found_by_its_connect_or_named_with_port() throws IOException {
        // the sample broker listens on 1883: told that MQTT is on 1884 only, the CONNECTs still reveal it
        String out = Cli.run("-r", SAMPLES.resolve("retained.pcap").toString(), "-p", "1884", "-T", "json").out();
        assertThat(out).contains("\"type\":\"CONNECT\"").contains("\"type\":\"PUBLISH\"");
    }

    @Test
    void memory_bounds_take_sizes_and_reject_nonsense() {
        String pcap = SAMPLES.resolve("large-payload.pcap").toString();
        Cli.Result ok = Cli.run("-r", pcap, "--max-conn-buffer", "64k", "--max-buffer", "1m", "--max-connections", "10",
                "-T", "json");
        assertThat(ok.exit()).isZero();
        assertThat(ok.out()).contains("\"payloadSize\":300000");
        Cli.Result bad = Cli.run("-r", pcap, "--max-buffer", "lots");
        assertThat(bad.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.errLines().get(0)).isEqualTo("mqttsniff: --max-buffer takes a size such as 512k, 4m or 1g, got 'lots'");
        assertThat(Cli.run("-r", pcap, "--max-connections", "0").exit()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void port_must_be_a_tcp_port() {
        Cli.Result r = Cli.run("-r", SAMPLES.resolve("retained.pcap").toString(), "-p", "1883,70000");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errLines().get(0)).isEqualTo("mqttsniff: --port 70000 is not a TCP port (1-65535)");
    }

    /** (type, topic, payloadSize) of every packet in JSON lines: what must survive -w and -r. */
    private static List<String> packetKeys(String jsonLines) {
        return jsonLines.lines().filter(l -> l.startsWith("{\"event\":\"packet\""))
                .map(l -> find(l, "\"type\":\"\\w+\"") + " " + find(l, "\"topic\":\"[^\"]*\"") + " "
                        + find(l, "\"payloadSize\":\\d+"))
                .toList();
    }

    private static String find(String line, String regex) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(regex).matcher(line);
        return m.find() ? m.group() : "-";
    }

    @Test
    void packet_keys_see_type_topic_and_payload_size() {
        assertThat(packetKeys("{\"event\":\"packet\",\"type\":\"PUBLISH\",\"topic\":\"a/b\",\"payloadSize\":3}\n"
                + "{\"event\":\"open\"}\n{\"event\":\"packet\",\"type\":\"PUBACK\",\"id\":1}"))
                .containsExactly("\"type\":\"PUBLISH\" \"topic\":\"a/b\" \"payloadSize\":3", "\"type\":\"PUBACK\" - -");
    }

    @Test
    void write_saves_the_frames_of_the_shown_packets_and_reads_back_the_same(@TempDir Path dir) {
        // v5-properties: its PUBLISHes carry properties, which only the CONNECT's version reveals
        for (String sample : List.of("v311-qos012.pcap", "large-payload.pcap", "v5-properties.pcap")) {
            Path out = dir.resolve("out-" + sample);
            String pcap = SAMPLES.resolve(sample).toString();
            Cli.Result shown = Cli.run("-r", pcap, "-Y", "type == PUBLISH", "-T", "json", "-w", out.toString());
            assertThat(shown.exit()).isZero();
            Cli.Result back = Cli.run("-r", out.toString(), "-T", "json");
            assertThat(back.exit()).as(sample).isZero();
            // each connection's CONNECT comes along, so that the packets decode in their version
            assertThat(packetKeys(back.out())).as(sample).filteredOn(k -> !k.contains("CONNECT"))
                    .isNotEmpty().containsExactlyElementsOf(packetKeys(shown.out()));
        }
        // the 300 KB PUBLISH comes back whole from the many frames that carried it
        assertThat(Cli.run("-r", dir.resolve("out-large-payload.pcap").toString(), "-T", "json").out())
                .contains("\"payloadSize\":300000");
    }

    @Test
    void write_without_filter_keeps_every_packet(@TempDir Path dir) {
        Path out = dir.resolve("all.pcap");
        String pcap = SAMPLES.resolve("failed-login.pcap").toString();
        String original = Cli.run("-r", pcap, "-T", "json", "-w", out.toString()).out();
        assertThat(packetKeys(Cli.run("-r", out.toString(), "-T", "json").out()))
                .containsExactlyElementsOf(packetKeys(original));
    }

    @Test
    void write_with_nothing_shown_says_so_and_writes_no_file(@TempDir Path dir) {
        Path out = dir.resolve("none.pcap");
        Cli.Result r = Cli.run("-r", SAMPLES.resolve("retained.pcap").toString(), "-Y", "malformed", "-w", out.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.err()).contains("no packet was shown, so " + out + " was not written");
        assertThat(out).doesNotExist();
    }
}
