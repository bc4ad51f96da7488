package org.mqttsniff.capture.proxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import org.mqttsniff.bytes.ByteSlice;
import org.mqttsniff.net.Endpoint;
import org.mqttsniff.session.RelayTracker;
import org.mqttsniff.session.SessionOptions;
import org.mqttsniff.session.SnifferEvent;
import org.mqttsniff.tcp.CloseReason;

import io.netty.buffer.ByteBuf;

/**
 * The proxy's one pipeline thread. The relay's event loops hand it copies of what they relay
 * through a queue bounded in bytes; it numbers frames, writes them with {@code -w}, and feeds a
 * {@link RelayTracker}, whose events go to the sink (text, JSON, stats, or a UI).
 *
 * <p>When the queue holds more than its bound, nothing is dropped: the relay connection that
 * crossed it stops reading (both its sides) until the pipeline has worked the queue down to half.
 * Decoding then slows the relay rather than losing what the user came to see, and memory stays
 * bounded: past the bound, each connection can add at most what it had already read.
 */
public final class RelayPipeline {
    /** What the event loops tell the pipeline, in the order they saw it. */
    private enum Kind { OPEN, DATA, FIN, CLOSE, STOP }

    record Item(Kind kind, Relay relay, boolean fromClient, byte[] bytes, CloseReason reason, long timeNanos) {
        /** What the item holds on the heap: its bytes and, roughly, the item, its array header and its queue node. */
        long cost() {
            return (bytes == null ? 0 : bytes.length) + ITEM_OVERHEAD;
        }
    }

    private static final int ITEM_OVERHEAD = 96;
    /** Output is flushed once the queue has been empty this long: prompt for a person, few writes under load. */
    private static final long FLUSH_AFTER_NANOS = 5_000_000;

    /**
     * While items came within this long, the pipeline thread naps between looks at the queue and
     * the event loops never wake it: waking a thread is a system call, and on a busy machine the
     * woken thread can take the CPU from the event loop that woke it, before it has written on.
     */
    private static final long STAY_AWAKE_NANOS = 20_000_000;
    /** How long a nap is: the most it adds to when an event is shown, never to the relay. */
    private static final long NAP_NANOS = 500_000;
    /** Bytes a relay holds back for the pipeline within one read pass before handing them over anyway. */
    private static final int HOLD_AT_MOST = 256 * 1024;

    private final ConcurrentLinkedQueue<Item> queue = new ConcurrentLinkedQueue<>();
    /** Set while the pipeline thread sleeps long: then, and only then, an event loop wakes it. */
    private volatile boolean asleep;
    private final AtomicLong queued = new AtomicLong();
    private final long maxQueued;
    private final ConcurrentLinkedQueue<Relay> paused = new ConcurrentLinkedQueue<>();
    private final RelayTracker tracker;
    private final FlowWriter writer;
    private final Runnable idle;
    private final Thread thread;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private volatile boolean dead;
    private volatile boolean stopping;
    private long frames;
    private long lastTime;

    /**
     * @param writer    the {@code -w} pcap, or null
     * @param idle      run on the pipeline thread once the queue has been empty a few milliseconds (flush output there)
     * @param maxQueued bytes waiting for the pipeline (with a small allowance per read) before the relay is paused
     */
    public RelayPipeline(SessionOptions options, Consumer<SnifferEvent> sink, FlowWriter writer, Runnable idle,
                         long maxQueued) {
        this.tracker = new RelayTracker(options, sink);
        this.writer = writer;
        this.idle = idle;
        this.maxQueued = maxQueued;
        this.thread = new Thread(this::run, "mqttsniff-pipeline");
    }

    public void start() {
        thread.start();
    }

    /** Completes when the pipeline thread ends: after {@link #stop()}, or exceptionally when the sink threw. */
    public CompletableFuture<Void> done() {
        return done;
    }

    /** Closes what is still open as at the end of a capture, and ends the thread once the queue is worked off. */
    public void stop() {
        // what the relay reports while its connections are torn down is not traffic
        stopping = true;
        queue.add(new Item(Kind.STOP, null, false, null, null, Clock.now()));
        LockSupport.unpark(thread);
    }

    // --- called on the event loops ---

    void opened(Relay r, long timeNanos) {
        offer(new Item(Kind.OPEN, r, false, null, null, timeNanos), r);
    }

    /**
     * A copy of what was read is held by the relay until {@link #handOver} (after the read pass
     * has been written on); the buffer itself goes on to the peer untouched.
     */
    void data(Relay r, boolean fromClient, ByteBuf buf, long timeNanos) {
        int n = buf.readableBytes();
        if (n == 0 || dead) {
            return;
        }
        byte[] copy = new byte[n];
        buf.getBytes(buf.readerIndex(), copy);
        r.held.add(new Item(Kind.DATA, r, fromClient, copy, null, timeNanos));
        r.heldBytes += n;
        if (r.heldBytes > HOLD_AT_MOST) {
            handOver(r);
        }
    }

    /**
     * Queues what the relay has held back: called once a read pass has been flushed to the peer,
     * so the relay writes before it does anything for the decoder.
     */
    void handOver(Relay r) {
        if (r.held.isEmpty()) {
            return;
        }
        for (Item item : r.held) {
            offer(item, r);
        }
        r.held.clear();
        r.heldBytes = 0;
    }

    void fin(Relay r, boolean fromClient, long timeNanos) {
        handOver(r);
        offer(new Item(Kind.FIN, r, fromClient, null, null, timeNanos), r);
    }

    void closed(Relay r, CloseReason reason, boolean byClient, long timeNanos) {
        handOver(r);
        offer(new Item(Kind.CLOSE, r, byClient, null, reason, timeNanos), r);
    }

    private void offer(Item item, Relay r) {
        if (dead || stopping) {
            return;
        }
        // registered before the item is queued: the pipeline sees the registration when it takes the item
        if (queued.addAndGet(item.cost()) > maxQueued) {
            r.pauseForDecoder();
            paused.add(r);
        }
        queue.add(item);
        if (asleep) {
            LockSupport.unpark(thread);
        }
    }

    // --- the pipeline thread ---

    private void run() {
        try {
            boolean unflushed = false;
            long emptySince = -1;
            while (true) {
                Item item = queue.poll();
                if (item == null) {
                    long now = System.nanoTime();
                    if (emptySince < 0) {
                        emptySince = now;
                        resumePaused();
                    }
                    long idleFor = now - emptySince;
                    if (unflushed && idleFor >= FLUSH_AFTER_NANOS) {
                        idle.run();
                        unflushed = false;
                    }
                    if (idleFor < STAY_AWAKE_NANOS) {
                        LockSupport.parkNanos(this, NAP_NANOS);
                    } else {
                        asleep = true;
                        if (queue.isEmpty()) { // after the flag: an item queued before it is seen here
                            LockSupport.parkNanos(this, 100_000_000L);
                        }
                        asleep = false;
                        resumePaused();
                    }
                    if (Thread.interrupted()) {
                        break;
                    }
                    continue;
                }
                emptySince = -1;
                unflushed = true;
                if (item.kind == Kind.STOP) {
                    tracker.finish(frames, time(item.timeNanos));
                    idle.run();
                    break;
                }
                handle(item);
                if (queued.addAndGet(-item.cost()) < maxQueued / 2 && !paused.isEmpty()) {
                    resumePaused();
                }
            }
            done.complete(null);
        } catch (RuntimeException | Error e) {
            done.completeExceptionally(e);
        } finally {
            dead = true;
            queue.clear();
            resumeAll();
        }
    }

    private void handle(Item item) {
        Relay r = item.relay;
        long t = time(item.timeNanos);
        try {
            switch (item.kind) {
                case OPEN -> {
                    long first = frames + 1;
                    frames += 3;
                    r.stream = tracker.open(r.clientEndpoint(), r.serverEndpoint(), first, t);
                    if (writer != null) {
                        writer.open(r.stream, r.clientEndpoint(), r.serverEndpoint(), first, t);
                    }
                }
                case DATA -> {
                    byte[] b = item.bytes;
                    for (int at = 0; at < b.length; at += FlowWriter.MAX_SEGMENT) {
                        ByteSlice piece = ByteSlice.wrap(b, at, Math.min(FlowWriter.MAX_SEGMENT, b.length - at));
                        long frame = ++frames;
                        if (writer != null) {
                            writer.data(r.stream, item.fromClient, piece, frame, t);
                        }
                        tracker.data(r.stream, item.fromClient, piece, frame, t);
                    }
                }
                case FIN -> {
                    r.finWritten[item.fromClient ? 0 : 1] = true;
                    long frame = ++frames;
                    if (writer != null) {
                        writer.fin(r.stream, item.fromClient, frame, t);
                    }
                }
                case CLOSE -> close(r, item, t);
                default -> throw new IllegalStateException(item.kind.name());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A FIN close writes the FINs not yet seen (the proxy closed that side itself), a reset writes
     * a RST from the side that reset; the close event comes at the last frame written.
     */
    private void close(Relay r, Item item, long t) throws IOException {
        if (r.stream < 0) {
            return;
        }
        switch (item.reason) {
            case RST -> {
                long frame = ++frames;
                if (writer != null) {
                    writer.rst(r.stream, item.fromClient, frame, t);
                }
            }
            case FIN, IDLE -> {
                for (int side = 0; side < 2; side++) {
                    if (!r.finWritten[side]) {
                        r.finWritten[side] = true;
                        long frame = ++frames;
                        if (writer != null) {
                            writer.fin(r.stream, side == 0, frame, t);
                        }
                    }
                }
            }
            default -> {
                // the proxy stopped: nothing more passed on the wire
            }
        }
        if (writer != null) {
            writer.forget(r.stream);
        }
        tracker.close(r.stream, item.reason, frames, t);
    }

    /** Reads on different event loops can be queued a little out of time order; a capture file is in order. */
    private long time(long t) {
        if (t > lastTime) {
            lastTime = t;
        }
        return lastTime;
    }

    private void resumePaused() {
        if (queued.get() < maxQueued / 2 || dead) {
            resumeAll();
        }
    }

    private void resumeAll() {
        Relay r;
        while ((r = paused.poll()) != null) {
            r.resumeForDecoder();
        }
    }

    /** Frames numbered so far (including those of -w's handshakes and FINs). */
    public long frames() {
        return frames;
    }
}
