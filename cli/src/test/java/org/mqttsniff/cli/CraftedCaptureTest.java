package org.mqttsniff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * What matters in each crafted TCP hard case (samples/crafted, see samples/README.md), beyond
 * the golden comparison in {@link ReadCaptureTest}: the reason the case exists.
 */
class CraftedCaptureTest {
    private static List<String> json(String name) {
        Cli.Result r = Cli.run("-r", ReadCaptureTest.CRAFTED.resolve(name + ".pcap").toString(), "-T", "json");
        assertThat(r.exit()).isZero();
        return r.outLines();
    }

    private static List<String> packets(List<String> lines) {
        return lines.stream().filter(l -> l.startsWith("{\"event\":\"packet\"")).toList();
    }

    private static String text(int size, String tag) {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < size) {
            sb.append(String.format("%s@%07d;", tag, sb.length()));
        }
        return sb.substring(0, size);
    }

    @Test
    void no_crafted_case_of_clean_tcp_reports_a_malformed_packet() {
        for (String name : List.of("out-of-order", "retransmission", "overlap-conflict", "seq-wraparound", "interleaved",
                "port-reuse", "split-remaining-length", "many-in-one", "large-publish", "ipv6", "vlan",
                "ipv4-fragments", "other-port", "v5-inferred", "mid-stream")) {
            assertThat(json(name)).as(name).noneMatch(l -> l.contains("\"malformed\"")).noneMatch(
                    l -> l.contains("\"event\":\"gap\""));
        }
    }

    @Test
    void a_publish_across_the_sequence_wrap_keeps_every_byte() {
        assertThat(json("seq-wraparound")).anySatisfy(l -> assertThat(l).contains("\"type\":\"PUBLISH\"")
                .contains("\"payloadSize\":200").contains("\"payload\":\"" + text(200, "w") + "\""));
    }

    @Test
    void retransmitted_and_reordered_bytes_are_delivered_once() {
        assertThat(packets(json("retransmission"))).extracting(l -> l.replaceAll(".*\"type\":\"(\\w+)\".*", "$1"))
                .containsExactly("CONNECT", "CONNACK", "PUBLISH", "PUBACK", "PUBLISH", "PUBLISH", "PUBACK", "PUBACK",
                        "DISCONNECT");
        assertThat(packets(json("out-of-order"))).hasSize(11);
    }

    @Test
    void of_two_different_copies_the_first_wins() {
        List<String> lines = json("overlap-conflict");
        assertThat(lines).anyMatch(l -> l.contains("\"payload\":\"state=ON \""))
                .anyMatch(l -> l.contains("\"payload\":\"locked  \""))
                .noneMatch(l -> l.contains("state=OFF") || l.contains("unlocked"));
    }

    @Test
    void a_reused_four_tuple_is_a_new_stream() {
        assertThat(json("port-reuse")).filteredOn(l -> l.contains("\"type\":\"CONNECT\""))
                .extracting(l -> l.replaceAll(".*\"stream\":(\\d+).*", "$1")).containsExactly("0", "1");
    }

    @Test
    void rst_inside_a_packet_reports_it_truncated() {
        assertThat(json("rst-mid-packet")).anySatisfy(l -> assertThat(l).contains("\"type\":\"PUBLISH\"")
                .contains("\"malformed\"").contains("\"reason\":\"truncated\""))
                .last().asString().contains("\"closeReason\":\"rst\"");
    }

    @Test
    void a_capture_starting_inside_a_publish_resyncs_at_the_next_real_packet() {
        List<String> lines = json("mid-stream");
        assertThat(lines).noneMatch(l -> l.contains("\"malformed\""));
        List<String> fromClient = packets(lines).stream().filter(l -> l.contains("\"dir\":\"c2s\"")).toList();
        assertThat(fromClient.get(0)).contains("\"type\":\"PUBLISH\"").contains("\"id\":42");
        assertThat(lines).anyMatch(l -> l.contains("\"event\":\"desync\"") && l.contains("\"skipped\":80"));
        // each packet is reported with the frame that carried it, not held back to the end of the
        // connection by a false packet start in the payload, so responses find their requests
        assertThat(fromClient.get(0)).contains("\"frame\":3,");
        assertThat(lines).anyMatch(l -> l.contains("\"type\":\"PUBACK\"") && l.contains("\"responseTo\":3,"))
                .anyMatch(l -> l.contains("\"type\":\"PINGRESP\"") && l.contains("\"responseTo\":5,"));
    }

    @Test
    void lost_segments_are_gaps_with_their_size_then_decoding_resumes() {
        List<String> lines = json("lost-segment");
        assertThat(lines).filteredOn(l -> l.contains("\"event\":\"gap\""))
                .extracting(l -> l.replaceAll(".*\"lostBytes\":(\\d+).*", "$1")).containsExactly("32", "60");
        assertThat(lines).anyMatch(l -> l.contains("\"type\":\"PUBLISH\"") && l.contains("\"id\":3"))
                .anyMatch(l -> l.contains("\"type\":\"PUBLISH\"") && l.contains("\"id\":6")
                        && l.contains("\"frame\":13,"))
                .anyMatch(l -> l.contains("\"type\":\"PUBACK\"") && l.contains("\"id\":6")
                        && l.contains("\"responseTo\":13,"));
    }

    @Test
    void a_segment_boundary_inside_the_remaining_length_is_handled() {
        assertThat(json("split-remaining-length")).anySatisfy(l -> assertThat(l).contains("\"type\":\"PUBLISH\"")
                .contains("\"topic\":\"camera/frontdoor/meta\"").contains("\"payloadSize\":300"))
                .anySatisfy(l -> assertThat(l).contains("\"payloadSize\":200"))
                .anySatisfy(l -> assertThat(l).contains("\"type\":\"PINGRESP\""));
    }

    @Test
    void http_and_tls_on_the_mqtt_port_are_not_mqtt() {
        List<String> lines = json("not-mqtt");
        assertThat(lines).filteredOn(l -> l.contains("\"event\":\"not-mqtt\"")).hasSize(2);
        assertThat(packets(lines)).allMatch(l -> l.contains("\"stream\":2"));
    }

    @Test
    void a_100_kb_publish_and_a_burst_of_25_decode_whole() {
        assertThat(json("large-publish")).anyMatch(l -> l.contains("\"payloadSize\":102400"));
        assertThat(packets(json("many-in-one"))).filteredOn(l -> l.contains("\"type\":\"PUBLISH\"")).hasSize(25);
    }

    @Test
    void without_a_connect_packets_that_only_decode_as_5_make_the_connection_5() {
        assertThat(packets(json("v5-inferred"))).allMatch(l -> l.contains("\"version\":5"))
                .anyMatch(l -> l.contains("\"noLocal\":true"));
    }

    @Test
    void links_and_addresses_other_than_plain_ipv4() {
        assertThat(packets(json("ipv6"))).hasSize(7).first().asString().contains("[2001:db8::20]:50015");
        assertThat(packets(json("vlan"))).hasSize(6);
        assertThat(packets(json("ipv4-fragments"))).anyMatch(l -> l.contains("\"payloadSize\":600"))
                .anyMatch(l -> l.contains("\"payloadSize\":300"));
        assertThat(packets(json("other-port"))).hasSize(5);
    }
}
