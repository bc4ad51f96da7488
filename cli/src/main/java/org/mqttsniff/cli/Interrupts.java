package org.mqttsniff.cli;

import java.util.ArrayList;
import java.util.List;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and SIGTERM stop a live capture the way tcpdump stops: the frames already
 * captured are decoded, the summary is printed and the exit code is 0. A shutdown hook could not
 * do that, as the JVM would then exit with 130 whatever the capture did. A second signal, when the
 * first did not end things, exits at once. The previous handlers come back on {@link #close()}.
 */
final class Interrupts implements AutoCloseable {
    private static final String[] SIGNALS = {"INT", "TERM"};

    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();

    private Interrupts() {
    }

    static Interrupts stop(LiveCapture capture) {
        Interrupts i = new Interrupts();
        SignalHandler handler = sig -> {
            if (capture.stopRequested()) {
                Runtime.getRuntime().halt(128 + sig.getNumber());
            }
            capture.stop();
        };
        for (String name : SIGNALS) {
            try {
                Signal s = new Signal(name);
                i.previous.add(Signal.handle(s, handler));
                i.signals.add(s);
            } catch (IllegalArgumentException e) {
                // the platform has no such signal, or the JVM keeps it (-Xrs): the default stays
            }
        }
        return i;
    }

    @Override
    public void close() {
        for (int k = 0; k < signals.size(); k++) {
            Signal.handle(signals.get(k), previous.get(k));
        }
    }
}
