package org.mqttsniff.cli;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Mosquitto broker on a free loopback port, for tests that capture real MQTT traffic, and
 * its command-line clients. Stopped by its process, never by name.
 */
final class Mosquitto implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;

    private Mosquitto(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Why the broker or its clients cannot run here, or null. */
    static String unavailable() {
        for (String tool : List.of("mosquitto", "mosquitto_pub", "mosquitto_sub")) {
            if (find(tool) == null) {
                return tool + " not found: install Debian's mosquitto and mosquitto-clients";
            }
        }
        return null;
    }

    static Path find(String tool) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.add("/usr/sbin"); // mosquitto itself lives there, which a non-root PATH may lack
        for (String dir : dirs) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, tool);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** Starts a broker for anonymous clients on a free port of 127.0.0.1 and returns once it accepts connections. */
    static Mosquitto start(Path dir) throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n");
        Path log = dir.resolve("mosquitto.log");
        Process p = new ProcessBuilder(find("mosquitto").toString(), "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Mosquitto m = new Mosquitto(p, port, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                return m;
            } catch (IOException notYet) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    m.close();
                    throw new IOException("mosquitto did not start on port " + port + ": " + Files.readString(log));
                }
                Thread.sleep(20); // polling for the port: the broker gives no other readiness signal
            }
        }
    }

    int port() {
        return port;
    }

    /** Runs mosquitto_pub with these arguments against the broker, and waits for it to succeed. */
    void pub(String... args) throws IOException, InterruptedException {
        run(client("mosquitto_pub", args).start(), "mosquitto_pub");
    }

    /** Starts mosquitto_sub with these arguments; the caller waits for it. */
    Process sub(String... args) throws IOException {
        return client("mosquitto_sub", args).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    static void run(Process p, String what) throws IOException, InterruptedException {
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(what + " did not finish in 20 s");
        }
        if (p.exitValue() != 0) {
            throw new IOException(what + " failed with exit code " + p.exitValue() + ": "
                    + new String(p.getInputStream().readAllBytes()));
        }
    }

    private ProcessBuilder client(String tool, String... args) {
        List<String> cmd = new ArrayList<>(List.of(find(tool).toString(), "-h", "127.0.0.1", "-p",
                Integer.toString(port)));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
