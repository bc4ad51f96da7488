package org.mqttsniff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How -T tui is chosen and refused; in-process runs have no terminal, as under a pipe. */
class TuiOptionTest {
    private static final String SAMPLE = "../samples/captures/v311-qos012.pcap";

    @Test
    void without_a_terminal_the_default_stays_text() {
        Cli.Result r = Cli.run("-r", SAMPLE);
        assertThat(r.exit()).isZero();
        assertThat(r.outLines().get(1)).contains("CONNECT MQTT v3.1.1 client=\"learner-sub\"");
    }

    @Test
    void tui_asked_for_without_a_terminal_is_one_line_and_exit_2() {
        Cli.Result r = Cli.run("-r", SAMPLE, "-T", "tui");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).containsExactly(
                "mqttsniff: -T tui needs a terminal, and stdin or stdout is not one: use -T text or -T json");
    }

    @Test
    void tui_with_an_option_for_printed_output_is_refused() {
        for (String opt : new String[] {"-z", "-V", "-c1", "-wout.pcap"}) {
            Cli.Result r = Cli.run("-r", SAMPLE, "-T", "tui", opt);
            assertThat(r.exit()).as(opt).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).as(opt).contains("-V, -z, -w and -c go with -T text or json");
        }
    }

    @Test
    void a_bad_filter_or_file_is_reported_before_any_screen() {
        Cli.Result r = Cli.run("-r", "no-such.pcap", "-T", "tui");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errLines()).hasSize(1);
    }

    @Test
    void decode_has_no_tui() {
        Cli.Result r = Cli.run("decode", "-T", "tui", "c0 00");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errLines()).containsExactly("mqttsniff: decode has no terminal UI: use -T text or -T json");
    }
}
