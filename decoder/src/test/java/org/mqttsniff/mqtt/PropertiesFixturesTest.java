package org.mqttsniff.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mqttsniff.mqtt.FixtureSupport.decodeOne;
import static org.mqttsniff.mqtt.FixtureSupport.hex;
import static org.mqttsniff.mqtt.MqttVersion.V5;
import static org.mqttsniff.mqtt.PropertyType.BINARY_DATA;
import static org.mqttsniff.mqtt.PropertyType.BYTE;
import static org.mqttsniff.mqtt.PropertyType.FOUR_BYTE_INTEGER;
import static org.mqttsniff.mqtt.PropertyType.TWO_BYTE_INTEGER;
import static org.mqttsniff.mqtt.PropertyType.UTF8_STRING;
import static org.mqttsniff.mqtt.PropertyType.UTF8_STRING_PAIR;
import static org.mqttsniff.mqtt.PropertyType.VARIABLE_BYTE_INTEGER;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** All 27 MQTT 5.0 properties (§2.2.2.2 Table 2-4), each in a packet that may carry it. */
class PropertiesFixturesTest {

    // PUBLISH properties (§3.3.2.3)
    static final String V5_PUBLISH_ALL_PROPERTIES = ""
            + "30"                                               // PUBLISH, QoS 0
            + "3e"                                               // remaining length 62
            + "0003 612f62"                                      // topic "a/b"
            + "36"                                               // property length 54
            + "01 01"                                            //   Payload Format Indicator 1
            + "02 00000e10"                                      //   Message Expiry Interval 3600
            + "03 0010 6170706c69636174696f6e2f6a736f6e"         //   Content Type "application/json"
            + "08 0005 7265706c79"                               //   Response Topic "reply"
            + "09 0002 abcd"                                     //   Correlation Data ab cd
            + "0b 05"                                            //   Subscription Identifier 5
            + "0b 8001"                                          //   Subscription Identifier 128 (repeatable here)
            + "23 0003"                                          //   Topic Alias 3
            + "26 0001 6b 0001 76"                               //   User Property k=v
            + "7b7d";                                            // payload "{}"

    // CONNECT properties (§3.1.2.11) and will properties (§3.1.3.2)
    static final String V5_CONNECT_ALL_PROPERTIES = ""
            + "10"                  // CONNECT
            + "3a"                  // remaining length 58
            + "0004 4d515454"       // protocol name "MQTT"
            + "05"                  // protocol level 5
            + "06"                  // flags: will (QoS 0), clean start
            + "0000"                // keep alive 0
            + "22"                  // property length 34
            + "11 ffffffff"         //   Session Expiry Interval 0xFFFFFFFF (never expires)
            + "15 0005 504c41494e"  //   Authentication Method "PLAIN"
            + "16 0003 000102"      //   Authentication Data 00 01 02
            + "17 00"               //   Request Problem Information 0
            + "19 01"               //   Request Response Information 1
            + "21 ffff"             //   Receive Maximum 65535
            + "22 000a"             //   Topic Alias Maximum 10
            + "27 0000ffff"         //   Maximum Packet Size 65535
            + "0000"                // client id ""
            + "05"                  // will property length 5
            + "18 0000000a"         //   Will Delay Interval 10
            + "0001 77"             // will topic "w"
            + "0000";               // will payload empty

    private record Expected(int code, String specName, PropertyType type, Class<?> javaType, Object value) {
    }

    private static final List<Expected> TABLE = List.of(
            new Expected(0x01, "Payload Format Indicator", BYTE, Integer.class, 1),
            new Expected(0x02, "Message Expiry Interval", FOUR_BYTE_INTEGER, Long.class, 3600L),
            new Expected(0x03, "Content Type", UTF8_STRING, String.class, "application/json"),
            new Expected(0x08, "Response Topic", UTF8_STRING, String.class, "reply"),
            new Expected(0x09, "Correlation Data", BINARY_DATA, org.mqttsniff.bytes.ByteSlice.class, hex("abcd")),
            new Expected(0x0B, "Subscription Identifier", VARIABLE_BYTE_INTEGER, Integer.class, 5),
            new Expected(0x11, "Session Expiry Interval", FOUR_BYTE_INTEGER, Long.class, 0xFFFF_FFFFL),
            new Expected(0x12, "Assigned Client Identifier", UTF8_STRING, String.class, "abc"),
            new Expected(0x13, "Server Keep Alive", TWO_BYTE_INTEGER, Integer.class, 30),
            new Expected(0x15, "Authentication Method", UTF8_STRING, String.class, "PLAIN"),
            new Expected(0x16, "Authentication Data", BINARY_DATA, org.mqttsniff.bytes.ByteSlice.class, hex("000102")),
            new Expected(0x17, "Request Problem Information", BYTE, Integer.class, 0),
            new Expected(0x18, "Will Delay Interval", FOUR_BYTE_INTEGER, Long.class, 10L),
            new Expected(0x19, "Request Response Information", BYTE, Integer.class, 1),
            new Expected(0x1A, "Response Information", UTF8_STRING, String.class, "resp"),
            new Expected(0x1C, "Server Reference", UTF8_STRING, String.class, "srv"),
            new Expected(0x1F, "Reason String", UTF8_STRING, String.class, "ok"),
            new Expected(0x21, "Receive Maximum", TWO_BYTE_INTEGER, Integer.class, 65535),
            new Expected(0x22, "Topic Alias Maximum", TWO_BYTE_INTEGER, Integer.class, 10),
            new Expected(0x23, "Topic Alias", TWO_BYTE_INTEGER, Integer.class, 3),
            new Expected(0x24, "Maximum QoS", BYTE, Integer.class, 1),
            new Expected(0x25, "Retain Available", BYTE, Integer.class, 0),
            new Expected(0x26, "User Property", UTF8_STRING_PAIR, StringPair.class, new StringPair("k", "v")),
            new Expected(0x27, "Maximum Packet Size", FOUR_BYTE_INTEGER, Long.class, 65535L),
            new Expected(0x28, "Wildcard Subscription Available", BYTE, Integer.class, 1),
            new Expected(0x29, "Subscription Identifier Available", BYTE, Integer.class, 0),
            new Expected(0x2A, "Shared Subscription Available", BYTE, Integer.class, 1));

    @Test
    void decodes_all_27_properties_by_name_with_their_wire_types() {
        Publish publish = decodeOne(V5, V5_PUBLISH_ALL_PROPERTIES, "30", Publish.class);
        Connect connect = decodeOne(V5, V5_CONNECT_ALL_PROPERTIES, "20 02", Connect.class);
        ConnAck connack = decodeOne(V5, ConnectFixturesTest.V5_CONNACK_MANY, "e0", ConnAck.class);

        List<Property> all = new ArrayList<>();
        all.addAll(publish.properties().list());
        all.addAll(connect.properties().list());
        all.addAll(connect.will().orElseThrow().properties().list());
        all.addAll(connack.properties().list());
        // first occurrence of each id, in the order met
        Map<PropertyId, Property> first = new LinkedHashMap<>();
        all.forEach(p -> first.putIfAbsent(p.id(), p));

        assertThat(PropertyId.values()).hasSize(27);
        assertThat(TABLE).hasSize(27);
        assertThat(first.keySet()).containsExactlyInAnyOrder(PropertyId.values());
        for (Expected e : TABLE) {
            PropertyId id = PropertyId.of(e.code()).orElseThrow();
            Property p = first.get(id);
            assertThat(id.id()).isEqualTo(e.code());
            assertThat(id.specName()).isEqualTo(e.specName());
            assertThat(id.type()).as(e.specName()).isEqualTo(e.type());
            assertThat(p.value()).as(e.specName()).isInstanceOf(e.javaType()).isEqualTo(e.value());
        }
    }

    @Test
    void keeps_repeated_subscription_identifiers_in_publish_in_wire_order() {
        Publish p = decodeOne(V5, V5_PUBLISH_ALL_PROPERTIES, "30", Publish.class);

        assertThat(p.properties().list().stream().filter(x -> x.id() == PropertyId.SUBSCRIPTION_IDENTIFIER)
                .map(Property::value)).containsExactly(5, 128);
        assertThat(p.payload()).isEqualTo(hex("7b7d"));
    }

    @Test
    void decodes_full_four_byte_integer_range_as_unsigned() {
        Connect c = decodeOne(V5, V5_CONNECT_ALL_PROPERTIES, "20 02", Connect.class);

        assertThat(c.properties().get(PropertyId.SESSION_EXPIRY_INTERVAL).orElseThrow().number())
                .isEqualTo(4_294_967_295L);
        assertThat(c.clientId()).isEmpty();
        assertThat(c.will().orElseThrow().payload().isEmpty()).isTrue();
    }
}
