package org.mqttsniff.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A filter that does not compile says what is wrong and where, in one line. */
class FilterErrorsTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiterString = " → ", quoteCharacter = '`', textBlock = """
            type == && qos → expected a value after '==' at character 9
            type == → expected a value after '==' at the end
            `` → the filter is empty
            qos == 1 && → expected a condition after '&&' at the end
            qos == 1 && || retain → expected a field name after '&&' at character 13
            ! → expected a condition after '!' at the end
            == 1 → expected a field name before '==' at character 1
            "PUBLISH" == type → a condition starts with a field name, not "PUBLISH" at character 1
            (qos == 1 → the '(' at character 1 has no ')' at the end
            (qos == 1 retain) → expected '&&' or '||' before 'retain' at character 11
            qos == 1) → ')' has no '(' before it at character 9
            () → expected a field name after '(' at character 2
            topic "a" → expected an operator such as '==' between 'topic' and "a" at character 7
            qos == 1 retain → expected '&&' or '||' before 'retain' at character 10
            qos == 1 == 2 → unexpected '==' after a complete condition at character 10
            qos = 1 → '=' is not an operator, write '==' at character 5
            retain & dup → '&' is not an operator, write '&&' at character 8
            retain | dup → '|' is not an operator, write '||' at character 8
            client == "abc → string not closed: the '"' has no partner at character 11
            client == "a\\qb" → unknown escape '\\q' (use \\" \\\\ \\n \\r \\t or \\uXXXX) at character 13
            client == "\\u12" → \\u takes four hex digits at character 12
            tpoic == "a" → unknown field 'tpoic' (did you mean 'topic'?) at character 1
            qso >= 1 → unknown field 'qso' (did you mean 'qos'?) at character 1
            colour == red → unknown field 'colour' at character 1
            type == PUBLSH → 'PUBLSH' is not a type (did you mean PUBLISH?) at character 9
            dir == up → 'up' is not a dir (one of c2s, s2c) at character 8
            malformed.reason == bad → 'bad' is not a malformed.reason at character 21
            qos == high → qos is a number, and 'high' is not at character 8
            version == 6 → version takes 3.1, 3.1.1 or 5.0 (or the levels 3, 4, 5), not '6' at character 12
            retain == maybe → retain is true or false, not 'maybe' at character 11
            topic ~ "a/#/b" → bad topic filter "a/#/b": '#' must be the last character and take a whole level at character 9
            topic ~ "a+" → bad topic filter "a+": '+' must take a whole level at character 9
            topic > 3 → '>' compares numbers, and topic is text at character 7
            qos contains 1 → 'contains' works on text, and qos is a number at character 5
            qos ~ "a" → '~' matches topics, and qos is a number at character 5
            client ~ "a/#" → '~' matches topics (topic, filter), and client is text at character 8
            retain < 1 → '<' compares numbers, and retain is true or false at character 8
            payload ~ "a" → '~' matches topics, and payload is bytes at character 9
            payload >= "a" → '>=' compares numbers, and payload is bytes at character 9
            """)
    void says_what_is_wrong_and_where(String filter, String message) {
        FilterException e = catchThrowableOfType(() -> Filter.compile(filter), FilterException.class);
        assertThat(e).as(filter).isNotNull();
        assertThat(e.getMessage()).isEqualTo(message);
        assertThat(e.getMessage()).doesNotContain("\n");
        assertThat(e.filter()).isEqualTo(filter);
    }

    @Test
    void the_position_is_the_index_of_the_offending_token() {
        FilterException e = catchThrowableOfType(() -> Filter.compile("type == && qos"), FilterException.class);
        assertThat(e.position()).isEqualTo(8);
        e = catchThrowableOfType(() -> Filter.compile("type =="), FilterException.class);
        assertThat(e.position()).isEqualTo(7);
    }
}
