package org.mqttsniff.capture.craft;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.mqttsniff.bytes.ByteSlice;
import org.mqttsniff.mqtt.PropertyId;
import org.mqttsniff.mqtt.Properties;
import org.mqttsniff.mqtt.Property;
import org.mqttsniff.mqtt.Publish;
import org.mqttsniff.mqtt.Subscribe;
import org.mqttsniff.mqtt.Subscription;

/**
 * Writes samples/crafted/*.pcap: one small capture per TCP hard case of issue 3, made with the
 * project's encoder and pcap writer. Everything is fixed (addresses, ports, ISNs, times), so a
 * second run writes the same bytes.
 *
 * <pre>./mvnw -B -q -o -pl capture -am test-compile
 * java -cp "capture/target/test-classes:capture/target/classes:decoder/target/classes" \
 *     org.mqttsniff.capture.craft.CraftCaptures samples/crafted</pre>
 */
public final class CraftCaptures {
    private static final String CLIENT = "192.168.7.20";
    private static final String BROKER = "192.168.7.10";
    private static final Mqtt M3 = Mqtt.V311;
    private static final Mqtt M5 = Mqtt.V5;

    private final Path dir;

    private CraftCaptures(Path dir) {
        this.dir = dir;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: CraftCaptures OUTDIR");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        CraftCaptures c = new CraftCaptures(dir);
        c.outOfOrder();
        c.retransmission();
        c.overlapConflict();
        c.seqWraparound();
        c.interleaved();
        c.portReuse();
        c.rstMidPacket();
        c.midStream();
        c.lostSegment();
        c.splitRemainingLength();
        c.manyInOne();
        c.largePublish();
        c.notMqtt();
        c.ipv6();
        c.vlan();
        c.ipv4Fragments();
        c.otherPort();
        c.v5Inferred();
    }

    private Capture open(String name) throws IOException {
        return new Capture(dir.resolve(name + ".pcap"));
    }

    /** Handshake, CONNECT and CONNACK of a 3.1.1 client. */
    private static void connect(Capture cap, Flow f, String clientId) throws IOException {
        cap.add(f, f.handshake());
        cap.add(f, f.c(M3.connect(clientId)), f.s(M3.connack()));
    }

    private static void disconnect(Capture cap, Flow f) throws IOException {
        cap.add(f, f.c(M3.disconnect()));
        cap.add(f, f.close());
    }

    /** A broker's PUBLISH in three segments that arrive 1, 3, 2; a client's PINGREQ overtakes its PUBLISH. */
    void outOfOrder() throws IOException {
        try (Capture cap = open("out-of-order")) {
            Flow f = new Flow(CLIENT, 50001, BROKER, 1883, 1_000_000, 7_000_000);
            connect(cap, f, "ooo-client");
            cap.add(f, f.c(M3.subscribe(1, "sensors/#", 1)), f.s(M3.suback(1, 1)));
            List<Flow.Seg> pub = f.sendSplit(false, M3.publish(1, "sensors/kitchen/temp", 1,
                    "{\"celsius\":21.5,\"history\":\"" + Mqtt.text("k", 240) + "\"}"), 100);
            cap.add(f, pub.get(0), pub.get(2), pub.get(1));
            cap.add(f, f.c(M3.puback(1)));
            Flow.Seg publish = f.c(M3.publish(1, "cmd/kitchen/fan", 2, "on"));
            Flow.Seg ping = f.c(M3.pingreq());
            cap.add(f, ping, publish);
            cap.add(f, f.s(M3.puback(2)), f.s(M3.pingresp()));
            disconnect(cap, f);
        }
    }

    /** An exact retransmission, and a repacketised one that overlaps delivered bytes and brings new ones. */
    void retransmission() throws IOException {
        try (Capture cap = open("retransmission")) {
            Flow f = new Flow(CLIENT, 50002, BROKER, 1883, 2_000_000, 8_000_000);
            connect(cap, f, "retx-client");
            Flow.Seg p1 = f.c(M3.publish(1, "meter/power", 1, "{\"watts\":412}"));
            cap.add(f, p1, p1); // the ACK was slow: the same segment again
            cap.add(f, f.s(M3.puback(1)));
            byte[] two = Wire.cat(M3.publish(1, "meter/power", 2, "{\"watts\":415}"),
                    M3.publish(1, "meter/energy", 3, "{\"kwh\":1234.5}"));
            Flow.Seg both = f.c(two);
            cap.add(f, both.part(0, 20));                // first 20 bytes got through
            cap.add(f, both.part(10, two.length));       // resent from byte 10: 10 old, the rest new
            cap.add(f, f.s(Wire.cat(M3.puback(2), M3.puback(3))));
            disconnect(cap, f);
        }
    }

    /**
     * Two copies of the same bytes that differ: the copy that arrived first wins, whether it was
     * already delivered or still waiting behind a hole.
     */
    void overlapConflict() throws IOException {
        try (Capture cap = open("overlap-conflict")) {
            Flow f = new Flow(CLIENT, 50003, BROKER, 1883, 3_000_000, 9_000_000);
            connect(cap, f, "overlap-client");
            byte[] on = M3.publish(0, "lights/hall", 0, "state=ON ");
            byte[] off = M3.publish(0, "lights/hall", 0, "state=OFF");
            Flow.Seg first = f.c(on);
            cap.add(f, first);
            cap.add(f, first.withPayload(off)); // delivered already: the later copy is ignored
            byte[] door = M3.publish(0, "doors/front", 0, "locked  ");
            Flow.Seg d = f.c(door);
            Flow.Seg head = d.part(0, 10);
            Flow.Seg tail = d.part(10, door.length);
            byte[] other = M3.publish(0, "doors/front", 0, "unlocked");
            cap.add(f, tail);                                        // waits behind a hole
            cap.add(f, tail.withPayload(Arrays.copyOfRange(other, 10, other.length))); // conflicts with it
            cap.add(f, head);                                        // fills the hole
            disconnect(cap, f);
        }
    }

    /** Both ISNs just below 2^32: the client's PUBLISH crosses the wrap in three segments that arrive 3, 1, 2. */
    void seqWraparound() throws IOException {
        try (Capture cap = open("seq-wraparound")) {
            Flow f = new Flow(CLIENT, 50004, BROKER, 1883, 0xFFFF_FF80L, 0xFFFF_FFFAL);
            connect(cap, f, "wrap-client"); // the broker's CONNACK ends at 2^32 - 1
            cap.add(f, f.c(M3.subscribe(1, "wrap/#", 0)), f.s(M3.suback(1, 0))); // the SUBACK crosses the wrap
            List<Flow.Seg> pub = f.sendSplit(true, M3.publish(1, "wrap/test", 7, Mqtt.text("w", 200)), 80);
            cap.add(f, pub.get(2), pub.get(0), pub.get(1));
            cap.add(f, f.s(M3.puback(7)));
            disconnect(cap, f);
        }
    }

    /** Three clients whose connections' frames alternate one by one. */
    void interleaved() throws IOException {
        List<List<byte[]>> conns = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Flow f = new Flow("192.168.7." + (21 + i), 50010 + i, BROKER, 1883, 10_000_000L * (i + 1), 20_000_000L * (i + 1));
            List<Flow.Seg> segs = new ArrayList<>(f.handshake());
            segs.add(f.c(M3.connect("sensor-" + i)));
            segs.add(f.s(M3.connack()));
            segs.add(f.c(M3.publish(1, "plant/line" + i + "/status", 1, "{\"running\":true,\"line\":" + i + "}")));
            segs.add(f.s(M3.puback(1)));
            segs.add(f.c(M3.disconnect()));
            segs.addAll(f.close());
            List<byte[]> frames = new ArrayList<>();
            segs.forEach(s -> frames.add(f.frame(s)));
            conns.add(frames);
        }
        try (Capture cap = open("interleaved")) {
            for (int k = 0; k < conns.get(0).size(); k++) {
                for (List<byte[]> c : conns) {
                    cap.frame(c.get(k));
                }
            }
        }
    }

    /** One 4-tuple carries two connections, one after the other: the second is a new stream. */
    void portReuse() throws IOException {
        try (Capture cap = open("port-reuse")) {
            Flow a = new Flow(CLIENT, 50005, BROKER, 1883, 4_000_000, 11_000_000);
            connect(cap, a, "reuse-first");
            cap.add(a, a.c(M3.publish(0, "reuse/n", 0, "1")));
            disconnect(cap, a);
            Flow b = new Flow(CLIENT, 50005, BROKER, 1883, 4_500_000, 12_000_000);
            connect(cap, b, "reuse-second");
            cap.add(b, b.c(M3.publish(0, "reuse/n", 0, "2")));
            disconnect(cap, b);
        }
    }

    /** The broker resets the connection when two of the three segments of a PUBLISH have arrived. */
    void rstMidPacket() throws IOException {
        try (Capture cap = open("rst-mid-packet")) {
            Flow f = new Flow(CLIENT, 50006, BROKER, 1883, 5_000_000, 13_000_000);
            connect(cap, f, "rst-client");
            cap.add(f, f.c(M3.publish(1, "logs/upload", 1, "first")), f.s(M3.puback(1)));
            List<Flow.Seg> pub = f.sendSplit(true, M3.publish(1, "logs/upload", 2, Mqtt.text("r", 4000)), 1460);
            cap.add(f, pub.get(0), pub.get(1));
            cap.add(f, f.rst(false));
        }
    }

    /**
     * No handshake: the capture starts while the client is in the middle of a PUBLISH whose JSON
     * payload holds digits and colons, bytes that look like PUBLISH headers.
     */
    void midStream() throws IOException {
        try (Capture cap = open("mid-stream")) {
            Flow f = new Flow(CLIENT, 50007, BROKER, 1883, 6_000_000, 14_000_000);
            String json = "{\"ts\":1714564800,\"temps\":[21.5,21.7,0.0,30.1],\"ok\":true,\"note\":\"0:1;2<3=4>5?\"}";
            Flow.Seg cut = f.c(M3.publish(1, "sensors/lab/json", 41, json));
            cap.add(f, cut.part(20, cut.payload().length)); // the first 20 bytes were before the capture
            cap.add(f, f.s(M3.puback(41)));
            cap.add(f, f.c(M3.publish(1, "sensors/lab/json", 42, "{\"ts\":1714564801}")), f.s(M3.puback(42)));
            cap.add(f, f.c(M3.pingreq()), f.s(M3.pingresp()));
            disconnect(cap, f);
        }
    }

    /**
     * Two losses: the second half of a PUBLISH (its end is known, so sync is kept), and a
     * segment holding the end of one PUBLISH and the start of the next (sync is lost, and found
     * again at the PUBLISH after).
     */
    void lostSegment() throws IOException {
        try (Capture cap = open("lost-segment")) {
            Flow f = new Flow(CLIENT, 50008, BROKER, 1883, 15_000_000, 16_000_000);
            connect(cap, f, "lossy-client");
            cap.add(f, f.c(M3.publish(1, "tele/a", 1, "{\"seq\":1}")), f.s(M3.puback(1)));
            List<Flow.Seg> two = f.sendSplit(true, M3.publish(1, "tele/a", 2, Mqtt.text("two", 60)), 40);
            cap.add(f, two.get(0));                  // two.get(1) (30 bytes) is lost
            cap.add(f, f.c(M3.publish(1, "tele/a", 3, "{\"seq\":3}")));
            cap.add(f, f.s(Wire.cat(M3.puback(2), M3.puback(3)))); // its ACK covers the hole
            byte[] run = Wire.cat(M3.publish(1, "tele/a", 4, Mqtt.text("four", 50)),
                    M3.publish(1, "tele/a", 5, Mqtt.text("five", 50)), M3.publish(1, "tele/a", 6, "{\"seq\":6}"));
            Flow.Seg all = f.c(run);
            int lostFrom = 30;
            int lostTo = 90; // inside PUBLISH 5, which starts at 60
            cap.add(f, all.part(0, lostFrom), all.part(lostTo, run.length));
            cap.add(f, f.s(Wire.cat(M3.puback(4), M3.puback(5), M3.puback(6))));
            disconnect(cap, f);
        }
    }

    /**
     * Segment boundaries inside the fixed header: a 2-byte Remaining Length split 1+1, and a
     * fixed header split after its first byte. Packets follow to show the stream goes on.
     */
    void splitRemainingLength() throws IOException {
        try (Capture cap = open("split-remaining-length")) {
            Flow f = new Flow(CLIENT, 50009, BROKER, 1883, 17_000_000, 18_000_000);
            connect(cap, f, "split-client");
            byte[] pub = M3.publish(1, "camera/frontdoor/meta", 5, Mqtt.text("meta", 300));
            Flow.Seg s = f.c(pub);
            cap.add(f, s.part(0, 2), s.part(2, pub.length)); // 0x32 0xXX | 0x02 ...
            cap.add(f, f.s(M3.puback(5)));
            byte[] pub2 = M3.publish(0, "camera/frontdoor/meta", 0, Mqtt.text("again", 200));
            Flow.Seg s2 = f.c(Wire.cat(pub2, M3.pingreq()));
            cap.add(f, s2.part(0, 1), s2.part(1, 3), s2.part(3, pub2.length + 2)); // 0x30 | RL RL | rest
            cap.add(f, f.s(M3.pingresp()));
            disconnect(cap, f);
        }
    }

    /** A retained burst: 25 PUBLISH in one segment, then four acks in another. */
    void manyInOne() throws IOException {
        try (Capture cap = open("many-in-one")) {
            Flow f = new Flow(CLIENT, 50010, BROKER, 1883, 19_000_000, 21_000_000);
            connect(cap, f, "burst-client");
            cap.add(f, f.c(M3.subscribe(1, "rooms/+/temp", 1)), f.s(M3.suback(1, 1)));
            byte[] burst = new byte[0];
            for (int i = 1; i <= 25; i++) {
                burst = Wire.cat(burst, M3.publish(i <= 4 ? 1 : 0, "rooms/r" + i + "/temp", i, "{\"c\":" + (18 + i % 7) + "}"));
            }
            cap.add(f, f.s(burst));
            cap.add(f, f.c(Wire.cat(M3.puback(1), M3.puback(2), M3.puback(3), M3.puback(4))));
            disconnect(cap, f);
        }
    }

    /** One 100 KB PUBLISH in 71 segments of 1460 bytes. */
    void largePublish() throws IOException {
        try (Capture cap = open("large-publish")) {
            Flow f = new Flow(CLIENT, 50011, BROKER, 1883, 22_000_000, 23_000_000);
            connect(cap, f, "firmware-client");
            cap.add(f, f.sendSplit(true, M3.publish(1, "ota/firmware", 9, Mqtt.text("fw", 100 * 1024)), 1460));
            cap.add(f, f.s(M3.puback(9)));
            disconnect(cap, f);
        }
    }

    /** An HTTP WebSocket upgrade and a TLS ClientHello sent to port 1883, then a real MQTT client. */
    void notMqtt() throws IOException {
        try (Capture cap = open("not-mqtt")) {
            Flow http = new Flow(CLIENT, 50012, BROKER, 1883, 24_000_000, 25_000_000);
            cap.add(http, http.handshake());
            cap.add(http, http.c(("GET /mqtt HTTP/1.1\r\nHost: broker.local:1883\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Protocol: mqtt\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
            cap.add(http, http.fin(false), http.fin(true), http.ack(false));
            Flow tls = new Flow(CLIENT, 50013, BROKER, 1883, 26_000_000, 27_000_000);
            cap.add(tls, tls.handshake());
            cap.add(tls, tls.c(clientHello("broker.local")));
            cap.add(tls, tls.rst(false));
            Flow mqtt = new Flow(CLIENT, 50014, BROKER, 1883, 28_000_000, 29_000_000);
            connect(cap, mqtt, "plain-client");
            disconnect(cap, mqtt);
        }
    }

    /** A TLS 1.3 ClientHello (RFC 8446 §4.1.2) with one cipher suite and a server_name extension. */
    private static byte[] clientHello(String host) {
        byte[] name = host.getBytes(StandardCharsets.US_ASCII);
        byte[] sni = Wire.cat(Wire.u16(0), Wire.u16(name.length + 5), Wire.u16(name.length + 3), new byte[] {0},
                Wire.u16(name.length), name);
        byte[] versions = Wire.cat(Wire.u16(43), Wire.u16(3), new byte[] {2, 3, 4});
        byte[] extensions = Wire.cat(sni, versions);
        byte[] random = new byte[32];
        for (int i = 0; i < random.length; i++) {
            random[i] = (byte) (i * 37 + 11);
        }
        byte[] body = Wire.cat(new byte[] {3, 3}, random, new byte[] {0}, Wire.u16(2), Wire.u16(0x1301),
                new byte[] {1, 0}, Wire.u16(extensions.length), extensions);
        byte[] handshake = Wire.cat(new byte[] {1, 0}, Wire.u16(body.length), body);
        return Wire.cat(new byte[] {0x16, 3, 1}, Wire.u16(handshake.length), handshake);
    }

    /** A 5.0 session over IPv6 with properties and a topic alias. */
    void ipv6() throws IOException {
        try (Capture cap = open("ipv6")) {
            Flow f = new Flow("2001:db8::20", 50015, "2001:db8::10", 1883, 30_000_000, 31_000_000);
            cap.add(f, f.handshake());
            cap.add(f, f.c(M5.connect("v6-client", Properties.of(Property.of(PropertyId.SESSION_EXPIRY_INTERVAL, 3600L)))));
            cap.add(f, f.s(M5.connack()));
            cap.add(f, f.c(M5.encode(new Publish(false, 1, false, "net/v6/status", 1,
                    Properties.of(Property.of(PropertyId.TOPIC_ALIAS, 3)), ByteSlice.utf8("up")))));
            cap.add(f, f.s(M5.puback(1)));
            cap.add(f, f.c(M5.encode(new Publish(false, 1, false, "", 2,
                    Properties.of(Property.of(PropertyId.TOPIC_ALIAS, 3)), ByteSlice.utf8("still up")))));
            cap.add(f, f.s(M5.puback(2)));
            cap.add(f, f.c(M5.disconnect()));
            cap.add(f, f.close());
        }
    }

    /** A 3.1.1 session in 802.1Q VLAN 100. */
    void vlan() throws IOException {
        try (Capture cap = open("vlan")) {
            Flow f = new Flow(CLIENT, 50016, BROKER, 1883, 32_000_000, 33_000_000).vlan(100);
            connect(cap, f, "vlan-client");
            cap.add(f, f.c(M3.subscribe(1, "factory/#", 0)), f.s(M3.suback(1, 0)));
            cap.add(f, f.s(M3.publish(0, "factory/press/1", 0, "cycle=812")));
            disconnect(cap, f);
        }
    }

    /** Two PUBLISH segments cut into IPv4 fragments, the second set arriving last fragment first. */
    void ipv4Fragments() throws IOException {
        try (Capture cap = open("ipv4-fragments")) {
            Flow f = new Flow(CLIENT, 50017, BROKER, 1883, 34_000_000, 35_000_000);
            connect(cap, f, "frag-client");
            for (byte[] frame : f.fragments(f.c(M3.publish(1, "frag/a", 1, Mqtt.text("a", 600))), 208, 408)) {
                cap.frame(frame);
            }
            cap.add(f, f.s(M3.puback(1)));
            List<byte[]> reversed = new ArrayList<>(f.fragments(f.c(M3.publish(1, "frag/b", 2, Mqtt.text("b", 300))), 160));
            cap.frame(reversed.get(1)).frame(reversed.get(0));
            cap.add(f, f.s(M3.puback(2)));
            disconnect(cap, f);
        }
    }

    /** MQTT to port 18830, recognised by the CONNECT that opens the stream. */
    void otherPort() throws IOException {
        try (Capture cap = open("other-port")) {
            Flow f = new Flow(CLIENT, 50018, BROKER, 18830, 36_000_000, 37_000_000);
            connect(cap, f, "port-client");
            cap.add(f, f.c(M3.publish(1, "alt/port", 1, "hello 18830")), f.s(M3.puback(1)));
            disconnect(cap, f);
        }
    }

    /**
     * A 5.0 connection whose CONNECT came before the capture: the SUBSCRIBE's property length and
     * subscription options break 3.1.1's rules, so the version is inferred as 5.0, and the
     * PUBLISH after it decodes with its properties.
     */
    void v5Inferred() throws IOException {
        try (Capture cap = open("v5-inferred")) {
            Flow f = new Flow(CLIENT, 50019, BROKER, 1883, 38_000_000, 39_000_000);
            cap.add(f, f.c(M5.encode(new Subscribe(3, Properties.EMPTY,
                    List.of(new Subscription("alerts/#", 1, true, false, 0))))));
            cap.add(f, f.s(M5.suback(3, 1)));
            cap.add(f, f.s(M5.encode(new Publish(false, 1, false, "alerts/fire", 1,
                    Properties.of(Property.of(PropertyId.MESSAGE_EXPIRY_INTERVAL, 300L), Property.user("zone", "B2")),
                    ByteSlice.utf8("smoke detected")))));
            cap.add(f, f.c(M5.puback(1)));
            cap.add(f, f.c(M5.disconnect()));
            cap.add(f, f.close());
        }
    }
}
