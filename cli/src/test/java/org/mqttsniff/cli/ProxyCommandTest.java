package org.mqttsniff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mqttsniff proxy}: its usage errors, and a run against a real mosquitto whose {@code -w}
 * file reads back with {@code -r} as the same JSON lines, and that tshark reads as the same flow.
 */
class ProxyCommandTest {
    @TempDir
    Path dir;

    @Test
    void upstream_is_required() {
        Cli.Result r = Cli.run("proxy");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--upstream");
    }

    @Test
    void bad_addresses_and_lonely_tls_options_are_usage_errors() {
        assertThat(Cli.run("proxy", "--upstream", "nohost").err()).contains("--upstream takes HOST:PORT");
        assertThat(Cli.run("proxy", "--upstream", "h:99999").exit()).isEqualTo(ExitCodes.USAGE);
        Cli.Result ca = Cli.run("proxy", "--upstream", "h:1", "--cafile", "ca.pem");
        assertThat(ca.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(ca.err()).contains("--cafile applies to --upstream-tls");
        Cli.Result key = Cli.run("proxy", "--upstream", "h:1", "--tls-cert", "c.pem");
        assertThat(key.err()).contains("--tls-cert and --tls-key go together");
        Cli.Result missing = Cli.run("proxy", "--upstream", "h:1", "--tls-cert", "c.pem", "--tls-key", "k.pem");
        assertThat(missing.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err().strip()).isEqualTo("mqttsniff: --tls-cert c.pem: no such readable file");
    }

    @Test
    void a_listen_address_in_use_is_capture_unavailable() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Cli.Result r = Cli.run("proxy", "--listen", "127.0.0.1:" + taken.getLocalPort(), "--upstream", "h:1");
            assertThat(r.exit()).isEqualTo(ExitCodes.CAPTURE_UNAVAILABLE);
            assertThat(r.err()).startsWith("mqttsniff: cannot listen on 127.0.0.1:" + taken.getLocalPort());
            assertThat(r.err().lines()).hasSize(1);
        }
    }

    @Test
    void written_pcap_reads_back_as_the_same_packets_and_tshark_agrees() throws Exception {
        Assumptions.assumeTrue(onPath("mosquitto") && onPath("mosquitto_pub"),
                "mosquitto not found: install Debian's mosquitto and mosquitto-clients");
        int brokerPort = freePort();
        Path conf = dir.resolve("m.conf");
        Files.writeString(conf, "listener " + brokerPort + " 127.0.0.1\nallow_anonymous true\n");
        Process broker = new ProcessBuilder("mosquitto", "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("m.log").toFile()).start();
        try {
            awaitListening(brokerPort);
            int port = freePort();
            Path pcap = dir.resolve("proxy.pcap");
            // -c 4: CONNECT, CONNACK, PUBLISH, PUBACK, and the proxy stops by itself
            CompletableFuture<Cli.Result> proxy = CompletableFuture.supplyAsync(() -> Cli.run("proxy", "--listen",
                    "127.0.0.1:" + port, "--upstream", "127.0.0.1:" + brokerPort, "-T", "json", "-w", pcap.toString(),
                    "-c", "4"));
            awaitListening(port);
            Process pub = new ProcessBuilder("mosquitto_pub", "-h", "127.0.0.1", "-p", String.valueOf(port), "-i", "c1",
                    "-t", "x/y", "-m", "hello", "-q", "1").redirectErrorStream(true).start();
            assertThat(pub.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(pub.exitValue()).isZero();
            Cli.Result live = proxy.get(20, TimeUnit.SECONDS);
            assertThat(live.exit()).isZero();
            List<String> livePackets = packetLines(live.out());
            assertThat(livePackets).hasSize(4);
            assertThat(livePackets.get(3)).contains("\"PUBACK\"").contains("\"client\":\"c1\"");

            Cli.Result back = Cli.run("-r", pcap.toString(), "-T", "json", "-p", String.valueOf(brokerPort));
            assertThat(back.exit()).isZero();
            assertThat(packetLines(back.out()).subList(0, 4)).isEqualTo(livePackets);

            if (onPath("tshark")) {
                Process t = new ProcessBuilder("tshark", "-n", "-r", pcap.toString(), "-d",
                        "tcp.port==" + brokerPort + ",mqtt", "-T", "fields", "-e", "mqtt.msgtype",
                        "-Y", "mqtt").redirectError(ProcessBuilder.Redirect.DISCARD).start();
                String types = new String(t.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(t.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(types.lines().toList()).startsWith("1", "2", "3", "4");
            } else {
                System.out.println("ProxyCommandTest: tshark not found, the pcap was checked by -r only");
            }
        } finally {
            broker.destroy();
            broker.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static List<String> packetLines(String out) {
        return out.lines().filter(l -> l.startsWith("{\"event\":\"packet\"")).toList();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void awaitListening(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("nothing listens on " + port);
    }

    private static boolean onPath(String name) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(d, name))) {
                return true;
            }
        }
        return false;
    }
}
