package org.mqttsniff.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Topic matching and filter validation (MQTT 5.0 §4.7, §4.8.2; 3.1.1 §4.7). */
class TopicsTest {

    @ParameterizedTest(name = "\"{0}\" matches \"{1}\"")
    @CsvSource(delimiter = '|', value = {
        "a/b           | a/b",
        "+             | a",
        "a/+           | a/b",
        "a/+           | a/",           // an empty level is still a level
        "+/+           | /finance",
        "/+            | /finance",
        "+/b/+         | a/b/c",
        "#             | a",
        "#             | a/b/c",
        "#             | /",
        "a/#           | a/b/c",
        "a/#           | a",            // '#' also matches the parent level (§4.7.1.2)
        "a/b/#         | a/b",
        "$SYS/#        | $SYS/broker/load",
        "$SYS/+/load   | $SYS/broker/load",
    })
    void matches(String filter, String topic) {
        assertThat(Topics.matches(filter, topic)).isTrue();
    }

    @ParameterizedTest(name = "\"{0}\" does not match \"{1}\"")
    @CsvSource(delimiter = '|', value = {
        "a/b           | a/c",
        "a/b           | a/b/c",
        "a/b/c         | a/b",
        "+             | a/b",
        "+             | /finance",
        "a/+           | a",
        "a/+           | a/b/c",
        "a/b/#         | a",
        "a/#           | ab",
        "A/b           | a/b",            // case matters
        "#             | $SYS",           // wildcards at the start do not match $ topics (§4.7.2)
        "#             | $SYS/broker",
        "+/broker      | $SYS/broker",
        "+/+           | $SYS/broker",
        "+/monitor/#   | $SYS/monitor/Clients",
    })
    void does_not_match(String filter, String topic) {
        assertThat(Topics.matches(filter, topic)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "a/b", "/", "//", "+", "#", "a/+", "+/+", "a/#", "+/b/#", "/+", "$SYS/#", "a b/c"})
    void accepts_valid_filters_in_every_version(String filter) {
        assertThat(Topics.filterError(filter, false)).isNull();
        assertThat(Topics.filterError(filter, true)).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''         | MQTT-4.7.3-1",
        "a#         | MQTT-4.7.1-1",
        "a/#/b      | MQTT-4.7.1-1",
        "##         | MQTT-4.7.1-1",
        "a/b#       | MQTT-4.7.1-1",
        "a+         | MQTT-4.7.1-2",
        "a/+b       | MQTT-4.7.1-2",
        "++         | MQTT-4.7.1-2",
        "+a/b       | MQTT-4.7.1-2",
    })
    void rejects_misplaced_wildcards_and_empty_filters(String filter, String rule) {
        assertThat(Topics.filterError(filter, false)).contains(rule);
        assertThat(Topics.filterError(filter, true)).contains(rule);
    }

    @ParameterizedTest
    @ValueSource(strings = {"$share/g/a", "$share/g/a/b", "$share/group-1/#", "$share/g/+/x", "$share/g//"})
    void accepts_shared_subscriptions_in_v5(String filter) {
        assertThat(Topics.filterError(filter, true)).isNull();
        assertThat(Topics.isShared(filter)).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "$share/g     | MQTT-4.8.2-1",   // no filter after the share name
        "$share/g/    | MQTT-4.8.2-1",   // empty filter
        "$share//a    | MQTT-4.8.2-1",   // empty share name
        "$share/      | MQTT-4.8.2-1",
        "$share/g+/a  | MQTT-4.8.2-2",   // wildcard in the share name
        "$share/#/a   | MQTT-4.8.2-2",
        "$share/g/a#  | MQTT-4.7.1-1",   // the filter part is checked like any filter
        "$share/g/a+  | MQTT-4.7.1-2",
    })
    void rejects_malformed_shared_subscriptions_in_v5(String filter, String rule) {
        assertThat(Topics.filterError(filter, true)).contains(rule);
    }

    @Test
    void treats_share_prefix_as_an_ordinary_filter_before_v5() {
        // 3.1.1 has no shared subscriptions: "$share/g" is a plain two-level filter
        assertThat(Topics.filterError("$share/g", false)).isNull();
        assertThat(Topics.filterError("$share//a", false)).isNull();
        assertThat(Topics.filterError("$share/g+/a", false)).contains("MQTT-4.7.1-2");
    }

    @Test
    void finds_wildcards_in_topic_names() {
        assertThat(Topics.hasWildcard("a/+/b")).isTrue();
        assertThat(Topics.hasWildcard("a/#")).isTrue();
        assertThat(Topics.hasWildcard("a/b")).isFalse();
        assertThat(Topics.isShared("$shared/g/a")).isFalse();
    }
}
