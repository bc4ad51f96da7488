package org.mqttsniff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code -Y FILTER} on the sample captures: what it shows, what -c counts, how a bad filter fails. */
class DisplayFilterTest {
    static final Path QOS = ReadCaptureTest.SAMPLES.resolve("v311-qos012.pcap");
    static final Pattern FRAME = Pattern.compile("\"event\":\"(\\w[\\w-]*)\",\"frame\":(\\d+)");

    /** Each JSON line as "event@frame", e.g. "packet@32". */
    static List<String> shown(Path capture, String... more) {
        String[] args = new String[3 + more.length];
        args[0] = "-r";
        args[1] = capture.toString();
        args[2] = "-Tjson";
        System.arraycopy(more, 0, args, 3, more.length);
        Cli.Result r = Cli.run(args);
        assertThat(r.exit()).as(r.err()).isZero();
        return r.outLines().stream().map(l -> {
            Matcher m = FRAME.matcher(l);
            assertThat(m.find()).as(l).isTrue();
            return m.group(1) + "@" + m.group(2);
        }).toList();
    }

    @Test
    void shows_only_the_packets_that_match() {
        assertThat(shown(QOS, "-Y", "type == PUBLISH && qos >= 1"))
                .containsExactly("packet@32", "packet@33", "packet@48", "packet@51");
        assertThat(shown(QOS, "-Y", "topic ~ \"demo/qos/+\" && dir == s2c"))
                .containsExactly("packet@19", "packet@33", "packet@51");
    }

    @Test
    void client_selects_one_client_in_both_directions() {
        assertThat(shown(QOS, "-Y", "client == \"learner-sub\"")).containsExactly("packet@4", "packet@6",
                "packet@8", "packet@9", "packet@19", "packet@33", "packet@35", "packet@51", "packet@52", "packet@54",
                "packet@59", "packet@60");
    }

    @Test
    void a_filter_on_a_stream_keeps_its_open_and_close_events() {
        assertThat(shown(QOS, "-Y", "stream == 1")).containsExactly("open@11", "packet@14", "packet@16",
                "packet@18", "packet@21", "close@23");
        assertThat(shown(QOS, "-Y", "event == close")).containsExactly("close@23", "close@39", "close@57",
                "close@62");
    }

    @Test
    void responses_carry_latency() {
        assertThat(shown(QOS, "-Y", "latency && type == PUBACK"))
                .containsExactly("packet@35", "packet@36");
    }

    static List<Path> captures() throws Exception {
        return ReadCaptureTest.realCaptures().toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void malformed_finds_nothing_in_the_clean_samples(Path capture) {
        assertThat(shown(capture, "-Y", "malformed")).isEmpty();
    }

    @Test
    void count_counts_matching_packets() {
        assertThat(shown(QOS, "-Y", "type == PUBLISH", "-c", "2")).containsExactly("packet@18", "packet@19");
    }

    @Test
    void text_output_is_filtered_too() {
        List<String> lines = Cli.run("-r", QOS.toString(), "-Y", "type == PUBCOMP").outLines();
        assertThat(lines).hasSize(2).allSatisfy(l -> assertThat(l).contains("PUBCOMP id="));
    }

    @Test
    void a_bad_filter_is_one_line_and_exit_2_before_the_file_is_read() {
        Cli.Result r = Cli.run("-r", "no/such/capture.pcap", "-Y", "type == && qos");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errLines()).containsExactly(
                "mqttsniff: -Y: expected a value after '==' at character 9: type == && qos");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void an_unknown_field_gets_a_suggestion() {
        Cli.Result r = Cli.run("-r", QOS.toString(), "-Y", "tpoic ~ \"demo/#\"");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errLines()).containsExactly(
                "mqttsniff: -Y: unknown field 'tpoic' (did you mean 'topic'?) at character 1: tpoic ~ \"demo/#\"");
    }
}
