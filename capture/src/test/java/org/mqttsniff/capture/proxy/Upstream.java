package org.mqttsniff.capture.proxy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in broker for the relay's own behaviour (byte exactness, half-close, resets,
 * backpressure): it accepts on a loopback port and hands each connection to the test, which reads
 * and writes as a broker would, or refuses to.
 */
final class Upstream implements AutoCloseable {
    private final ServerSocket server;
    private final LinkedBlockingQueue<Socket> accepted = new LinkedBlockingQueue<>();
    private final Thread acceptor;

    Upstream() throws IOException {
        this(0);
    }

    Upstream(int port) throws IOException {
        server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            try {
                while (true) {
                    accepted.add(server.accept());
                }
            } catch (IOException closed) {
                // the test is over
            }
        }, "upstream-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** The next connection the proxy made, within 10 s. */
    Socket next() throws InterruptedException {
        Socket s = accepted.poll(10, TimeUnit.SECONDS);
        if (s == null) {
            throw new AssertionError("the proxy did not connect upstream");
        }
        return s;
    }

    @Override
    public void close() throws IOException {
        server.close();
        Socket s;
        while ((s = accepted.poll()) != null) {
            s.close();
        }
    }
}
