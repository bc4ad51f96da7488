package org.mqttsniff.tui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqttsniff.bytes.ByteSlice;
import org.mqttsniff.filter.Filter;
import org.mqttsniff.mqtt.ConnAck;
import org.mqttsniff.mqtt.Publish;
import org.mqttsniff.session.Direction;
import org.mqttsniff.session.SnifferEvent;

class PacketStoreTest {
    @TempDir
    Path dir;

    @Test
    void gives_back_every_event_as_the_pipeline_made_it() {
        List<SnifferEvent> in = new ArrayList<>();
        try (PacketStore store = new PacketStore("test", Long.MAX_VALUE, dir)) {
            PacketStore recorder = store;
            in.add(Events.open(1, 0));
            in.add(Events.packet(2, 0, Direction.C2S, new Publish(1, "a/b", 7, ByteSlice.utf8("hi")), ""));
            SnifferEvent.Packet plain = Events.packet(3, 0, Direction.S2C, new ConnAck(false, 0), "c1");
            // a response with its latency, an alias-resolved topic and a warning: kept beside the bytes
            in.add(new SnifferEvent.Packet(3, plain.timeNanos(), 0, plain.src(), plain.dst(), plain.dir(),
                    plain.result(), "", OptionalInt.empty(), OptionalLong.of(2), OptionalLong.of(1_500_000), "c1",
                    List.of("keep-alive exceeded")));
            SnifferEvent.Packet pub = Events.packet(4, 0, Direction.C2S, new Publish(0, "t", 0, ByteSlice.utf8("x")), "c1");
            in.add(new SnifferEvent.Packet(4, pub.timeNanos(), 0, pub.src(), pub.dst(), pub.dir(), pub.result(),
                    "resolved/topic", OptionalInt.of(3), OptionalLong.empty(), OptionalLong.empty(), "c1", List.of()));
            // SUBSCRIBE with reserved flags 0000 instead of 0010: malformed
            in.add(Events.bytes(5, "80 06 00 01 00 01 61 00", "c1"));
            in.forEach(recorder);

            assertThat(store.size()).isEqualTo(in.size());
            for (int i = 0; i < in.size(); i++) {
                assertThat(store.event(i)).as("event %d", i).isEqualTo(in.get(i));
            }
            Row r = store.row(2);
            assertThat(r.frame()).isEqualTo(3);
            assertThat(r.c2s()).isFalse();
            assertThat(r.latencyNanos()).isEqualTo(1_500_000);
            assertThat(r.warned()).isTrue();
            assertThat(store.row(4).malformed()).isTrue();
            assertThat(store.row(1).clientId()).isEmpty();
            assertThat(store.row(3).clientId()).isEqualTo("c1");
            assertThat(store.status().malformed()).isEqualTo(1);
            assertThat(store.status().packets()).isEqualTo(4);
        }
    }

    @Test
    void a_capped_store_drops_its_oldest_rows_and_their_spool_files() throws Exception {
        int segment = 1 << 16;
        try (PacketStore store = new PacketStore("live", 1, dir, segment)) { // the cap is at least two chunks
            Events.session(store, 60_000);
            PacketStore.Status s = store.status();
            assertThat(s.evicted()).isPositive().isEqualTo(store.firstId());
            assertThat(s.rows()).isLessThanOrEqualTo(2L * PacketStore.CHUNK);
            assertThat(store.row(0)).isNull();
            assertThat(store.event(0)).isNull();
            SnifferEvent last = store.event(store.size() - 1);
            assertThat(last).isInstanceOf(SnifferEvent.Packet.class);
            // what is left on disk covers the rows kept, not everything ever seen
            long total = 0;
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    total += Files.size(p);
                }
            }
            assertThat(total).isLessThan(s.rows() * 40 + 2L * segment);
            assertThat(store.spoolBytes()).isEqualTo(total);
        }
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).as("close deletes the spool").isEmpty();
        }
    }

    @Test
    void a_filter_covers_rows_before_it_and_rows_after_it() {
        try (PacketStore store = new PacketStore("test", Long.MAX_VALUE, dir)) {
            Events.session(store, 10); // 2 + 10 PUBLISH + 5 PUBACK
            FilterScan scan = store.filter(Filter.compile("type == PUBACK"));
            assertThat(scan.size()).isZero();
            assertThat(scan.scan(3)).isFalse();
            while (!scan.scan(3)) {
                // a slice at a time, as the UI does
            }
            assertThat(scan.size()).isEqualTo(5);
            store.accept(Events.packet(100, 0, Direction.S2C, new org.mqttsniff.mqtt.PubAck(99), "sensor-1"));
            store.accept(Events.packet(101, 0, Direction.C2S, new Publish(0, "x", 0, ByteSlice.utf8("")), "sensor-1"));
            assertThat(scan.size()).as("new events wait in the batch").isEqualTo(5);
            store.drain(); // as the UI's next tick does
            assertThat(scan.size()).isEqualTo(6);
            for (long i = 0; i < scan.size(); i++) {
                assertThat(RowText.type(store.row(scan.idAt(i)))).isEqualTo("PUBACK");
            }
            assertThat(store.row(scan.idAt(5)).frame()).isEqualTo(100);
            assertThat(scan.indexOf(store.size() - 2)).isEqualTo(5);
        }
    }

    @Test
    void keeps_the_newest_source_messages_and_the_stats_view_lists_the_last_of_them() {
        try (PacketStore store = new PacketStore("proxy", 1000, dir)) {
            for (int i = 1; i <= PacketStore.MAX_WARNINGS + 5; i++) {
                store.warning("proxy: message " + i);
            }
            List<String> kept = store.status().warnings();
            assertThat(kept).hasSize(PacketStore.MAX_WARNINGS);
            assertThat(kept.get(0)).isEqualTo("proxy: message 6");
            assertThat(kept.get(kept.size() - 1)).isEqualTo("proxy: message 105");

            assertThat(StatsPane.messages(store.status(), 2)).containsExactly(
                    "Source messages (the last 2 of 100)", " proxy: message 104", " proxy: message 105", "");
            store.end("capture stopped: the interface went down");
            assertThat(StatsPane.messages(store.status(), 1).get(0))
                    .isEqualTo("Source stopped: capture stopped: the interface went down");
        }
        try (PacketStore quiet = new PacketStore("file", Long.MAX_VALUE, dir)) {
            assertThat(StatsPane.messages(quiet.status(), 5)).isEmpty();
        }
        try (PacketStore live = new PacketStore("live lo", 1000, dir)) {
            live.frames(12_345);
            live.dropped(67);
            assertThat(StatsPane.messages(live.status(), 5)).containsExactly(
                    "Source live lo: 12,345 frames captured, 67 dropped", "");
        }
    }

    @Test
    void a_capped_store_forgets_closed_connections_whose_rows_are_gone_and_keeps_open_ones() {
        try (PacketStore store = new PacketStore("live", 1, dir)) { // the cap is two chunks
            // one long-lived client, and many short connections that open, connect and close
            store.accept(Events.open(1, 0));
            store.accept(Events.packet(2, 0, Direction.C2S,
                    new org.mqttsniff.mqtt.Connect(org.mqttsniff.mqtt.MqttVersion.V3_1_1, true, 60, "steady"), "steady"));
            long frame = 3;
            int shortLived = 3 * PacketStore.CHUNK / 3;
            for (int k = 1; k <= shortLived; k++) {
                store.accept(Events.open(frame++, k));
                store.accept(Events.packet(frame++, k, Direction.C2S,
                        new org.mqttsniff.mqtt.Connect(org.mqttsniff.mqtt.MqttVersion.V3_1_1, true, 60, "c" + k), "c" + k));
                store.accept(new SnifferEvent.Close(frame++, Events.T0, k, Events.CLIENT, Events.BROKER, "fin"));
            }
            store.accept(Events.packet(frame, 0, Direction.C2S, new Publish(0, "t", 0, ByteSlice.utf8("x")), "steady"));
            assertThat(store.status().evicted()).isPositive();
            // the rows kept are two chunks' worth: about a third of the short connections, and the steady one
            assertThat(store.connections()).isLessThan(shortLived / 2).isGreaterThan(1);
            assertThat(store.row(store.size() - 1).clientId()).as("the open connection keeps its client id")
                    .isEqualTo("steady");
        }
    }
}
