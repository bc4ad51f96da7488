package org.mqttsniff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mqttsniff.cli.options.CaptureOptions;
import org.mqttsniff.cli.options.ProtocolOptions;
import org.mqttsniff.tui.PacketStore;
import org.mqttsniff.tui.Row;
import org.mqttsniff.tui.Tui;

import picocli.CommandLine;

/** The terminal UI on the sample captures, through the same loader the -r UI runs, on Lanterna's virtual terminal. */
class TuiCaptureTest {
    private static final Path SAMPLES = Path.of("..", "samples", "captures");
    private static final Pattern FRAME = Pattern.compile("\"frame\":(\\d+)");
    private static final Pattern KIND = Pattern.compile("\"(?:type|event)\":\"([a-zA-Z-]+)\"");

    @TempDir
    Path spool;

    static Stream<Path> samples() throws IOException {
        try (Stream<Path> s = Files.list(SAMPLES)) {
            return s.filter(p -> p.toString().endsWith(".pcap")).sorted().toList().stream();
        }
    }

    /** The real captures and the crafted TCP hard cases (gaps, cut packets, resync, not MQTT...). */
    static Stream<Path> allSamples() throws IOException {
        try (Stream<Path> s = Files.list(SAMPLES.resolveSibling("crafted"))) {
            return Stream.concat(samples(), s.filter(p -> p.toString().endsWith(".pcap")).sorted().toList().stream());
        }
    }

    @ParameterizedTest
    @MethodSource("allSamples")
    void the_store_gives_back_the_pipeline_s_events_from_its_spool(Path pcap) throws IOException {
        Options o = new Options();
        new CommandLine(o).parseArgs();
        List<org.mqttsniff.session.SnifferEvent> events = new ArrayList<>();
        try (org.mqttsniff.net.FrameSource src = TuiRunner.open(pcap)) {
            org.mqttsniff.session.Pipeline p = new org.mqttsniff.session.Pipeline(
                    o.protocol.sessionOptions(o.capture.mqttPort()), o.capture.limits(), events::add);
            org.mqttsniff.net.RawFrame f;
            while ((f = src.next()) != null) {
                p.frame(f);
            }
            p.finish();
        }
        try (PacketStore store = load(pcap)) {
            assertThat(store.size()).isEqualTo(events.size());
            for (int i = 0; i < events.size(); i++) {
                assertThat(store.event(i)).as("event %d of %s", i, pcap).isEqualTo(events.get(i));
            }
        }
    }

    private PacketStore load(Path pcap) {
        PacketStore store = new PacketStore("file " + pcap.getFileName(), Long.MAX_VALUE, spool);
        Options o = new Options();
        new CommandLine(o).parseArgs();
        TuiRunner.load(TuiRunner.open(pcap), o.protocol.sessionOptions(o.capture.mqttPort()), o.capture, store);
        return store;
    }

    /** The options -r would get with no arguments. */
    @CommandLine.Command
    static final class Options {
        @CommandLine.Mixin
        CaptureOptions capture;
        @CommandLine.Mixin
        ProtocolOptions protocol;
    }

    @ParameterizedTest
    @MethodSource("samples")
    void every_event_of_the_golden_file_is_a_row_in_order(Path pcap) throws IOException {
        List<String> golden = Files.readAllLines(Path.of(pcap.toString().replace(".pcap", ".expected.jsonl")));
        try (PacketStore store = load(pcap)) {
            PacketStore.Status s = store.status();
            assertThat(s.ended()).isTrue();
            assertThat(s.error()).isNull();
            assertThat(s.progress()).isEqualTo(1.0);
            assertThat(store.size()).isEqualTo(golden.size());
            assertThat(s.packets()).isEqualTo(golden.stream().filter(l -> l.contains("\"event\":\"packet\"")).count());
            for (int i = 0; i < golden.size(); i++) {
                Row r = store.row(i);
                String line = golden.get(i);
                assertThat(r.frame()).as(line).isEqualTo(Long.parseLong(group(FRAME, line)));
                String kind = line.contains("\"event\":\"packet\"") ? group(KIND, line.replace("\"event\":\"packet\",", ""))
                        : group(KIND, line);
                assertThat(r.isPacket() ? org.mqttsniff.mqtt.PacketType.of(r.kind()).name() : kindName(r))
                        .as(line).isEqualTo(kind);
                assertThat(store.event(i).frame()).isEqualTo(r.frame());
            }
        }
    }

    private static String kindName(Row r) {
        return switch (r.kind()) {
            case 16 -> "open";
            case 17 -> "close";
            case 18 -> "gap";
            case 19 -> "desync";
            case 20 -> "not-mqtt";
            default -> "warning";
        };
    }

    private static String group(Pattern p, String s) {
        Matcher m = p.matcher(s);
        assertThat(m.find()).as(s).isTrue();
        return m.group(1);
    }

    private static List<String> lines(DefaultVirtualTerminal vt) {
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

    private static int lineOf(List<String> lines, String s) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(s)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void qos2_sample_at_80x24_lists_packets_and_filters_the_four_way_handshake() throws Exception {
        DefaultVirtualTerminal vt = new DefaultVirtualTerminal(new TerminalSize(80, 24));
        TerminalScreen screen = new TerminalScreen(vt);
        screen.startScreen();
        try (PacketStore store = load(SAMPLES.resolve("v311-qos012.pcap"))) {
            Tui tui = new Tui(screen, store, new Tui.Options(true, false, "", false));
            tui.tick(System.nanoTime());
            tui.draw();
            List<String> l = lines(vt);
            assertThat(l.get(3)).contains("learner-sub  → CONNECT     MQTT v3.1.1 client=\"learner-sub\"");
            assertThat(l.get(4)).contains("learner-sub  ← CONNACK     Connection Accepted  (0.124 ms)");
            assertThat(l.get(23)).contains("file v311-qos012.pcap [##########] 100% │ 28 pkts");

            tui.handle(new KeyStroke('/', false, false));
            for (char c : "type == PUBREC || type == PUBREL || type == PUBCOMP".toCharArray()) {
                tui.handle(new KeyStroke(c, false, false));
            }
            tui.handle(new KeyStroke(KeyType.Enter));
            tui.tick(System.nanoTime());
            tui.draw();
            l = lines(vt);
            assertThat(l.get(0)).contains("filter: type == PUBREC");
            assertThat(l.subList(2, 8)).extracting(s -> s.substring(0, Math.min(s.length(), 50)).strip())
                    .containsExactly(
                            "49   0.311934 learner-pub… ← PUBREC      id=1",
                            "50   0.311967 learner-pub… → PUBREL      id=1",
                            "52   0.312084 learner-sub  → PUBREC      id=2",
                            "53   0.312111 learner-pub… ← PUBCOMP     id=1",
                            "54   0.312148 learner-sub  ← PUBREL      id=2",
                            "59   0.312585 learner-sub  → PUBCOMP     id=2");
            assertThat(l.get(8)).isBlank();
        }
        screen.stopScreen();
    }

    @Test
    void a_password_is_masked_in_details_and_hex() throws Exception {
        DefaultVirtualTerminal vt = new DefaultVirtualTerminal(new TerminalSize(160, 45));
        TerminalScreen screen = new TerminalScreen(vt);
        screen.startScreen();
        try (PacketStore store = load(SAMPLES.resolve("failed-login.pcap"))) {
            Tui tui = new Tui(screen, store, new Tui.Options(true, false, "", false));
            tui.tick(System.nanoTime());
            tui.handle(new KeyStroke(KeyType.ArrowDown)); // the first CONNECT
            tui.draw();
            List<String> l = lines(vt);
            String text = String.join("\n", l);
            assertThat(l.get(3)).containsPattern("learner-wrong +→ CONNECT");
            assertThat(text).containsPattern("Password +\\*\\*\\*\\*");
            int hex = lineOf(l, "── Hex");
            String hexLines = String.join("\n", l.subList(hex, Math.min(l.size(), hex + 6)));
            assertThat(hexLines).contains("** **");
            tui.handle(new KeyStroke(KeyType.ArrowDown)); // its CONNACK: the refusal
            tui.draw();
            assertThat(lines(vt).get(4)).contains("CONNACK     Connection Refused, not authorized");
        }
        screen.stopScreen();
    }

    @Test
    void clients_view_of_a_persistent_session_and_of_refused_logins() throws Exception {
        DefaultVirtualTerminal vt = new DefaultVirtualTerminal(new TerminalSize(100, 24));
        TerminalScreen screen = new TerminalScreen(vt);
        screen.startScreen();
        try (PacketStore store = load(SAMPLES.resolve("persistent-session.pcap"))) {
            Tui tui = new Tui(screen, store, new Tui.Options(false, false, "", false));
            tui.tick(System.nanoTime());
            tui.handle(new KeyStroke('4', false, false));
            tui.draw();
            List<String> l = lines(vt);
            // the subscriber left with DISCONNECT; the sender's QoS 1 message was acknowledged; the
            // subscriber came back to its session and was cut off by a reset
            assertThat(l.get(2)).containsPattern("^ +0  learner-persistent +127\\.0\\.0\\.1:49170 +3\\.1\\.1 disconnected +60 +1 +0 +0 ");
            assertThat(l.get(3)).containsPattern("^ +1  learner-sender +127\\.0\\.0\\.1:49178 +3\\.1\\.1 disconnected +60 +0 +0 +0 ");
            assertThat(l.get(4)).containsPattern("^ +2  learner-persistent +127\\.0\\.0\\.1:49184 +3\\.1\\.1 closed: rst +60 +1 +0 +0 ");
            assertThat(l.get(19)).isEqualTo(" state: disconnected, fin  keep-alive: 60 s  in flight: 0 to the broker, 0 from it");
            assertThat(l.get(20)).isEqualTo(" subscriptions: demo/queue");
        }
        try (PacketStore store = load(SAMPLES.resolve("failed-login.pcap"))) {
            Tui tui = new Tui(screen, store, new Tui.Options(false, false, "", false));
            tui.tick(System.nanoTime());
            tui.handle(new KeyStroke('4', false, false));
            tui.draw();
            List<String> l = lines(vt);
            assertThat(l.get(2)).contains("learner-wrong ").contains("refused 0x05");
            assertThat(l.get(3)).contains("learner-wrong5").contains("refused 0x87");
            assertThat(l.get(4)).contains("learner-right").contains("disconnected");
        }
    }

    @Test
    void topics_view_shows_the_retained_message_its_subscription_and_a_wildcard_filter() throws Exception {
        DefaultVirtualTerminal vt = new DefaultVirtualTerminal(new TerminalSize(120, 24));
        TerminalScreen screen = new TerminalScreen(vt);
        screen.startScreen();
        try (PacketStore store = load(SAMPLES.resolve("retained.pcap"))) {
            Tui tui = new Tui(screen, store, new Tui.Options(false, false, "", false));
            tui.tick(System.nanoTime());
            tui.handle(new KeyStroke('3', false, false));
            tui.draw();
            List<String> l = lines(vt);
            // published once to the broker, which passed it on to the subscriber as retained
            assertThat(l.get(2)).containsPattern("^ ▾ demo +2 +12 +█");
            assertThat(l.get(3)).containsPattern("^     status +2 +12 +1 █ +\\[retained\\] \"online\"$");
        }
        try (PacketStore store = load(SAMPLES.resolve("v311-qos012.pcap"))) {
            Tui tui = new Tui(screen, store, new Tui.Options(false, false, "", false));
            tui.tick(System.nanoTime());
            tui.handle(new KeyStroke('3', false, false));
            tui.handle(new KeyStroke(KeyType.ArrowDown));
            tui.handle(new KeyStroke(KeyType.ArrowRight));
            tui.draw();
            List<String> l = lines(vt);
            assertThat(l.get(3)).containsPattern("^   ▾ qos +6 ");
            assertThat(l.get(4)).containsPattern("^       # +0 +0 +1 *$"); // the subscription's filter, no message of its own
            tui.handle(new KeyStroke(KeyType.ArrowDown));
            tui.handle(new KeyStroke(KeyType.ArrowDown));
            tui.handle(new KeyStroke(KeyType.ArrowUp));
            tui.handle(new KeyStroke(KeyType.Enter));
            tui.tick(System.nanoTime());
            tui.draw();
            l = lines(vt);
            assertThat(l.get(0)).contains("filter: topic ~ \"demo/qos/#\"");
            assertThat(l.stream().filter(row -> row.matches("^ +\\d+ .*[→←] PUBLISH .*"))).hasSize(6)
                    .allMatch(row -> row.contains("\"demo/qos/"));
        }
    }
}
