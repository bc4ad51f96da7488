package org.mqttsniff.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.mqttsniff.capture.live.LiveSource;
import org.mqttsniff.net.RawFrame;

/**
 * CPU time per frame of live capture alone: the capture thread (pcap4j's loop, the copy, the
 * queue) and a reader that only takes the frames. Run it as root while bench/live-bench.sh's
 * flood, or any traffic on the port, runs:
 * {@code java -cp bench/target/benchmarks.jar org.mqttsniff.bench.LiveCaptureCost PORT SECONDS}.
 */
public final class LiveCaptureCost {
    private LiveCaptureCost() {
    }

    public static void main(String[] args) throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long readerStart = mx.getCurrentThreadCpuTime();
        try (LiveSource s = LiveSource.open(new LiveSource.Settings("lo", "tcp port " + args[0], 0))) {
            s.start();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[1]));
            List<RawFrame> batch = new ArrayList<>();
            while (System.nanoTime() < end) {
                if (s.poll(100, TimeUnit.MILLISECONDS) != null) {
                    batch.clear();
                    s.drainTo(batch, 4096);
                }
            }
            long capture = 0;
            for (ThreadInfo t : mx.dumpAllThreads(false, false)) {
                if (t.getThreadName().startsWith("mqttsniff-capture")) {
                    capture = mx.getThreadCpuTime(t.getThreadId());
                }
            }
            long reader = mx.getCurrentThreadCpuTime() - readerStart;
            LiveSource.Counters c = s.counters();
            System.out.printf("%d frames, %d dropped by the kernel, %d by the queue; CPU per frame: capture thread"
                            + " %.2f µs, reader %.2f µs%n", c.captured(), c.kernelDropped(), c.queueDropped(),
                    capture / 1e3 / Math.max(1, c.captured()), reader / 1e3 / Math.max(1, c.captured()));
        }
    }
}
