package org.mqttsniff.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mqttsniff.bytes.ByteSlice;

/** How a connection's version is learned (CONNECT), inferred (content) or kept (named by the user). */
class VersionStateTest {
    // 5.0 CONNACK with Topic Alias Maximum 10: 3 bytes left over when read as 3.1.1
    private static final byte[] CONNACK_V5 = ByteSlice.fromHex("20 06 00 00 03 22 00 0a").toArray();
    // 5.0 CONNECT whose will has Payload Format Indicator 144: malformed, but its level still says 5
    private static final byte[] BROKEN_CONNECT_V5 = ByteSlice.fromHex(""
            + "10 19"                 // CONNECT, remaining length 25
            + "0004 4d515454 05"      // "MQTT" level 5
            + "06 003c 00"            // will + clean start, keep alive 60, no properties
            + "0001 63"               // client id "c"
            + "02 01 90"              // will properties: Payload Format Indicator 144 (only 0 and 1 exist)
            + "0001 74"               // will topic "t"
            + "0003 626f6f"           // will payload "boo"
            + "").toArray();

    private static List<DecodeResult> decode(VersionState v, byte[] bytes) {
        List<DecodeResult> out = new ArrayList<>();
        StreamDecoder d = new StreamDecoder(v, new StreamDecoder.Listener() {
            @Override
            public void packet(long offset, DecodeResult r) {
                out.add(r);
            }

            @Override
            public void desync(long offset, long skipped, String why) {
                throw new AssertionError("unexpected desync: " + why);
            }
        });
        d.feed(bytes);
        d.finish();
        return out;
    }

    @Test
    void infers_v5_from_a_packet_that_only_decodes_as_v5() {
        VersionState v = new VersionState(MqttVersion.V3_1_1);
        List<DecodeResult> out = decode(v, CONNACK_V5);
        assertThat(out).singleElement().isInstanceOf(DecodeResult.Decoded.class);
        assertThat(out.get(0).version()).isEqualTo(MqttVersion.V5);
        assertThat(v.current()).isEqualTo(MqttVersion.V5);
        assertThat(v.inferred()).isTrue();
        assertThat(v.learned()).isFalse();
    }

    @Test
    void keeps_a_version_the_user_named() {
        VersionState v = new VersionState(MqttVersion.V3_1_1, false);
        List<DecodeResult> out = decode(v, CONNACK_V5);
        assertThat(out).singleElement().isInstanceOfSatisfying(DecodeResult.Malformed.class,
                m -> assertThat(m.reason()).isEqualTo(MalformedReason.TRAILING_BYTES));
        assertThat(v.current()).isEqualTo(MqttVersion.V3_1_1);
        assertThat(v.inferred()).isFalse();
    }

    @Test
    void a_connect_overrides_an_inferred_version_and_ends_inference() {
        VersionState v = new VersionState(MqttVersion.V3_1_1);
        v.infer(MqttVersion.V5);
        v.learn(MqttVersion.V3_1_1);
        assertThat(v.mayInfer()).isFalse();
        v.infer(MqttVersion.V5);
        assertThat(v.current()).isEqualTo(MqttVersion.V3_1_1);
        assertThat(v.inferred()).isFalse();
    }

    @Test
    void learns_the_version_from_a_connect_that_is_malformed_after_its_level() {
        VersionState v = new VersionState(MqttVersion.V3_1_1, false);
        List<DecodeResult> out = decode(v, BROKEN_CONNECT_V5);
        assertThat(out).singleElement().isInstanceOfSatisfying(DecodeResult.Malformed.class, m -> {
            assertThat(m.reason()).isEqualTo(MalformedReason.INVALID_PROPERTY_VALUE);
            assertThat(m.detail()).contains("Payload Format Indicator").contains("144");
        });
        assertThat(v.learned()).isTrue();
        assertThat(v.current()).isEqualTo(MqttVersion.V5);
        // so the broker's 5.0 CONNACK decodes
        assertThat(decode(v, CONNACK_V5)).singleElement().isInstanceOf(DecodeResult.Decoded.class);
    }

    @Test
    void connect_version_reads_name_and_level_only() {
        assertThat(PacketDecoder.connectVersion(ByteSlice.wrap(BROKEN_CONNECT_V5))).contains(MqttVersion.V5);
        assertThat(PacketDecoder.connectVersion(ByteSlice.fromHex("10 0c 0006 4d5149736470 03"))).contains(MqttVersion.V3_1);
        // MQIsdp with level 4 is not a version
        assertThat(PacketDecoder.connectVersion(ByteSlice.fromHex("10 0c 0006 4d5149736470 04"))).isEmpty();
        assertThat(PacketDecoder.connectVersion(ByteSlice.fromHex("20 02 00 00"))).isEmpty();
        assertThat(PacketDecoder.connectVersion(ByteSlice.fromHex("10 03 00 04 4d"))).isEmpty();
    }
}
