package org.mqttsniff.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.mqttsniff.net.Frames.cat;
import static org.mqttsniff.net.Frames.tcp;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.mqttsniff.bytes.ByteSlice;
import org.mqttsniff.mqtt.MqttEncoder;
import org.mqttsniff.mqtt.MqttPacket;
import org.mqttsniff.mqtt.MqttVersion;
import org.mqttsniff.mqtt.ConnAck;
import org.mqttsniff.mqtt.Connect;
import org.mqttsniff.mqtt.PubAck;
import org.mqttsniff.mqtt.Publish;
import org.mqttsniff.session.Pipeline;
import org.mqttsniff.session.SessionOptions;
import org.mqttsniff.stats.CaptureStats;
import org.mqttsniff.stats.StatsSnapshot;
import org.mqttsniff.tcp.AssemblerLimits;

/**
 * Plain {@code --stats} allocates nothing per frame once its connections are open: frames come as
 * one refilled view (as {@code nextView} gives them), and the counting lane builds no packet.
 * That is what keeps a large capture's run from growing the heap into untouched memory (see
 * bench/README.md); one object per frame would show here as megabytes.
 */
class CountingPathAllocationTest {
    private static final int CONNECTIONS = 4;
    private static final int ROUNDS = 25_000;

    /** Frames laid end to end in one array, as a capture reader's buffer holds them. */
    private final ByteArrayOutputStream wire = new ByteArrayOutputStream();
    private int[] starts = new int[1024];
    private int count;
    private final long[] clientSeq = new long[CONNECTIONS];
    private final long[] serverSeq = new long[CONNECTIONS];

    private void frame(byte[] ip) {
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
        }
        starts[count++] = wire.size();
        wire.writeBytes(ip);
    }

    private void segment(int c, boolean fromClient, int flags, byte[] payload) {
        int port = 40_001 + c;
        long[] seq = fromClient ? clientSeq : serverSeq;
        long[] ack = fromClient ? serverSeq : clientSeq;
        byte[] t = fromClient ? tcp(port, 1883, seq[c], ack[c], flags, 512, new byte[0], payload)
                : tcp(1883, port, seq[c], ack[c], flags, 512, new byte[0], payload);
        frame(fromClient ? Frames.ipv4("10.0.0.2", "10.0.0.1").wrap(t) : Frames.ipv4("10.0.0.1", "10.0.0.2").wrap(t));
        seq[c] += payload.length + ((flags & TcpSegment.SYN) != 0 ? 1 : 0);
    }

    private void mqtt(int c, boolean fromClient, MqttPacket p) {
        segment(c, fromClient, TcpSegment.PSH | TcpSegment.ACK, MqttEncoder.encode(p, MqttVersion.V3_1_1));
    }

    private byte[] capture() {
        for (int c = 0; c < CONNECTIONS; c++) {
            clientSeq[c] = 1_000L * (c + 1);
            serverSeq[c] = 9_000L * (c + 1);
            segment(c, true, TcpSegment.SYN, new byte[0]);
            segment(c, false, TcpSegment.SYN | TcpSegment.ACK, new byte[0]);
            mqtt(c, true, new Connect(MqttVersion.V3_1_1, true, 60, "sensor-" + c));
            mqtt(c, false, new ConnAck(false, 0));
        }
        ByteSlice payload = ByteSlice.utf8("{\"t\":21.5,\"rh\":40}");
        for (int r = 0; r < ROUNDS; r++) {
            for (int c = 0; c < CONNECTIONS; c++) {
                int id = 1 + r % 1000;
                mqtt(c, true, new Publish(1, "site/" + c + "/temp", id, payload));
                mqtt(c, false, new PubAck(id));
                mqtt(c, true, new Publish(0, "site/" + c + "/rh", 0, payload));
            }
        }
        return wire.toByteArray();
    }

    @Test
    void counting_a_capture_allocates_nothing_per_frame() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        byte[] all = capture();
        int frames = count;
        int[] at = Arrays.copyOf(starts, frames + 1);
        at[frames] = all.length;

        CaptureStats stats = new CaptureStats();
        Pipeline pipeline = new Pipeline(SessionOptions.defaults(), AssemblerLimits.defaults(), stats);
        RawFrame view = RawFrame.reusable();
        ByteSlice data = ByteSlice.reusableView();
        int half = frames / 2;
        for (int i = 0; i < half; i++) { // connections open, tables fill, the JIT settles
            int n = at[i + 1] - at[i];
            pipeline.frame(view.set(i + 1, 1_000_000L * i, LinkType.RAW, data.view(all, at[i], n), n));
        }
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = half; i < frames; i++) {
            int n = at[i + 1] - at[i];
            pipeline.frame(view.set(i + 1, 1_000_000L * i, LinkType.RAW, data.view(all, at[i], n), n));
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        pipeline.finish();

        StatsSnapshot s = stats.snapshot();
        // everything was counted, so nothing was skipped to save allocations
        assertThat(s.packets()).isEqualTo((long) CONNECTIONS * (2 + 3L * ROUNDS));
        assertThat(frames - half).isGreaterThan(150_000);
        // one 16-byte object per frame would be 2.4 MB; a few table resizes are allowed
        assertThat(allocated).as("bytes allocated over %d frames", frames - half).isLessThan(64_000);
    }
}
