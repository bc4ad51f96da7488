package org.mqttsniff.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mqttsniff.bytes.ByteSlice;
import org.mqttsniff.mqtt.DecodeResult;
import org.mqttsniff.mqtt.MqttEncoder;
import org.mqttsniff.mqtt.MqttVersion;
import org.mqttsniff.mqtt.PacketDecoder;
import org.mqttsniff.mqtt.Properties;
import org.mqttsniff.mqtt.Publish;

class PacketJsonTest {

    @Test
    void publish_flags_come_out_for_every_combination_as_separate_members() {
        for (int qos = 0; qos <= 2; qos++) {
            for (boolean dup : new boolean[] {false, true}) {
                for (boolean retain : new boolean[] {false, true}) {
                    if (dup && qos == 0) {
                        continue; // malformed [MQTT-3.3.1-2]
                    }
                    Publish p = new Publish(dup, qos, retain, "a", qos == 0 ? 0 : 9, Properties.EMPTY, ByteSlice.utf8("x"));
                    DecodeResult r = PacketDecoder.decode(ByteSlice.wrap(MqttEncoder.encode(p, MqttVersion.V3_1_1)),
                            MqttVersion.V3_1_1);
                    assertThat(r).isInstanceOf(DecodeResult.Decoded.class);
                    String expected = "{\"event\":\"packet\",\"type\":\"PUBLISH\",\"length\":" + r.length()
                            + ",\"version\":4,\"dup\":" + dup + ",\"qos\":" + qos + ",\"retain\":" + retain
                            + (qos == 0 ? "" : ",\"id\":9") + ",\"topic\":\"a\",\"payloadSize\":1,\"payload\":\"x\"}";
                    assertThat(PacketJson.line(r, RenderOptions.DEFAULT)).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void a_payload_cut_at_the_limit_is_cut_before_a_character_and_marked() {
        Publish p = new Publish(0, "a", 0, ByteSlice.utf8("aé\"b"));
        DecodeResult r = PacketDecoder.decode(ByteSlice.wrap(MqttEncoder.encode(p, MqttVersion.V3_1_1)), MqttVersion.V3_1_1);
        assertThat(PacketJson.line(r, new RenderOptions(false, 2)))
                .endsWith(",\"payloadSize\":5,\"payload\":\"a\",\"payloadTruncated\":true}");
        assertThat(PacketJson.line(r, new RenderOptions(false, 5))).endsWith(",\"payloadSize\":5,\"payload\":\"aé\\\"b\"}");
    }
}
