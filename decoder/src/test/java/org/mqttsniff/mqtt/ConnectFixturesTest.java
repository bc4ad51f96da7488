package org.mqttsniff.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mqttsniff.mqtt.FixtureSupport.decodeOne;
import static org.mqttsniff.mqtt.FixtureSupport.hex;
import static org.mqttsniff.mqtt.MqttVersion.V3_1;
import static org.mqttsniff.mqtt.MqttVersion.V3_1_1;
import static org.mqttsniff.mqtt.MqttVersion.V5;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.mqttsniff.bytes.ByteSlice;

/** Byte fixtures for the connection packets: CONNECT, CONNACK, PINGREQ, PINGRESP, DISCONNECT, AUTH. */
class ConnectFixturesTest {

    // MQTT 3.1 §3.1: protocol name "MQIsdp", level 3
    static final String V31_CONNECT = ""
            + "10"                // CONNECT
            + "1a"                // remaining length 26
            + "0006 4d5149736470" // protocol name "MQIsdp"
            + "03"                // protocol level 3
            + "c2"                // flags: user name, password, clean session
            + "003c"              // keep alive 60
            + "0002 6331"         // client id "c1"
            + "0004 75736572"     // user name "user"
            + "0002 7077";        // password "pw"

    // MQTT 3.1.1 §3.1 with every optional payload field
    static final String V311_CONNECT = ""
            + "10"             // CONNECT
            + "21"             // remaining length 33
            + "0004 4d515454"  // protocol name "MQTT"
            + "04"             // protocol level 4
            + "ee"             // flags: user, password, will retain, will QoS 1, will, clean session
            + "000a"           // keep alive 10
            + "0003 636c69"    // client id "cli"
            + "0003 772f74"    // will topic "w/t"
            + "0004 62796521"  // will payload "bye!"
            + "0001 75"        // user name "u"
            + "0002 0102";     // password 01 02

    // MQTT 5.0 §3.1 with properties, will properties, user name and password
    static final String V5_CONNECT_FULL = ""
            + "10"                             // CONNECT
            + "5b"                             // remaining length 91
            + "0004 4d515454"                  // protocol name "MQTT"
            + "05"                             // protocol level 5
            + "d6"                             // flags: user, password, will QoS 2, will, clean start
            + "003c"                           // keep alive 60
            + "0f"                             // property length 15
            + "11 0000001e"                    //   Session Expiry Interval 30
            + "21 0014"                        //   Receive Maximum 20
            + "26 0001 6b 0001 76"             //   User Property k=v
            + "0004 64657631"                  // client id "dev1"
            + "14"                             // will property length 20
            + "18 00000005"                    //   Will Delay Interval 5
            + "01 01"                          //   Payload Format Indicator 1 (UTF-8)
            + "03 000a 746578742f706c61696e"   //   Content Type "text/plain"
            + "000c 6465762f312f737461747573"  // will topic "dev/1/status"
            + "0007 6f66666c696e65"            // will payload "offline"
            + "0005 616c696365"                // user name "alice"
            + "0006 736563726574";             // password "secret"

    static final String V31_CONNACK = ""
            + "20"   // CONNACK
            + "02"   // remaining length 2
            + "00"   // reserved byte (3.1 had no Session Present)
            + "00";  // return code 0 Connection Accepted

    static final String V311_CONNACK_SESSION_PRESENT = ""
            + "20"   // CONNACK
            + "02"   // remaining length 2
            + "01"   // flags: Session Present
            + "00";  // return code 0 Connection Accepted

    // MQTT 5.0 §3.2.2.3: every CONNACK property, User Property twice
    static final String V5_CONNACK_MANY = ""
            + "20"                     // CONNACK
            + "46"                     // remaining length 70
            + "00"                     // flags: no session present
            + "00"                     // reason code 0x00 Success
            + "43"                     // property length 67
            + "11 00000078"            //   Session Expiry Interval 120
            + "21 000a"                //   Receive Maximum 10
            + "24 01"                  //   Maximum QoS 1
            + "25 00"                  //   Retain Available 0
            + "27 00100000"            //   Maximum Packet Size 1048576
            + "12 0003 616263"         //   Assigned Client Identifier "abc"
            + "22 0005"                //   Topic Alias Maximum 5
            + "1f 0002 6f6b"           //   Reason String "ok"
            + "26 0001 61 0001 31"     //   User Property a=1
            + "26 0001 61 0001 32"     //   User Property a=2
            + "28 01"                  //   Wildcard Subscription Available 1
            + "29 00"                  //   Subscription Identifier Available 0
            + "2a 01"                  //   Shared Subscription Available 1
            + "13 001e"                //   Server Keep Alive 30
            + "1a 0004 72657370"       //   Response Information "resp"
            + "1c 0003 737276";        //   Server Reference "srv"

    static final String PINGREQ = ""
            + "c0"   // PINGREQ
            + "00";  // remaining length 0

    static final String PINGRESP = ""
            + "d0"   // PINGRESP
            + "00";  // remaining length 0

    static final String EMPTY_DISCONNECT = ""
            + "e0"   // DISCONNECT
            + "00";  // remaining length 0 (5.0: Normal disconnection, no properties)

    static final String V5_DISCONNECT_REASON_ONLY = ""
            + "e0"   // DISCONNECT
            + "01"   // remaining length 1
            + "04";  // reason code 0x04 Disconnect with Will Message, properties left out

    static final String V5_DISCONNECT_FULL = ""
            + "e0"                // DISCONNECT
            + "13"                // remaining length 19
            + "00"                // reason code 0x00 Normal disconnection
            + "11"                // property length 17
            + "11 0000003c"       //   Session Expiry Interval 60
            + "1f 0003 627965"    //   Reason String "bye"
            + "1c 0003 737276";   //   Server Reference "srv"

    static final String V5_AUTH_EMPTY = ""
            + "f0"   // AUTH
            + "00";  // remaining length 0: Success, no properties

    static final String V5_AUTH_FULL = ""
            + "f0"                   // AUTH
            + "16"                   // remaining length 22
            + "18"                   // reason code 0x18 Continue authentication
            + "14"                   // property length 20
            + "15 0005 534352414d"   //   Authentication Method "SCRAM"
            + "16 0004 01020304"     //   Authentication Data 01 02 03 04
            + "1f 0002 6869";        //   Reason String "hi"

    @Test
    void decodes_v31_connect_with_mqisdp_protocol_name() {
        Connect c = decodeOne(V3_1, V31_CONNECT, "c0", Connect.class);

        assertThat(c.version()).isEqualTo(V3_1);
        assertThat(c.protocolName()).isEqualTo("MQIsdp");
        assertThat(c.cleanStart()).isTrue();
        assertThat(c.keepAlive()).isEqualTo(60);
        assertThat(c.properties()).isEqualTo(Properties.EMPTY);
        assertThat(c.clientId()).isEqualTo("c1");
        assertThat(c.will()).isEmpty();
        assertThat(c.username()).contains("user");
        assertThat(c.password()).contains(ByteSlice.utf8("pw"));
    }

    @Test
    void connect_sets_its_own_version_whatever_the_connection_assumed() {
        DecodeResult.Decoded d = decodeOne(V5, V31_CONNECT, "c0");

        assertThat(d.version()).isEqualTo(V3_1);
        assertThat(((Connect) d.packet()).version()).isEqualTo(V3_1);
    }

    @Test
    void decodes_v311_connect_with_will_user_and_password() {
        Connect c = decodeOne(V3_1_1, V311_CONNECT, "10 21 00", Connect.class);

        assertThat(c).isEqualTo(new Connect(V3_1_1, true, 10, Properties.EMPTY, "cli",
                Optional.of(new Will(1, true, "w/t", ByteSlice.utf8("bye!"))),
                Optional.of("u"), Optional.of(hex("0102"))));
    }

    @Test
    void decodes_v5_connect_with_will_properties_user_password_and_properties() {
        DecodeResult.Decoded d = decodeOne(V3_1_1, V5_CONNECT_FULL, "ff");
        Connect c = (Connect) d.packet();

        assertThat(d.version()).isEqualTo(V5);
        assertThat(c.version()).isEqualTo(V5);
        assertThat(c.cleanStart()).isTrue();
        assertThat(c.keepAlive()).isEqualTo(60);
        assertThat(c.properties().list()).containsExactly(
                Property.of(PropertyId.SESSION_EXPIRY_INTERVAL, 30L),
                Property.of(PropertyId.RECEIVE_MAXIMUM, 20),
                Property.user("k", "v"));
        assertThat(c.clientId()).isEqualTo("dev1");
        Will w = c.will().orElseThrow();
        assertThat(w.qos()).isEqualTo(2);
        assertThat(w.retain()).isFalse();
        assertThat(w.properties().list()).containsExactly(
                Property.of(PropertyId.WILL_DELAY_INTERVAL, 5L),
                Property.of(PropertyId.PAYLOAD_FORMAT_INDICATOR, 1),
                Property.of(PropertyId.CONTENT_TYPE, "text/plain"));
        assertThat(w.topic()).isEqualTo("dev/1/status");
        assertThat(w.payload()).isEqualTo(ByteSlice.utf8("offline"));
        assertThat(c.username()).contains("alice");
        assertThat(c.password()).contains(ByteSlice.utf8("secret"));
    }

    @Test
    void decodes_v31_connack() {
        ConnAck a = decodeOne(V3_1, V31_CONNACK, "30", ConnAck.class);

        assertThat(a).isEqualTo(new ConnAck(false, 0));
    }

    @Test
    void decodes_v311_connack_with_session_present() {
        ConnAck a = decodeOne(V3_1_1, V311_CONNACK_SESSION_PRESENT, "20 02", ConnAck.class);

        assertThat(a.sessionPresent()).isTrue();
        assertThat(a.reasonCode()).isZero();
        assertThat(a.properties()).isEqualTo(Properties.EMPTY);
    }

    @ParameterizedTest(name = "return code {0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "0 | Connection Accepted",
        "1 | Connection Refused, unacceptable protocol version",
        "2 | Connection Refused, identifier rejected",
        "3 | Connection Refused, Server unavailable",
        "4 | Connection Refused, bad user name or password",
        "5 | Connection Refused, not authorized",
    })
    void decodes_v311_connack_return_codes(int code, String name) {
        String fixture = ""
                + "20"                             // CONNACK
                + "02"                             // remaining length 2
                + "00"                             // flags: no session present
                + String.format("%02x", code);     // return code
        ConnAck a = decodeOne(V3_1_1, fixture, "e0", ConnAck.class);

        assertThat(a).isEqualTo(new ConnAck(false, code));
        assertThat(ReasonCodes.describe(PacketType.CONNACK, V3_1_1, a.reasonCode())).isEqualTo(name);
        assertThat(ReasonCodes.isFailure(PacketType.CONNACK, V3_1_1, code)).isEqualTo(code != 0);
    }

    @Test
    void decodes_v5_connack_with_many_properties_in_wire_order() {
        ConnAck a = decodeOne(V5, V5_CONNACK_MANY, "30 05", ConnAck.class);

        assertThat(a.sessionPresent()).isFalse();
        assertThat(a.reasonCode()).isZero();
        assertThat(a.properties().list()).containsExactly(
                Property.of(PropertyId.SESSION_EXPIRY_INTERVAL, 120L),
                Property.of(PropertyId.RECEIVE_MAXIMUM, 10),
                Property.of(PropertyId.MAXIMUM_QOS, 1),
                Property.of(PropertyId.RETAIN_AVAILABLE, 0),
                Property.of(PropertyId.MAXIMUM_PACKET_SIZE, 1_048_576L),
                Property.of(PropertyId.ASSIGNED_CLIENT_IDENTIFIER, "abc"),
                Property.of(PropertyId.TOPIC_ALIAS_MAXIMUM, 5),
                Property.of(PropertyId.REASON_STRING, "ok"),
                Property.user("a", "1"),
                Property.user("a", "2"),
                Property.of(PropertyId.WILDCARD_SUBSCRIPTION_AVAILABLE, 1),
                Property.of(PropertyId.SUBSCRIPTION_IDENTIFIER_AVAILABLE, 0),
                Property.of(PropertyId.SHARED_SUBSCRIPTION_AVAILABLE, 1),
                Property.of(PropertyId.SERVER_KEEP_ALIVE, 30),
                Property.of(PropertyId.RESPONSE_INFORMATION, "resp"),
                Property.of(PropertyId.SERVER_REFERENCE, "srv"));
        assertThat(a.properties().userProperties())
                .containsExactly(new StringPair("a", "1"), new StringPair("a", "2"));
        assertThat(a.properties().get(PropertyId.MAXIMUM_QOS)).map(Property::number).contains(1L);
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void decodes_pingreq(MqttVersion v) {
        assertThat(decodeOne(v, PINGREQ, "c0", PingReq.class)).isEqualTo(new PingReq());
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void decodes_pingresp(MqttVersion v) {
        assertThat(decodeOne(v, PINGRESP, "d0", PingResp.class)).isEqualTo(new PingResp());
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void decodes_empty_disconnect_as_normal_disconnection(MqttVersion v) {
        Disconnect d = decodeOne(v, EMPTY_DISCONNECT, "10", Disconnect.class);

        assertThat(d).isEqualTo(new Disconnect(0, Properties.EMPTY));
    }

    @Test
    void decodes_v5_disconnect_with_reason_code_and_no_properties() {
        Disconnect d = decodeOne(V5, V5_DISCONNECT_REASON_ONLY, "e0 01", Disconnect.class);

        assertThat(d).isEqualTo(new Disconnect(0x04, Properties.EMPTY));
    }

    @Test
    void decodes_v5_disconnect_with_properties() {
        Disconnect d = decodeOne(V5, V5_DISCONNECT_FULL, "e0", Disconnect.class);

        assertThat(d.reasonCode()).isZero();
        assertThat(d.properties().list()).containsExactly(
                Property.of(PropertyId.SESSION_EXPIRY_INTERVAL, 60L),
                Property.of(PropertyId.REASON_STRING, "bye"),
                Property.of(PropertyId.SERVER_REFERENCE, "srv"));
    }

    @Test
    void decodes_v5_empty_auth_as_success() {
        Auth a = decodeOne(V5, V5_AUTH_EMPTY, "f0", Auth.class);

        assertThat(a).isEqualTo(new Auth(0, Properties.EMPTY));
    }

    @Test
    void decodes_v5_auth_with_method_data_and_reason_string() {
        Auth a = decodeOne(V5, V5_AUTH_FULL, "f0 16 18", Auth.class);

        assertThat(a.reasonCode()).isEqualTo(0x18);
        assertThat(a.properties().list()).containsExactly(
                Property.of(PropertyId.AUTHENTICATION_METHOD, "SCRAM"),
                Property.of(PropertyId.AUTHENTICATION_DATA, hex("01020304")),
                Property.of(PropertyId.REASON_STRING, "hi"));
        assertThat(a.properties().get(PropertyId.AUTHENTICATION_DATA).orElseThrow().isSecret()).isTrue();
        assertThat(a.properties().get(PropertyId.AUTHENTICATION_METHOD).orElseThrow().isSecret()).isFalse();
    }
}
