package org.mqttsniff.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mqttsniff.mqtt.FixtureSupport.decodeOne;
import static org.mqttsniff.mqtt.MqttVersion.V3_1;
import static org.mqttsniff.mqtt.MqttVersion.V3_1_1;
import static org.mqttsniff.mqtt.MqttVersion.V5;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Byte fixtures for SUBSCRIBE, SUBACK, UNSUBSCRIBE and UNSUBACK. */
class SubscribeFixturesTest {

    static final String V3_SUBSCRIBE = ""
            + "82"            // SUBSCRIBE, flags 0010
            + "0e"            // remaining length 14
            + "000a"          // packet id 10
            + "0003 612f2b"   // filter "a/+"
            + "00"            //   requested QoS 0
            + "0003 622f23"   // filter "b/#"
            + "02";           //   requested QoS 2

    // MQTT 5.0 §3.8.2 and §3.8.3.1
    static final String V5_SUBSCRIBE = ""
            + "82"                           // SUBSCRIBE, flags 0010
            + "22"                           // remaining length 34
            + "0011"                         // packet id 17
            + "0a"                           // property length 10
            + "0b c801"                      //   Subscription Identifier 200 (2-byte Variable Byte Integer)
            + "26 0001 6b 0001 76"           //   User Property k=v
            + "0005 612f622f63"              // filter "a/b/c"
            + "2d"                           //   options 0010 1101: retain handling 2, retain as published, no local, QoS 1
            + "000a 247368617265 2f672f78"   // filter "$share/g/x"
            + "12";                          //   options 0001 0010: retain handling 1, QoS 2

    static final String V31_SUBACK = ""
            + "90"     // SUBACK
            + "03"     // remaining length 3
            + "000a"   // packet id 10
            + "01";    // granted QoS 1

    static final String V311_SUBACK = ""
            + "90"           // SUBACK
            + "06"           // remaining length 6
            + "000a"         // packet id 10
            + "00 01 80 02"; // return codes: QoS 0, QoS 1, Failure, QoS 2

    static final String V5_SUBACK = ""
            + "90"                   // SUBACK
            + "0d"                   // remaining length 13
            + "0011"                 // packet id 17
            + "04"                   // property length 4
            + "1f 0001 71"           //   Reason String "q"
            + "00 01 02 80 8f a2";   // reason codes: Granted QoS 0/1/2, Unspecified error,
                                     //   Topic Filter invalid, Wildcard Subscriptions not supported

    static final String V3_UNSUBSCRIBE = ""
            + "a2"            // UNSUBSCRIBE, flags 0010
            + "0c"            // remaining length 12
            + "0005"          // packet id 5
            + "0003 612f62"   // filter "a/b"
            + "0003 632f23";  // filter "c/#"

    static final String V5_UNSUBSCRIBE = ""
            + "a2"                   // UNSUBSCRIBE, flags 0010
            + "0f"                   // remaining length 15
            + "0005"                 // packet id 5
            + "07"                   // property length 7
            + "26 0001 6b 0001 76"   //   User Property k=v
            + "0003 612f62";         // filter "a/b"

    static final String V3_UNSUBACK = ""
            + "b0"     // UNSUBACK
            + "02"     // remaining length 2
            + "0005";  // packet id 5 (no payload before 5.0)

    static final String V5_UNSUBACK = ""
            + "b0"               // UNSUBACK
            + "0b"               // remaining length 11
            + "0005"             // packet id 5
            + "05"               // property length 5
            + "1f 0002 6e6f"     //   Reason String "no"
            + "00 11 87";        // reason codes: Success, No subscription existed, Not authorized

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"V3_1", "V3_1_1"})
    void decodes_v3_subscribe_with_two_filters(MqttVersion v) {
        Subscribe s = decodeOne(v, V3_SUBSCRIBE, "82 0e", Subscribe.class);

        assertThat(s.packetId()).isEqualTo(10);
        assertThat(s.properties()).isEqualTo(Properties.EMPTY);
        assertThat(s.subscriptions()).containsExactly(new Subscription("a/+", 0), new Subscription("b/#", 2));
    }

    @Test
    void decodes_v5_subscribe_with_options_and_subscription_identifier() {
        Subscribe s = decodeOne(V5, V5_SUBSCRIBE, "a2", Subscribe.class);

        assertThat(s.packetId()).isEqualTo(17);
        assertThat(s.properties().list()).containsExactly(
                Property.of(PropertyId.SUBSCRIPTION_IDENTIFIER, 200), Property.user("k", "v"));
        assertThat(s.subscriptions()).hasSize(2);
        Subscription first = s.subscriptions().get(0);
        assertThat(first.filter()).isEqualTo("a/b/c");
        assertThat(first.qos()).isEqualTo(1);
        assertThat(first.noLocal()).isTrue();
        assertThat(first.retainAsPublished()).isTrue();
        assertThat(first.retainHandling()).isEqualTo(2);
        assertThat(s.subscriptions().get(1)).isEqualTo(new Subscription("$share/g/x", 2, false, false, 1));
    }

    @Test
    void decodes_v31_suback_with_granted_qos() {
        SubAck a = decodeOne(V3_1, V31_SUBACK, "90", SubAck.class);

        assertThat(a).isEqualTo(new SubAck(10, List.of(1)));
    }

    @Test
    void decodes_v311_suback_with_failure_return_code() {
        SubAck a = decodeOne(V3_1_1, V311_SUBACK, "90 06 00", SubAck.class);

        assertThat(a.packetId()).isEqualTo(10);
        assertThat(a.reasonCodes()).containsExactly(0x00, 0x01, 0x80, 0x02);
        assertThat(ReasonCodes.describe(PacketType.SUBACK, V3_1_1, 0x80)).isEqualTo("Failure");
    }

    @Test
    void decodes_v5_suback_with_reason_string_and_reason_codes() {
        SubAck a = decodeOne(V5, V5_SUBACK, "b0 0b", SubAck.class);

        assertThat(a.packetId()).isEqualTo(17);
        assertThat(a.properties()).isEqualTo(Properties.of(Property.of(PropertyId.REASON_STRING, "q")));
        assertThat(a.reasonCodes()).containsExactly(0x00, 0x01, 0x02, 0x80, 0x8f, 0xa2);
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"V3_1", "V3_1_1"})
    void decodes_v3_unsubscribe(MqttVersion v) {
        Unsubscribe u = decodeOne(v, V3_UNSUBSCRIBE, "a2 0c 00 05", Unsubscribe.class);

        assertThat(u).isEqualTo(new Unsubscribe(5, List.of("a/b", "c/#")));
    }

    @Test
    void decodes_v5_unsubscribe_with_user_property() {
        Unsubscribe u = decodeOne(V5, V5_UNSUBSCRIBE, "b0", Unsubscribe.class);

        assertThat(u).isEqualTo(new Unsubscribe(5, Properties.of(Property.user("k", "v")), List.of("a/b")));
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"V3_1", "V3_1_1"})
    void decodes_v3_unsuback_as_packet_id_only(MqttVersion v) {
        UnsubAck a = decodeOne(v, V3_UNSUBACK, "b0 02", UnsubAck.class);

        assertThat(a).isEqualTo(new UnsubAck(5));
        assertThat(a.reasonCodes()).isEmpty();
    }

    @Test
    void decodes_v5_unsuback_with_reason_codes() {
        UnsubAck a = decodeOne(V5, V5_UNSUBACK, "c0", UnsubAck.class);

        assertThat(a.packetId()).isEqualTo(5);
        assertThat(a.properties()).isEqualTo(Properties.of(Property.of(PropertyId.REASON_STRING, "no")));
        assertThat(a.reasonCodes()).containsExactly(0x00, 0x11, 0x87);
    }
}
