package org.mqttsniff.tui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.mqttsniff.bytes.ByteSlice;
import org.mqttsniff.mqtt.DecodeResult;
import org.mqttsniff.mqtt.MqttVersion;
import org.mqttsniff.mqtt.Publish;
import org.mqttsniff.session.Direction;
import org.mqttsniff.session.SnifferEvent;

class TopicTreeTest {
    private final TopicTree tree = new TopicTree();

    private void publish(String topic, long timeNanos, int payloadBytes) {
        Publish p = new Publish(0, topic, 0, ByteSlice.wrap(new byte[payloadBytes]));
        tree.offer(new SnifferEvent.Packet(1, timeNanos, 0, Events.CLIENT, Events.BROKER, Direction.C2S,
                new DecodeResult.Decoded(p, MqttVersion.V3_1_1, ByteSlice.utf8("x")), topic, OptionalInt.empty(),
                OptionalLong.empty(), OptionalLong.empty(), "c", List.of()));
    }

    @Test
    void buckets_widen_as_the_capture_grows_and_keep_every_message() {
        publish("a/b", 0, 1);
        publish("a/b", 1_500_000_000L, 1);
        assertThat(tree.bucketNanos()).isEqualTo(1_000_000_000L);
        publish("a/c", 100_000_000_000L, 1); // 100 s: 1 s buckets would need 101 of them
        assertThat(tree.bucketNanos()).isEqualTo(4_000_000_000L);
        TopicTree.Line a = tree.lines().get(0);
        assertThat(a.path()).isEqualTo("a");
        assertThat(a.messages()).isEqualTo(3);
        assertThat(a.buckets()[0]).isEqualTo(2);
        assertThat(a.buckets()[25]).isEqualTo(1);
        assertThat(java.util.Arrays.stream(a.buckets()).sum()).isEqualTo(3);
        assertThat(TopicTree.sparkline(a.buckets(), 32)).startsWith("█").contains("▄");
    }

    @Test
    void nodes_are_bounded_and_what_is_not_kept_is_counted() {
        for (int i = 0; i < TopicTree.MAX_NODES + 10; i++) {
            publish("t" + i, 0, 0);
        }
        assertThat(tree.nodes()).isEqualTo(TopicTree.MAX_NODES);
        assertThat(tree.notTracked()).isEqualTo(10);
        publish("t1", 0, 0); // a known topic is still counted
        assertThat(tree.notTracked()).isEqualTo(10);
    }

    @Test
    void a_payload_is_kept_up_to_its_first_bytes() {
        Publish p = new Publish(0, "big", 0, ByteSlice.utf8("x".repeat(1000)));
        tree.offer(new SnifferEvent.Packet(1, 0, 0, Events.CLIENT, Events.BROKER, Direction.C2S,
                new DecodeResult.Decoded(p, MqttVersion.V3_1_1, ByteSlice.utf8("x")), "big", OptionalInt.empty(),
                OptionalLong.empty(), OptionalLong.empty(), "c", List.of()));
        TopicTree.Line l = tree.lines().get(0);
        assertThat(l.bytes()).isEqualTo(1000);
        assertThat(l.lastPayload()).isEqualTo("\"" + "x".repeat(TopicTree.PAYLOAD_KEPT) + "\"…");
    }
}
