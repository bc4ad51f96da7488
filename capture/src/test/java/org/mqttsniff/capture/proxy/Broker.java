package org.mqttsniff.capture.proxy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/** A real mosquitto on a free loopback port, started by a test and stopped by its PID. */
final class Broker implements AutoCloseable {
    static final String NO_MOSQUITTO = "mosquitto not found: install Debian's mosquitto and mosquitto-clients";

    final int port;
    private final Process process;
    private final Path log;

    private Broker(int port, Process process, Path log) {
        this.port = port;
        this.process = process;
        this.log = log;
    }

    static void assumeInstalled() {
        Assumptions.assumeTrue(onPath("mosquitto") && onPath("mosquitto_pub") && onPath("mosquitto_sub"), NO_MOSQUITTO);
    }

    static boolean onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, name))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", name));
    }

    /** Plain MQTT on 127.0.0.1; {@code extra} lines go into the listener's configuration (TLS files, say). */
    static Broker start(Path dir, String... extra) throws IOException, InterruptedException {
        assumeInstalled();
        int port = freePort();
        Path conf = dir.resolve("mosquitto-" + port + ".conf");
        StringBuilder c = new StringBuilder("listener " + port + " 127.0.0.1\nallow_anonymous true\n");
        for (String line : extra) {
            c.append(line).append('\n');
        }
        Files.writeString(conf, c);
        Path log = dir.resolve("mosquitto-" + port + ".log");
        String exe = Files.isExecutable(Path.of("/usr/sbin/mosquitto")) ? "/usr/sbin/mosquitto" : "mosquitto";
        Process p = new ProcessBuilder(exe, "-c", conf.toString(), "-v").redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        Broker b = new Broker(port, p, log);
        b.awaitListening();
        return b;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("mosquitto exited: " + Files.readString(log));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        close();
        throw new IOException("mosquitto did not listen on " + port);
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
