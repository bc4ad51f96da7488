package org.mqttsniff.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mqttsniff.mqtt.MqttVersion.V3_1_1;
import static org.mqttsniff.mqtt.MqttVersion.V5;
import static org.mqttsniff.mqtt.PacketType.AUTH;
import static org.mqttsniff.mqtt.PacketType.CONNACK;
import static org.mqttsniff.mqtt.PacketType.DISCONNECT;
import static org.mqttsniff.mqtt.PacketType.PUBACK;
import static org.mqttsniff.mqtt.PacketType.PUBREL;
import static org.mqttsniff.mqtt.PacketType.SUBACK;
import static org.mqttsniff.mqtt.PacketType.UNSUBACK;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reason codes are named by packet type and version (MQTT 5.0 §2.4 Table 2-6, 3.1.1 §3.2.2.3, §3.9.3). */
class ReasonCodesTest {

    @ParameterizedTest(name = "{0} 0x{1} in 5.0 is \"{2}\"")
    @CsvSource(delimiter = '|', value = {
        "PUBACK     | 00 | Success",
        "CONNACK    | 00 | Success",
        "AUTH       | 00 | Success",
        "UNSUBACK   | 00 | Success",
        "DISCONNECT | 00 | Normal disconnection",
        "SUBACK     | 00 | Granted QoS 0",
        "SUBACK     | 01 | Granted QoS 1",
        "SUBACK     | 02 | Granted QoS 2",
        "DISCONNECT | 04 | Disconnect with Will Message",
        "PUBREC     | 10 | No matching subscribers",
        "UNSUBACK   | 11 | No subscription existed",
        "AUTH       | 18 | Continue authentication",
        "AUTH       | 19 | Re-authenticate",
        "SUBACK     | 80 | Unspecified error",
        "DISCONNECT | 8E | Session taken over",
        "PUBCOMP    | 92 | Packet Identifier not found",
        "SUBACK     | A2 | Wildcard Subscriptions not supported",
    })
    void names_the_same_number_by_packet_type_in_v5(PacketType type, String hexCode, String name) {
        int code = Integer.parseInt(hexCode, 16);

        assertThat(ReasonCodes.name(type, V5, code)).contains(name);
        assertThat(ReasonCodes.describe(type, V5, code)).isEqualTo(name);
    }

    @Test
    void names_0x80_failure_in_v311_suback() {
        assertThat(ReasonCodes.name(SUBACK, V3_1_1, 0x80)).contains("Failure");
        assertThat(ReasonCodes.isFailure(SUBACK, V3_1_1, 0x80)).isTrue();
        assertThat(ReasonCodes.isFailure(SUBACK, V3_1_1, 0x02)).isFalse();
        assertThat(ReasonCodes.name(SUBACK, V5, 0x80)).contains("Unspecified error");
    }

    @Test
    void describes_codes_a_packet_does_not_define_as_unknown_with_the_raw_value() {
        assertThat(ReasonCodes.name(PUBACK, V5, 0x04)).isEmpty();
        assertThat(ReasonCodes.describe(PUBACK, V5, 0x04)).isEqualTo("unknown 0x04");
        assertThat(ReasonCodes.describe(PUBREL, V5, 0x80)).isEqualTo("unknown 0x80");
        assertThat(ReasonCodes.describe(AUTH, V5, 0x01)).isEqualTo("unknown 0x01");
        assertThat(ReasonCodes.describe(SUBACK, V3_1_1, 0x03)).isEqualTo("unknown 0x03");
        assertThat(ReasonCodes.describe(CONNACK, V3_1_1, 0x06)).isEqualTo("unknown 0x06");
        assertThat(ReasonCodes.describe(DISCONNECT, V5, 0xFF)).isEqualTo("unknown 0xFF");
        assertThat(ReasonCodes.describe(UNSUBACK, V5, 0x12)).isEqualTo("unknown 0x12");
    }

    @Test
    void counts_codes_from_0x80_as_failures_in_v5() {
        assertThat(ReasonCodes.isFailure(DISCONNECT, V5, 0x00)).isFalse();
        assertThat(ReasonCodes.isFailure(DISCONNECT, V5, 0x04)).isFalse();
        assertThat(ReasonCodes.isFailure(PUBACK, V5, 0x10)).isFalse();
        assertThat(ReasonCodes.isFailure(PUBACK, V5, 0x80)).isTrue();
        assertThat(ReasonCodes.isFailure(CONNACK, V5, 0x86)).isTrue();
    }
}
