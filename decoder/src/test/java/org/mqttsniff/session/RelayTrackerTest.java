package org.mqttsniff.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.mqttsniff.bytes.ByteSlice;
import org.mqttsniff.mqtt.DecodeResult;
import org.mqttsniff.net.Endpoint;
import org.mqttsniff.tcp.CloseReason;

class RelayTrackerTest {
    private static final Endpoint CLIENT = new Endpoint(ByteSlice.fromHex("7f000001"), 40001);
    // not an MQTT port: relayed connections are MQTT whatever the port
    private static final Endpoint BROKER = new Endpoint(ByteSlice.fromHex("7f000001"), 41234);

    private static final ByteSlice UP = ByteSlice.fromHex(
            "100f00044d5154540402003c0003726177" // CONNECT 3.1.1 client "raw"
            + "3206000174000178"                 // PUBLISH q1 "t" id 1 "x"
            + "c000");                           // PINGREQ
    private static final ByteSlice DOWN = ByteSlice.fromHex(
            "20020000"                           // CONNACK
            + "40020001");                       // PUBACK id 1

    @Test
    void relayed_reads_give_open_packets_with_client_id_and_matching_then_close() {
        List<SnifferEvent> events = new ArrayList<>();
        RelayTracker t = new RelayTracker(SessionOptions.defaults(), events::add);
        int s = t.open(CLIENT, BROKER, 1, 1_000);
        t.data(s, true, UP.slice(0, 17), 4, 2_000);
        t.data(s, false, DOWN.slice(0, 4), 5, 3_000);
        t.data(s, true, UP.slice(17, UP.length()), 6, 4_000);
        t.data(s, false, DOWN.slice(4, 8), 7, 9_000);
        t.close(s, CloseReason.FIN, 8, 10_000);

        assertThat(events.get(0)).isEqualTo(new SnifferEvent.Open(1, 1_000, 0, CLIENT, BROKER, "SYN"));
        List<SnifferEvent.Packet> packets = events.stream().filter(e -> e instanceof SnifferEvent.Packet)
                .map(e -> (SnifferEvent.Packet) e).toList();
        assertThat(packets).extracting(p -> p.result().typeName())
                .containsExactly("CONNECT", "CONNACK", "PUBLISH", "PINGREQ", "PUBACK");
        assertThat(packets).allMatch(p -> p.clientId().equals("raw"));
        SnifferEvent.Packet puback = packets.get(4);
        assertThat(puback.frame()).isEqualTo(7);
        assertThat(puback.responseTo()).hasValue(6);
        assertThat(puback.latencyNanos()).hasValue(5_000);
        assertThat(events.get(events.size() - 1)).isInstanceOfSatisfying(SnifferEvent.Close.class,
                c -> assertThat(c.reason()).isEqualTo("fin"));
        assertThat(t.openConnections()).isZero();
    }

    @Test
    void any_split_of_the_reads_gives_the_same_packets() {
        List<String> whole = decode(UP.length());
        Random r = new Random(42);
        for (int run = 0; run < 20; run++) {
            assertThat(decode(1 + r.nextInt(6))).isEqualTo(whole);
        }
        assertThat(decode(1)).isEqualTo(whole);
    }

    private static List<String> decode(int chunk) {
        List<String> out = new ArrayList<>();
        RelayTracker t = new RelayTracker(SessionOptions.defaults(), e -> {
            if (e instanceof SnifferEvent.Packet p && p.result() instanceof DecodeResult.Decoded d) {
                out.add(p.dir() + " " + d.packet());
            }
        });
        int s = t.open(CLIENT, BROKER, 1, 0);
        long frame = 4;
        for (int at = 0; at < UP.length(); at += chunk) {
            t.data(s, true, UP.slice(at, Math.min(UP.length(), at + chunk)), frame++, frame);
        }
        t.finish(frame, frame);
        return out;
    }

    @Test
    void what_is_not_mqtt_is_reported_and_not_decoded() {
        List<SnifferEvent> events = new ArrayList<>();
        RelayTracker t = new RelayTracker(SessionOptions.defaults(), events::add);
        int s = t.open(CLIENT, BROKER, 1, 0);
        t.data(s, true, ByteSlice.utf8("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), 4, 1);
        t.data(s, true, ByteSlice.utf8("more"), 5, 2);
        t.finish(6, 3);
        assertThat(events).filteredOn(e -> e instanceof SnifferEvent.NotMqtt).hasSize(1);
        assertThat(events).noneMatch(e -> e instanceof SnifferEvent.Packet);
        assertThat(events.get(events.size() - 1)).isInstanceOfSatisfying(SnifferEvent.Close.class,
                c -> assertThat(c.reason()).isEqualTo("end-of-capture"));
    }
}
