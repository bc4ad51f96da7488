package org.mqttsniff.cli;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.mqttsniff.net.FrameSource;
import org.mqttsniff.net.RawFrame;
import org.mqttsniff.session.Pipeline;
import org.mqttsniff.session.SegmentBatch;

/**
 * A capture file through the pipeline on two cores: the calling thread reads frames and parses their
 * link, IP and TCP headers; a second thread does reassembly, MQTT, sessions and the sink. They hand
 * over {@link SegmentBatch}es (a few thousand frames each) through two small queues, full ones one way
 * and emptied ones back, so memory stays at a few batches whatever the file's size. Frames stay in
 * capture order, so the output is the same as {@link Pipeline#frame} one by one gives.
 *
 * <p>The second thread starts only after the first {@link #WARM_UP} frames, which the calling thread
 * takes through {@link Pipeline#frame} alone: until the JIT has compiled the pipeline, its compiler
 * threads want the other core, and a second pipeline thread then only adds its hand-over cost
 * (measured: about 10% more CPU and no shorter run on a 1.5 M-frame file with the cores busy).
 * Where the switch happens changes nothing in the output.
 */
final class SplitPipeline {
    private static final int BATCHES = 4;
    static final long WARM_UP = 1_000_000;
    /** Tells the pipeline thread that no batch follows. */
    private static final SegmentBatch END = new SegmentBatch();

    private SplitPipeline() {
    }

    /** Reads {@code source} to its end and finishes the pipeline; the pipeline's own errors are rethrown here. */
    static void run(FrameSource source, Pipeline pipeline) throws IOException {
        run(source, pipeline, WARM_UP);
    }

    /** As {@link #run(FrameSource, Pipeline)}, on one thread for the first {@code alone} frames. */
    static void run(FrameSource source, Pipeline pipeline, long alone) throws IOException {
        for (long n = 0; n < alone; n++) {
            RawFrame f = source.nextView();
            if (f == null) {
                pipeline.finish();
                return;
            }
            pipeline.frame(f);
        }
        // Thread.start() publishes everything this thread did to the pipeline so far to the new thread
        BlockingQueue<SegmentBatch> full = new ArrayBlockingQueue<>(BATCHES + 1);
        BlockingQueue<SegmentBatch> empty = new ArrayBlockingQueue<>(BATCHES);
        for (int i = 0; i < BATCHES; i++) {
            empty.add(new SegmentBatch());
        }
        Throwable[] failed = new Throwable[1];
        Thread worker = new Thread(() -> {
            try {
                for (SegmentBatch b = full.take(); b != END; b = full.take()) {
                    pipeline.frames(b);
                    b.clear();
                    empty.put(b);
                }
            } catch (Throwable t) {
                failed[0] = t;
            }
        }, "mqttsniff-pipeline");
        worker.setDaemon(true); // never keeps the JVM alive after main has given up on it
        worker.start();
        boolean finished = false;
        try {
            SegmentBatch b = take(empty, worker);
            RawFrame f;
            while ((f = source.nextView()) != null) {
                pipeline.parseInto(f, b);
                if (b.full()) {
                    put(full, b, worker);
                    b = take(empty, worker);
                }
            }
            if (!b.isEmpty()) {
                put(full, b, worker);
            }
            put(full, END, worker);
            join(worker);
            finished = true;
        } finally {
            if (!finished) {
                worker.interrupt(); // a read error here: stop the other thread too
            }
        }
        if (failed[0] != null) {
            rethrow(failed[0]);
        }
        pipeline.finish();
    }

    private static SegmentBatch take(BlockingQueue<SegmentBatch> q, Thread worker) {
        try {
            SegmentBatch b;
            while ((b = q.poll(100, TimeUnit.MILLISECONDS)) == null) {
                if (!worker.isAlive()) {
                    return new SegmentBatch(); // it failed; the frames read from here on are never looked at
                }
            }
            return b;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading", e);
        }
    }

    private static void put(BlockingQueue<SegmentBatch> q, SegmentBatch b, Thread worker) {
        try {
            while (!q.offer(b, 100, TimeUnit.MILLISECONDS)) {
                if (!worker.isAlive()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading", e);
        }
    }

    private static void join(Thread worker) {
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading", e);
        }
    }

    private static void rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(t);
    }
}
