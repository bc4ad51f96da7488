package org.mqttsniff.bench;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.mqttsniff.bytes.ByteSlice;
import org.mqttsniff.mqtt.Connect;
import org.mqttsniff.mqtt.MqttEncoder;
import org.mqttsniff.mqtt.MqttVersion;
import org.mqttsniff.mqtt.Publish;

/**
 * Load for the live capture benchmark: CONNECTIONS clients that each publish small QoS 1 messages
 * one at a time, every PUBLISH waiting for its PUBACK. That makes many small TCP segments (one
 * MQTT packet each, TCP_NODELAY), the hardest case for a capture; mosquitto_pub -l would instead
 * send few large segments.
 *
 * <p>Usage: QosOneFlood HOST PORT CONNECTIONS SECONDS. Prints the publishes done on stdout.
 */
public final class QosOneFlood {
    private QosOneFlood() {
    }

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        int connections = Integer.parseInt(args[2]);
        long seconds = Long.parseLong(args[3]);
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong done = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            int n = c;
            Thread t = new Thread(() -> {
                try {
                    done.addAndGet(client(host, port, "flood-" + n, deadline));
                } catch (IOException e) {
                    System.err.println("flood-" + n + ": " + e.getMessage());
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        System.out.printf("%d publishes in %d s over %d connections: %.0f/s%n", done.get(), seconds, connections,
                done.get() / (double) seconds);
    }

    private static long client(String host, int port, String id, long deadline) throws IOException {
        try (Socket s = new Socket()) {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(host, port));
            OutputStream out = s.getOutputStream();
            DataInputStream in = new DataInputStream(s.getInputStream());
            out.write(MqttEncoder.encode(new Connect(MqttVersion.V3_1_1, true, 60, id), MqttVersion.V3_1_1));
            byte[] ack = new byte[4];
            in.readFully(ack); // CONNACK
            ByteSlice payload = ByteSlice.utf8("{\"t\":21.5}");
            String topic = "bench/" + id;
            long sent = 0;
            while (System.nanoTime() < deadline) {
                int packetId = (int) (sent % 65535) + 1;
                out.write(MqttEncoder.encode(new Publish(1, topic, packetId, payload), MqttVersion.V3_1_1));
                in.readFully(ack); // PUBACK: 40 02 id id
                sent++;
            }
            out.write(new byte[] {(byte) 0xE0, 0}); // DISCONNECT
            return sent;
        }
    }
}
