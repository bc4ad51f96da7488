package org.mqttsniff.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

import org.mqttsniff.cli.output.EventJson;
import org.mqttsniff.session.SnifferEvent;

/**
 * {@code -T json} lines, rendered and written on a thread of their own: the pipeline thread hands
 * events over in batches and goes back to decoding. Rendering a line costs about as much as
 * decoding its packet, so on two cores the two overlap. Events are immutable values (their bytes
 * are never changed once decoded), so they cross threads as they are; the queue is bounded in
 * batches and in bytes, so memory stays flat when the output is slower than the decoding, however
 * large the packets.
 */
final class JsonLines implements Consumer<SnifferEvent> {
    private static final int BATCH = 256;
    private static final int BATCHES_QUEUED = 16;
    /** A batch is handed over once its packets hold this many bytes, even if it has fewer than {@link #BATCH} events. */
    private static final long BATCH_BYTES = 1 << 20;
    /**
     * Bytes of packets handed over and not yet written, in KiB: the pipeline waits while more are
     * queued. One batch larger than all of it (a huge packet) goes alone, once the queue is empty.
     */
    private static final int QUEUED_KIB = 32 * 1024;
    /** Counted for each event besides its packet's bytes: the event, its strings and its fields, roughly. */
    private static final int EVENT_OVERHEAD = 256;
    private static final Batch END = new Batch(new SnifferEvent[0], 0);

    private record Batch(SnifferEvent[] events, int kib) { }

    private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(BATCHES_QUEUED);
    private final Semaphore room = new Semaphore(QUEUED_KIB);
    private final EventJson json;
    private final OutputStream out;
    private final Thread thread;
    private SnifferEvent[] batch = new SnifferEvent[BATCH];
    private int pending;
    private long pendingBytes;
    private boolean ended;
    /** Set by the writer thread: an IOException (the output went away) or a bug. */
    private volatile Throwable failure;

    JsonLines(EventJson json, OutputStream out) {
        this.json = json;
        this.out = out;
        this.thread = new Thread(this::run, "mqttsniff-json-lines");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void accept(SnifferEvent e) {
        batch[pending++] = e;
        pendingBytes += EVENT_OVERHEAD + (e instanceof SnifferEvent.Packet p ? p.result().raw().length() : 0);
        if (pending == BATCH || pendingBytes >= BATCH_BYTES) {
            handOver();
        }
    }

    /** True once the output failed (a closed pipe): nobody reads further lines. */
    boolean failed() {
        return failure != null;
    }

    /**
     * Writes what is still pending, flushes, and stops the thread. Returns false if the output
     * failed on the way (lines were lost because nobody reads them); a bug in rendering is rethrown.
     */
    boolean finish() {
        if (!ended) {
            ended = true;
            if (pending > 0) {
                handOver();
            }
            put(END);
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Throwable f = failure;
        if (f != null && !(f instanceof IOException)) {
            throw new IllegalStateException("writing JSON lines failed", f);
        }
        return f == null;
    }

    private void handOver() {
        int kib = (int) Math.min(QUEUED_KIB, (pendingBytes + 1023) >> 10);
        put(new Batch(pending == BATCH ? batch : Arrays.copyOf(batch, pending), kib));
        batch = new SnifferEvent[BATCH];
        pending = 0;
        pendingBytes = 0;
    }

    /** Waits for room in bytes, then in batches. */
    private void put(Batch b) {
        try {
            room.acquire(b.kib);
            queue.put(b);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handing over JSON lines", e);
        }
    }

    private void run() {
        try {
            for (Batch b = queue.take(); b != END; b = queue.take()) {
                if (failure == null) {
                    write(b.events);
                }
                room.release(b.kib);
            }
            if (failure == null) {
                out.flush();
            }
        } catch (InterruptedException e) {
            failure = e;
        } catch (IOException e) {
            failure = e;
        }
    }

    /** Records a failure instead of throwing, so the thread keeps draining and the pipeline never blocks. */
    private void write(SnifferEvent[] b) {
        try {
            for (SnifferEvent e : b) {
                json.writeLine(e, out);
            }
        } catch (IOException | RuntimeException e) {
            failure = e;
        }
    }
}
