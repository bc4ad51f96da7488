package org.mqttsniff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built jar in a real terminal: tmux runs it on a sample capture, keys go in with send-keys
 * and the screen comes back with capture-pane. Runs in the verify phase (failsafe), after the
 * jar is packaged.
 */
class TuiEndToEndIT {
    private static final Path JAR = Path.of("target", "mqttsniff.jar").toAbsolutePath();
    private static final Path SAMPLES = Path.of("..", "samples", "captures").toAbsolutePath().normalize();
    private final String session = "mqttsniff-it-" + ProcessHandle.current().pid();
    private Path socket;

    @BeforeEach
    void needTmuxAndJar() throws Exception {
        boolean tmux;
        try {
            tmux = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            tmux = false;
        }
        if (!tmux) {
            System.out.println("TuiEndToEndIT skipped: tmux is not installed");
        }
        Assumptions.assumeTrue(tmux, "tmux is not installed");
        assertThat(JAR).as("the shaded jar (mvn package)").exists();
    }

    @AfterEach
    void killSession() throws Exception {
        tmux("kill-server"); // the test's own server (-L), never anyone else's
        if (socket != null) {
            Files.deleteIfExists(socket);
        }
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private int tmux(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", session));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    private void start(int columns, int rows, String shellCommand) throws Exception {
        // a private socket (-L) so the test neither sees nor disturbs anyone's tmux. Killing the last
        // session makes that server exit, and a new-session racing its exit fails: try again shortly.
        int rc = 1;
        for (int attempt = 0; attempt < 10 && rc != 0; attempt++) {
            if (attempt > 0) {
                Thread.sleep(200);
            }
            rc = tmux("new-session", "-d", "-s", session, "-x", String.valueOf(columns), "-y", String.valueOf(rows),
                    shellCommand);
        }
        assertThat(rc).isZero();
        if (socket == null) {
            Process p = new ProcessBuilder("tmux", "-L", session, "display-message", "-p", "#{socket_path}").start();
            String path = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor(20, TimeUnit.SECONDS);
            socket = path.isEmpty() ? null : Path.of(path);
        }
    }

    private List<String> pane() throws Exception {
        Process p = new ProcessBuilder("tmux", "-L", session, "capture-pane", "-p", "-t", session).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(20, TimeUnit.SECONDS);
        return out.lines().toList();
    }

    /**
     * Waits (up to a minute: CI machines are slow) until the screen passes the test. A capture can
     * catch a screen half redrawn, so wait for what is drawn last.
     */
    private List<String> await(String what, Predicate<List<String>> test) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<String> last = List.of();
        while (System.nanoTime() < end) {
            last = pane();
            if (test.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("screen never showed " + what + ":\n" + String.join("\n", last));
    }

    private static Predicate<List<String>> has(String s) {
        return lines -> lines.stream().anyMatch(l -> l.contains(s));
    }

    private boolean alive() throws Exception {
        return tmux("has-session", "-t", session) == 0;
    }

    @Test
    void packets_filter_help_and_quit_at_160x45() throws Exception {
        start(160, 45, "'" + java() + "' -jar '" + JAR + "' -r '" + SAMPLES.resolve("v311-qos012.pcap") + "'");
        List<String> s = await("the loaded file", has("100%"));
        assertThat(s.get(0)).contains("[1 Packets]");
        assertThat(String.join("\n", s)).contains("learner-sub          → CONNECT     MQTT v3.1.1 client=\"learner-sub\"");
        assertThat(s.get(44)).contains("file v311-qos012.pcap [##########] 100% │ 28 pkts");

        tmux("send-keys", "-t", session, "/", "type == PUBCOMP", "Enter");
        // the status bar is the last line drawn: once it shows the count, the rows above are there
        s = await("the filter", has("2 shown"));
        assertThat(s.get(0)).contains("filter: type == PUBCOMP");
        assertThat(s.get(2)).contains("PUBCOMP     id=1");
        assertThat(s.get(3)).contains("PUBCOMP     id=2");
        assertThat(s.get(4)).isBlank();

        tmux("send-keys", "-t", session, "2"); // the selected PUBCOMP's connection as a ladder
        s = await("the ladder", has("Esc: list"));
        assertThat(s.get(0)).contains("[2 Flows]");
        assertThat(String.join("\n", s)).contains("┌1 │─ PUBLISH q2 id=1 \"demo/qos/2\"")
                .contains("└4 │◀─ PUBCOMP id=1  QoS 2 done in 0.217 ms ─");
        tmux("send-keys", "-t", session, "Enter");
        s = await("the packet", has("PUBCOMP  (MQTT 3.1.1, 4 bytes)  frame 53"));
        assertThat(s.get(0)).contains("[1 Packets]");

        tmux("send-keys", "-t", session, "?");
        s = await("the help", has("q          quit"));
        assertThat(String.join("\n", s)).contains("Keys in the packets view (any key closes this help)")
                .contains("/          display filter, same language as -Y");
        tmux("send-keys", "-t", session, "x", "q");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (alive() && System.nanoTime() < end) {
            Thread.sleep(100);
        }
        assertThat(alive()).as("q quits").isFalse();
    }

    @Test
    void works_at_80x24_and_says_when_the_terminal_is_too_small() throws Exception {
        Path pcap = SAMPLES.resolve("v5-properties.pcap");
        start(80, 24, "'" + java() + "' -jar '" + JAR + "' -r '" + pcap + "'");
        List<String> s = await("the loaded file", has("100%"));
        assertThat(s).hasSize(24);
        assertThat(s.get(3)).contains("learner-sub5 → CONNECT     MQTT v5.0");
        assertThat(String.join("\n", s)).contains("── Details").contains("── Hex");
        tmux("send-keys", "-t", session, "q");
        Thread.sleep(500);
        tmux("kill-session", "-t", session);

        start(70, 20, "'" + java() + "' -jar '" + JAR + "' -r '" + pcap + "' -T tui; echo exit=$?; sleep 60");
        s = await("the exit code", has("exit="));
        String text = String.join("\n", s);
        assertThat(text).contains("mqttsniff: -T tui: the terminal is 70x20, the UI needs at least 80x24");
        assertThat(text).contains("exit=2");
        assertThat(text).doesNotContain("Exception");
    }

    /**
     * The terminal's size is asked once and kept until the terminal says it changed (SIGWINCH):
     * a resize must still reach the screen, both ways, through the too-small message, and the
     * terminal must be as it was after q.
     */
    @Test
    void follows_a_resize_and_restores_the_terminal_at_exit() throws Exception {
        Path pcap = SAMPLES.resolve("v311-qos012.pcap");
        start(160, 45, "stty -g > before; '" + java() + "' -jar '" + JAR + "' -r '" + pcap
                + "'; stty -g | cmp -s - before && echo restored=yes || echo restored=no; rm -f before; sleep 60");
        await("the loaded file", has("100%"));
        tmux("resize-window", "-t", session, "-x", "100", "-y", "30");
        List<String> s = await("the resized screen", lines -> lines.size() == 30
                && lines.get(29).contains("file v311-qos012.pcap") && lines.get(0).contains("[1 Packets] 2 3 4 5"));
        assertThat(s.get(0).indexOf("? help")).as("the title bar's right end at column 100").isEqualTo(100 - 7);
        tmux("resize-window", "-t", session, "-x", "70", "-y", "20");
        await("the too-small message", has("terminal too small: 70x20, mqttsniff needs 80x24"));
        tmux("resize-window", "-t", session, "-x", "160", "-y", "45");
        s = await("the screen back at 160x45", lines -> lines.size() == 45
                && lines.get(44).contains("file v311-qos012.pcap"));
        assertThat(String.join("\n", s)).contains("learner-sub          → CONNECT").doesNotContain("too small");
        tmux("send-keys", "-t", session, "q");
        s = await("the exit", has("restored="));
        assertThat(String.join("\n", s)).contains("restored=yes");
    }

    /** Why live capture or the broker cannot run here, or null. */
    private static String noLiveCapture() {
        String why = Mosquitto.unavailable();
        if (why == null) {
            try (org.mqttsniff.capture.live.LiveSource s = org.mqttsniff.capture.live.LiveSource.open(
                    new org.mqttsniff.capture.live.LiveSource.Settings("lo", "tcp port 9", 0))) {
                return null;
            } catch (org.mqttsniff.capture.live.LiveCaptureException e) {
                return e.getMessage();
            }
        }
        return why;
    }

    /**
     * The screen once the traffic is over: a capture taken while the UI redraws can hold half the
     * new screen, so after what was awaited shows, give the redraw (10 a second) time to finish.
     */
    private List<String> settled() throws Exception {
        Thread.sleep(600);
        return pane();
    }

    private void quitAndAwaitExit() throws Exception {
        tmux("send-keys", "-t", session, "q");
    }

    @Test
    void live_capture_opens_the_ui_in_follow_mode_and_prints_its_summary_on_quit(@TempDir Path dir)
            throws Exception {
        String why = noLiveCapture();
        if (why != null) {
            System.out.println("TuiEndToEndIT live test skipped: " + why);
        }
        Assumptions.assumeTrue(why == null, why);
        try (Mosquitto broker = Mosquitto.start(dir)) {
            start(120, 30, "'" + java() + "' -jar '" + JAR + "' -i lo -p " + broker.port()
                    + "; echo exit=$?; sleep 60");
            await("the live status bar", has("live lo"));
            // the UI is up, but libpcap may open a moment later: publish until the packets show
            List<String> s = List.of();
            for (int i = 0; i < 50 && !has("\"e2e/live\" 5 B \"hello\"").test(s); i++) {
                broker.pub("-i", "live-pub", "-t", "e2e/live", "-m", "hello", "-q", "2");
                Thread.sleep(200);
                s = pane();
            }
            await("the QoS 2 flow of the publish", has("PUBCOMP"));
            s = settled();
            String text = String.join("\n", s);
            assertThat(text).contains("live-pub").contains("→ PUBLISH     q2 id=1 \"e2e/live\" 5 B \"hello\"")
                    .contains("← PUBREC      id=1").contains("→ PUBREL      id=1");
            assertThat(s.get(29)).contains("live lo").contains("FOLLOW").contains("drops 0");

            quitAndAwaitExit();
            s = await("the exit code", has("exit="));
            text = String.join("\n", s);
            assertThat(text).containsPattern("mqttsniff: \\d+ frames captured, 0 dropped by the kernel,"
                    + " 0 dropped by the queue");
            assertThat(text).containsPattern("mqttsniff: \\d+ MQTT packets: \\d+ CONNECT");
            assertThat(text).contains("exit=0").doesNotContain("Exception");
        }
    }

    @Test
    void proxy_opens_the_ui_and_shows_both_directions_and_its_messages(@TempDir Path dir) throws Exception {
        String why = Mosquitto.unavailable();
        if (why != null) {
            System.out.println("TuiEndToEndIT proxy test skipped: " + why);
        }
        Assumptions.assumeTrue(why == null, why);
        int listen;
        int dead;
        try (java.net.ServerSocket a = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
             java.net.ServerSocket b = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            listen = a.getLocalPort();
            dead = b.getLocalPort();
        }
        try (Mosquitto broker = Mosquitto.start(dir)) {
            start(120, 30, "'" + java() + "' -jar '" + JAR + "' proxy --listen 127.0.0.1:" + listen
                    + " --upstream 127.0.0.1:" + broker.port() + "; echo exit=$?; sleep 60");
            await("the proxy's status bar", has("proxy 127.0.0.1:" + listen));
            Process pub = new ProcessBuilder(Mosquitto.find("mosquitto_pub").toString(), "-h", "127.0.0.1", "-p",
                    String.valueOf(listen), "-i", "via-proxy", "-t", "e2e/proxy", "-m", "hi", "-q", "1")
                    .redirectErrorStream(true).start();
            Mosquitto.run(pub, "mosquitto_pub through the proxy");
            await("the acknowledged publish", has("← PUBACK      id=1"));
            List<String> s = settled();
            String text = String.join("\n", s);
            assertThat(text).contains("via-proxy").contains("→ CONNECT     MQTT v3.1.1 client=\"via-proxy\"")
                    .contains("← CONNACK").contains("→ PUBLISH     q1 id=1 \"e2e/proxy\" 2 B \"hi\"");
            quitAndAwaitExit();
            s = await("the exit code", has("exit="));
            assertThat(String.join("\n", s)).contains("exit=0").doesNotContain("Exception");
            tmux("kill-session", "-t", session);

            // a broker that is not there: the relay says so in the status bar and keeps serving
            start(120, 30, "'" + java() + "' -jar '" + JAR + "' proxy --listen 127.0.0.1:" + listen
                    + " --upstream 127.0.0.1:" + dead + "; echo exit=$?; sleep 60");
            await("the proxy's status bar", has("proxy 127.0.0.1:" + listen));
            Process refused = new ProcessBuilder(Mosquitto.find("mosquitto_pub").toString(), "-h", "127.0.0.1", "-p",
                    String.valueOf(listen), "-t", "t", "-m", "m").redirectErrorStream(true).start();
            assertThat(refused.waitFor(20, TimeUnit.SECONDS)).isTrue();
            s = await("the relay's message", has("│ ! proxy: "));
            assertThat(s.get(29)).contains("127.0.0.1:" + dead);
            tmux("send-keys", "-t", session, "5");
            s = await("the stats view's messages", has("Source messages"));
            assertThat(String.join("\n", s)).contains(" proxy: ").contains("127.0.0.1:" + dead);
            quitAndAwaitExit();
            s = await("the exit code", has("exit="));
            assertThat(String.join("\n", s)).contains("exit=0");
        }
    }
}
