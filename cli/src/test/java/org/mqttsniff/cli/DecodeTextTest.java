package org.mqttsniff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The teaching view. */
class DecodeTextTest {
    // PUBLISH QoS 0: topic "sensor/1", payload "hi!"
    static final String PUBLISH = "30 0d 00 08 73 65 6e 73 6f 72 2f 31 68 69 21";
    // CONNECT 3.1.1: clean session, keep alive 60, client "c1", user "bob", password "s3cret"
    static final String CONNECT = "10 1b 00 04 4d 51 54 54 04 c2 00 3c 00 02 63 31 00 03 62 6f 62"
            + " 00 06 73 33 63 72 65 74";

    @Test
    void publish_shows_header_and_each_field_with_value_bytes_and_meaning() {
        Cli.Result r = Cli.run("decode", PUBLISH);
        assertThat(r.exit()).isZero();
        List<String> lines = r.outLines();
        assertThat(lines.get(0)).isEqualTo("PUBLISH  (MQTT 3.1.1, 15 bytes)");
        assertThat(line(lines, "Packet Type")).matches("    Packet Type +PUBLISH \\(3\\) +30 +Publish message");
        assertThat(line(lines, "Remaining Length")).contains("13", "0d", "Bytes after the fixed header");
        assertThat(line(lines, "Topic Name")).contains("\"sensor/1\"", "00 08 73 …", "Where the message goes");
        assertThat(line(lines, "  Payload")).contains("\"hi!\"", "68 69 21", "3 bytes of application message");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void connect_shows_version_and_masks_the_password_in_value_and_bytes() {
        Cli.Result r = Cli.run("decode", CONNECT);
        assertThat(r.exit()).isZero();
        assertThat(r.outLines().get(0)).isEqualTo("CONNECT  (MQTT 3.1.1, 29 bytes)");
        assertThat(line(r.outLines(), "Protocol Level")).contains("4", "04", "MQTT 3.1.1");
        assertThat(line(r.outLines(), "User Name")).contains("\"bob\"");
        assertThat(line(r.outLines(), "Password")).matches("    Password +\\*\\*\\*\\* +\\*\\*\\*\\* .*");
        assertThat(r.out()).doesNotContain("s3cret", "73 33 63");
    }

    @Test
    void show_secrets_prints_the_password() {
        Cli.Result r = Cli.run("decode", "--show-secrets", CONNECT);
        assertThat(line(r.outLines(), "Password")).contains("\"s3cret\"", "00 06 73 …");
    }

    @Test
    void malformed_packet_shows_fields_before_the_break_the_rule_and_a_marked_dump() {
        // PUBLISH whose topic "a/+" has a wildcard
        Cli.Result r = Cli.run("decode", "30 09 00 03 61 2f 2b 6f 6e 21 21");
        assertThat(r.exit()).isEqualTo(ExitCodes.MALFORMED);
        List<String> lines = r.outLines();
        assertThat(lines.get(0)).isEqualTo("PUBLISH  (MQTT 3.1.1, 11 bytes)");
        assertThat(line(lines, "Topic Name")).contains("\"a/+\"");
        int m = index(lines, "MALFORMED");
        assertThat(lines.get(m)).isEqualTo("  MALFORMED (wildcard-in-topic) at byte 2: PUBLISH: Topic Name must not"
                + " contain wildcards, got \"a/+\"");
        assertThat(lines.get(m + 1)).isEqualTo("    [MQTT-3.3.2-2]");
        m++;
        assertThat(lines.get(m + 1)).isEqualTo("  0000  30 09 00 03 61 2f 2b 6f  6e 21 21                   0...a/+on!!");
        // the marker sits under byte 2 ("00")
        assertThat(lines.get(m + 2).indexOf("^^")).isEqualTo(lines.get(m + 1).indexOf("00 03"));
    }

    @Test
    void truncated_last_packet_is_reported_at_the_end() {
        Cli.Result r = Cli.run("decode", "c0 00 30 0d 00 08");
        assertThat(r.exit()).isEqualTo(ExitCodes.MALFORMED);
        assertThat(r.out()).contains("PINGREQ  (MQTT 3.1.1, 2 bytes)",
                "MALFORMED (truncated) at byte 4: PUBLISH: only 4 bytes of the packet arrived; the stream ended",
                "^^ (the packet stops here)");
    }

    @Test
    void no_line_is_wider_than_100_columns() throws IOException {
        for (String sample : List.of("session-v5.hex", "session-v311.hex", "malformed.hex")) {
            Cli.Result r = Cli.withStdin(Files.readString(Path.of("../samples/decode", sample)), "decode", "-");
            assertThat(r.outLines()).as(sample).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(100));
        }
    }

    private static String line(List<String> lines, String containing) {
        return lines.get(index(lines, containing));
    }

    private static int index(List<String> lines, String containing) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(containing)) {
                return i;
            }
        }
        throw new AssertionError("no line contains '" + containing + "' in\n" + String.join("\n", lines));
    }
}
