package org.mqttsniff.capture.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqttsniff.bytes.ByteSlice;
import org.mqttsniff.mqtt.DecodeResult;
import org.mqttsniff.mqtt.MalformedReason;
import org.mqttsniff.mqtt.Publish;
import org.mqttsniff.net.FrameSource;
import org.mqttsniff.net.RawFrame;
import org.mqttsniff.session.Pipeline;
import org.mqttsniff.session.SessionOptions;
import org.mqttsniff.session.SnifferEvent;
import org.mqttsniff.capture.file.CaptureFiles;
import org.mqttsniff.tcp.AssemblerLimits;

/** The relay's behaviour with a stand-in broker: bytes, ends of connections, limits and backpressure. */
class RelayTest {
    // CONNECT, MQTT 3.1.1, clean session, keep alive 60, client id "raw"
    private static final byte[] CONNECT = hex("10 0f 00 04 4d515454 04 02 003c 0003 726177");
    private static final byte[] CONNACK = hex("20 02 00 00");
    // SUBSCRIBE with flags 0000 instead of 0010 [MQTT-3.8.1-1]: malformed, relayed as it is
    private static final byte[] BAD_SUBSCRIBE = hex("80 06 0001 0001 61 00");
    private static final byte[] PINGREQ = hex("c0 00");
    private static final byte[] PINGRESP = hex("d0 00");

    @TempDir
    Path dir;

    @Test
    void bytes_pass_unchanged_both_ways_and_the_pcap_reads_back_as_the_same_packets() throws Exception {
        byte[] big = publish("big/one", 150_000, 7); // more than one read and more than one pcap frame
        byte[] up = cat(CONNECT, BAD_SUBSCRIBE, big, PINGREQ);
        byte[] down = cat(CONNACK, publish("down", 70_000, 9), PINGRESP);
        Path pcap = dir.resolve("relay.pcap");
        List<SnifferEvent.Packet> live;
        try (Upstream broker = new Upstream(); Harness proxy = Harness.to(broker.port()).pcap(pcap).start();
             Socket client = new Socket("127.0.0.1", proxy.port)) {
            Socket server = broker.next();
            client.getOutputStream().write(up);
            assertThat(readN(server.getInputStream(), up.length)).isEqualTo(up);
            server.getOutputStream().write(down);
            assertThat(readN(client.getInputStream(), down.length)).isEqualTo(down);
            proxy.await("PINGRESP", Harness.packet(p -> p instanceof org.mqttsniff.mqtt.PingResp));
            client.close();
            server.close();
            proxy.await("close", e -> e instanceof SnifferEvent.Close);
            live = proxy.packets();
            proxy.close();
        }
        assertThat(live).extracting(p -> p.result().typeName())
                .containsExactly("CONNECT", "SUBSCRIBE", "PUBLISH", "PINGREQ", "CONNACK", "PUBLISH", "PINGRESP");
        DecodeResult bad = live.get(1).result();
        assertThat(bad).isInstanceOfSatisfying(DecodeResult.Malformed.class,
                m -> assertThat(m.reason()).isEqualTo(MalformedReason.INVALID_FLAGS));
        assertThat(bad.raw().toArray()).isEqualTo(BAD_SUBSCRIBE);
        assertThat(live).allMatch(p -> p.clientId().equals("raw"));

        // the same packets, frames, times and matching from the written file
        List<SnifferEvent.Packet> back = new ArrayList<>();
        try (FrameSource src = CaptureFiles.open(pcap)) {
            Pipeline p = new Pipeline(SessionOptions.defaults(), AssemblerLimits.defaults(), e -> {
                if (e instanceof SnifferEvent.Packet pk) {
                    back.add(pk);
                }
            });
            RawFrame f;
            while ((f = src.next()) != null) {
                p.frame(f);
            }
            p.finish();
        }
        assertThat(back).hasSameSizeAs(live);
        for (int i = 0; i < live.size(); i++) {
            SnifferEvent.Packet a = live.get(i);
            SnifferEvent.Packet b = back.get(i);
            assertThat(b.frame()).as("frame of packet %d", i).isEqualTo(a.frame());
            assertThat(b.timeNanos()).isEqualTo(a.timeNanos());
            assertThat(b.dir()).isEqualTo(a.dir());
            assertThat(b.src()).isEqualTo(a.src());
            assertThat(b.result().raw()).isEqualTo(a.result().raw());
            assertThat(b.responseTo()).isEqualTo(a.responseTo());
            assertThat(b.clientId()).isEqualTo(a.clientId());
        }
    }

    @Test
    void half_close_is_passed_through_and_the_rest_still_flows_back() throws Exception {
        try (Upstream broker = new Upstream(); Harness proxy = Harness.to(broker.port()).start();
             Socket client = new Socket("127.0.0.1", proxy.port)) {
            Socket server = broker.next();
            client.getOutputStream().write(CONNECT);
            client.shutdownOutput();
            assertThat(server.getInputStream().readAllBytes()).isEqualTo(CONNECT); // EOF reached upstream
            server.getOutputStream().write(CONNACK); // the other direction is still open
            server.shutdownOutput();
            assertThat(client.getInputStream().readAllBytes()).isEqualTo(CONNACK);
            SnifferEvent close = proxy.await("close", e -> e instanceof SnifferEvent.Close);
            assertThat(((SnifferEvent.Close) close).reason()).isEqualTo("fin");
            server.close();
        }
    }

    @Test
    void a_client_that_vanishes_closes_its_upstream_connection() throws Exception {
        try (Upstream broker = new Upstream(); Harness proxy = Harness.to(broker.port()).start()) {
            Socket client = new Socket("127.0.0.1", proxy.port);
            Socket server = broker.next();
            client.getOutputStream().write(CONNECT);
            assertThat(readN(server.getInputStream(), CONNECT.length)).isEqualTo(CONNECT);
            client.setSoLinger(true, 0);
            client.close(); // a reset, as when a client's host drops it
            server.setSoTimeout(5_000);
            assertThat(endOf(server.getInputStream())).isTrue();
            SnifferEvent close = proxy.await("close", e -> e instanceof SnifferEvent.Close);
            assertThat(((SnifferEvent.Close) close).reason()).isEqualTo("rst");
            server.close();
        }
    }

    @Test
    void unreachable_upstream_closes_the_client_says_so_once_and_the_proxy_keeps_serving() throws Exception {
        int port = Broker.freePort(); // nothing listens there
        try (Harness proxy = Harness.to(port).start()) {
            try (Socket client = new Socket("127.0.0.1", proxy.port)) {
                client.setSoTimeout(10_000);
                assertThat(endOf(client.getInputStream())).isTrue();
            }
            assertThat(proxy.notices).hasSize(1);
            assertThat(proxy.notices.get(0)).startsWith("cannot reach upstream 127.0.0.1:" + port);
            try (Upstream broker = new Upstream(port); Socket client = new Socket("127.0.0.1", proxy.port)) {
                Socket server = broker.next();
                client.getOutputStream().write(CONNECT);
                assertThat(readN(server.getInputStream(), CONNECT.length)).isEqualTo(CONNECT);
                server.close();
            }
            // the failed connection was never opened, so it has no events
            assertThat(proxy.await("open", e -> e instanceof SnifferEvent.Open).stream()).isZero();
        }
    }

    @Test
    void connections_past_the_maximum_are_refused() throws Exception {
        try (Upstream broker = new Upstream(); Harness proxy = Harness.to(broker.port()).maxConnections(1).start();
             Socket first = new Socket("127.0.0.1", proxy.port)) {
            Socket server = broker.next();
            try (Socket second = new Socket("127.0.0.1", proxy.port)) {
                second.setSoTimeout(10_000);
                assertThat(endOf(second.getInputStream())).isTrue();
            }
            first.getOutputStream().write(CONNECT); // the first one is still relayed
            assertThat(readN(server.getInputStream(), CONNECT.length)).isEqualTo(CONNECT);
            assertThat(proxy.notices).anyMatch(n -> n.contains("--max-connections 1 reached"));
            server.close();
        }
    }

    @Test
    void an_idle_connection_is_closed() throws Exception {
        try (Upstream broker = new Upstream();
             Harness proxy = Harness.to(broker.port()).idle(Duration.ofMillis(300)).start();
             Socket client = new Socket("127.0.0.1", proxy.port)) {
            Socket server = broker.next();
            client.getOutputStream().write(CONNECT);
            client.setSoTimeout(10_000);
            assertThat(endOf(client.getInputStream())).isTrue();
            SnifferEvent close = proxy.await("close", e -> e instanceof SnifferEvent.Close);
            assertThat(((SnifferEvent.Close) close).reason()).isEqualTo("idle");
            server.close();
        }
    }

    @Test
    void a_broker_that_does_not_read_stops_the_client_and_nothing_is_lost() throws Exception {
        byte[] packet = publish("bulk", 65_000, 3);
        int count = 1_000; // 65 MB: far more than the socket buffers and Netty's watermarks hold
        AtomicLong written = new AtomicLong();
        try (Upstream broker = new Upstream(); Harness proxy = Harness.to(broker.port()).start();
             Socket client = new Socket("127.0.0.1", proxy.port)) {
            Socket server = broker.next();
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = client.getOutputStream();
                    out.write(CONNECT);
                    for (int i = 0; i < count; i++) {
                        out.write(packet);
                        written.addAndGet(packet.length);
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();
            Thread.sleep(2_000);
            long stalled = written.get();
            // what the kernel buffers on both hops plus Netty's 64 KiB high watermark, nowhere near 65 MB
            assertThat(stalled).isLessThan(32L << 20);
            Thread.sleep(500);
            assertThat(written.get()).as("the client stays stopped").isLessThan(stalled + (4L << 20));

            byte[] got = readN(server.getInputStream(), CONNECT.length + count * packet.length);
            writer.join(10_000);
            byte[] expected = CONNECT;
            assertThat(Arrays.copyOf(got, CONNECT.length)).isEqualTo(expected);
            for (int i = 0; i < count; i += 97) {
                int at = CONNECT.length + i * packet.length;
                assertThat(Arrays.copyOfRange(got, at, at + packet.length)).isEqualTo(packet);
            }
            proxy.await("the last PUBLISH", e -> proxy.packets().size() == count + 1);
            assertThat(proxy.packets()).filteredOn(p -> p.result() instanceof DecodeResult.Decoded d
                    && d.packet() instanceof Publish).hasSize(count);
            server.close();
        }
    }

    @Test
    void a_slow_decoder_slows_the_relay_and_loses_nothing() throws Exception {
        byte[] packet = publish("slow", 10_000, 5);
        int count = 2_000; // 20 MB
        CountDownLatch gate = new CountDownLatch(1);
        AtomicLong relayed = new AtomicLong();
        try (Upstream broker = new Upstream();
             Harness proxy = Harness.to(broker.port()).maxQueued(256 << 10, e -> {
                 try {
                     gate.await();
                 } catch (InterruptedException x) {
                     Thread.currentThread().interrupt();
                 }
             }).start();
             Socket client = new Socket("127.0.0.1", proxy.port)) {
            Socket server = broker.next();
            Thread reader = new Thread(() -> {
                try {
                    InputStream in = server.getInputStream();
                    byte[] b = new byte[1 << 16];
                    int n;
                    while ((n = in.read(b)) > 0) {
                        relayed.addAndGet(n);
                    }
                } catch (IOException e) {
                    // closed at the end
                }
            });
            reader.start();
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = client.getOutputStream();
                    out.write(CONNECT);
                    for (int i = 0; i < count; i++) {
                        out.write(packet);
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();
            Thread.sleep(2_000);
            // the decoder is stuck on its first event: the relay stops near the queue's bound
            assertThat(relayed.get()).isLessThan(4L << 20);
            gate.countDown();
            writer.join(20_000);
            proxy.await("every PUBLISH", e -> proxy.packets().size() == count + 1);
            // decoded is not yet read by the broker's side: the last bytes may still be on their way
            long expected = CONNECT.length + (long) count * packet.length;
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
            while (relayed.get() < expected && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(relayed.get()).isEqualTo(expected);
            server.close();
            reader.join(5_000);
        }
    }

    // --- helpers ---

    /** PUBLISH QoS 0 with a payload of {@code n} pseudo-random bytes. */
    static byte[] publish(String topic, int n, long seed) {
        byte[] t = topic.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] payload = new byte[n];
        new Random(seed).nextBytes(payload);
        int remaining = 2 + t.length + n;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        do {
            int b = remaining % 128;
            remaining /= 128;
            out.write(remaining > 0 ? b | 0x80 : b);
        } while (remaining > 0);
        out.write(t.length >> 8);
        out.write(t.length);
        out.writeBytes(t);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    static byte[] readN(InputStream in, int n) throws IOException {
        byte[] b = in.readNBytes(n);
        assertThat(b).as("bytes read").hasSize(n);
        return b;
    }

    /** True when the stream ends (EOF, or reset), false if data comes instead. */
    static boolean endOf(InputStream in) throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketException reset) {
            return true;
        }
    }

    static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static ByteSlice slice(byte[] b) {
        return ByteSlice.wrap(b);
    }

    static byte[] hex(String s) {
        return ByteSlice.fromHex(s.replace(" ", "")).toArray();
    }
}
