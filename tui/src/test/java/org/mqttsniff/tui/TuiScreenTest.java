package org.mqttsniff.tui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mqttsniff.tui.VirtualScreen.key;
import static org.mqttsniff.tui.VirtualScreen.type;

import java.nio.file.Path;
import java.util.List;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.input.KeyType;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqttsniff.bytes.ByteSlice;
import org.mqttsniff.mqtt.Publish;
import org.mqttsniff.session.Direction;

class TuiScreenTest {
    @TempDir
    Path dir;
    private PacketStore store;

    private Tui open(VirtualScreen vs, boolean color, int publishes) throws Exception {
        store = new PacketStore("file test.pcap", Long.MAX_VALUE, dir);
        Events.session(store, publishes);
        store.progress(1);
        store.end(null);
        Tui tui = new Tui(vs.screen, store, new Tui.Options(color, false, "", false));
        tui.tick(System.nanoTime());
        tui.draw();
        return tui;
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void packets_view_at_80x24_shows_list_details_hex_and_status() throws Exception {
        VirtualScreen vs = new VirtualScreen(80, 24);
        Tui tui = open(vs, true, 20);
        List<String> l = vs.lines();
        assertThat(l.get(0)).contains("[1 Packets]").contains("? help");
        assertThat(l.get(1)).contains("Frame").contains("Time").contains("Connection").contains("Type");
        assertThat(l.get(2)).contains("1   0.000000 #0").contains("open");
        assertThat(l.get(3)).contains("sensor-1     → CONNECT     MQTT v3.1.1 client=\"sensor-1\"");
        assertThat(l.get(4)).contains("→ PUBLISH     q0 \"site/0/temp\" 7 B \"{\\\"t\\\":0}\"");
        assertThat(l.get(6)).contains("← PUBACK      id=1");
        assertThat(vs.text()).contains("── Details").contains("── Hex");
        assertThat(l.get(23)).contains("file test.pcap [##########] 100%").contains("31 pkts");

        tui.handle(key(KeyType.ArrowDown));
        tui.handle(key('j'));
        tui.draw();
        int details = vs.lineOf("── Details");
        assertThat(vs.lines().get(details + 1)).contains("PUBLISH  (MQTT 3.1.1, 22 bytes)  frame 3  stream 0");
        assertThat(vs.text()).contains("  Packet Type           PUBLISH (3)");
        int hex = vs.lineOf("── Hex");
        assertThat(vs.lines().get(hex + 1)).startsWith(" 0000  30 14 00 0b 73 69 74 65");
    }

    @Test
    void the_selected_field_s_bytes_are_highlighted_in_the_hex_pane() throws Exception {
        VirtualScreen vs = new VirtualScreen(80, 24);
        Tui tui = open(vs, true, 4);
        tui.handle(key('j'));
        tui.handle(key('j')); // the first PUBLISH: 30 0a 00 0b ...
        tui.handle(key(KeyType.Tab));
        tui.draw();
        int hex = vs.lineOf("── Hex") + 1;
        // the first field line is "Fixed header": bytes 0 and 1
        assertThat(vs.at(7, hex).getBackgroundColor()).isEqualTo(TextColor.ANSI.YELLOW);
        assertThat(vs.at(10, hex).getBackgroundColor()).isEqualTo(TextColor.ANSI.YELLOW);
        assertThat(vs.at(13, hex).getBackgroundColor()).isNotEqualTo(TextColor.ANSI.YELLOW);
        // down to Packet Type, Flags, Remaining Length, Variable header, Topic Name: the topic's bytes
        for (int i = 0; i < 5; i++) {
            tui.handle(key(KeyType.ArrowDown));
        }
        tui.draw();
        assertThat(vs.text()).contains("Topic");
        assertThat(vs.at(7, hex).getBackgroundColor()).isNotEqualTo(TextColor.ANSI.YELLOW);
        assertThat(vs.at(13, hex).getBackgroundColor()).isEqualTo(TextColor.ANSI.YELLOW);
        assertThat(vs.at(13, hex).getCharacterString() + vs.at(14, hex).getCharacterString()).isEqualTo("00");
    }

    @Test
    void rows_are_coloured_by_type_and_malformed_ones_red() throws Exception {
        VirtualScreen vs = new VirtualScreen(80, 24);
        store = new PacketStore("x", Long.MAX_VALUE, dir);
        store.accept(Events.packet(1, 0, Direction.C2S, new Publish(0, "a", 0, ByteSlice.utf8("x")), ""));
        store.accept(Events.bytes(2, "80 06 00 01 00 01 61 00", ""));
        store.accept(Events.packet(3, 0, Direction.C2S, new Publish(0, "b", 0, ByteSlice.utf8("y")), ""));
        Tui tui = new Tui(vs.screen, store, new Tui.Options(true, false, "", false));
        tui.tick(System.nanoTime());
        tui.handle(key('G'));
        tui.tick(System.nanoTime());
        tui.draw();
        assertThat(vs.at(20, 2).getForegroundColor()).isEqualTo(TextColor.ANSI.GREEN);
        assertThat(vs.lines().get(3)).contains("SUBSCRIBE   MALFORMED (invalid-flags)");
        assertThat(vs.at(20, 3).getForegroundColor()).isEqualTo(TextColor.ANSI.RED_BRIGHT);
    }

    @Test
    void without_colour_nothing_is_coloured_and_the_selection_is_reverse_video() throws Exception {
        VirtualScreen vs = new VirtualScreen(80, 24);
        open(vs, false, 6);
        for (int y = 0; y < 24; y++) {
            for (int x = 0; x < 80; x++) {
                TextCharacter c = vs.at(x, y);
                assertThat(c.getForegroundColor()).as("%d,%d", x, y).isEqualTo(TextColor.ANSI.DEFAULT);
                assertThat(c.getBackgroundColor()).as("%d,%d", x, y).isEqualTo(TextColor.ANSI.DEFAULT);
            }
        }
        assertThat(vs.at(3, 2).isReversed()).as("selected row").isTrue();
        assertThat(vs.at(3, 3).isReversed()).isFalse();
    }

    @Test
    void help_lists_every_key_and_any_key_closes_it() throws Exception {
        VirtualScreen vs = new VirtualScreen(80, 24);
        Tui tui = open(vs, true, 2);
        tui.handle(key('?'));
        tui.draw();
        String text = vs.text();
        assertThat(text).contains("Keys in the packets view (any key closes this help)");
        for (Keys.Help h : Keys.help(Keys.Page.PACKETS)) {
            assertThat(text).contains(h.keys() + " ".repeat(Math.max(1, 11 - h.keys().length())) + h.text());
        }
        tui.handle(key('x'));
        tui.draw();
        assertThat(vs.text()).doesNotContain("any key closes");
        tui.handle(key('q'));
        assertThat(tui.quitting()).isTrue();
    }

    @Test
    void an_invalid_filter_shows_red_with_where_it_is_wrong_and_a_valid_one_filters() throws Exception {
        VirtualScreen vs = new VirtualScreen(80, 24);
        Tui tui = open(vs, true, 10);
        tui.handle(key('/'));
        type(tui, "type == && qos");
        tui.draw();
        int bar = vs.lineOf("filter (-Y language");
        assertThat(bar).isEqualTo(22);
        assertThat(vs.lines().get(bar)).contains("type == && qos");
        assertThat(vs.at(2, bar).getForegroundColor()).isEqualTo(TextColor.ANSI.RED_BRIGHT);
        assertThat(vs.lines().get(23)).contains("expected a value after '==' at character 9");
        int at = "filter (-Y language, Enter applies, Esc cancels): ".length() + 8;
        assertThat(vs.at(at, bar).getCharacterString()).isEqualTo("&");
        assertThat(vs.at(at, bar).isReversed()).isTrue();
        tui.handle(key(KeyType.Enter)); // refused while wrong
        tui.draw();
        assertThat(vs.lineOf("filter (-Y language")).isEqualTo(22);

        for (int i = 0; i < "type == && qos".length(); i++) {
            tui.handle(key(KeyType.Backspace));
        }
        type(tui, "type == PUBACK");
        tui.handle(key(KeyType.Enter));
        tui.tick(System.nanoTime());
        tui.draw();
        List<String> l = vs.lines();
        assertThat(l.get(0)).contains("filter: type == PUBACK");
        for (int y = 2; y <= 6; y++) {
            assertThat(l.get(y)).contains("← PUBACK");
        }
        assertThat(l.get(7)).isBlank();
        assertThat(l.get(23)).contains("5 shown");

        tui.handle(key(KeyType.Escape));
        tui.tick(System.nanoTime());
        tui.draw();
        assertThat(vs.lines().get(0)).doesNotContain("filter:");
        assertThat(vs.lines().get(2)).contains("open");
    }

    @Test
    void follow_shows_new_packets_and_pause_holds_them_back() throws Exception {
        VirtualScreen vs = new VirtualScreen(80, 24);
        Tui tui = open(vs, true, 30);
        tui.handle(key('F'));
        store.accept(Events.packet(500, 0, Direction.C2S, new Publish(0, "late/one", 0, ByteSlice.utf8("1")), "s"));
        tui.tick(System.nanoTime());
        tui.draw();
        String selected = vs.lines().get(vs.lineOf("── Details") - 1);
        assertThat(selected).contains("500").contains("late/one");
        assertThat(vs.lines().get(23)).contains("FOLLOW");

        tui.handle(key(' '));
        store.accept(Events.packet(501, 0, Direction.C2S, new Publish(0, "late/two", 0, ByteSlice.utf8("2")), "s"));
        store.accept(Events.packet(502, 0, Direction.C2S, new Publish(0, "late/three", 0, ByteSlice.utf8("3")), "s"));
        tui.tick(System.nanoTime());
        tui.draw();
        assertThat(vs.text()).doesNotContain("late/two");
        assertThat(vs.lines().get(23)).contains("PAUSED (+2)");
        tui.handle(key(' '));
        tui.tick(System.nanoTime());
        tui.draw();
        assertThat(vs.text()).contains("late/three");
    }

    @Test
    void find_selects_the_next_row_with_the_text_going_round_the_end() throws Exception {
        VirtualScreen vs = new VirtualScreen(80, 24);
        Tui tui = open(vs, true, 30);
        tui.handle(key('f'));
        type(tui, "ID=17");
        tui.handle(key(KeyType.Enter));
        tui.draw();
        String selected = vs.lines().get(vs.lineOf("── Details") - 1);
        assertThat(selected).contains("PUBLISH").contains("id=17 \"site/2/temp\"");
        assertThat(vs.lines().get(23)).contains("found");
        tui.handle(key('n')); // its PUBACK
        tui.draw();
        assertThat(vs.lines().get(vs.lineOf("── Details") - 1)).contains("← PUBACK      id=17");
        tui.handle(key('n')); // no more below: round the end to the first match
        tui.draw();
        assertThat(vs.lines().get(23)).contains("found: ID=17  (passed the end, went on from the top)");
        int row = vs.lineOf("── Details") - 2; // the PUBLISH, just above its PUBACK: no scrolling
        assertThat(vs.lines().get(row)).contains("PUBLISH").contains("id=17");
        assertThat(vs.at(40, row).getBackgroundColor()).isEqualTo(TextColor.ANSI.BLUE);
        tui.handle(key('f'));
        type(tui, "x");
        tui.handle(key(KeyType.Enter));
        tui.draw();
        assertThat(vs.lines().get(23)).contains("not found: ID=17x");
        assertThat(vs.at(40, row).getBackgroundColor()).isEqualTo(TextColor.ANSI.BLUE);
    }

    @Test
    void follows_resizes_and_says_when_the_terminal_is_too_small() throws Exception {
        VirtualScreen vs = new VirtualScreen(80, 24);
        Tui tui = open(vs, true, 60);
        vs.terminal.setTerminalSize(new TerminalSize(160, 45));
        vs.screen.doResizeIfNecessary();
        tui.draw();
        List<String> l = vs.lines();
        assertThat(l).hasSize(45);
        assertThat(l.get(44)).contains("file test.pcap");
        int details = vs.lineOf("── Details");
        assertThat(l.get(details)).contains("── Hex"); // side by side when wide
        assertThat(l.get(details - 1)).isNotBlank();
        vs.terminal.setTerminalSize(new TerminalSize(70, 20));
        vs.screen.doResizeIfNecessary();
        tui.draw();
        assertThat(vs.lines().get(0)).isEqualTo("terminal too small: 70x20, mqttsniff needs 80x24");
    }

    @Test
    void stats_view_shows_counts_per_type_topics_and_clients() throws Exception {
        VirtualScreen vs = new VirtualScreen(80, 24);
        Tui tui = open(vs, true, 10);
        tui.handle(key('5'));
        tui.draw();
        String text = vs.text();
        assertThat(vs.lines().get(0)).contains("[5 Stats]");
        assertThat(text).contains("Packets 16");
        assertThat(text).containsPattern("PUBLISH +10");
        assertThat(text).containsPattern("PUBACK +5");
        assertThat(text).containsPattern("site/0/temp +4");
        assertThat(text).containsPattern("sensor-1 +1 +16");
    }

    @Test
    void clients_view_lists_connections_and_enter_shows_one_s_packets() throws Exception {
        VirtualScreen vs = new VirtualScreen(100, 24);
        Tui tui = open(vs, true, 4);
        store.accept(Events.open(50, 1));
        store.accept(Events.packet(51, 1, Direction.C2S,
                new org.mqttsniff.mqtt.Connect(org.mqttsniff.mqtt.MqttVersion.V3_1_1, true, 30, "other"), "other"));
        tui.tick(System.nanoTime());
        tui.handle(key('4'));
        tui.draw();
        List<String> l = vs.lines();
        assertThat(l.get(0)).contains("[4 Clients]");
        assertThat(l.get(1)).contains("Stream").contains("Client id").contains("Packets");
        // state, keep-alive, subscriptions, in flight, warnings, packets: a CONNECT with no CONNACK yet
        assertThat(l.get(2)).containsPattern("^ +0  sensor-1 +127\\.0\\.0\\.1:40001 +3\\.1\\.1 connecting +60 +0 +0 +0 +7\\b");
        assertThat(l.get(3)).containsPattern("^ +1  other +127\\.0\\.0\\.1:40001 +3\\.1\\.1 connecting +30 +0 +0 +0 +1\\b");
        assertThat(l.get(17)).startsWith("── Selected connection ──");
        assertThat(l.get(18)).isEqualTo(" #0 sensor-1  127.0.0.1:40001 → 127.0.0.1:1883");
        assertThat(l.get(19)).isEqualTo(" state: connecting  keep-alive: 60 s  in flight: 0 to the broker, 0 from it");
        assertThat(l.get(20)).isEqualTo(" subscriptions: none");
        assertThat(l.get(21)).isEqualTo(" warnings: 0");
        assertThat(l.get(22)).contains("2 connections");
        tui.handle(key(KeyType.ArrowDown));
        tui.handle(key(KeyType.Enter));
        tui.tick(System.nanoTime());
        tui.draw();
        l = vs.lines();
        assertThat(l.get(0)).contains("[1 Packets]").contains("filter: stream == 1");
        assertThat(l.get(2)).contains("50").contains("open");
        assertThat(l.get(3)).contains("other").contains("CONNECT");
        assertThat(l.get(4)).isBlank();
    }

    @Test
    void topics_view_is_a_tree_that_opens_level_by_level_and_enter_filters_the_packets() throws Exception {
        VirtualScreen vs = new VirtualScreen(80, 24);
        Tui tui = open(vs, true, 10); // site/0/temp 4 times, site/1 and site/2 3 times each, 7-byte payloads
        tui.handle(key('3'));
        tui.draw();
        List<String> l = vs.lines();
        assertThat(l.get(0)).contains("[3 Topics]");
        assertThat(l.get(1)).contains("Topic").contains("Messages").contains("Payload B").contains("Over time");
        // every message came within the first second: one full bar in the first column of the sparkline
        assertThat(l.get(2)).containsPattern("^ ▾ site +10 +70 +█$");
        assertThat(l.get(3)).containsPattern("^   ▸ 0 +4 +28 +█");
        assertThat(l.get(4)).containsPattern("^   ▸ 1 +3 +21 ");
        assertThat(l.get(5)).containsPattern("^   ▸ 2 +3 +21 ");
        assertThat(l.get(6)).isBlank();
        assertThat(l.get(22)).contains("7 topic levels").contains("a sparkline character is 2 s");

        tui.handle(key(KeyType.ArrowDown));
        tui.handle(key(KeyType.ArrowRight));
        tui.draw();
        l = vs.lines();
        assertThat(l.get(3)).containsPattern("^   ▾ 0 +4 +28 ");
        // the last payload, quoted as in the packet rows
        assertThat(l.get(4)).containsPattern("^       temp +4 +28 +█ +").endsWith("\"{\\\"t\\\":9}\"");
        assertThat(l.get(5)).containsPattern("^   ▸ 1 ");

        tui.handle(key(KeyType.Enter)); // an inner level: everything under it
        tui.tick(System.nanoTime());
        tui.draw();
        l = vs.lines();
        assertThat(l.get(0)).contains("[1 Packets]").contains("filter: topic ~ \"site/0/#\"");
        assertThat(l.subList(2, 6)).allMatch(row -> row.contains("PUBLISH") && row.contains("site/0/temp"));
        assertThat(l.get(6)).isBlank();

        tui.handle(key('3'));
        tui.handle(key(KeyType.ArrowDown));
        tui.handle(key(KeyType.Enter)); // a topic: its own packets
        tui.tick(System.nanoTime());
        tui.draw();
        assertThat(vs.lines().get(0)).contains("filter: topic == \"site/0/temp\"");

        tui.handle(key('3'));
        tui.handle(key(KeyType.ArrowLeft)); // on a topic: up to its level
        tui.handle(key(KeyType.ArrowLeft)); // and close it
        tui.draw();
        l = vs.lines();
        assertThat(l.get(3)).containsPattern("^   ▸ 0 +4 ");
        assertThat(l.get(4)).containsPattern("^   ▸ 1 ");
    }
}
