package org.mqttsniff.tui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mqttsniff.tui.VirtualScreen.key;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

import com.googlecode.lanterna.input.KeyType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqttsniff.bytes.ByteSlice;
import org.mqttsniff.mqtt.MqttEncoder;
import org.mqttsniff.mqtt.MqttPacket;
import org.mqttsniff.mqtt.MqttVersion;
import org.mqttsniff.mqtt.PacketDecoder;
import org.mqttsniff.mqtt.PubComp;
import org.mqttsniff.mqtt.PubRec;
import org.mqttsniff.mqtt.PubRel;
import org.mqttsniff.mqtt.Publish;
import org.mqttsniff.session.Direction;
import org.mqttsniff.session.SnifferEvent;

class FlowIndexTest {
    @TempDir
    Path dir;

    /** A packet of stream 0 that answers the request of frame {@code answers} (or none, for -1). */
    private static SnifferEvent.Packet packet(long frame, Direction dir, MqttPacket p, long answers, String... warnings) {
        var r = PacketDecoder.decode(ByteSlice.wrap(MqttEncoder.encode(p, MqttVersion.V3_1_1)), MqttVersion.V3_1_1);
        return new SnifferEvent.Packet(frame, Events.T0 + frame * 1_000_000L, 0,
                dir == Direction.C2S ? Events.CLIENT : Events.BROKER, dir == Direction.C2S ? Events.BROKER : Events.CLIENT,
                dir, r, p instanceof Publish pub ? pub.topic() : "", OptionalInt.empty(),
                answers < 0 ? OptionalLong.empty() : OptionalLong.of(answers),
                answers < 0 ? OptionalLong.empty() : OptionalLong.of((frame - answers) * 1_000_000L), "c",
                List.of(warnings));
    }

    private static Publish qos2(int id, boolean dup) {
        return new Publish(dup, 2, false, "t", id, org.mqttsniff.mqtt.Properties.EMPTY, ByteSlice.utf8("x"));
    }

    private static List<String> gutters(FlowIndex index, int count) {
        FlowIndex.Slice s = index.slice(0, 0, count);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            out.add(LadderText.gutter(s.marks()[i]) + " back " + s.back()[i]);
        }
        return out;
    }

    @Test
    void four_overlapping_qos2_exchanges_take_three_lanes_and_the_fourth_shows_only_its_steps() {
        FlowIndex index = new FlowIndex();
        long id = 0;
        for (int f = 1; f <= 4; f++) {
            index.offer(id++, packet(f, Direction.C2S, qos2(f, false), -1));
        }
        index.offer(id++, packet(5, Direction.C2S, qos2(1, true), -1)); // a resend keeps its lane
        for (int f = 1; f <= 4; f++) {
            index.offer(id++, packet(10 + f, Direction.S2C, new PubRec(f), f));
        }
        index.offer(id++, packet(20, Direction.C2S, new PubRel(1), 11));
        index.offer(id++, packet(21, Direction.S2C, new PubComp(1), 20));
        index.offer(id++, packet(22, Direction.C2S, qos2(9, false), -1)); // lane 0 is free again
        assertThat(gutters(index, 20)).containsExactly(
                "  ┌1 back 0",
                " ┌│1 back 0",
                "┌││1 back 0",
                "│││1 back 0", // no lane left
                "││├1 back 0", // DUP of id 1: its lane, step 1 again
                "││├2 back 5", // PUBREC id=1 answers frame 1, five rows up
                "│├│2 back 5",
                "├││2 back 5",
                "│││2 back 5",
                "││├3 back 4",
                "││└4 back 1",
                "││┌1 back 0");
    }

    @Test
    void the_live_store_s_evictions_drop_rows_and_connections_from_the_ladder() throws Exception {
        VirtualScreen vs = new VirtualScreen(80, 24);
        try (PacketStore store = new PacketStore("live lo", 1, dir)) { // the smallest cap: two chunks
            store.accept(Events.open(1, 7));
            store.accept(Events.packet(2, 7, Direction.C2S,
                    new org.mqttsniff.mqtt.Connect(MqttVersion.V3_1_1, true, 60, "gone"), "gone"));
            store.accept(new SnifferEvent.Close(3, Events.T0, 7, Events.CLIENT, Events.BROKER, "fin"));
            store.accept(Events.open(3, 8)); // never closed
            store.accept(Events.open(3, 0));
            int n = 3 * PacketStore.CHUNK;
            for (int i = 0; i < n; i++) {
                store.accept(Events.packet(4 + i, 0, Direction.C2S,
                        new Publish(0, "t/" + i, 0, ByteSlice.utf8("v")), "busy"));
            }
            Tui tui = new Tui(vs.screen, store, new Tui.Options(true, false, "", false));
            tui.tick(System.nanoTime());
            tui.handle(key('2')); // the selected packet's ladder
            tui.handle(key(KeyType.Escape)); // the list
            tui.draw();
            assertThat(store.firstId()).isPositive();
            List<String> l = vs.lines();
            assertThat(l.get(0)).contains("[2 Flows]");
            // stream 7 had only evicted rows and is closed: gone; stream 8 is still open
            assertThat(l.get(2)).containsPattern("^ +8  \\(no CONNECT\\) +127\\.0\\.0\\.1:40001 +\\? +0  open$");
            assertThat(l.get(3)).containsPattern("^ +0  busy ");
            assertThat(l.get(4)).isBlank();
            assertThat(l.get(22)).contains("2 connections");
            assertThat(vs.at(3, 3).getBackgroundColor()).as("the list is on the ladder's connection")
                    .isEqualTo(com.googlecode.lanterna.TextColor.ANSI.BLUE);
            tui.handle(key(KeyType.ArrowUp));
            tui.handle(key(KeyType.Enter));
            tui.draw();
            assertThat(vs.lines().get(3)).contains("(this connection's rows were dropped");
            tui.handle(key(KeyType.Backspace));
            tui.handle(key(KeyType.ArrowDown));
            tui.handle(key(KeyType.Enter));
            tui.draw();
            long first = store.firstId();
            String topic = "\"t/" + (first - 5) + "\"";
            assertThat(vs.lines().get(3)).contains("│─ PUBLISH q0 " + topic);
            assertThat(vs.lines().get(22)).startsWith(" 1/" + String.format(java.util.Locale.ROOT, "%,d",
                    store.size() - first) + "  Enter");
            tui.handle(key(KeyType.End));
            tui.draw();
            assertThat(vs.text()).contains("│─ PUBLISH q0 \"t/" + (n - 1) + "\"");
        }
    }

    @Test
    void a_warned_packet_is_marked_with_its_warning_on_the_ladder() throws Exception {
        VirtualScreen vs = new VirtualScreen(100, 24);
        try (PacketStore store = new PacketStore("x", Long.MAX_VALUE, dir)) {
            store.accept(Events.open(1, 0));
            store.accept(packet(2, Direction.C2S, qos2(5, false), -1, "the client's first packet must be CONNECT"));
            Tui tui = new Tui(vs.screen, store, new Tui.Options(false, false, "", false));
            tui.tick(System.nanoTime());
            tui.handle(key('2'));
            tui.draw();
            assertThat(vs.text()).contains("┌1 │─ ! PUBLISH q2 id=5 \"t\" 1 B \"x\"  ! the client's first packet mu… ─▶│");
        }
    }
}
