package org.mqttsniff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqttsniff.cli.options.CaptureOptions;
import org.mqttsniff.cli.options.ProtocolOptions;
import org.mqttsniff.tui.PacketStore;
import org.mqttsniff.tui.Tui;

import picocli.CommandLine;

/** The flows view (key 2) on real captures, through the -r loader, on Lanterna's virtual terminal. */
class TuiFlowsTest {
    private static final Path SAMPLES = Path.of("..", "samples", "captures");
    @TempDir
    Path spool;
    private PacketStore store;
    private DefaultVirtualTerminal vt;
    private TerminalScreen screen;
    private Tui tui;

    @AfterEach
    void close() throws Exception {
        if (store != null) {
            store.close();
        }
        if (screen != null) {
            screen.stopScreen();
        }
    }

    @CommandLine.Command
    static final class Options {
        @CommandLine.Mixin
        CaptureOptions capture;
        @CommandLine.Mixin
        ProtocolOptions protocol;
    }

    private void open(String sample, int columns, int rows, boolean color) throws Exception {
        Path pcap = SAMPLES.resolve(sample);
        store = new PacketStore("file " + pcap.getFileName(), Long.MAX_VALUE, spool);
        Options o = new Options();
        new CommandLine(o).parseArgs();
        TuiRunner.load(TuiRunner.open(pcap), o.protocol.sessionOptions(o.capture.mqttPort()), o.capture, store);
        vt = new DefaultVirtualTerminal(new TerminalSize(columns, rows));
        screen = new TerminalScreen(vt);
        screen.startScreen();
        tui = new Tui(screen, store, new Tui.Options(color, false, "", false));
        tui.tick(System.nanoTime());
        tui.draw();
    }

    private void keys(Object... ks) throws Exception {
        for (Object k : ks) {
            tui.handle(k instanceof Character c ? new KeyStroke(c, false, false) : new KeyStroke((KeyType) k));
        }
        tui.tick(System.nanoTime());
        tui.draw();
    }

    private List<String> lines() {
        List<String> out = new ArrayList<>();
        TerminalSize size = vt.getTerminalSize();
        for (int y = 0; y < size.getRows(); y++) {
            StringBuilder b = new StringBuilder();
            for (int x = 0; x < size.getColumns(); x++) {
                b.append(vt.getCharacter(x, y).getCharacterString());
            }
            out.add(b.toString().stripTrailing());
        }
        return out;
    }

    private int lineOf(String s) {
        List<String> l = lines();
        for (int i = 0; i < l.size(); i++) {
            if (l.get(i).contains(s)) {
                return i;
            }
        }
        return -1;
    }

    private String text() {
        return String.join("\n", lines());
    }

    /** The ladder line that is selected: the one drawn in the selection colour. */
    private String selectedLine() {
        List<String> l = lines();
        for (int y = 3; y < l.size() - 2; y++) {
            if (vt.getCharacter(20, y).getBackgroundColor() == TextColor.ANSI.BLUE) {
                return l.get(y);
            }
        }
        return null;
    }

    @Test
    void the_list_shows_each_connection_and_enter_draws_its_qos2_ladder() throws Exception {
        open("v311-qos012.pcap", 80, 24, true);
        keys(KeyType.End, '2'); // from the last packet: stream 0's ladder at its close
        assertThat(lines().get(0)).contains("[2 Flows]");
        assertThat(selectedLine()).contains("╞══ close fin ══");
        keys(KeyType.Backspace);
        List<String> l = lines();
        assertThat(l.get(1)).contains("Stream").contains("Client id").contains("MQTT").contains("Packets");
        assertThat(l.get(2)).containsPattern("^ +0  learner-sub +127\\.0\\.0\\.1:49002 +3\\.1\\.1 +12  closed$");
        assertThat(l.get(3)).containsPattern("^ +1  learner-pub-q0 +127\\.0\\.0\\.1:49006 +3\\.1\\.1 +4  closed$");
        assertThat(l.get(5)).containsPattern("^ +3  learner-pub-q2 +127\\.0\\.0\\.1:49020 +3\\.1\\.1 +7  closed$");
        assertThat(l.get(22)).contains("4 connections");

        keys(KeyType.ArrowDown, KeyType.ArrowDown, KeyType.ArrowDown, KeyType.Enter);
        l = lines();
        assertThat(l.get(1)).containsPattern("^  Time \\(s\\) +learner-pub-q2 +broker  latency$");
        assertThat(l.get(2)).containsPattern("^ +127\\.0\\.0\\.1:49020 +127\\.0\\.0\\.1:1883$");
        assertThat(l.subList(3, 11)).containsExactly(
                "  0.000000      ╞══ open 127.0.0.1:49020 → 127.0.0.1:1883 (SY… ═╡",
                "  0.000215      │─ CONNECT MQTT v3.1.1 client=\"learner-pub-q… ─▶│",
                "  0.000296      │◀─ CONNACK Connection Accepted ────────────────│ 0.081 ms",
                "  0.000364   ┌1 │─ PUBLISH q2 id=1 \"demo/qos/2\" 14 B \"hello … ─▶│",
                "  0.000404   ├2 │◀─ PUBREC id=1 ────────────────────────────────│ 0.040 ms",
                "  0.000437   ├3 │─ PUBREL id=1 ────────────────────────────────▶│ 0.033 ms",
                "  0.000581   └4 │◀─ PUBCOMP id=1  QoS 2 done in 0.217 ms ───────│ 0.144 ms",
                "  0.000645      │─ DISCONNECT ─────────────────────────────────▶│");
        assertThat(l.get(11)).startsWith("  0.000997      ╞══ close fin");
        assertThat(l.get(12)).isBlank();
        assertThat(l.get(22)).startsWith(" 1/9  Enter: this packet  Esc: list");
        assertThat(selectedLine()).contains("open 127.0.0.1:49020");

        keys(KeyType.Escape); // back to the list, on the same connection
        assertThat(lines().get(1)).contains("Stream");
        keys(KeyType.Enter);
        assertThat(lines().get(1)).contains("learner-pub-q2");
    }

    @Test
    void scrolling_marks_a_response_s_request_and_enter_jumps_to_the_packet() throws Exception {
        open("v311-qos012.pcap", 80, 24, true);
        keys('2'); // the first row is stream 0's: learner-sub, with a QoS 2 exchange from the broker
        keys(KeyType.End);
        assertThat(selectedLine()).contains("close fin");
        keys(KeyType.PageUp);
        assertThat(selectedLine()).contains("open 127.0.0.1:49002");
        keys(KeyType.PageDown);
        assertThat(selectedLine()).contains("close fin");
        keys(KeyType.Home);
        assertThat(selectedLine()).contains("open 127.0.0.1:49002");
        keys(KeyType.End, KeyType.ArrowUp, KeyType.ArrowUp, KeyType.ArrowUp, KeyType.ArrowUp, KeyType.ArrowUp);
        assertThat(selectedLine()).contains("0.312019   ┌1 │◀─ PUBLISH q2 id=2");
        keys(KeyType.ArrowDown, KeyType.ArrowDown); // PUBREL id=2: its request, PUBREC, is marked
        assertThat(selectedLine()).contains("├3 │◀─ PUBREL id=2").contains("│ 0.064 ms");
        assertThat(lines().get(lineOf("PUBREC id=2"))).startsWith("  0.312084»  ├2 │─ PUBREC id=2");
        assertThat(lines().get(lineOf("PUBCOMP id=2"))).startsWith("  0.312585»  └4 │─ PUBCOMP id=2  QoS 2 done in 0.566 ms");
        assertThat(lines().get(lineOf("PUBLISH q2 id=2"))).startsWith("  0.312019   ┌1");

        keys(KeyType.Enter);
        List<String> l = lines();
        assertThat(l.get(0)).contains("[1 Packets]");
        int details = lineOf("── Details (focus)");
        assertThat(l.get(details - 1)).contains("54").contains("← PUBREL      id=2");
        assertThat(l.get(details + 1)).contains("PUBREL  (MQTT 3.1.1, 4 bytes)  frame 54  stream 0");
        assertThat(vt.getCharacter(20, details - 1).getBackgroundColor()).isNotEqualTo(TextColor.ANSI.DEFAULT);

        keys('2'); // and back to the ladder at that packet
        assertThat(selectedLine()).contains("PUBREL id=2");
    }

    @Test
    void a_packet_hidden_by_the_filter_clears_it_when_the_ladder_jumps_to_it() throws Exception {
        open("v311-qos012.pcap", 80, 24, true);
        keys('/');
        for (char c : "type == CONNECT".toCharArray()) {
            keys(c);
        }
        keys(KeyType.Enter, KeyType.ArrowDown, '2'); // the second CONNECT: learner-pub-q0's ladder
        assertThat(selectedLine()).contains("│─ CONNECT MQTT v3.1.1 client=\"learner-pub-q");
        assertThat(lines().get(1)).contains("learner-pub-q0");
        keys(KeyType.ArrowDown, KeyType.Enter); // its CONNACK, which the filter hides
        List<String> l = lines();
        assertThat(l.get(0)).doesNotContain("filter:");
        assertThat(l.get(lineOf("── Details") + 1)).contains("CONNACK  (MQTT 3.1.1, 4 bytes)  frame 16  stream 1");
    }

    @Test
    void a_v5_ladder_shows_reason_codes_and_the_broker_s_qos2_exchange() throws Exception {
        open("v5-properties.pcap", 80, 24, true);
        keys('2');
        String t = text();
        assertThat(lines().get(1)).contains("learner-sub5");
        assertThat(t).contains("  0.000198      │─ CONNECT MQTT v5.0 client=\"learner-sub5\"");
        assertThat(t).contains("  0.000332      │◀─ CONNACK Success ────────────────────────────│ 0.134 ms");
        assertThat(t).contains("  0.000452      │◀─ SUBACK id=1 [Granted QoS 2] ────────────────│ 0.046 ms");
        assertThat(t).contains("  0.310966   ┌1 │◀─ PUBLISH q2 id=2 \"demo/v5/request\"");
        assertThat(t).contains("  0.311084   └4 │─ PUBCOMP id=2  QoS 2 done in 0.118 ms ───────▶│ 0.029 ms");
        keys(KeyType.Escape, KeyType.End);
        assertThat(lines().get(5)).containsPattern("^ +3  learner-alias5 +127\\.0\\.0\\.1:49078 +5\\.0 +4  closed$");
    }

    @Test
    void gaps_desyncs_and_malformed_packets_cross_the_ladder_without_colour_too() throws Exception {
        open("../crafted/lost-segment.pcap", 80, 24, false);
        keys('2');
        String t = text();
        assertThat(t).contains("  0.009000      ┼┄┄ gap 32 bytes lost c2s ┄┄");
        assertThat(t).contains("  0.009000      │✗ PUBLISH MALFORMED (truncated) at byte 40:… ╌▶│");
        assertThat(t).contains("  0.012000      ┼┄┄ desync skipped 34 bytes c2s");
        // PUBACK id=2 answers the PUBLISH lost in the gap: no latency; id=3's PUBLISH is two rows up
        assertThat(t).contains("  0.009000      │◀─ PUBACK id=2 ────────────────────────────────│\n");
        assertThat(t).contains("  0.009000      │◀─ PUBACK id=3 ────────────────────────────────│ 0.000 ms ↑2");
        assertThat(t).contains("  0.015000      ╞══ close fin ═══");
        for (int y = 0; y < 24; y++) {
            for (int x = 0; x < 80; x++) {
                assertThat(vt.getCharacter(x, y).getForegroundColor()).as("%d,%d", x, y)
                        .isEqualTo(TextColor.ANSI.DEFAULT);
            }
        }
        assertThat(vt.getCharacter(20, 3).isReversed()).as("the selected row").isTrue();
    }

    @Test
    void a_response_far_from_its_request_says_how_many_rows_up_it_is() throws Exception {
        open("../crafted/many-in-one.pcap", 80, 24, true);
        keys('2', KeyType.End);
        assertThat(text()).contains("│─ PUBACK id=1 ────────────────────────────────▶│ 1.000 ms ↑25");
        int puback = lineOf("PUBACK id=4");
        assertThat(lines().get(puback)).endsWith("1.000 ms ↑25");
        assertThat(lines().get(lineOf("DISCONNECT"))).endsWith("─▶│");
    }

    @Test
    void key_2_in_the_clients_view_draws_the_selected_client_s_ladder() throws Exception {
        open("v311-qos012.pcap", 80, 24, true);
        keys('4', KeyType.ArrowDown, KeyType.ArrowDown, '2');
        assertThat(lines().get(1)).contains("learner-pub-q1");
        assertThat(selectedLine()).contains("open 127.0.0.1:49008");
        assertThat(text()).contains("│◀─ PUBACK id=1 ────────────────────────────────│ 0.120 ms");
    }

    @Test
    void the_ladder_follows_resizes() throws Exception {
        open("v311-qos012.pcap", 80, 24, true);
        keys('2');
        vt.setTerminalSize(new TerminalSize(160, 40));
        screen.doResizeIfNecessary();
        tui.draw();
        String line = lines().get(lineOf("CONNACK"));
        // the arrows stop growing at 100 columns: the broker's lane is at column 117, then the latency
        assertThat(line.indexOf("│ 0.124 ms")).isEqualTo(117);
        assertThat(line).contains("│◀─ CONNACK Connection Accepted ───").endsWith("───│ 0.124 ms");
        assertThat(lines().get(lineOf("CONNECT"))).contains("keepAlive=60 cleanSession ─").endsWith("─▶│");
    }
}
