package org.mqttsniff.tui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mqttsniff.tui.VirtualScreen.key;
import static org.mqttsniff.tui.VirtualScreen.type;

import java.nio.file.Path;
import java.util.List;

import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.input.KeyType;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqttsniff.bytes.ByteSlice;
import org.mqttsniff.mqtt.Connect;
import org.mqttsniff.mqtt.MqttVersion;
import org.mqttsniff.mqtt.Publish;
import org.mqttsniff.session.Direction;

/** Follow mode in the flows view, and the search of f, n and N in the ladder, the connections and the topics tree. */
class FollowFindScreenTest {
    @TempDir
    Path dir;
    private PacketStore store;
    private final VirtualScreen vs = new VirtualScreen(80, 24);

    /** A live-like store (no end yet) with one connection of {@code publishes} messages. */
    private Tui open(int publishes, boolean follow) throws Exception {
        store = new PacketStore("live lo", Long.MAX_VALUE, dir);
        Events.session(store, publishes);
        Tui tui = new Tui(vs.screen, store, new Tui.Options(true, false, "", follow));
        tick(tui);
        return tui;
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private static void tick(Tui tui) throws Exception {
        tui.tick(System.nanoTime());
        tui.draw();
    }

    private void publish(long frame, int stream, String topic) {
        store.accept(Events.packet(frame, stream, Direction.C2S, new Publish(0, topic, 0, ByteSlice.utf8("v")),
                "sensor-1"));
    }

    /** The lines drawn as selected (blue) between the title and the status bar. */
    private List<String> selected() {
        List<String> l = vs.lines();
        return java.util.stream.IntStream.range(1, l.size() - 1)
                .filter(y -> vs.at(40, y).getBackgroundColor() == TextColor.ANSI.BLUE)
                .mapToObj(l::get).toList();
    }

    private String status() {
        List<String> l = vs.lines();
        return l.get(l.size() - 1);
    }

    @Test
    void in_follow_mode_the_ladder_scrolls_to_its_newest_row_and_pause_or_going_up_stops_it() throws Exception {
        Tui tui = open(30, true); // 47 rows: more than a screen of ladder
        tui.handle(key('2'));
        tick(tui);
        assertThat(vs.lines().get(0)).contains("[2 Flows]");
        assertThat(selected()).singleElement().asString().contains("PUBACK id=29");

        publish(500, 0, "late/one");
        tick(tui);
        assertThat(selected()).singleElement().asString().contains("PUBLISH q0 \"late/one\"");
        assertThat(vs.lines().get(22)).startsWith(" 48/48 ");
        assertThat(status()).contains("FOLLOW");

        tui.handle(key(' ')); // pause: new rows are read, not shown
        publish(501, 0, "late/two");
        tick(tui);
        assertThat(vs.text()).doesNotContain("late/two");
        assertThat(selected()).singleElement().asString().contains("late/one");
        assertThat(vs.lines().get(22)).startsWith(" 48/48 ");
        assertThat(status()).contains("PAUSED (+1)");
        tui.handle(key(' '));
        tick(tui);
        assertThat(selected()).singleElement().asString().contains("late/two");

        tui.handle(key(KeyType.ArrowUp)); // up by hand: following stops, as in the packets list
        publish(502, 0, "late/three");
        tick(tui);
        assertThat(status()).doesNotContain("FOLLOW");
        assertThat(selected()).singleElement().asString().contains("late/one");
        assertThat(vs.text()).doesNotContain("late/three"); // below the screen: the ladder stays where it is
        assertThat(vs.lines().get(22)).startsWith(" 48/50 ");

        tui.handle(key('F')); // on again: to the newest row
        tick(tui);
        assertThat(selected()).singleElement().asString().contains("late/three");
    }

    @Test
    void without_follow_new_rows_do_not_move_the_ladder() throws Exception {
        Tui tui = open(30, false);
        tui.handle(key('2'));
        tick(tui);
        assertThat(selected()).singleElement().asString().contains("open");
        publish(500, 0, "late/one");
        tick(tui);
        assertThat(selected()).singleElement().asString().contains("open");
        assertThat(vs.lines().get(22)).startsWith(" 1/48 ");
    }

    @Test
    void the_connection_list_shows_new_connections_and_follow_selects_the_newest() throws Exception {
        Tui tui = open(2, true);
        tui.handle(key('2'));
        tui.handle(key(KeyType.Escape));
        tick(tui);
        assertThat(vs.lines().get(22)).contains("1 connections");
        for (int s = 1; s <= 25; s++) { // more than a screen
            store.accept(Events.open(100 + 2L * s, s));
            store.accept(Events.packet(101 + 2L * s, s, Direction.C2S,
                    new Connect(MqttVersion.V3_1_1, true, 60, "late-" + s), "late-" + s));
        }
        tick(tui);
        assertThat(vs.lines().get(22)).contains("26 connections");
        assertThat(selected()).singleElement().asString().containsPattern("^ +25  late-25 ");

        tui.handle(key(' '));
        store.accept(Events.open(200, 26));
        tick(tui);
        assertThat(vs.lines().get(22)).contains("26 connections");
        tui.handle(key(' '));
        tick(tui);
        assertThat(vs.lines().get(22)).contains("27 connections");
        assertThat(selected()).singleElement().asString().containsPattern("^ +26  \\(no CONNECT\\)");

        tui.handle(key(KeyType.PageUp)); // up by hand stops following
        store.accept(Events.open(201, 27));
        tick(tui);
        assertThat(vs.lines().get(22)).contains("28 connections");
        assertThat(selected()).singleElement().asString().containsPattern("^ +7  late-7 ");
    }

    @Test
    void the_list_s_selection_stays_on_its_connection_when_a_live_store_drops_one_above_it() throws Exception {
        store = new PacketStore("live lo", 1, dir); // the smallest cap: two chunks
        store.accept(Events.open(1, 7));
        store.accept(Events.packet(2, 7, Direction.C2S, new Connect(MqttVersion.V3_1_1, true, 60, "gone"), "gone"));
        store.accept(new org.mqttsniff.session.SnifferEvent.Close(3, Events.T0, 7, Events.CLIENT, Events.BROKER, "fin"));
        store.accept(Events.open(4, 8));
        store.accept(Events.packet(5, 8, Direction.C2S, new Connect(MqttVersion.V3_1_1, true, 60, "stays"), "stays"));
        store.accept(Events.open(6, 0));
        Tui tui = new Tui(vs.screen, store, new Tui.Options(true, false, "", false));
        tick(tui);
        tui.handle(key('2'));
        tui.handle(key(KeyType.Escape));
        tui.handle(key(KeyType.ArrowDown));
        tick(tui);
        assertThat(selected()).singleElement().asString().containsPattern("^ +8  stays ");
        for (int i = 0; i < 3 * PacketStore.CHUNK; i++) {
            publish(7 + i, 0, "t/" + i);
        }
        tick(tui);
        assertThat(vs.text()).doesNotContain("gone"); // closed, and its rows dropped
        assertThat(selected()).singleElement().asString().containsPattern("^ +8  stays ");
        tui.handle(key(KeyType.ArrowDown));
        tick(tui);
        assertThat(selected()).singleElement().asString().containsPattern("^ +0  sensor-1 ");
    }

    @Test
    void find_in_the_ladder_selects_the_match_goes_round_the_end_and_says_not_found() throws Exception {
        Tui tui = open(30, false);
        tui.handle(key('2'));
        tui.handle(key('f'));
        type(tui, "ID=17");
        tick(tui);
        assertThat(vs.lines().get(22)).isEqualTo("find in the ladder: ID=17█");
        tui.handle(key(KeyType.Enter));
        tick(tui);
        // the 28th row: below the first screen of ladder, scrolled to
        assertThat(selected()).singleElement().asString().contains("│─ PUBLISH q1 id=17 \"site/2/temp\"");
        assertThat(status()).contains("found: ID=17").doesNotContain("passed");
        tui.handle(key('n'));
        tick(tui);
        assertThat(selected()).singleElement().asString().contains("│◀─ PUBACK id=17 ");
        tui.handle(key('n')); // no more below: from the top again
        tick(tui);
        assertThat(selected()).singleElement().asString().contains("PUBLISH q1 id=17");
        assertThat(status()).contains("found: ID=17  (passed the end, went on from the top)");
        tui.handle(key('N')); // back: round the top to the last match
        tick(tui);
        assertThat(selected()).singleElement().asString().contains("PUBACK id=17");
        assertThat(status()).contains("(passed the top, went on from the end)");

        tui.handle(key('f'));
        for (int i = 0; i < 5; i++) {
            tui.handle(key(KeyType.Backspace));
        }
        type(tui, "no/such/topic");
        tui.handle(key(KeyType.Enter));
        tick(tui);
        assertThat(status()).contains("not found: no/such/topic");
        assertThat(selected()).singleElement().asString().contains("PUBACK id=17");
        assertThat(vs.lines().get(0)).contains("[2 Flows]");
    }

    @Test
    void find_in_the_connection_list_selects_the_connection() throws Exception {
        Tui tui = open(2, false);
        store.accept(Events.open(100, 4));
        store.accept(Events.packet(101, 4, Direction.C2S, new Connect(MqttVersion.V3_1_1, true, 60, "pump-7"), "pump-7"));
        tui.handle(key('2'));
        tui.handle(key(KeyType.Escape));
        tick(tui); // the new connection is shown at a tick
        tui.handle(key('f'));
        type(tui, "PUMP");
        tui.handle(key(KeyType.Enter));
        tick(tui);
        assertThat(selected()).singleElement().asString().containsPattern("^ +4  pump-7 ");
        tui.handle(key(KeyType.Enter));
        tick(tui);
        assertThat(vs.text()).contains("│─ CONNECT MQTT v3.1.1 client=\"pump-7\"");
    }

    @Test
    void find_in_the_topic_tree_opens_the_closed_levels_to_the_match() throws Exception {
        Tui tui = open(10, false); // site ▾ with 0 1 2 closed, temp under each
        tui.handle(key('3'));
        tick(tui);
        assertThat(vs.text()).doesNotContain("temp");
        tui.handle(key('f'));
        type(tui, "temp");
        tick(tui);
        assertThat(vs.lines().get(22)).isEqualTo("find in the topics, closed levels too: temp█");
        tui.handle(key(KeyType.Enter));
        tick(tui);
        List<String> l = vs.lines();
        assertThat(l.get(3)).containsPattern("^   ▾ 0 +4 ");
        assertThat(selected()).singleElement().asString().containsPattern("^       temp +4 +28 ");
        assertThat(l.get(5)).containsPattern("^   ▸ 1 ");
        assertThat(status()).contains("found: temp");

        tui.handle(key('n')); // the next one, in the next closed level
        tick(tui);
        assertThat(vs.lines().get(5)).containsPattern("^   ▾ 1 ");
        assertThat(selected()).singleElement().asString().containsPattern("^       temp +3 +21 ");
        assertThat(vs.lines().indexOf(selected().get(0))).isEqualTo(6);
        publish(600, 0, "site/0/aaa"); // a new line above the selection: it stays on its topic
        tui.handle(key('3'));
        tick(tui);
        assertThat(vs.lines().get(4)).containsPattern("^       aaa +1 ");
        assertThat(vs.lines().indexOf(selected().get(0))).isEqualTo(7);
        assertThat(vs.lines().get(6)).containsPattern("^   ▾ 1 ");

        tui.handle(key('f'));
        for (int i = 0; i < 4; i++) {
            tui.handle(key(KeyType.Backspace));
        }
        type(tui, "2/TE"); // a path across levels
        tui.handle(key(KeyType.Enter));
        tick(tui);
        assertThat(vs.lines().get(8)).containsPattern("^   ▾ 2 ");
        assertThat(vs.lines().indexOf(selected().get(0))).isEqualTo(9);

        tui.handle(key('f'));
        for (int i = 0; i < 4; i++) {
            tui.handle(key(KeyType.Backspace));
        }
        type(tui, "\"t\":9"); // the last payload of site/0/temp
        tui.handle(key(KeyType.Enter));
        tick(tui);
        assertThat(vs.lines().indexOf(selected().get(0))).isEqualTo(5);
        assertThat(status()).contains("(passed the end, went on from the top)");

        tui.handle(key('f'));
        type(tui, "x");
        tui.handle(key(KeyType.Enter));
        tick(tui);
        assertThat(status()).contains("not found: \"t\":9x");
        assertThat(vs.lines().indexOf(selected().get(0))).isEqualTo(5);
    }

    @Test
    void find_in_the_packets_list_goes_round_the_end() throws Exception {
        Tui tui = open(30, false);
        tui.handle(key('f'));
        type(tui, "id=17");
        tui.handle(key(KeyType.Enter));
        tui.handle(key('n'));
        tui.handle(key('n'));
        tick(tui);
        assertThat(selected()).singleElement().asString().contains("PUBLISH").contains("id=17");
        assertThat(status()).contains("found: id=17  (passed the end, went on from the top)");
        tui.handle(key('4'));
        tui.handle(key('n'));
        tick(tui);
        assertThat(status()).contains("find works in the packets, flows and topics views");
    }

    @Test
    void find_in_the_packets_list_matches_a_payload_as_sent_as_the_topics_tree_does() throws Exception {
        Tui tui = open(30, false);
        // the row shows the payload quoted, {\"t\":17}; the search also looks at it as sent
        assertThat(String.join("\n", vs.lines())).contains("{\\\"t\\\":");
        tui.handle(key('f'));
        type(tui, "\"t\":17}");
        tui.handle(key(KeyType.Enter));
        tick(tui);
        assertThat(status()).contains("found: \"t\":17}").doesNotContain("not found");
        assertThat(selected()).singleElement().asString().contains("PUBLISH").contains("id=17");
    }

    @Test
    void a_search_goes_on_between_ticks_until_it_reaches_the_match() throws Exception {
        Tui tui = open(20_000, false); // 30,002 rows; the match is the last PUBLISH
        long now = System.nanoTime();
        tui.tick(now);
        tui.draw();
        tui.handle(key('f'));
        type(tui, "id=19999");
        tui.handle(key(KeyType.Enter));
        // no tick: the same instant as the last one; each step gives the search a slice
        int steps = 0;
        while (!status().contains("found") && steps < 100_000) {
            tui.step(now);
            steps++;
        }
        assertThat(status()).contains("found: id=19999").doesNotContain("not found");
        assertThat(selected()).singleElement().asString().contains("PUBLISH").contains("id=19999");
    }

    @Test
    void the_help_lists_the_keys_of_the_view_it_is_asked_in() throws Exception {
        Tui tui = open(10, false);
        check(tui, Keys.Page.PACKETS);
        tui.handle(key('2'));
        check(tui, Keys.Page.LADDER);
        tui.handle(key(KeyType.Escape));
        check(tui, Keys.Page.CONNECTIONS);
        tui.handle(key('3'));
        check(tui, Keys.Page.TOPICS);
        tui.handle(key('4'));
        check(tui, Keys.Page.CLIENTS);
        tui.handle(key('5'));
        check(tui, Keys.Page.STATS);
    }

    private void check(Tui tui, Keys.Page page) throws Exception {
        tui.handle(key('?'));
        tick(tui);
        String text = vs.text();
        assertThat(text).contains("Keys in the " + page.title + " (any key closes this help)");
        for (Keys.Help h : Keys.help(page)) {
            assertThat(h.keys().length()).isLessThanOrEqualTo(10);
            assertThat(text).contains(h.keys() + " ".repeat(11 - h.keys().length()) + h.text());
            // every key named is bound
            for (String k : h.keys().split(" ")) {
                assertThat(bound(k)).as(k).isTrue();
            }
        }
        if (page != Keys.Page.PACKETS) {
            assertThat(text).doesNotContain("Tab  ");
        }
        tui.handle(key('x'));
        tick(tui);
        assertThat(vs.text()).doesNotContain("any key closes");
    }

    private static boolean bound(String k) {
        com.googlecode.lanterna.input.KeyStroke s = switch (k) {
            case "↑" -> key(KeyType.ArrowUp);
            case "↓" -> key(KeyType.ArrowDown);
            case "←" -> key(KeyType.ArrowLeft);
            case "→" -> key(KeyType.ArrowRight);
            case "PgUp" -> key(KeyType.PageUp);
            case "PgDn" -> key(KeyType.PageDown);
            case "Home" -> key(KeyType.Home);
            case "End" -> key(KeyType.End);
            case "Tab" -> key(KeyType.Tab);
            case "Enter" -> key(KeyType.Enter);
            case "Esc" -> key(KeyType.Escape);
            case "Bksp" -> key(KeyType.Backspace);
            case "space" -> key(' ');
            default -> k.length() == 1 ? key(k.charAt(0)) : null;
        };
        return s != null && Keys.actionOf(s) != null;
    }
}
