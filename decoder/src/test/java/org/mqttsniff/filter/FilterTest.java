package org.mqttsniff.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mqttsniff.bytes.ByteSlice;
import org.mqttsniff.mqtt.ConnAck;
import org.mqttsniff.mqtt.Connect;
import org.mqttsniff.mqtt.DecodeResult;
import org.mqttsniff.mqtt.MqttEncoder;
import org.mqttsniff.mqtt.MqttPacket;
import org.mqttsniff.mqtt.MqttVersion;
import org.mqttsniff.mqtt.PacketDecoder;
import org.mqttsniff.mqtt.Properties;
import org.mqttsniff.mqtt.PubAck;
import org.mqttsniff.mqtt.Publish;
import org.mqttsniff.mqtt.SubAck;
import org.mqttsniff.mqtt.Subscribe;
import org.mqttsniff.mqtt.Subscription;
import org.mqttsniff.net.Endpoint;
import org.mqttsniff.session.Direction;
import org.mqttsniff.session.SnifferEvent;

/**
 * The filter language against a small capture's worth of events: each row is a filter and the
 * events it lets through, so every field and operator is checked for what it matches and, as
 * importantly, for what it does not.
 */
class FilterTest {
    static final Endpoint CLIENT = new Endpoint(ByteSlice.wrap(new byte[] {10, 0, 0, 5}), 40001);
    static final Endpoint BROKER = new Endpoint(ByteSlice.wrap(new byte[] {10, 0, 0, 1}), 1883);
    static final Endpoint CLIENT2 = new Endpoint(ByteSlice.fromHex("20010db8000000000000000000000007"), 40002);
    static final Endpoint BROKER6 = new Endpoint(ByteSlice.fromHex("20010db8000000000000000000000001"), 1883);

    /** The events, by the names the table uses. */
    static final Map<String, SnifferEvent> EVENTS = new LinkedHashMap<>();

    static {
        EVENTS.put("open", new SnifferEvent.Open(1, 0, 0, CLIENT, BROKER, "SYN"));
        EVENTS.put("connect", packet(4, 0, Direction.C2S, MqttVersion.V3_1_1,
                new Connect(MqttVersion.V3_1_1, true, 60, Properties.EMPTY, "sensor-1", Optional.empty(),
                        Optional.of("alice"), Optional.empty()), "", "sensor-1", List.of(), -1, -1));
        EVENTS.put("connack", packet(6, 0, Direction.S2C, MqttVersion.V3_1_1, new ConnAck(true, 0), "", "sensor-1",
                List.of(), 4, 1_500_000));
        EVENTS.put("pub0", packet(8, 0, Direction.C2S, MqttVersion.V3_1_1,
                new Publish(false, 0, false, "home/kitchen/temp", 0, Properties.EMPTY, ByteSlice.utf8("21.5 °C")),
                "home/kitchen/temp", "sensor-1", List.of(), -1, -1));
        EVENTS.put("pub1", packet(9, 0, Direction.C2S, MqttVersion.V3_1_1,
                new Publish(true, 1, true, "home/garage", 7, Properties.EMPTY, ByteSlice.fromHex("00ff10")),
                "home/garage", "sensor-1", List.of("packet id 7 reused while in flight"), -1, -1));
        EVENTS.put("puback", packet(10, 0, Direction.S2C, MqttVersion.V3_1_1, new PubAck(7), "", "sensor-1",
                List.of(), 9, 250_000));
        EVENTS.put("gap", new SnifferEvent.Gap(11, 0, 0, CLIENT, BROKER, Direction.C2S, 100));
        // 5.0 on an IPv6 connection, a PUBLISH by alias only, a failed subscription
        EVENTS.put("sub", packet(20, 1, Direction.C2S, MqttVersion.V5,
                new Subscribe(3, List.of(new Subscription("$SYS/#", 0), new Subscription("home/+/temp", 1))),
                "", "", List.of(), -1, -1));
        EVENTS.put("suback", packet(21, 1, Direction.S2C, MqttVersion.V5, new SubAck(3, List.of(0x80, 1)), "", "",
                List.of(), 20, 3_000_000));
        EVENTS.put("pub5", packet(22, 1, Direction.S2C, MqttVersion.V5,
                new Publish(false, 2, false, "", 9, Properties.EMPTY, ByteSlice.EMPTY), "", "", List.of(), -1, -1));
        EVENTS.put("puback5", packet(23, 1, Direction.C2S, MqttVersion.V5,
                new PubAck(9, 0x10, Properties.EMPTY), "", "", List.of(), 22, 100_000));
        // SUBSCRIBE with reserved flags 0000 instead of 0010
        DecodeResult bad = PacketDecoder.decode(ByteSlice.fromHex("80 06 0001 0001 61 00"), MqttVersion.V3_1_1);
        EVENTS.put("malformed", new SnifferEvent.Packet(24, 0, 1, CLIENT2, BROKER6, Direction.C2S, bad, "",
                OptionalInt.empty(), OptionalLong.empty(), OptionalLong.empty(), "", List.of()));
        EVENTS.put("warning", new SnifferEvent.Warning(30, 0, 1, CLIENT2, BROKER6, "keep-alive exceeded"));
    }

    static SnifferEvent.Packet packet(long frame, int stream, Direction dir, MqttVersion v, MqttPacket p,
                                      String topic, String client, List<String> warnings, long responseTo,
                                      long latencyNanos) {
        Endpoint c = stream == 0 ? CLIENT : CLIENT2;
        Endpoint b = stream == 0 ? BROKER : BROKER6;
        return new SnifferEvent.Packet(frame, 0, stream, dir == Direction.C2S ? c : b, dir == Direction.C2S ? b : c,
                dir, new DecodeResult.Decoded(p, v, ByteSlice.wrap(MqttEncoder.encode(p, v))), topic,
                p instanceof Publish pub && pub.topic().isEmpty() ? OptionalInt.of(1) : OptionalInt.empty(),
                responseTo < 0 ? OptionalLong.empty() : OptionalLong.of(responseTo),
                latencyNanos < 0 ? OptionalLong.empty() : OptionalLong.of(latencyNanos), client, warnings);
    }

    static String passing(String filter) {
        Filter f = Filter.compile(filter);
        return EVENTS.entrySet().stream().filter(e -> f.test(e.getValue())).map(Map.Entry::getKey)
                .collect(Collectors.joining(" "));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiterString = " → ", textBlock = """
            type == CONNECT || type == PUBLISH && qos == 1 → connect pub1
            (type == CONNECT || type == PUBLISH) && qos == 1 → pub1
            !retain && type == PUBLISH → pub0 pub5
            !(retain && type == PUBLISH) → open connect connack pub0 puback gap sub suback pub5 puback5 malformed warning
            not dup and qos >= 1 or type == CONNACK → connack pub5
            !!malformed → malformed
            qos == 1 → pub1
            qos != 1 → pub0 pub5
            qos < 1 → pub0
            qos <= 1 → pub0 pub1
            qos > 1 → pub5
            qos >= 1 → pub1 pub5
            qos == "2" → pub5
            client contains "sensor" → connect connack pub0 pub1 puback
            topic ~ "home/#" → pub0 pub1
            topic ~ "home/+/temp" → pub0
            topic ~ "home/+" → pub1
            topic ~ home/+/temp → pub0
            topic ~ "#" → pub0 pub1
            filter ~ "home/#" → sub
            filter == "$SYS/#" → sub
            event == gap → gap
            event != packet → open gap warning
            frame >= 22 → pub5 puback5 malformed warning
            stream == 1 → sub suback pub5 puback5 malformed warning
            src == "10.0.0.5:40001" → open connect pub0 pub1 gap
            dst == 10.0.0.5:40001 → connack puback
            src == "[2001:db8::7]:40002" → sub puback5 malformed warning
            host == "2001:db8::1" → sub suback pub5 puback5 malformed warning
            srcport == 1883 → connack puback suback pub5
            dstport == 1883 && stream == 0 → open connect pub0 pub1 gap
            port == 40002 && type == SUBACK → suback
            dir == c2s → connect pub0 pub1 gap sub puback5 malformed
            dir == S2C → connack puback suback pub5
            type == publish → pub0 pub1 pub5
            type != PUBLISH → connect connack puback sub suback puback5 malformed
            type == SUBSCRIBE → sub malformed
            version == 5 → sub suback pub5 puback5
            version == 5.0 → sub suback pub5 puback5
            version == 3.1.1 → connect connack pub0 pub1 puback malformed
            version < 5 → connect connack pub0 pub1 puback malformed
            length == 4 → connack puback
            malformed → malformed
            !malformed && event == packet → connect connack pub0 pub1 puback sub suback pub5 puback5
            malformed == false → connect connack pub0 pub1 puback sub suback pub5 puback5
            malformed.reason == invalid-flags → malformed
            malformed.reason == INVALID_FLAGS → malformed
            malformed.detail contains "MQTT-3.8.1-1" → malformed
            malformed.offset == 0 → malformed
            client == "sensor-1" → connect connack pub0 pub1 puback
            clientId == "sensor-1" && type == CONNECT → connect
            client → connect connack pub0 pub1 puback
            topic → pub0 pub1
            topicAlias == 1 → pub5
            retain → pub1
            retain == false → pub0 pub5
            dup == true → pub1
            id == 7 → pub1 puback
            id → pub1 puback sub suback pub5 puback5
            payload == "21.5 °C" → pub0
            payload contains "°" → pub0
            payload contains "\\u00ff" → ''
            payload != "21.5 °C" → pub1 pub5
            payloadSize == 3 → pub1
            payloadSize == 0 → pub5
            username == alice → connect
            keepAlive > 30 → connect
            cleanStart → connect
            sessionPresent → connack
            reasonCode == 0 → connack
            reasonCode >= 0x80 → suback
            reasonCode == 1 → suback
            reasonCode != 0x80 → connack puback5
            reasonCode == 0x10 → puback5
            reason contains "No matching subscribers" → puback5
            reason == "Unspecified error" → suback
            warning → pub1 warning
            warnings contains "keep-alive" → warning
            latency > 1 → connack suback
            latency < 0.3 → puback puback5
            latency → connack puback suback puback5
            responseTo == 4 → connack
            qos != 0 && type == CONNECT → ''
            """)
    void lets_through_the_events_it_describes(String filter, String expected) {
        assertThat(passing(filter)).isEqualTo(expected);
    }

    @Test
    void strings_take_escapes() {
        Filter f = Filter.compile("payload == \"21.5 \\u00b0C\" && client != \"a\\\"b\\\\c\\n\\t\\r\"");
        assertThat(f.test(EVENTS.get("pub0"))).isTrue();
    }

    @Test
    void keywords_and_field_names_ignore_letter_case() {
        assertThat(passing("TYPE == Publish AND QoS == 1 OR NOT Topic")).isEqualTo(
                Arrays.stream("open connect connack pub1 puback gap sub suback pub5 puback5 malformed warning"
                        .split(" ")).collect(Collectors.joining(" ")));
    }

    @Test
    void the_filter_keeps_its_text() {
        assertThat(Filter.compile("qos >= 1").text()).isEqualTo("qos >= 1");
        assertThat(Filter.ALL.test(EVENTS.get("gap"))).isTrue();
        assertThat(Filter.fields()).contains("type", "topic", "qos", "client", "malformed.reason", "latency");
    }
}
