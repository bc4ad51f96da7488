package org.mqttsniff.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mqttsniff.mqtt.MqttVersion.V3_1_1;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mqttsniff.bytes.ByteSlice;

/** A stream direction reuses the String of a Topic Name it decoded a few packets ago, and only then. */
class TopicMemoTest {

    private static List<DecodeResult> decode(byte[]... packets) {
        EventRecorder rec = new EventRecorder();
        StreamDecoder d = new StreamDecoder(new VersionState(V3_1_1), rec);
        for (byte[] p : packets) {
            d.feed(p);
        }
        List<DecodeResult> out = new ArrayList<>();
        rec.packets().forEach(e -> out.add(e.result()));
        return out;
    }

    private static byte[] publish(String topic) {
        return MqttEncoder.encode(new Publish(0, topic, 0, ByteSlice.utf8("x")), V3_1_1);
    }

    private static String topic(DecodeResult r) {
        return ((Publish) ((DecodeResult.Decoded) r).packet()).topic();
    }

    @Test
    void a_repeated_topic_comes_back_as_the_same_string_and_a_different_one_as_its_own() {
        List<DecodeResult> r = decode(publish("a/b"), publish("a/c"), publish("a/b"), publish("é/ü"), publish("é/ü"),
                publish("a/c"));
        assertThat(r).hasSize(6).allMatch(x -> x instanceof DecodeResult.Decoded);
        assertThat(r.stream().map(TopicMemoTest::topic)).containsExactly("a/b", "a/c", "a/b", "é/ü", "é/ü", "a/c");
        assertThat(topic(r.get(2))).isSameAs(topic(r.get(0)));
        assertThat(topic(r.get(4))).isSameAs(topic(r.get(3)));
        assertThat(topic(r.get(5))).isSameAs(topic(r.get(1)));
        assertThat(topic(r.get(1))).isNotSameAs(topic(r.get(0)));
    }

    @Test
    void a_topic_of_the_same_length_as_a_known_one_is_still_checked() {
        byte[] bad = publish("a/b");
        bad[6] = (byte) 0xFF; // "a/" then a byte that is never UTF-8
        byte[] nul = publish("a/b");
        nul[6] = 0;
        List<DecodeResult> r = decode(publish("a/b"), bad, nul, publish("a/b"));
        assertThat(r.get(1)).isInstanceOfSatisfying(DecodeResult.Malformed.class,
                m -> assertThat(m.reason()).isEqualTo(MalformedReason.INVALID_UTF8));
        assertThat(r.get(2)).isInstanceOfSatisfying(DecodeResult.Malformed.class,
                m -> assertThat(m.reason()).isEqualTo(MalformedReason.NUL_IN_STRING));
        assertThat(topic(r.get(3))).isSameAs(topic(r.get(0)));
    }

    @Test
    void only_the_last_few_topics_are_kept() {
        byte[][] packets = new byte[TopicMemo.ENTRIES + 2][];
        for (int i = 0; i <= TopicMemo.ENTRIES; i++) {
            packets[i] = publish("t/" + i);
        }
        packets[TopicMemo.ENTRIES + 1] = publish("t/0"); // pushed out by the ENTRIES topics after it
        List<DecodeResult> r = decode(packets);
        assertThat(topic(r.get(TopicMemo.ENTRIES + 1))).isEqualTo("t/0").isNotSameAs(topic(r.get(0)));
    }
}
