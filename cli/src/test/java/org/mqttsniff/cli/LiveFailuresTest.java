package org.mqttsniff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqttsniff.capture.live.LiveCaptureException;
import org.mqttsniff.capture.live.LiveSource;

/**
 * What a user meets when live capture cannot run: one line, the right exit code, no stack trace.
 * The cases that need another process (no libpcap, no privileges, a signal) run the command in a
 * child JVM with this test's class path.
 */
class LiveFailuresTest {
    @TempDir
    Path tmp;

    private static String captureUnavailable() {
        try (LiveSource s = LiveSource.open(new LiveSource.Settings("lo", "tcp port 9", 0))) {
            return null;
        } catch (LiveCaptureException e) {
            return e.getMessage();
        }
    }

    private static void assumeCapture() {
        String why = captureUnavailable();
        if (why != null) {
            System.out.println("LiveFailuresTest: live case skipped: " + why);
        }
        Assumptions.assumeTrue(why == null, why);
    }

    private record Child(int exit, List<String> out, List<String> err) {
    }

    private static ProcessBuilder java(List<String> prefix, List<String> jvmArgs, String... args) {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd);
    }

    private static Child run(ProcessBuilder pb) throws IOException, InterruptedException {
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Child(p.exitValue(), new String(out, StandardCharsets.UTF_8).lines().toList(),
                new String(err, StandardCharsets.UTF_8).lines().toList());
    }

    @Test
    void without_libpcap_one_line_names_the_package_and_exit_is_3() throws Exception {
        // pcap4j 1.8.2 loads the library named by this property (default "pcap")
        List<String> noLib = List.of("-Dorg.pcap4j.core.pcapLibName=/nonexistent/libpcap.so");
        for (String[] args : new String[][] {{"-i", "lo"}, {"-D"}}) {
            Child c = run(java(List.of(), noLib, args));
            assertThat(c.exit()).as(String.join(" ", args)).isEqualTo(ExitCodes.CAPTURE_UNAVAILABLE);
            assertThat(c.err()).containsExactly("mqttsniff: libpcap could not be loaded; install it (Debian/Ubuntu:"
                    + " apt-get install libpcap0.8; Fedora: dnf install libpcap; macOS has it)");
            assertThat(c.out()).isEmpty();
        }
    }

    @Test
    void without_capture_privileges_one_line_says_sudo_or_setcap_and_exit_is_3() throws Exception {
        Path capsh = Mosquitto.find("capsh");
        Assumptions.assumeTrue(capsh != null && captureUnavailable() == null,
                "needs capsh and the privileges to drop");
        // root without CAP_NET_RAW and CAP_NET_ADMIN is any user as far as packet sockets go
        ProcessBuilder inner = java(List.of(), List.of(), "-i", "lo");
        String command = String.join(" ", inner.command().stream().map(a -> "'" + a + "'").toList());
        Child c = run(new ProcessBuilder(capsh.toString(), "--drop=cap_net_raw,cap_net_admin", "--", "-c",
                "exec " + command));
        assertThat(c.exit()).isEqualTo(ExitCodes.CAPTURE_UNAVAILABLE);
        assertThat(c.err()).containsExactly("mqttsniff: no permission to capture on lo: run with sudo, or give java"
                + " the capture capabilities: sudo setcap cap_net_raw,cap_net_admin=eip $(readlink -f $(which java))");
    }

    @Test
    void an_unknown_interface_lists_the_available_ones_and_exit_is_3() {
        assumeCapture();
        Cli.Result r = Cli.run("-i", "nosuch0");
        assertThat(r.exit()).isEqualTo(ExitCodes.CAPTURE_UNAVAILABLE);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).startsWith("mqttsniff: no interface 'nosuch0'; available: ").contains("lo");
    }

    @Test
    void an_invalid_capture_filter_gets_libpcaps_message_and_exit_2() {
        assumeCapture();
        Cli.Result r = Cli.run("-i", "lo", "-f", "tcp port 99999");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        // libpcap's words vary with its version ("illegal port number 99999 > 65535" in 1.10)
        assertThat(r.errLines()).singleElement().asString()
                .startsWith("mqttsniff: invalid capture filter 'tcp port 99999': ").contains("99999");
    }

    @Test
    void minus_D_lists_interfaces_numbered_from_one_with_lo_up() {
        assumeCapture();
        Cli.Result r = Cli.run("-D");
        assertThat(r.exit()).isZero();
        assertThat(r.outLines().get(0)).startsWith("1.");
        assertThat(r.outLines()).anySatisfy(l -> assertThat(l).matches("\\d+\\.lo \\[Up, Running, Loopback\\] 127\\.0\\.0\\.1.*"));
    }

    @Test
    void live_and_file_options_do_not_mix() {
        Cli.Result both = Cli.run("-i", "lo", "-r", "x.pcap");
        assertThat(both.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(both.errLines()).containsExactly("mqttsniff: -r and -i cannot be used together: read a file, or"
                + " capture live");
        Cli.Result filter = Cli.run("-r", "x.pcap", "-f", "tcp");
        assertThat(filter.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(filter.err()).contains("-f, -B and --immediate-mode are for live capture (-i)");
        Cli.Result buffer = Cli.run("-i", "lo", "-B", "lots");
        assertThat(buffer.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(buffer.err()).contains("-B takes a size");
    }

    @Test
    void sigterm_stops_the_capture_with_a_summary_and_exit_0() throws Exception {
        assumeCapture();
        String why = Mosquitto.unavailable();
        Assumptions.assumeTrue(why == null, why);
        try (Mosquitto broker = Mosquitto.start(tmp)) {
            Process p = java(List.of(), List.of(), "-i", "lo", "-p", Integer.toString(broker.port()), "-T", "json")
                    .start();
            p.getOutputStream().close();
            try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
                 BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                assertThat(err.readLine()).startsWith("mqttsniff: listening on lo");
                broker.pub("-i", "live-term", "-q", "1", "-t", "live/term", "-m", "bye");
                // lines come out as their packets are decoded: wait for the DISCONNECT
                List<String> lines = new ArrayList<>();
                String line;
                while ((line = out.readLine()) != null) {
                    lines.add(line);
                    if (line.contains("\"type\":\"DISCONNECT\"")) {
                        break;
                    }
                }
                assertThat(lines).as("DISCONNECT seen before the end of output").last().asString().contains("DISCONNECT");
                p.toHandle().destroy(); // SIGTERM; Process.destroy would also close our end of its pipes
                assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).isZero();
                List<String> rest = err.lines().toList();
                assertThat(rest).hasSize(2);
                assertThat(rest.get(0)).matches("mqttsniff: \\d+ frames captured, 0 dropped by the kernel, 0 dropped by the queue");
                assertThat(rest.get(1)).isEqualTo("mqttsniff: 5 MQTT packets: 1 CONNECT, 1 CONNACK, 1 PUBLISH, 1 PUBACK,"
                        + " 1 DISCONNECT");
                // at most the connection's close (by FIN) comes after the DISCONNECT
                assertThat(out.lines().toList()).allSatisfy(l -> assertThat(l).startsWith("{\"event\":\"close\""));
            } finally {
                p.destroyForcibly();
            }
        }
    }
}
