package org.mqttsniff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;

import org.junit.jupiter.api.Test;

class MainCommandTest {

    @Test
    void version_prints_name_and_filtered_version() {
        Cli.Result r = Cli.run("--version");
        assertThat(r.exit()).isEqualTo(ExitCodes.OK);
        assertThat(r.out().strip()).matches("mqttsniff \\d+\\.\\d+\\.\\d+.*").doesNotContain("${");
    }

    @Test
    void help_lists_decode_and_the_exit_codes() {
        Cli.Result r = Cli.run("--help");
        assertThat(r.exit()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("Usage: mqttsniff", "decode", "--debug", "2  bad usage or invalid input");
    }

    @Test
    void decode_help_shows_its_options() {
        Cli.Result r = Cli.run("decode", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Usage: mqttsniff decode", "--mqtt-version", "-T=text|json", "--show-secrets",
                "--max-payload", "--max-packet-size", "HEX...");
    }

    @Test
    void unknown_option_is_one_line_and_a_hint_with_exit_2() {
        Cli.Result r = Cli.run("decode", "--bogus", "c0", "00");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).containsExactly(
                "mqttsniff: Unknown option: '--bogus'",
                "Try 'mqttsniff decode --help' for more information.");
    }

    @Test
    void unknown_top_level_option_points_at_top_level_help() {
        Cli.Result r = Cli.run("--bogus");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errLines()).hasSize(2);
        assertThat(r.errLines().get(1)).isEqualTo("Try 'mqttsniff --help' for more information.");
    }

    @Test
    void bad_mqtt_version_is_a_usage_error() {
        Cli.Result r = Cli.run("decode", "--mqtt-version", "6", "c0", "00");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errLines()).hasSize(2);
        assertThat(r.errLines().get(0)).startsWith("mqttsniff: ").contains("--mqtt-version", "'6'");
    }

    @Test
    void negative_limits_are_usage_errors() {
        assertThat(Cli.run("decode", "--max-payload", "-1", "c000").exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(Cli.run("decode", "--max-packet-size", "1", "c000").exit()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void nothing_to_read_says_so_in_one_line_with_exit_2() {
        Cli.Result r = Cli.run();
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().lines()).containsExactly(
                "mqttsniff: nothing to read: give -r FILE, -i IFACE, or a command such as decode",
                "Try 'mqttsniff --help' for more information.");
    }

    @Test
    void internal_error_is_one_line_without_stack_trace_unless_debug() {
        Cli.Result r = Cli.runWithStdin(failing(), "decode", "-");
        assertThat(r.exit()).isEqualTo(ExitCodes.INTERNAL);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).startsWith("mqttsniff: internal error:").contains("--debug").doesNotContain("\tat ");

        Cli.Result debug = Cli.runWithStdin(failing(), "decode", "--debug", "-");
        assertThat(debug.exit()).isEqualTo(ExitCodes.INTERNAL);
        assertThat(debug.err()).contains("\tat ", "disk on fire");
    }

    @Test
    void debug_is_accepted_before_the_subcommand_too() {
        Cli.Result r = Cli.runWithStdin(failing(), "--debug", "decode", "-");
        assertThat(r.err()).contains("\tat ");
    }

    private static InputStream failing() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk on fire");
            }
        };
    }
}
