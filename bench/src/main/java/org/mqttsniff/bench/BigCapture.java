package org.mqttsniff.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.mqttsniff.bytes.ByteSlice;
import org.mqttsniff.capture.file.PcapWriter;
import org.mqttsniff.mqtt.ConnAck;
import org.mqttsniff.mqtt.Connect;
import org.mqttsniff.mqtt.Disconnect;
import org.mqttsniff.mqtt.MqttEncoder;
import org.mqttsniff.mqtt.MqttPacket;
import org.mqttsniff.mqtt.MqttVersion;
import org.mqttsniff.mqtt.PubAck;
import org.mqttsniff.mqtt.Publish;
import org.mqttsniff.net.LinkType;
import org.mqttsniff.net.RawFrame;

/**
 * Writes the capture the benchmark asks for: many connections of sensors publishing
 * small JSON readings, half at QoS 1 (so half the PUBLISHes get a PUBACK), one MQTT packet per
 * TCP segment as telemetry clients send them, over Ethernet/IPv4 with full handshakes.
 *
 * <p>Usage: {@code BigCapture OUT.pcap [publishes] [connections]} (default 1,000,000 over 50).
 * Seeded, so the same arguments give the same file.
 */
public final class BigCapture {
    private final PcapWriter out;
    private long time = 1_700_000_000_000_000_000L;
    private long frames;
    private final byte[] frame = new byte[2048];

    private BigCapture(PcapWriter out) {
        this.out = out;
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        long publishes = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
        int connections = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        long frames = write(file, publishes, connections);
        System.out.printf("%s: %,d frames, %,d PUBLISH over %d connections, %,d bytes%n", file, frames, publishes,
                connections, Files.size(file));
    }

    /** Writes the capture; returns its number of frames (1.5 per PUBLISH, plus 9 per connection). */
    static long write(Path file, long publishes, int connections) throws IOException {
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
             PcapWriter w = new PcapWriter(os, LinkType.ETHERNET, false)) {
            BigCapture c = new BigCapture(w);
            c.write(publishes, connections);
            return c.frames;
        }
    }

    /** One TCP connection's state: its port and the next sequence number each way. */
    private static final class Conn {
        final int port;
        long clientSeq = 1000;
        long serverSeq = 5000;
        int nextId = 1;

        Conn(int port) {
            this.port = port;
        }
    }

    private void write(long publishes, int connections) throws IOException {
        Random rnd = new Random(42);
        Conn[] conns = new Conn[connections];
        for (int i = 0; i < connections; i++) {
            conns[i] = new Conn(40000 + i);
            handshake(conns[i]);
            mqtt(conns[i], true, new Connect(MqttVersion.V3_1_1, true, 60, "sensor-" + i));
            mqtt(conns[i], false, new ConnAck(false, 0));
        }
        for (long n = 0; n < publishes; n++) {
            Conn c = conns[(int) (n % connections)];
            int qos = (int) (n & 1);
            int id = 0;
            if (qos == 1) {
                id = c.nextId;
                c.nextId = c.nextId == 65535 ? 1 : c.nextId + 1;
            }
            String topic = "site/" + (c.port % 7) + "/sensor/" + (c.port - 40000) + "/temperature";
            String json = "{\"t\":" + (18 + rnd.nextInt(10)) + "." + rnd.nextInt(10) + ",\"seq\":" + n + "}";
            mqtt(c, true, new Publish(qos, topic, id, ByteSlice.utf8(json)));
            if (qos == 1) {
                mqtt(c, false, new PubAck(id));
            }
        }
        for (Conn c : conns) {
            mqtt(c, true, new Disconnect());
            tcp(c, true, 0x11, ByteSlice.EMPTY); // FIN+ACK
            tcp(c, false, 0x11, ByteSlice.EMPTY);
            tcp(c, true, 0x10, ByteSlice.EMPTY);
        }
    }

    private void handshake(Conn c) throws IOException {
        tcp(c, true, 0x02, ByteSlice.EMPTY);  // SYN
        tcp(c, false, 0x12, ByteSlice.EMPTY); // SYN+ACK
        tcp(c, true, 0x10, ByteSlice.EMPTY);  // ACK
    }

    private void mqtt(Conn c, boolean fromClient, MqttPacket p) throws IOException {
        tcp(c, fromClient, 0x18, ByteSlice.wrap(MqttEncoder.encode(p, MqttVersion.V3_1_1)));
    }

    /** An Ethernet/IPv4/TCP frame between 10.0.0.2:port (client) and 10.0.0.1:1883 (broker). */
    private void tcp(Conn c, boolean fromClient, int flags, ByteSlice payload) throws IOException {
        int len = 14 + 20 + 20 + payload.length();
        byte[] f = frame;
        java.util.Arrays.fill(f, 0, 54, (byte) 0);
        f[12] = 0x08; // IPv4
        f[14] = 0x45;
        put16(f, 16, 20 + 20 + payload.length());
        f[22] = 64;
        f[23] = 6;
        byte[] client = {10, 0, 0, 2};
        byte[] server = {10, 0, 0, 1};
        System.arraycopy(fromClient ? client : server, 0, f, 26, 4);
        System.arraycopy(fromClient ? server : client, 0, f, 30, 4);
        put16(f, 34, fromClient ? c.port : 1883);
        put16(f, 36, fromClient ? 1883 : c.port);
        long seq = fromClient ? c.clientSeq : c.serverSeq;
        long ack = fromClient ? c.serverSeq : c.clientSeq;
        put32(f, 38, seq);
        put32(f, 42, (flags & 0x10) != 0 ? ack : 0);
        f[46] = 0x50;
        f[47] = (byte) flags;
        put16(f, 48, 65535);
        payload.copyTo(f, 54);
        long advance = payload.length() + ((flags & 0x03) != 0 ? 1 : 0); // SYN and FIN take a number
        if (fromClient) {
            c.clientSeq = (c.clientSeq + advance) & 0xFFFFFFFFL;
        } else {
            c.serverSeq = (c.serverSeq + advance) & 0xFFFFFFFFL;
        }
        time += 20_000; // 20 µs apart: about 50,000 frames per second of capture time
        frames++;
        out.write(new RawFrame(frames, time, LinkType.ETHERNET, ByteSlice.copyOf(f, 0, len), len));
    }

    private static void put16(byte[] b, int at, int v) {
        b[at] = (byte) (v >> 8);
        b[at + 1] = (byte) v;
    }

    private static void put32(byte[] b, int at, long v) {
        put16(b, at, (int) (v >>> 16));
        put16(b, at + 2, (int) v);
    }
}
