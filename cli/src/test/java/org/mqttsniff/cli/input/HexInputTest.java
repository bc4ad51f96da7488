package org.mqttsniff.cli.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.mqttsniff.cli.CliException;

class HexInputTest {

    @Test
    void arguments_are_concatenated_and_spaces_ignored() {
        byte[] b = new HexInput().argument("c0 00", 1).argument("  D000E000 ", 2).bytes();
        assertThat(b).containsExactly(0xc0, 0x00, 0xd0, 0x00, 0xe0, 0x00);
    }

    @Test
    void files_ignore_comments_and_any_line_ending() {
        byte[] b = new HexInput().file("# header\r\nc0 00 # ping # still comment\n\n\td0\t00\rAb", "stdin").bytes();
        assertThat(b).containsExactly(0xc0, 0x00, 0xd0, 0x00, 0xab);
    }

    @Test
    void hash_is_not_a_comment_in_arguments() {
        assertThatThrownBy(() -> new HexInput().argument("c0 00 # x", 1))
                .isInstanceOf(CliException.class)
                .hasMessage("invalid hex at character 7: '#' is not a hex digit (argument 1)");
    }

    @Test
    void a_dropped_digit_is_caught_in_its_own_group() {
        assertThatThrownBy(() -> new HexInput().argument("30 0d 000 8", 3))
                .hasMessage("invalid hex at character 7: odd number of hex digits in '000', a byte takes two (argument 3)");
    }

    @Test
    void non_ascii_is_named_by_code_point() {
        assertThatThrownBy(() -> new HexInput().file("c0\n0０", "stdin"))
                .hasMessage("invalid hex at character 2: U+FF10 is not a hex digit (stdin line 2)");
    }
}
