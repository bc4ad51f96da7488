package org.mqttsniff.capture.proxy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** mosquitto_pub and mosquitto_sub, run as the user would. */
final class Clients {
    private Clients() {
    }

    static Process start(String tool, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(tool);
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    /** Runs to its end (at most 20 s); returns its output, and fails if it exits non-zero. */
    static String run(String tool, String... args) throws IOException, InterruptedException {
        return output(start(tool, args), tool);
    }

    static String output(Process p, String what) throws IOException, InterruptedException {
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new IOException(what + " did not finish: " + new String(p.getInputStream().readAllBytes(),
                    StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(what + " exited " + p.exitValue() + ": " + out);
        }
        return out;
    }
}
