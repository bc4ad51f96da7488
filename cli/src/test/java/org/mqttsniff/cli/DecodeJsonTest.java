package org.mqttsniff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** {@code -T json}: the public contract, one object per packet per line. */
class DecodeJsonTest {
    static final String CONNECT_V5 = "10 38 00 04 4d 51 54 54 05 c2 00 3c 14 11 00 00 0e 10 21 00 14 26 00 03 61 70 70"
            + " 00 04 64 65 6d 6f 00 08 73 65 6e 73 6f 72 2d 37 00 05 61 6c 69 63 65 00 06 73 33 63 72 65 74";
    static final String CONNACK_V5 = "20 08 00 00 05 22 00 0a 24 01";

    @Test
    void connect_v5_then_connack_decodes_the_connack_as_v5() {
        List<Map<String, Object>> p = json(0, "decode", CONNECT_V5 + " " + CONNACK_V5);
        assertThat(p.get(0)).containsExactly(
                Map.entry("event", "packet"), Map.entry("type", "CONNECT"), Map.entry("length", 58L),
                Map.entry("version", 5L), Map.entry("protocolName", "MQTT"), Map.entry("clientId", "sensor-7"),
                Map.entry("keepAlive", 60L), Map.entry("cleanStart", true), Map.entry("username", "alice"),
                Map.entry("password", "****"),
                Map.entry("properties", Map.of("sessionExpiryInterval", 3600L, "receiveMaximum", 20L,
                        "userProperties", List.of(List.of("app", "demo")))));
        // without the CONNECT these 10 bytes are a malformed 3.1.1 CONNACK
        assertThat(p.get(1)).containsEntry("version", 5L).containsEntry("sessionPresent", false)
                .containsEntry("reasonCode", 0L).containsEntry("reason", "Success")
                .containsEntry("properties", Map.of("topicAliasMaximum", 10L, "maximumQos", 1L));
        // by default a packet that only decodes as 5.0 makes the version 5.0; a named version is obeyed
        assertThat(json(1, "decode", "--mqtt-version", "3.1.1", CONNACK_V5).get(0)).containsKey("malformed");
        assertThat(json(0, "decode", CONNACK_V5).get(0)).containsEntry("version", 5L).doesNotContainKey("malformed");
    }

    @Test
    void show_secrets_reveals_password_and_authentication_data() {
        String auth = "f0 18 18 16 15 00 0b 53 43 52 41 4d 2d 53 48 41 2d 31 16 00 05 6e 6f 6e 63 65";
        List<Map<String, Object>> masked = json(0, "decode", "--mqtt-version", "5", CONNECT_V5, auth);
        assertThat(masked.get(0)).containsEntry("password", "****");
        assertThat(masked.get(1)).containsEntry("type", "AUTH").containsEntry("reasonCode", 24L)
                .containsEntry("reason", "Continue authentication")
                .containsEntry("properties", Map.of("authenticationMethod", "SCRAM-SHA-1", "authenticationData", "****"));
        List<Map<String, Object>> shown = json(0, "decode", "--show-secrets", "--mqtt-version", "5", CONNECT_V5, auth);
        assertThat(shown.get(0)).containsEntry("password", "s3cret");
        assertThat(props(shown.get(1))).containsEntry("authenticationData", "6e6f6e6365");
    }

    @Test
    void publish_v5_with_properties_id_and_text_payload() {
        String pub = "32 35 00 0e 73 65 6e 73 6f 72 73 2f 37 2f 74 65 6d 70 00 02 1e 01 01 03 00 0a 74 65 78 74 2f 70"
                + " 6c 61 69 6e 02 00 00 00 1e 26 00 04 75 6e 69 74 00 01 43 32 31 2e 35";
        Cli.Result r = Cli.run("decode", "-T", "json", "--mqtt-version", "5", pub);
        assertThat(r.out()).isEqualTo("{\"event\":\"packet\",\"type\":\"PUBLISH\",\"length\":55,\"version\":5,"
                + "\"dup\":false,\"qos\":1,\"retain\":false,\"id\":2,\"topic\":\"sensors/7/temp\",\"payloadSize\":4,"
                + "\"payload\":\"21.5\",\"properties\":{\"payloadFormatIndicator\":1,\"contentType\":\"text/plain\","
                + "\"messageExpiryInterval\":30,\"userProperties\":[[\"unit\",\"C\"]]}}" + System.lineSeparator());
    }

    @Test
    void binary_payload_is_hex_and_repeated_subscription_identifiers_are_an_array() {
        Map<String, Object> p = json(0, "decode", "--mqtt-version", "5",
                "30 12 00 01 78 0b 0b 01 0b ac 02 09 00 03 01 02 ff ff 00 01").get(0);
        assertThat(p).containsEntry("payloadHex", "ff0001").containsEntry("payloadSize", 3L)
                .doesNotContainKeys("payload", "id", "payloadTruncated");
        assertThat(props(p)).containsEntry("subscriptionIdentifier", List.of(1L, 300L))
                .containsEntry("correlationData", "0102ff");
    }

    @Test
    void payload_is_cut_at_max_payload_on_a_character_boundary() {
        // payload "aé!" = 61 c3 a9 21: a cut after 2 bytes would split the é
        Map<String, Object> p = json(0, "decode", "--max-payload", "2", "30 07 00 01 78 61 c3 a9 21").get(0);
        assertThat(p).containsEntry("payload", "a").containsEntry("payloadSize", 4L)
                .containsEntry("payloadTruncated", true);
        Map<String, Object> hex = json(0, "decode", "--max-payload", "2", "30 06 00 01 78 ff fe fd").get(0);
        assertThat(hex).containsEntry("payloadHex", "fffe").containsEntry("payloadTruncated", true);
    }

    @Test
    void v311_qos2_flow_acks_have_ids_and_no_reason_codes() throws IOException {
        List<Map<String, Object>> p = jsonStdin(0, Files.readString(Path.of("../samples/decode/session-v311.hex")), "decode", "-");
        assertThat(p).extracting(m -> m.get("type")).containsExactly("CONNECT", "CONNACK", "PUBLISH", "PUBREC", "PUBREL",
                "PUBCOMP", "PINGREQ", "PINGRESP", "DISCONNECT");
        assertThat(p.get(0)).containsEntry("will", Map.of("topic", "meters/1/status", "qos", 1L, "retain", true,
                "payloadSize", 7L, "payload", "offline")).doesNotContainKey("properties");
        assertThat(p.get(1)).containsEntry("reasonCode", 0L).containsEntry("reason", "Connection Accepted");
        assertThat(p.get(2)).containsEntry("qos", 2L).containsEntry("retain", true).containsEntry("id", 10L);
        for (Map<String, Object> ack : p.subList(3, 6)) {
            assertThat(ack).containsOnlyKeys("event", "type", "length", "version", "id").containsEntry("id", 10L);
        }
        assertThat(p.get(6)).containsOnlyKeys("event", "type", "length", "version");
        assertThat(p.get(8)).containsOnlyKeys("event", "type", "length", "version");
    }

    @Test
    void subscribe_family_in_both_versions() {
        Map<String, Object> sub5 = json(0, "decode", "--mqtt-version", "5",
                "82 16 00 01 02 0b 07 00 0e 73 65 6e 73 6f 72 73 2f 2b 2f 74 65 6d 70 15").get(0);
        assertThat(sub5).containsEntry("id", 1L).containsEntry("subscriptions", List.of(Map.of("filter", "sensors/+/temp",
                "qos", 1L, "noLocal", true, "retainAsPublished", false, "retainHandling", 1L)));
        Map<String, Object> sub4 = json(0, "decode", "82 0c 00 05 00 03 61 2f 23 02 00 01 62 00").get(0);
        assertThat(sub4).containsEntry("subscriptions",
                List.of(Map.of("filter", "a/#", "qos", 2L), Map.of("filter", "b", "qos", 0L)));

        assertThat(json(0, "decode", "90 04 00 05 02 80").get(0)).containsEntry("reasonCodes", List.of(2L, 128L))
                .containsEntry("reasons", List.of("Success, maximum QoS 2", "Failure"));
        assertThat(json(0, "decode", "--mqtt-version", "5", "90 05 00 01 00 00 01").get(0))
                .containsEntry("reasons", List.of("Granted QoS 0", "Granted QoS 1"));

        assertThat(json(0, "decode", "a2 0c 00 03 00 03 61 2f 62 00 03 63 2f 23").get(0))
                .containsEntry("filters", List.of("a/b", "c/#"));
        assertThat(json(0, "decode", "--mqtt-version", "5", "b0 05 00 03 00 00 11").get(0))
                .containsEntry("reasonCodes", List.of(0L, 17L)).containsEntry("reasons",
                        List.of("Success", "No subscription existed"));
        assertThat(json(0, "decode", "b0 02 00 03").get(0)).containsOnlyKeys("event", "type", "length", "version", "id");
    }

    @Test
    void v5_acks_and_disconnect_carry_reason_names_for_their_packet_type() {
        List<Map<String, Object>> p = json(0, "decode", "--mqtt-version", "5",
                "40 02 00 02", "50 13 00 04 87 0f 1f 00 0c 6e 6f 20 22 61 63 63 65 73 73 22 0a", "e0 01 8e", "e0 00");
        assertThat(p.get(0)).containsEntry("reasonCode", 0L).containsEntry("reason", "Success");
        assertThat(p.get(1)).containsEntry("reason", "Not authorized")
                .containsEntry("properties", Map.of("reasonString", "no \"access\"\n"));
        assertThat(p.get(2)).containsEntry("reasonCode", 142L).containsEntry("reason", "Session taken over");
        assertThat(p.get(3)).containsEntry("reason", "Normal disconnection");
    }

    @Test
    void malformed_packet_keeps_type_length_version_and_raw_bytes_with_exit_1() {
        Cli.Result r = Cli.run("decode", "-T", "json", "80 0c 00 05 00 03 61 2f 23 02 00 01 62 00", "c0 00");
        assertThat(r.exit()).isEqualTo(ExitCodes.MALFORMED);
        List<String> lines = r.outLines();
        assertThat(lines.get(0)).isEqualTo("{\"event\":\"packet\",\"type\":\"SUBSCRIBE\",\"length\":14,\"version\":4,"
                + "\"malformed\":{\"reason\":\"invalid-flags\",\"detail\":\"SUBSCRIBE: reserved flags must be 0010, got"
                + " 0000 [MQTT-3.8.1-1]\",\"offset\":0},\"rawHex\":\"800c00050003612f230200016200\"}");
        assertThat(MiniJson.object(lines.get(1))).containsEntry("type", "PINGREQ");
    }

    @Test
    void malformed_connect_hides_the_password_bytes_in_raw_hex() {
        // CONNECT with user "u" and password "pw", then one byte too many
        String bad = "10 15 00 04 4d 51 54 54 04 c0 00 3c 00 01 63 00 01 75 00 02 70 77 00";
        Map<String, Object> p = json(1, "decode", bad).get(0);
        assertThat(p.get("rawHex")).isEqualTo("101500044d51545404c0003c000163000175********00")
                .asString().doesNotContain("7077");
        assertThat(json(1, "decode", "--show-secrets", bad).get(0).get("rawHex")).asString().contains("00027077");
    }

    @Test
    void stdin_with_comments_and_several_packets_per_line() {
        String hex = "# a ping\nc0 00   # PINGREQ\n\n  d0 00 e0 00 # PINGRESP, DISCONNECT\r\n# end\n";
        assertThat(jsonStdin(0, hex, "decode", "-")).extracting(m -> m.get("type"))
                .containsExactly("PINGREQ", "PINGRESP", "DISCONNECT");
    }

    @Test
    void samples_decode_as_documented() throws IOException {
        List<Map<String, Object>> v5 = jsonStdin(0, Files.readString(Path.of("../samples/decode/session-v5.hex")), "decode", "-");
        assertThat(v5).extracting(m -> m.get("type")).containsExactly("CONNECT", "CONNACK", "SUBSCRIBE", "SUBACK",
                "PUBLISH", "PUBACK", "DISCONNECT");
        assertThat(v5).allSatisfy(m -> assertThat(m).containsEntry("version", 5L).doesNotContainKey("malformed"));
        List<Map<String, Object>> bad = jsonStdin(1, Files.readString(Path.of("../samples/decode/malformed.hex")), "decode", "-");
        assertThat(bad).extracting(m -> m.get("malformed") == null ? "ok" : ((Map<?, ?>) m.get("malformed")).get("reason"))
                .containsExactly("invalid-flags", "wildcard-in-topic", "ok", "zero-packet-id", "connect-reserved-flag",
                        "truncated");
    }

    @Test
    void invalid_hex_is_one_line_with_exit_2() {
        Cli.Result r = Cli.run("decode", "-T", "json", "c0 00", "30 0g");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).containsExactly(
                "mqttsniff: invalid hex at character 5: 'g' is not a hex digit (argument 2)");

        Cli.Result odd = Cli.withStdin("c0 00\n30 0 d\n", "decode", "-");
        assertThat(odd.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(odd.errLines()).containsExactly("mqttsniff: invalid hex at character 4: odd number of hex digits"
                + " in '0', a byte takes two (stdin line 2)");
    }

    @Test
    void no_hex_at_all_is_an_error() {
        Cli.Result r = Cli.withStdin("# only a comment\n", "decode", "-");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).startsWith("mqttsniff: no hex bytes given");
    }

    /** Runs {@code decode -T json ARGS}, checks the exit code, parses every line. */
    private static List<Map<String, Object>> json(int exit, String... args) {
        return jsonStdin(exit, "", args);
    }

    private static List<Map<String, Object>> jsonStdin(int exit, String stdin, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "decode";
        all[1] = "-T=json";
        System.arraycopy(args, 1, all, 2, args.length - 1);
        Cli.Result r = Cli.withStdin(stdin, all);
        assertThat(r.exit()).as(r.err()).isEqualTo(exit);
        assertThat(r.out()).doesNotContain("null");
        return r.outLines().stream().map(MiniJson::object).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> props(Map<String, Object> packet) {
        return (Map<String, Object>) packet.get("properties");
    }
}
