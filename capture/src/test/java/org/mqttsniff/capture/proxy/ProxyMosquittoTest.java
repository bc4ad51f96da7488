package org.mqttsniff.capture.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mqttsniff.capture.proxy.Harness.packet;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqttsniff.mqtt.Connect;
import org.mqttsniff.mqtt.DecodeResult;
import org.mqttsniff.mqtt.PubComp;
import org.mqttsniff.mqtt.Publish;
import org.mqttsniff.mqtt.StringPair;
import org.mqttsniff.mqtt.SubAck;
import org.mqttsniff.mqtt.Subscribe;
import org.mqttsniff.session.SnifferEvent;

/** Real clients through the proxy to a real mosquitto: the flows work, and are decoded on the way. */
class ProxyMosquittoTest {
    @TempDir
    Path dir;

    private Broker broker;
    private Harness proxy;

    @BeforeEach
    void start() throws Exception {
        broker = Broker.start(dir);
        proxy = Harness.to(broker.port).start();
    }

    @AfterEach
    void stop() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private String[] at(String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "-h";
        all[1] = "127.0.0.1";
        all[2] = "-p";
        all[3] = String.valueOf(proxy.port);
        System.arraycopy(args, 0, all, 4, args.length);
        return all;
    }

    @Test
    void subscribe_and_qos_0_1_2_pass_through_and_are_matched() throws Exception {
        Process sub = Clients.start("mosquitto_sub", at("-i", "watcher", "-t", "a/#", "-q", "2", "-C", "3", "-v"));
        proxy.await("SUBACK", packet(p -> p instanceof SubAck));
        for (int q = 0; q <= 2; q++) {
            Clients.run("mosquitto_pub", at("-i", "pub" + q, "-t", "a/q" + q, "-m", "m" + q, "-q", String.valueOf(q)));
        }
        assertThat(Clients.output(sub, "mosquitto_sub").lines()).containsExactly("a/q0 m0", "a/q1 m1", "a/q2 m2");

        SnifferEvent.Packet subscribe = (SnifferEvent.Packet) proxy.await("SUBSCRIBE",
                packet(p -> p instanceof Subscribe));
        SnifferEvent.Packet suback = (SnifferEvent.Packet) proxy.await("SUBACK", packet(p -> p instanceof SubAck));
        assertThat(suback.responseTo()).hasValue(subscribe.frame());
        assertThat(suback.clientId()).isEqualTo("watcher");
        assertThat(suback.latencyNanos()).isPresent();

        // the QoS 2 flow from pub2 ends with a PUBCOMP that answers its PUBREL
        // (the watcher, subscribed at QoS 2, has a QoS 2 flow of its own)
        SnifferEvent.Packet pubcomp = (SnifferEvent.Packet) proxy.await("PUBCOMP to pub2",
                e -> packet(p -> p instanceof PubComp).test(e) && "pub2".equals(((SnifferEvent.Packet) e).clientId()));
        assertThat(pubcomp.dir()).isEqualTo(org.mqttsniff.session.Direction.S2C);
        assertThat(pubcomp.responseTo()).isPresent();
        // each message twice: from its publisher, and from the broker to the watcher
        for (int q = 0; q <= 2; q++) {
            String topic = "a/q" + q;
            java.util.function.Predicate<SnifferEvent.Packet> toTopic = p -> p.result() instanceof DecodeResult.Decoded d
                    && d.packet() instanceof Publish pb && pb.topic().equals(topic);
            proxy.awaitPackets("PUBLISH to " + topic, toTopic, 2);
            assertThat(proxy.packets()).filteredOn(toTopic).hasSize(2);
        }
        assertThat(proxy.packets()).noneMatch(p -> p.result() instanceof DecodeResult.Malformed);
    }

    @Test
    void retained_message_reaches_a_later_subscriber_with_its_retain_flag() throws Exception {
        Clients.run("mosquitto_pub", at("-i", "keeper", "-t", "r/1", "-m", "kept", "-r", "-q", "1"));
        String got = Clients.run("mosquitto_sub", at("-i", "late", "-t", "r/#", "-C", "1", "-v"));
        assertThat(got.strip()).isEqualTo("r/1 kept");
        SnifferEvent.Packet delivered = (SnifferEvent.Packet) proxy.await("retained PUBLISH to late",
                e -> e instanceof SnifferEvent.Packet p && "late".equals(p.clientId())
                        && p.result() instanceof DecodeResult.Decoded d && d.packet() instanceof Publish);
        Publish pb = (Publish) ((DecodeResult.Decoded) delivered.result()).packet();
        assertThat(pb.retain()).isTrue();
        assertThat(pb.payload().utf8()).isEqualTo("kept");
    }

    @Test
    void will_fires_when_a_client_is_killed() throws Exception {
        Process watcher = Clients.start("mosquitto_sub", at("-i", "w", "-t", "will/#", "-C", "1", "-v"));
        proxy.await("watcher's SUBACK", e -> e instanceof SnifferEvent.Packet p && "w".equals(p.clientId())
                && p.result() instanceof DecodeResult.Decoded d && d.packet() instanceof SubAck);
        Process doomed = Clients.start("mosquitto_sub", at("-i", "doomed", "-t", "x", "--will-topic", "will/doomed",
                "--will-payload", "gone", "-k", "60"));
        SnifferEvent.Packet connect = (SnifferEvent.Packet) proxy.await("doomed's SUBACK",
                e -> e instanceof SnifferEvent.Packet p && "doomed".equals(p.clientId())
                        && p.result() instanceof DecodeResult.Decoded d && d.packet() instanceof SubAck);
        doomed.destroyForcibly(); // SIGKILL: no DISCONNECT, so the broker sends the will
        doomed.waitFor(5, TimeUnit.SECONDS);

        assertThat(Clients.output(watcher, "watcher").strip()).isEqualTo("will/doomed gone");
        SnifferEvent close = proxy.await("doomed's close", e -> e instanceof SnifferEvent.Close c
                && c.stream() == connect.stream());
        assertThat(((SnifferEvent.Close) close).reason()).isIn("fin", "rst");
        SnifferEvent.Packet conn = (SnifferEvent.Packet) proxy.await("doomed's CONNECT",
                packet(p -> p instanceof Connect c && c.clientId().equals("doomed")));
        Connect c = (Connect) ((DecodeResult.Decoded) conn.result()).packet();
        assertThat(c.will()).hasValueSatisfying(w -> assertThat(w.topic()).isEqualTo("will/doomed"));
    }

    @Test
    void a_thousand_clients_at_once_are_relayed_and_each_is_its_own_session() throws Exception {
        int n = 1_000;
        // four descriptors per client here: the test's socket, the proxy's two, and the broker's
        long fds = ((com.sun.management.UnixOperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getMaxFileDescriptorCount();
        org.junit.jupiter.api.Assumptions.assumeTrue(fds > 5L * n, "needs ulimit -n above " + 5 * n + ", have " + fds);
        List<java.net.Socket> clients = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                java.net.Socket s = new java.net.Socket("127.0.0.1", proxy.port);
                clients.add(s);
                byte[] id = String.format("c%04d", i).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                byte[] connect = new byte[12 + 2 + id.length];
                byte[] head = {0x10, (byte) (12 + id.length), 0, 4, 'M', 'Q', 'T', 'T', 4, 2, 0, 60, 0, (byte) id.length};
                System.arraycopy(head, 0, connect, 0, head.length);
                System.arraycopy(id, 0, connect, head.length, id.length);
                s.getOutputStream().write(connect);
            }
            for (java.net.Socket s : clients) {
                s.setSoTimeout(20_000);
                assertThat(s.getInputStream().readNBytes(4)).containsExactly(0x20, 2, 0, 0);
            }
            assertThat(proxy.server.active()).isEqualTo(n);
            proxy.await("all CONNACKs", e -> proxy.packets().size() >= 2 * n);
            assertThat(proxy.packets()).filteredOn(p -> p.result().typeName().equals("CONNACK"))
                    .extracting(SnifferEvent.Packet::clientId).doesNotHaveDuplicates().hasSize(n);
        } finally {
            for (java.net.Socket s : clients) {
                s.close();
            }
        }
    }

    @Test
    void mqtt5_properties_are_decoded() throws Exception {
        Clients.run("mosquitto_pub", at("-V", "mqttv5", "-i", "five", "-t", "p/5", "-m", "{}", "-q", "1",
                "-D", "publish", "user-property", "k", "v", "-D", "publish", "content-type", "application/json"));
        SnifferEvent.Packet p = (SnifferEvent.Packet) proxy.await("v5 PUBLISH", packet(x -> x instanceof Publish));
        Publish pb = (Publish) ((DecodeResult.Decoded) p.result()).packet();
        assertThat(pb.properties().userProperties()).containsExactly(new StringPair("k", "v"));
        assertThat(pb.properties().get(org.mqttsniff.mqtt.PropertyId.CONTENT_TYPE)).hasValueSatisfying(x -> assertThat(x.value()).isEqualTo("application/json"));
        assertThat(p.clientId()).isEqualTo("five");
        List<SnifferEvent.Packet> all = proxy.packets();
        assertThat(all).allMatch(x -> x.result().version() == org.mqttsniff.mqtt.MqttVersion.V5);
    }
}
