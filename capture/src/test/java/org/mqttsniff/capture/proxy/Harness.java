package org.mqttsniff.capture.proxy;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.mqttsniff.mqtt.DecodeResult;
import org.mqttsniff.mqtt.MqttPacket;
import org.mqttsniff.session.SessionOptions;
import org.mqttsniff.session.SnifferEvent;

import io.netty.handler.ssl.SslContext;

/** A proxy in the test's JVM: relay, pipeline and a sink that keeps every event. */
final class Harness implements AutoCloseable {
    final List<SnifferEvent> events = new CopyOnWriteArrayList<>();
    final List<String> notices = new CopyOnWriteArrayList<>();
    final RelayPipeline pipeline;
    final RelayServer server;
    final int port;
    private final FlowWriter writer;

    static Builder to(int upstreamPort) {
        return new Builder(upstreamPort);
    }

    static final class Builder {
        private final int upstreamPort;
        private int maxConnections = ProxyConfig.DEFAULT_MAX_CONNECTIONS;
        private Duration idle = Duration.ZERO;
        private SslContext clientTls;
        private SslContext upstreamTls;
        private String upstreamHost = "127.0.0.1";
        private boolean ws;
        private long maxQueued = ProxyConfig.DEFAULT_MAX_QUEUED;
        private Path pcap;
        private Consumer<SnifferEvent> slowSink = e -> { };

        Builder(int upstreamPort) {
            this.upstreamPort = upstreamPort;
        }

        Builder maxConnections(int n) {
            maxConnections = n;
            return this;
        }

        Builder idle(Duration d) {
            idle = d;
            return this;
        }

        Builder tls(SslContext client, SslContext upstream, String host) {
            clientTls = client;
            upstreamTls = upstream;
            upstreamHost = host;
            return this;
        }

        Builder ws() {
            ws = true;
            return this;
        }

        Builder maxQueued(long n, Consumer<SnifferEvent> sinkDelay) {
            maxQueued = n;
            slowSink = sinkDelay;
            return this;
        }

        Builder pcap(Path p) {
            pcap = p;
            return this;
        }

        Harness start() throws IOException, InterruptedException {
            return new Harness(this);
        }
    }

    private Harness(Builder b) throws IOException, InterruptedException {
        writer = b.pcap == null ? null : new FlowWriter(new BufferedOutputStream(Files.newOutputStream(b.pcap)));
        ProxyConfig config = new ProxyConfig(new InetSocketAddress("127.0.0.1", 0), b.upstreamHost, b.upstreamPort,
                b.maxConnections, b.idle, b.clientTls, b.upstreamTls, b.ws, b.maxQueued);
        Consumer<SnifferEvent> slow = b.slowSink;
        pipeline = new RelayPipeline(SessionOptions.defaults(), e -> {
            slow.accept(e);
            events.add(e);
        }, writer, () -> { }, b.maxQueued);
        server = new RelayServer(config, pipeline, notices::add);
        port = server.start().getPort();
        pipeline.start();
    }

    /** Waits up to 10 s for an event that matches. */
    SnifferEvent await(String what, Predicate<SnifferEvent> p) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            for (SnifferEvent e : events) {
                if (p.test(e)) {
                    return e;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no event " + what + " in " + events);
    }

    static Predicate<SnifferEvent> packet(Predicate<MqttPacket> p) {
        return e -> e instanceof SnifferEvent.Packet pk && pk.result() instanceof DecodeResult.Decoded d
                && p.test(d.packet());
    }

    /**
     * Waits until {@code n} decoded packets pass {@code p}: what the clients got has been relayed,
     * but decoding runs on its own thread and may still be behind.
     */
    void awaitPackets(String what, Predicate<SnifferEvent.Packet> p, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (packets().stream().filter(p).count() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("fewer than " + n + " packets " + what + " in " + events);
            }
            Thread.sleep(20);
        }
    }

    List<SnifferEvent.Packet> packets() {
        List<SnifferEvent.Packet> out = new ArrayList<>();
        for (SnifferEvent e : events) {
            if (e instanceof SnifferEvent.Packet p) {
                out.add(p);
            }
        }
        return out;
    }

    /** Stops as the CLI does: the pipeline first, so what is open closes as at the end of a capture. */
    @Override
    public void close() throws Exception {
        pipeline.stop();
        server.close();
        pipeline.done().get(10, TimeUnit.SECONDS);
        if (writer != null) {
            writer.close();
        }
    }
}
