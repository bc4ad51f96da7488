package org.mqttsniff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqttsniff.capture.live.LiveCaptureException;
import org.mqttsniff.capture.live.LiveSource;
import org.mqttsniff.mqtt.DecodeResult;
import org.mqttsniff.mqtt.MqttPacket;
import org.mqttsniff.mqtt.PacketType;
import org.mqttsniff.mqtt.Publish;
import org.mqttsniff.session.Direction;
import org.mqttsniff.session.SessionOptions;
import org.mqttsniff.session.SnifferEvent;
import org.mqttsniff.tcp.AssemblerLimits;

/**
 * Live captures on {@code lo} of a real Mosquitto broker and its real clients. Each test opens the
 * capture before it starts the clients (once {@link LiveSource#open} returns, or the CLI says
 * "listening on", the kernel keeps the frames for us) and ends it by {@code -c} or by
 * {@link LiveCapture#stop()} once the last expected event was seen. Skipped, with the reason
 * printed, without capture privileges, libpcap or Mosquitto; CI has them all.
 */
class LiveCaptureTest {
    @TempDir
    static Path dir;
    private static Mosquitto broker;

    @BeforeAll
    static void startBroker() throws Exception {
        String why = Mosquitto.unavailable();
        if (why == null) {
            try (LiveSource s = LiveSource.open(new LiveSource.Settings("lo", "tcp port 9", 0))) {
                why = null;
            } catch (LiveCaptureException e) {
                why = e.getMessage();
            }
        }
        if (why != null) {
            System.out.println("LiveCaptureTest skipped: " + why);
        }
        Assumptions.assumeTrue(why == null, why);
        broker = Mosquitto.start(dir);
    }

    @AfterAll
    static void stopBroker() throws InterruptedException {
        if (broker != null) {
            broker.close();
        }
    }

    /** Runs a LiveCapture on its own thread, its events collected, until {@link #stop}. */
    private static final class Running implements AutoCloseable {
        final List<SnifferEvent> events = new ArrayList<>();
        final LiveCapture capture;
        final Thread thread;
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        Running(Predicate<List<SnifferEvent>> done, CountDownLatch doneLatch, Path writeTo) throws Exception {
            LiveSource source = LiveSource.open(new LiveSource.Settings("lo", "tcp port " + broker.port(), 0));
            SessionOptions options = SessionOptions.defaults();
            options = new SessionOptions(p -> p == broker.port(), options.version(), options.versionNamed(),
                    options.maxPacketSize());
            capture = new LiveCapture(source, options, AssemblerLimits.defaults(), e -> {
                synchronized (events) {
                    events.add(e);
                    if (done.test(events)) {
                        doneLatch.countDown();
                    }
                }
            }, t -> { }, writeTo);
            thread = new Thread(() -> {
                try {
                    capture.run();
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "test-pipeline");
            thread.start();
        }

        List<SnifferEvent> stop() throws Exception {
            capture.stop();
            thread.join(TimeUnit.SECONDS.toMillis(10));
            assertThat(thread.isAlive()).as("pipeline thread ended after stop()").isFalse();
            assertThat(failure.get()).isNull();
            synchronized (events) {
                return List.copyOf(events);
            }
        }

        @Override
        public void close() throws IOException {
            capture.close();
        }
    }

    private static List<SnifferEvent.Packet> packets(List<SnifferEvent> events) {
        return events.stream().filter(e -> e instanceof SnifferEvent.Packet).map(e -> (SnifferEvent.Packet) e).toList();
    }

    private static MqttPacket mqtt(SnifferEvent.Packet p) {
        assertThat(p.result()).as("frame %d decodes", p.frame()).isInstanceOf(DecodeResult.Decoded.class);
        return ((DecodeResult.Decoded) p.result()).packet();
    }

    private static PacketType type(SnifferEvent.Packet p) {
        return mqtt(p).type();
    }

    private static OptionalLong frameOf(SnifferEvent.Packet p) {
        return OptionalLong.of(p.frame());
    }

    @Test
    void decodes_qos_0_1_2_and_retained_flows_from_connect_to_disconnect() throws Exception {
        CountDownLatch subscribed = new CountDownLatch(1);
        CountDownLatch allClosed = new CountDownLatch(1);
        AtomicInteger closes = new AtomicInteger();
        List<SnifferEvent> events;
        try (Running run = new Running(ev -> {
            SnifferEvent last = ev.get(ev.size() - 1);
            if (last instanceof SnifferEvent.Packet p && p.result() instanceof DecodeResult.Decoded d
                    && d.packet().type() == PacketType.SUBACK) {
                subscribed.countDown();
            }
            return last instanceof SnifferEvent.Close && closes.incrementAndGet() == 4;
        }, allClosed, null)) {
            broker.pub("-i", "live-retain", "-q", "1", "-r", "-t", "live/retained", "-m", "kept");
            Process sub = broker.sub("-i", "live-sub", "-q", "2", "-t", "live/#", "-C", "3");
            // the capture itself says when the subscription is in place
            assertThat(subscribed.await(20, TimeUnit.SECONDS)).as("SUBACK captured").isTrue();
            broker.pub("-i", "live-q0", "-q", "0", "-t", "live/q0", "-m", "zero");
            broker.pub("-i", "live-q2", "-q", "2", "-t", "live/q2", "-m", "two");
            Mosquitto.run(sub, "mosquitto_sub");
            assertThat(allClosed.await(20, TimeUnit.SECONDS)).as("4 connections closed").isTrue();
            events = run.stop();
            LiveCapture.Stats stats = run.capture.stats();
            assertThat(stats.frames()).isGreaterThan(30);
            assertThat(stats.kernelDrops()).isZero();
            assertThat(stats.queueDrops()).isZero();
            assertThat(run.capture.packets(PacketType.CONNECT)).isEqualTo(4);
            assertThat(run.capture.packets(PacketType.DISCONNECT)).isEqualTo(4);
        }

        Map<String, List<SnifferEvent.Packet>> byClient = packets(events).stream()
                .collect(Collectors.groupingBy(SnifferEvent.Packet::clientId));
        assertThat(byClient).containsOnlyKeys("live-retain", "live-sub", "live-q0", "live-q2");
        byClient.forEach((client, ps) -> {
            // CONNECT ... DISCONNECT, and the CONNACK answers the CONNECT
            assertThat(type(ps.get(0))).as(client).isEqualTo(PacketType.CONNECT);
            assertThat(ps.get(0).dir()).isEqualTo(Direction.C2S);
            assertThat(type(ps.get(1))).as(client).isEqualTo(PacketType.CONNACK);
            assertThat(ps.get(1).responseTo()).isEqualTo(frameOf(ps.get(0)));
            assertThat(type(ps.get(ps.size() - 1))).as(client).isEqualTo(PacketType.DISCONNECT);
        });
        assertThat(events).filteredOn(e -> e instanceof SnifferEvent.Close)
                .extracting(e -> ((SnifferEvent.Close) e).reason()).containsOnly("fin").hasSize(4);

        // QoS 1, retained: PUBLISH, PUBACK answering it
        List<SnifferEvent.Packet> retain = byClient.get("live-retain");
        assertThat(retain).extracting(LiveCaptureTest::type).containsExactly(PacketType.CONNECT, PacketType.CONNACK,
                PacketType.PUBLISH, PacketType.PUBACK, PacketType.DISCONNECT);
        Publish kept = (Publish) mqtt(retain.get(2));
        assertThat(kept.qos()).isEqualTo(1);
        assertThat(kept.retain()).isTrue();
        assertThat(retain.get(3).responseTo()).isEqualTo(frameOf(retain.get(2)));
        assertThat(retain.get(3).latencyNanos()).isPresent();

        // QoS 2: PUBREC answers the PUBLISH, PUBREL the PUBREC, PUBCOMP the PUBREL
        List<SnifferEvent.Packet> q2 = byClient.get("live-q2");
        assertThat(q2).extracting(LiveCaptureTest::type).containsExactly(PacketType.CONNECT, PacketType.CONNACK,
                PacketType.PUBLISH, PacketType.PUBREC, PacketType.PUBREL, PacketType.PUBCOMP, PacketType.DISCONNECT);
        assertThat(q2).extracting(SnifferEvent.Packet::dir).containsExactly(Direction.C2S, Direction.S2C,
                Direction.C2S, Direction.S2C, Direction.C2S, Direction.S2C, Direction.C2S);
        for (int i = 3; i <= 5; i++) {
            assertThat(q2.get(i).responseTo()).as("%s answers the packet before", type(q2.get(i)))
                    .isEqualTo(frameOf(q2.get(i - 1)));
        }

        assertThat(byClient.get("live-q0")).extracting(LiveCaptureTest::type).containsExactly(PacketType.CONNECT,
                PacketType.CONNACK, PacketType.PUBLISH, PacketType.DISCONNECT);

        // the subscriber: the retained message first (retain set, QoS 1), then the two live ones
        List<SnifferEvent.Packet> sub = byClient.get("live-sub");
        List<Publish> received = sub.stream().filter(p -> p.dir() == Direction.S2C && type(p) == PacketType.PUBLISH)
                .map(p -> (Publish) mqtt(p)).toList();
        assertThat(received).extracting(Publish::topic).containsExactly("live/retained", "live/q0", "live/q2");
        assertThat(received).extracting(Publish::qos).containsExactly(1, 0, 2);
        assertThat(received).extracting(Publish::retain).containsExactly(true, false, false);
        SnifferEvent.Packet subscribe = sub.stream().filter(p -> type(p) == PacketType.SUBSCRIBE).findFirst().orElseThrow();
        SnifferEvent.Packet suback = sub.stream().filter(p -> type(p) == PacketType.SUBACK).findFirst().orElseThrow();
        assertThat(suback.responseTo()).isEqualTo(frameOf(subscribe));
        // the subscriber acknowledges: PUBACK for QoS 1, PUBREC / PUBREL / PUBCOMP for QoS 2
        assertThat(sub).extracting(LiveCaptureTest::type).contains(PacketType.PUBACK, PacketType.PUBREC,
                PacketType.PUBREL, PacketType.PUBCOMP);
    }

    @Test
    void stop_on_an_idle_interface_returns_and_closes_cleanly() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        try (Running run = new Running(ev -> false, never, null)) {
            List<SnifferEvent> events = run.stop();
            assertThat(events).isEmpty();
            assertThat(run.capture.stats().frames()).isZero();
        }
    }

    /** Runs the command in-process on a thread; {@link #listening} opens once it said "listening on". */
    private static final class Command {
        final CountDownLatch listening = new CountDownLatch(1);
        final StringWriter out = new StringWriter();
        final StringBuffer err = new StringBuffer();
        final AtomicInteger exit = new AtomicInteger(-1);
        final Thread thread;

        Command(String... args) {
            Writer errWriter = new Writer() {
                @Override
                public void write(char[] cbuf, int off, int len) {
                    err.append(cbuf, off, len);
                    if (err.indexOf("listening on") >= 0) {
                        listening.countDown();
                    }
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            };
            thread = new Thread(() -> exit.set(Main.commandLine(System.in, new PrintWriter(out),
                    new PrintWriter(errWriter, true)).execute(args)), "test-cli");
            thread.start();
        }

        int await() throws InterruptedException {
            thread.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(thread.isAlive()).as("command ended; stderr: %s", err).isFalse();
            return exit.get();
        }
    }

    @Test
    void minus_w_writes_every_frame_and_minus_r_reads_back_the_same_packets() throws Exception {
        Path file = dir.resolve("live.pcap");
        String port = Integer.toString(broker.port());
        // one QoS 2 publisher: exactly 7 packets, CONNECT to DISCONNECT
        Command cmd = new Command("-i", "lo", "-p", port, "-T", "json", "-c", "7", "-w", file.toString());
        assertThat(cmd.listening.await(20, TimeUnit.SECONDS)).as("listening; stderr: %s", cmd.err).isTrue();
        broker.pub("-i", "live-w", "-q", "2", "-t", "live/w", "-m", "written");
        assertThat(cmd.await()).as("exit code; stderr: %s", cmd.err).isZero();

        List<String> live = cmd.out.toString().lines().toList();
        assertThat(live.stream().filter(l -> l.startsWith("{\"event\":\"packet\"")).map(l -> MiniJson.object(l).get("type")))
                .containsExactly("CONNECT", "CONNACK", "PUBLISH", "PUBREC", "PUBREL", "PUBCOMP", "DISCONNECT");
        assertThat(cmd.err.toString()).contains("listening on lo, link-type EN10MB")
                .containsPattern("mqttsniff: \\d+ frames captured, 0 dropped by the kernel, 0 dropped by the queue")
                .contains("7 MQTT packets: 1 CONNECT, 1 CONNACK, 1 PUBLISH, 1 PUBREC, 1 PUBREL, 1 PUBCOMP, 1 DISCONNECT");

        Cli.Result read = Cli.run("-r", file.toString(), "-p", port, "-T", "json", "-c", "7");
        assertThat(read.exit()).isZero();
        assertThat(read.outLines()).containsExactlyElementsOf(live);

        Path tshark = Mosquitto.find("tshark");
        if (tshark == null) {
            System.out.println("LiveCaptureTest: tshark not found, the -w file is not checked with it");
            return;
        }
        Process p = new ProcessBuilder(tshark.toString(), "-r", file.toString(), "-d", "tcp.port==" + port + ",mqtt",
                "-Y", "mqtt", "-T", "fields", "-e", "mqtt.msgtype").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String types = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        // CONNECT 1, CONNACK 2, PUBLISH 3, PUBREC 5, PUBREL 6, PUBCOMP 7, DISCONNECT 14
        assertThat(types.lines()).containsExactly("1", "2", "3", "5", "6", "7", "14");
    }

    @Test
    void immediate_mode_captures_the_same_flow() throws Exception {
        String port = Integer.toString(broker.port());
        Command cmd = new Command("-i", "lo", "-p", port, "-T", "json", "-c", "5", "--immediate-mode");
        assertThat(cmd.listening.await(20, TimeUnit.SECONDS)).as("listening; stderr: %s", cmd.err).isTrue();
        broker.pub("-i", "live-immediate", "-q", "1", "-t", "live/now", "-m", "now");
        assertThat(cmd.await()).as("exit code; stderr: %s", cmd.err).isZero();
        assertThat(cmd.out.toString().lines().filter(l -> l.startsWith("{\"event\":\"packet\""))
                .map(l -> MiniJson.object(l).get("type")))
                .containsExactly("CONNECT", "CONNACK", "PUBLISH", "PUBACK", "DISCONNECT");
        assertThat(cmd.err.toString()).contains("5 MQTT packets: 1 CONNECT, 1 CONNACK, 1 PUBLISH, 1 PUBACK, 1 DISCONNECT");
    }
}
