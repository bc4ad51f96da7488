package org.mqttsniff.bench;

import java.io.IOException;
import java.nio.file.Path;

import org.mqttsniff.capture.file.CaptureFiles;
import org.mqttsniff.net.FrameSource;
import org.mqttsniff.net.RawFrame;
import org.mqttsniff.session.Pipeline;
import org.mqttsniff.session.SessionOptions;
import org.mqttsniff.stats.CaptureStats;
import org.mqttsniff.tcp.AssemblerLimits;

/**
 * How a cold JVM's speed on plain {@code --stats} changes along one file: the milliseconds each
 * block of frames took, from the first frame (after JVM and class start-up) to the last. It shows
 * the phases end-to-end timing hides: the interpreter, C1 code waiting for C2, first touches of
 * the heap, and the warm speed. Same pipeline as {@code ReadCapture.countOnly}, no command line.
 *
 * <pre>java -Xmx256m -cp bench/target/benchmarks.jar org.mqttsniff.bench.WarmUpCurve big.pcap [block]</pre>
 */
public final class WarmUpCurve {
    private WarmUpCurve() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: WarmUpCurve CAPTURE [FRAMES_PER_BLOCK]");
            System.exit(2);
        }
        int block = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        long start = System.nanoTime();
        CaptureStats stats = new CaptureStats();
        Pipeline pipeline = new Pipeline(SessionOptions.defaults(), AssemblerLimits.defaults(), stats);
        // kept in an array and printed at the end: printing as it goes would time the terminal too
        long[] ends = new long[1024];
        int blocks = 0;
        long frames = 0;
        try (FrameSource source = CaptureFiles.open(Path.of(args[0]))) {
            RawFrame f;
            while ((f = source.nextView()) != null) {
                pipeline.frame(f);
                if (++frames % block == 0 && blocks < ends.length) {
                    ends[blocks++] = System.nanoTime();
                }
            }
            pipeline.finish();
        }
        long end = System.nanoTime();
        StringBuilder out = new StringBuilder();
        long previous = start;
        for (int i = 0; i < blocks; i++) {
            out.append(String.format("%,12d frames  %6.1f ms%n", (long) (i + 1) * block, (ends[i] - previous) / 1e6));
            previous = ends[i];
        }
        out.append(String.format("%,12d frames in %.1f ms (%,d packets counted), %.0f ns/frame in the last block%n",
                frames, (end - start) / 1e6, stats.snapshot().packets(),
                blocks > 0 ? (ends[blocks - 1] - (blocks > 1 ? ends[blocks - 2] : start)) / (double) block : 0.0));
        System.out.print(out);
    }
}
