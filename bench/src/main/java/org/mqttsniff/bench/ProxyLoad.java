package org.mqttsniff.bench;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load generator of bench/proxy-bench.sh: one MQTT 3.1.1 publisher and one subscriber on
 * plain sockets, pointed at a broker directly or through the proxy, so both paths get exactly the
 * same load.
 *
 * <pre>
 * throughput HOST PORT SECONDS   publisher sends QoS 1 with up to 64 PUBLISHes unacknowledged;
 *                                prints messages/s received by the subscriber (after 1 s warm-up)
 * latency HOST PORT RATE SECONDS publisher sends QoS 0 at RATE messages/s, each stamped with
 *                                System.nanoTime(); prints the subscriber's receive latency
 *                                percentiles in microseconds
 * paired HOST DPORT PPORT RATE SECONDS
 *                                the latency load on both paths at once: every message goes to
 *                                the broker directly and through the proxy in the same instant
 *                                (which first alternates), so both meet the same scheduling noise;
 *                                prints each path's percentiles, and those of each message's
 *                                difference (proxy minus direct): the latency the proxy adds
 * </pre>
 *
 * Both publisher and subscriber run in this JVM, so send and receive times come from one clock.
 */
public final class ProxyLoad {
    private static final int WINDOW = 64;
    private static final int PAYLOAD = 64;

    private ProxyLoad() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: ProxyLoad throughput HOST PORT SECONDS | latency HOST PORT RATE SECONDS");
            System.exit(2);
        }
        String host = args[1];
        int port = Integer.parseInt(args[2]);
        if (args[0].equals("paired")) {
            paired(host, port, Integer.parseInt(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]));
        } else if (args[0].equals("throughput")) {
            throughput(host, port, Integer.parseInt(args[3]));
        } else {
            latency(host, port, Integer.parseInt(args[3]), Integer.parseInt(args[4]));
        }
    }

    private static void throughput(String host, int port, int seconds) throws Exception {
        String topic = "bench/t/" + System.nanoTime();
        AtomicLong received = new AtomicLong();
        try (Socket sub = connect(host, port, "bench-sub-" + System.nanoTime());
             Socket pub = connect(host, port, "bench-pub-" + System.nanoTime())) {
            subscribe(sub, topic);
            Thread reader = new Thread(() -> readPublishes(sub, (p, n) -> received.incrementAndGet()));
            reader.setDaemon(true);
            reader.start();
            AtomicLong acked = new AtomicLong();
            Thread acks = new Thread(() -> {
                try {
                    DataInputStream in = new DataInputStream(new BufferedInputStream(pub.getInputStream(), 1 << 16));
                    while (true) {
                        int type = in.readUnsignedByte();
                        int len = remaining(in);
                        in.skipNBytes(len);
                        if (type >> 4 == 4) {
                            synchronized (acked) {
                                acked.incrementAndGet();
                                acked.notifyAll();
                            }
                        }
                    }
                } catch (IOException end) {
                    // closed at the end
                }
            });
            acks.setDaemon(true);
            acks.start();
            OutputStream out = pub.getOutputStream();
            byte[] payload = new byte[PAYLOAD];
            long sent = 0;
            long warm = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            long end = warm + TimeUnit.SECONDS.toNanos(seconds);
            long startCount = -1;
            long now;
            while ((now = System.nanoTime()) < end) {
                if (startCount < 0 && now >= warm) {
                    startCount = received.get();
                }
                synchronized (acked) {
                    while (sent - acked.get() >= WINDOW) {
                        acked.wait(100);
                    }
                }
                sent++;
                out.write(publish(topic, 1, (int) (sent % 65535) + 1, payload));
            }
            long got = received.get() - startCount;
            System.out.printf("%.0f%n", got / (double) seconds);
        }
    }

    private static void latency(String host, int port, int rate, int seconds) throws Exception {
        String topic = "bench/l/" + System.nanoTime();
        int total = rate * (seconds + 1);
        long[] lat = new long[total];
        AtomicLong count = new AtomicLong();
        CountDownLatch all = new CountDownLatch(1);
        try (Socket sub = connect(host, port, "bench-lsub-" + System.nanoTime());
             Socket pub = connect(host, port, "bench-lpub-" + System.nanoTime())) {
            subscribe(sub, topic);
            Thread reader = new Thread(() -> readPublishes(sub, (payload, n) -> {
                long t = System.nanoTime();
                long sentAt = 0;
                for (int i = 0; i < 8; i++) {
                    sentAt = sentAt << 8 | (payload[i] & 0xFF);
                }
                long i = count.getAndIncrement();
                if (i < total) {
                    lat[(int) i] = t - sentAt;
                }
                if (i + 1 == total) {
                    all.countDown();
                }
            }));
            reader.setDaemon(true);
            reader.start();
            OutputStream out = pub.getOutputStream();
            byte[] payload = new byte[PAYLOAD];
            long start = System.nanoTime();
            for (int i = 0; i < total; i++) {
                long due = start + i * 1_000_000_000L / rate;
                long now;
                while ((now = System.nanoTime()) < due) {
                    if (due - now > 200_000) {
                        Thread.sleep(0, 100_000);
                    } else {
                        Thread.onSpinWait();
                    }
                }
                long t = System.nanoTime();
                for (int b = 7; b >= 0; b--) {
                    payload[7 - b] = (byte) (t >>> (8 * b));
                }
                out.write(publish(topic, 0, 0, payload));
            }
            if (!all.await(30, TimeUnit.SECONDS)) {
                System.err.println("lost messages: " + count.get() + " of " + total);
            }
        }
        int n = (int) Math.min(count.get(), total);
        // the first second is warm-up
        long[] s = Arrays.copyOfRange(lat, Math.min(rate, n), n);
        Arrays.sort(s);
        System.out.printf("p50=%.0f p99=%.0f p999=%.0f max=%.0f n=%d%n", pct(s, 0.50), pct(s, 0.99), pct(s, 0.999),
                s.length == 0 ? 0.0 : s[s.length - 1] / 1e3, s.length);
    }

    /** One path of {@link #paired}: a publisher and a subscriber, and when each message went and came. */
    private static final class Path implements AutoCloseable {
        final Socket pub;
        final Socket sub;
        final byte[] topic;
        final long[] sent;
        final long[] received;
        final AtomicLong count = new AtomicLong();

        Path(String host, int port, String name, int total) throws IOException {
            String t = "bench/p/" + name + "/" + System.nanoTime();
            topic = t.getBytes(StandardCharsets.UTF_8);
            sub = connect(host, port, "bench-" + name + "-sub-" + System.nanoTime());
            pub = connect(host, port, "bench-" + name + "-pub-" + System.nanoTime());
            subscribe(sub, t);
            sent = new long[total];
            received = new long[total];
            Thread reader = new Thread(() -> readPublishes(sub, (payload, n) -> {
                long at = System.nanoTime();
                int seq = (payload[0] & 0xFF) << 24 | (payload[1] & 0xFF) << 16 | (payload[2] & 0xFF) << 8
                        | (payload[3] & 0xFF);
                if (seq >= 0 && seq < received.length) {
                    received[seq] = at;
                }
                count.incrementAndGet();
            }), "bench-" + name);
            reader.setDaemon(true);
            reader.start();
        }

        void send(int seq, byte[] payload) throws IOException {
            payload[0] = (byte) (seq >>> 24);
            payload[1] = (byte) (seq >>> 16);
            payload[2] = (byte) (seq >>> 8);
            payload[3] = (byte) seq;
            byte[] frame = publish(new String(topic, StandardCharsets.UTF_8), 0, 0, payload);
            sent[seq] = System.nanoTime();
            pub.getOutputStream().write(frame);
        }

        @Override
        public void close() throws IOException {
            pub.close();
            sub.close();
        }
    }

    private static void paired(String host, int directPort, int proxyPort, int rate, int seconds) throws Exception {
        int total = rate * (seconds + 1);
        try (Path direct = new Path(host, directPort, "d", total);
             Path proxy = new Path(host, proxyPort, "p", total)) {
            byte[] payload = new byte[PAYLOAD];
            long start = System.nanoTime();
            for (int i = 0; i < total; i++) {
                long due = start + i * 1_000_000_000L / rate;
                long now;
                while ((now = System.nanoTime()) < due) {
                    if (due - now > 200_000) {
                        Thread.sleep(0, 100_000);
                    } else {
                        Thread.onSpinWait();
                    }
                }
                Path first = (i & 1) == 0 ? direct : proxy;
                Path second = first == direct ? proxy : direct;
                first.send(i, payload);
                second.send(i, payload);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while ((direct.count.get() < total || proxy.count.get() < total) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            // the first second is warm-up; a message lost on either path is left out of all three
            long[] d = new long[total];
            long[] p = new long[total];
            long[] diff = new long[total];
            int n = 0;
            for (int i = Math.min(rate, total); i < total; i++) {
                if (direct.received[i] != 0 && proxy.received[i] != 0) {
                    d[n] = direct.received[i] - direct.sent[i];
                    p[n] = proxy.received[i] - proxy.sent[i];
                    diff[n] = p[n] - d[n];
                    n++;
                }
            }
            d = Arrays.copyOf(d, n);
            p = Arrays.copyOf(p, n);
            diff = Arrays.copyOf(diff, n);
            Arrays.sort(d);
            Arrays.sort(p);
            Arrays.sort(diff);
            System.out.printf("direct p50=%.0f p99=%.0f | proxy p50=%.0f p99=%.0f | added p50=%.0f p99=%.0f p999=%.0f"
                    + " | n=%d%n", pct(d, 0.5), pct(d, 0.99), pct(p, 0.5), pct(p, 0.99), pct(diff, 0.5),
                    pct(diff, 0.99), pct(diff, 0.999), n);
        }
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e3;
    }

    interface OnPublish {
        void publish(byte[] payload, int length);
    }

    private static void readPublishes(Socket s, OnPublish on) {
        try {
            DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream(), 1 << 16));
            byte[] buf = new byte[1 << 16];
            while (true) {
                int type = in.readUnsignedByte();
                int len = remaining(in);
                if (len > buf.length) {
                    in.skipNBytes(len);
                    continue;
                }
                in.readFully(buf, 0, len);
                if (type >> 4 == 3) {
                    int topicLen = (buf[0] & 0xFF) << 8 | (buf[1] & 0xFF);
                    int at = 2 + topicLen + (((type >> 1) & 3) > 0 ? 2 : 0);
                    on.publish(Arrays.copyOfRange(buf, at, len), len - at);
                }
            }
        } catch (IOException end) {
            // closed at the end
        }
    }

    private static int remaining(DataInputStream in) throws IOException {
        int v = 0;
        for (int shift = 0; ; shift += 7) {
            int b = in.readUnsignedByte();
            v |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
    }

    private static Socket connect(String host, int port, String clientId) throws IOException {
        Socket s = new Socket(host, port);
        s.setTcpNoDelay(true);
        byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[10 + 2 + id.length];
        byte[] head = {0, 4, 'M', 'Q', 'T', 'T', 4, 2, 0, 60};
        System.arraycopy(head, 0, body, 0, 10);
        body[10] = (byte) (id.length >> 8);
        body[11] = (byte) id.length;
        System.arraycopy(id, 0, body, 12, id.length);
        s.getOutputStream().write(frame(0x10, body));
        InputStream in = s.getInputStream();
        byte[] connack = in.readNBytes(4);
        if (connack.length != 4 || connack[0] != 0x20 || connack[3] != 0) {
            throw new IOException("CONNECT refused: " + Arrays.toString(connack));
        }
        return s;
    }

    private static void subscribe(Socket s, String topic) throws IOException {
        byte[] t = topic.getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[2 + 2 + t.length + 1];
        body[1] = 1;
        body[2] = (byte) (t.length >> 8);
        body[3] = (byte) t.length;
        System.arraycopy(t, 0, body, 4, t.length);
        body[body.length - 1] = 0;
        s.getOutputStream().write(frame(0x82, body));
        byte[] suback = s.getInputStream().readNBytes(5);
        if (suback.length != 5 || (suback[0] & 0xFF) != 0x90) {
            throw new IOException("SUBSCRIBE failed: " + Arrays.toString(suback));
        }
    }

    private static byte[] publish(String topic, int qos, int id, byte[] payload) {
        byte[] t = topic.getBytes(StandardCharsets.UTF_8);
        int idLen = qos > 0 ? 2 : 0;
        byte[] body = new byte[2 + t.length + idLen + payload.length];
        body[0] = (byte) (t.length >> 8);
        body[1] = (byte) t.length;
        System.arraycopy(t, 0, body, 2, t.length);
        if (qos > 0) {
            body[2 + t.length] = (byte) (id >> 8);
            body[3 + t.length] = (byte) id;
        }
        System.arraycopy(payload, 0, body, 2 + t.length + idLen, payload.length);
        return frame(0x30 | qos << 1, body);
    }

    private static byte[] frame(int first, byte[] body) {
        int n = body.length;
        byte[] len = new byte[4];
        int k = 0;
        do {
            int b = n % 128;
            n /= 128;
            len[k++] = (byte) (n > 0 ? b | 0x80 : b);
        } while (n > 0);
        byte[] out = new byte[1 + k + body.length];
        out[0] = (byte) first;
        System.arraycopy(len, 0, out, 1, k);
        System.arraycopy(body, 0, out, 1 + k, body.length);
        return out;
    }
}
