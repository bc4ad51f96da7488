package org.mqttsniff.capture.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mqttsniff.net.LinkType;
import org.mqttsniff.net.RawFrame;

/**
 * Real captures on the loopback interface, of a TCP connection this test makes. Skipped, with the
 * reason printed, where this process may not capture or libpcap is missing; CI runs as root with it.
 */
class LiveSourceTest {
    /** Why live capture cannot be tested here, or null when it can. */
    static String unavailable() {
        try (LiveSource s = LiveSource.open(new LiveSource.Settings("lo", "tcp port 9", 0))) {
            return null;
        } catch (LiveCaptureException e) {
            return switch (e.kind()) {
                case NO_PRIVILEGES, NO_LIBPCAP, NO_SUCH_INTERFACE -> e.getMessage();
                default -> null;
            };
        }
    }

    @BeforeAll
    static void needsCapture() {
        String why = unavailable();
        if (why != null) {
            System.out.println("LiveSourceTest skipped: " + why);
        }
        Assumptions.assumeTrue(why == null, why);
    }


    @Test
    void captures_a_loopback_connection_in_order_with_numbers_times_and_link_type() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             LiveSource source = LiveSource.open(new LiveSource.Settings("lo", "tcp port " + server.getLocalPort(), 0))) {
            assertThat(source.linkType()).isEqualTo(LinkType.ETHERNET);
            assertThat(source.linkTypeName()).contains("EN10MB");
            source.start();
            long before = System.currentTimeMillis();
            // open returned: the kernel already keeps what matches, so traffic may start now
            try (Socket client = new Socket()) {
                client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
                try (Socket accepted = server.accept()) {
                    OutputStream out = client.getOutputStream();
                    out.write("hello".getBytes());
                    out.flush();
                    InputStream in = accepted.getInputStream();
                    assertThat(in.readNBytes(5)).isEqualTo("hello".getBytes());
                }
            }
            // SYN, SYN+ACK, ACK, data, ACK, and the closing FINs and ACKs: at least 7
            List<RawFrame> frames = new ArrayList<>();
            while (frames.size() < 7) {
                RawFrame f = source.poll(10, TimeUnit.SECONDS);
                assertThat(f).as("frame %d within 10 s", frames.size() + 1).isNotNull();
                frames.add(f);
            }
            for (int i = 0; i < frames.size(); i++) {
                RawFrame f = frames.get(i);
                assertThat(f.number()).isEqualTo(i + 1);
                assertThat(f.linkType()).isEqualTo(LinkType.ETHERNET);
                assertThat(f.originalLength()).isEqualTo(f.data().length());
                assertThat(f.timeNanos() / 1_000_000).isBetween(before - 1_000, System.currentTimeMillis() + 1_000);
                if (i > 0) {
                    assertThat(f.timeNanos()).isGreaterThanOrEqualTo(frames.get(i - 1).timeNanos());
                }
            }
            // Ethernet (14) + IPv4 (20) + TCP (20 + options) + "hello"
            assertThat(frames).anySatisfy(f -> assertThat(new String(f.data().toArray())).endsWith("hello"));
            LiveSource.Counters c = source.counters();
            assertThat(c.captured()).isGreaterThanOrEqualTo(7);
            assertThat(c.queueDropped()).isZero();
            assertThat(c.kernelDropped()).isZero();
        }
    }

    @Test
    void stop_ends_the_loop_on_an_idle_interface_and_the_queue_drains() throws Exception {
        // port 9 (discard) carries nothing here: libpcap 1.10 would block in poll() until a packet came
        try (LiveSource source = LiveSource.open(new LiveSource.Settings("lo", "tcp port 9 and tcp port 10", 0))) {
            source.start();
            assertThat(source.finished()).isFalse();
            source.stop();
            assertThat(source.awaitStopped(5, TimeUnit.SECONDS)).as("capture thread ended").isTrue();
            assertThat(source.next()).isNull();
            assertThat(source.finished()).isTrue();
            assertThat(source.warnings()).isEmpty();
        }
    }

    @Test
    void an_unknown_interface_is_refused_with_the_names_there_are() {
        assertThatThrownBy(() -> LiveSource.open(new LiveSource.Settings("no-such-if0", "", 0)))
                .isInstanceOfSatisfying(LiveCaptureException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LiveCaptureException.Kind.NO_SUCH_INTERFACE);
                    assertThat(e.getMessage()).startsWith("no interface 'no-such-if0'; available: ").contains("lo");
                });
    }

    @Test
    void an_invalid_filter_is_refused_with_libpcaps_message() {
        assertThatThrownBy(() -> LiveSource.open(new LiveSource.Settings("lo", "tcp prot 1883", 0)))
                .isInstanceOfSatisfying(LiveCaptureException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LiveCaptureException.Kind.BAD_FILTER);
                    assertThat(e.getMessage()).startsWith("invalid capture filter 'tcp prot 1883': ")
                            .contains("syntax error").doesNotContain("\n");
                });
    }

    @Test
    void interfaces_are_numbered_from_one_and_found_by_name_or_number() throws Exception {
        List<Interfaces.Interface> all = Interfaces.list();
        assertThat(all).extracting(Interfaces.Interface::index)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, all.size()).boxed().toList());
        Interfaces.Interface lo = Interfaces.find("lo");
        assertThat(lo.loopback()).isTrue();
        assertThat(lo.addresses()).contains("127.0.0.1");
        assertThat(lo.describe()).startsWith(lo.index() + ".lo [Up").contains("Loopback").contains("127.0.0.1");
        assertThat(Interfaces.find(Integer.toString(lo.index()))).isEqualTo(lo);
    }

    @Test
    void a_full_queue_holds_frames_back_in_the_kernel_buffer_and_loses_none() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             LiveSource source = LiveSource.open(new LiveSource.Settings("lo", "tcp port " + server.getLocalPort(),
                     0, 2, LiveSource.QUEUE_BYTES))) {
            source.start();
            try (Socket client = new Socket()) {
                client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
                try (Socket accepted = server.accept()) {
                    client.getOutputStream().write(new byte[] {1});
                    assertThat(accepted.getInputStream().read()).isEqualTo(1);
                }
            }
            // nobody reads the queue of 2: the capture thread holds the third frame, the rest of
            // the at least 7 (handshake, data, ack, FINs) wait in the kernel's buffer
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (source.counters().captured() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Thread.sleep(300); // more than the read timeout: had libpcap been read meanwhile, we would see it
            LiveSource.Counters c = source.counters();
            assertThat(c.captured()).isEqualTo(3);
            assertThat(c.queued()).isEqualTo(2);
            assertThat(c.queueDropped()).isZero();
            // once the reader reads, every frame comes through, numbered in order
            List<Long> numbers = new java.util.ArrayList<>();
            RawFrame f;
            while ((f = source.poll(1, TimeUnit.SECONDS)) != null) {
                numbers.add(f.number());
            }
            assertThat(numbers.size()).isGreaterThanOrEqualTo(7);
            assertThat(numbers).isEqualTo(java.util.stream.LongStream.rangeClosed(1, numbers.size()).boxed().toList());
            c = source.counters();
            assertThat(c.queueDropped()).isZero();
            assertThat(c.kernelDropped()).isZero();
            assertThat(c.captured()).isEqualTo(numbers.size());
        }
    }

    @Test
    void a_frame_held_for_a_full_queue_is_let_go_when_the_capture_stops() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             LiveSource source = LiveSource.open(new LiveSource.Settings("lo", "tcp port " + server.getLocalPort(),
                     0, 1, LiveSource.QUEUE_BYTES))) {
            source.start();
            try (Socket client = new Socket()) {
                client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
                server.accept().close();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (source.counters().captured() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            source.stop();
            assertThat(source.awaitStopped(5, TimeUnit.SECONDS)).as("the capture thread ends though the queue is full")
                    .isTrue();
            LiveSource.Counters c = source.counters();
            assertThat(c.queued()).isEqualTo(1);
            assertThat(c.queueDropped()).isEqualTo(1);
        }
    }
}
