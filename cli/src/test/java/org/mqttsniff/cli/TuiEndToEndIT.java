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
        // a private socket (-L) so the test neither sees nor disturbs anyone's tmux
        assertThat(tmux("new-session", "-d", "-s", session, "-x", String.valueOf(columns), "-y", String.valueOf(rows),
                shellCommand)).isZero();
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
        assertThat(String.join("\n", s)).contains("Keys (any key closes this help)")
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
}
