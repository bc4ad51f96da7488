package org.mqttsniff.capture.live;

import java.sql.Timestamp;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.mqttsniff.bytes.ByteSlice;
import org.mqttsniff.net.FrameSource;
import org.mqttsniff.net.RawFrame;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.PcapStat;
import org.pcap4j.core.Pcaps;
import org.pcap4j.core.RawPacketListener;
import org.pcap4j.packet.namednumber.DataLinkType;

/**
 * Frames from a live interface. A capture thread runs libpcap's {@code pcap_loop} and only copies
 * each frame into a bounded queue; whoever reads the queue ({@link #poll}, {@link #next}) is the
 * pipeline thread. When the queue is full the capture thread waits for room, and frames wait in
 * libpcap's kernel buffer ({@code -B}) meanwhile: so the queue and the kernel buffer together
 * absorb a burst or the JIT's warm-up, and a reader that stays behind costs frames dropped by the
 * kernel (counted: {@link #counters()}), never memory. Only a frame held at {@link #stop()} is
 * not queued.
 *
 * <p>{@code pcap_loop} with a raw-packet callback, not {@code pcap_next_ex}: pcap4j's
 * {@code getNextRawPacket} allocates JNA structures for each packet and dropped 11-16% of a 90,000
 * packets/s flood where {@code loop} dropped none (issue 4). It is stopped with
 * {@code pcap_breakloop} from another thread: with libpcap 1.10 a read on an idle interface can
 * ignore the read timeout, so waiting for the loop to notice a flag could wait forever.
 */
public final class LiveSource implements FrameSource {
    /** tcpdump's default snap length: whole frames, even 64 KiB TSO segments on loopback. */
    public static final int SNAPLEN = 262_144;
    /** Queue bounds: by frames and by bytes, whichever comes first. */
    public static final int QUEUE_FRAMES = 100_000;
    public static final long QUEUE_BYTES = 64L << 20;
    /**
     * Kernel buffer when none is asked for: libpcap's 2 MiB holds about half a second of a
     * small-packet flood on lo, less than a JVM takes to compile the capture path at start or to
     * collect garbage under load; in the flood of bench/live-bench.sh it lost 66,536 frames where
     * 32 MiB lost none.
     */
    public static final int DEFAULT_BUFFER = 32 << 20;
    private static final long NAP_NANOS = 500_000;
    private static final long NAPPING_NANOS = 50_000_000;
    /** The longest a frame waits in the kernel before we see it. */
    public static final int READ_TIMEOUT_MILLIS = 100;

    /**
     * What to open.
     *
     * @param device     interface name or tcpdump -D index ({@code any} for all interfaces on Linux)
     * @param filter     BPF expression, e.g. {@code tcp port 1883}; empty for every frame
     * @param bufferSize kernel buffer in bytes, or 0 for {@link #DEFAULT_BUFFER}
     * @param immediate  libpcap's immediate mode (tcpdump's --immediate-mode), off by default: see {@link #activate}
     */
    public record Settings(String device, String filter, int bufferSize, int queueFrames, long queueBytes,
                           boolean immediate) {
        public Settings(String device, String filter, int bufferSize) {
            this(device, filter, bufferSize, QUEUE_FRAMES, QUEUE_BYTES, false);
        }

        public Settings(String device, String filter, int bufferSize, int queueFrames, long queueBytes) {
            this(device, filter, bufferSize, queueFrames, queueBytes, false);
        }

        /** The same with libpcap's immediate mode: each frame as it comes, at the price of a ring that holds fewer. */
        public Settings immediately(boolean on) {
            return new Settings(device, filter, bufferSize, queueFrames, queueBytes, on);
        }
    }

    /**
     * How many frames went where.
     *
     * @param captured      frames libpcap handed over
     * @param queued        of those, frames that went into the queue (and are numbered)
     * @param queueDropped  frames dropped because the queue was full
     * @param kernelDropped frames the kernel dropped because libpcap's buffer was full ({@code ps_drop})
     * @param ifDropped     frames the interface dropped ({@code ps_ifdrop}), where the system tells
     */
    public record Counters(long captured, long queued, long queueDropped, long kernelDropped, long ifDropped) {
        public static final Counters NONE = new Counters(0, 0, 0, 0, 0);
    }

    private final PcapHandle handle;
    private final Interfaces.Interface device;
    private final String filter;
    private final int linkType;
    private final String linkTypeName;
    private final ArrayBlockingQueue<RawFrame> queue;
    private final long maxQueuedBytes;
    private final AtomicLong queuedBytes = new AtomicLong();

    // written by the capture thread only; volatile so that counters() on another thread sees them
    private volatile long captured;
    private volatile long queued;
    private volatile long queueDropped;

    private Thread thread;
    private volatile boolean stopRequested;
    private volatile boolean loopEnded;
    private volatile String loopError;
    private Counters last = Counters.NONE;
    /** When the reader last took a frame (reader thread only). */
    private long lastFrameNanos = System.nanoTime() - NAPPING_NANOS;
    private boolean closed;

    private LiveSource(PcapHandle handle, Interfaces.Interface device, String filter, int linkType,
                       String linkTypeName, Settings s) {
        this.handle = handle;
        this.device = device;
        this.filter = filter;
        this.linkType = linkType;
        this.linkTypeName = linkTypeName;
        this.queue = new ArrayBlockingQueue<>(s.queueFrames());
        this.maxQueuedBytes = s.queueBytes();
    }

    /**
     * Opens the interface with the filter set: from here the kernel keeps what matches for us,
     * so a caller may start traffic it wants to see as soon as this returns, even before {@link #start()}.
     */
    public static LiveSource open(Settings s) throws LiveCaptureException {
        Interfaces.Interface dev = Interfaces.find(s.device());
        PcapHandle handle = activate(dev, s.bufferSize(), s.immediate());
        try {
            int dlt = handle.getDlt().value();
            OptionalInt link = DataLinks.linkType(dlt);
            if (link.isEmpty()) {
                link = switchToReadableLink(handle);
                dlt = handle.getDlt().value();
            }
            if (link.isEmpty()) {
                throw new LiveCaptureException(LiveCaptureException.Kind.FAILED, "cannot read the link layer of "
                        + dev.name() + " (" + dltName(dlt) + "): mqttsniff reads Ethernet, Linux cooked, loopback"
                        + " and raw IP");
            }
            if (!s.filter().isBlank()) {
                try {
                    handle.setFilter(s.filter(), BpfProgram.BpfCompileMode.OPTIMIZE);
                } catch (PcapNativeException e) {
                    throw new LiveCaptureException(LiveCaptureException.Kind.BAD_FILTER,
                            "invalid capture filter '" + s.filter() + "': " + filterError(e.getMessage()), e);
                }
            }
            LiveSource source = new LiveSource(handle, dev, s.filter(), link.getAsInt(), dltName(dlt), s);
            handle = null;
            return source;
        } catch (NotOpenException e) {
            throw new IllegalStateException(e);
        } finally {
            if (handle != null) {
                handle.close();
            }
        }
    }

    private static PcapHandle activate(Interfaces.Interface dev, int bufferSize, boolean immediate)
            throws LiveCaptureException {
        PcapHandle.Builder b = new PcapHandle.Builder(dev.name())
                .snaplen(SNAPLEN)
                .promiscuousMode(PcapNetworkInterface.PromiscuousMode.PROMISCUOUS)
                // Not immediate mode: on Linux it makes libpcap use TPACKET_V2, whose ring has one slot
                // per frame sized for the largest frame (64 KiB on lo), so a 2 MiB buffer holds about
                // 30 frames; in a small-packet flood on lo, tcpdump --immediate-mode dropped 18,081 of
                // 299,450 where plain tcpdump dropped none. TPACKET_V3 packs frames into blocks and
                // hands a block over when it is full or this timeout passes: frames show within 100 ms.
                .timeoutMillis(READ_TIMEOUT_MILLIS)
                .timestampPrecision(PcapHandle.TimestampPrecision.NANO);
        if (immediate) {
            b.immediateMode(true); // asked for: frames at once, and the user was told the ring holds fewer
        }
        b.bufferSize(bufferSize > 0 ? bufferSize : DEFAULT_BUFFER);
        try {
            return Libpcap.call(b::build);
        } catch (PcapNativeException e) {
            String msg = Libpcap.oneLine(e.getMessage());
            Integer rc = e.getReturnCode();
            // PCAP_ERROR_PERM_DENIED (-8); an unprivileged socket() also fails with EPERM
            if (rc != null && rc == -8 || msg.contains("Operation not permitted") || msg.contains("ermission")) {
                throw new LiveCaptureException(LiveCaptureException.Kind.NO_PRIVILEGES,
                        "no permission to capture on " + dev.name() + ": " + LiveCaptureException.privilegesHint(), e);
            }
            throw new LiveCaptureException(LiveCaptureException.Kind.FAILED,
                    "cannot capture on " + dev.name() + ": " + msg, e);
        }
    }

    /** Some interfaces offer several link types; take the first the decoder reads. */
    private static OptionalInt switchToReadableLink(PcapHandle handle) throws NotOpenException {
        try {
            for (DataLinkType t : handle.listDatalinks()) {
                OptionalInt link = DataLinks.linkType(t.value());
                if (link.isPresent()) {
                    handle.setDlt(t);
                    return link;
                }
            }
        } catch (PcapNativeException e) {
            // keep the original link type; the caller says it cannot read it
        }
        return OptionalInt.empty();
    }

    private static String dltName(int dlt) {
        try {
            return Pcaps.dataLinkValToName(dlt) + " (" + Pcaps.dataLinkValToDescription(dlt) + ")";
        } catch (PcapNativeException | RuntimeException e) {
            return "DLT " + dlt;
        }
    }

    /** pcap4j prefixes libpcap's message with its own words; the user wants libpcap's. */
    private static String filterError(String message) {
        String m = Libpcap.oneLine(message);
        String prefix = "Error occurred in pcap_compile: ";
        int at = m.indexOf(prefix);
        return at < 0 ? m : m.substring(at + prefix.length());
    }

    /** Starts the capture thread. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        thread = new Thread(this::loop, "mqttsniff-capture-" + device.name());
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        RawPacketListener listener = this::got;
        try {
            if (!stopRequested) {
                handle.loop(-1, listener);
            }
        } catch (InterruptedException e) {
            // pcap_breakloop: stop() was called
        } catch (PcapNativeException | NotOpenException | RuntimeException e) {
            if (!stopRequested) {
                loopError = Libpcap.oneLine(e.getMessage());
            }
        } finally {
            loopEnded = true;
        }
    }

    /**
     * The capture thread: copy, count, hand over. With the queue full it waits for room rather
     * than drop the frame: frames keep arriving into the kernel's buffer meanwhile, which holds
     * some 250,000 small frames at the default 32 MiB, so a pipeline thread still cold at start
     * (in a 45,000 frames/s flood the 100,000-frame queue filled in its first two seconds, and
     * 8,000 frames were dropped there) catches up instead of losing frames.
     */
    private void got(byte[] packet) {
        captured++;
        int len = packet.length;
        while (queuedBytes.get() + len > maxQueuedBytes || queue.remainingCapacity() == 0) {
            if (stopRequested) {
                queueDropped++; // held when the capture stopped: captured, never decoded
                return;
            }
            LockSupport.parkNanos(NAP_NANOS);
        }
        // pcap4j sets these for the packet being delivered, on this thread
        Timestamp ts = handle.getTimestamp();
        Integer original = handle.getOriginalLength();
        long nanos = Math.floorDiv(ts.getTime(), 1000L) * 1_000_000_000L + ts.getNanos();
        // pcap4j hands over a fresh array per packet, so it needs no second copy
        RawFrame f = new RawFrame(queued + 1, nanos, linkType, ByteSlice.wrap(packet),
                original == null ? len : original);
        queuedBytes.addAndGet(len);
        if (queue.offer(f)) {
            queued++;
        } else {
            queuedBytes.addAndGet(-len);
            queueDropped++;
        }
    }

    /** The next frame, waiting at most {@code timeout}; null when none came in time or the capture ended. */
    public RawFrame poll(long timeout, TimeUnit unit) throws InterruptedException {
        RawFrame f = queue.poll();
        if (f == null) {
            f = await(unit.toNanos(timeout));
        }
        if (f != null) {
            lastFrameNanos = System.nanoTime();
            queuedBytes.addAndGet(-f.data().length());
        }
        return f;
    }

    /**
     * Waiting on the queue's condition would cost the capture thread a wake-up call (a futex
     * syscall) for nearly every frame of a busy capture, and the reader a context switch: in a
     * loopback flood the reader spent 10 µs of CPU per frame just taking frames. So while frames
     * are flowing the reader naps for half a millisecond and takes what gathered meanwhile; only
     * after {@link #NAPPING_NANOS} without a frame does it block on the queue.
     */
    private RawFrame await(long timeoutNanos) throws InterruptedException {
        long now = System.nanoTime();
        long deadline = now + timeoutNanos;
        while (now - lastFrameNanos < NAPPING_NANOS && deadline - now > 0) {
            LockSupport.parkNanos(Math.min(NAP_NANOS, deadline - now));
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            RawFrame f = queue.poll();
            if (f != null) {
                return f;
            }
            now = System.nanoTime();
        }
        return deadline - now > 0 ? queue.poll(deadline - now, TimeUnit.NANOSECONDS) : null;
    }

    /** Moves up to {@code max} waiting frames to the end of {@code into} without waiting; returns how many. */
    public int drainTo(List<RawFrame> into, int max) {
        int before = into.size();
        queue.drainTo(into, max);
        long bytes = 0;
        for (int i = before; i < into.size(); i++) {
            bytes += into.get(i).data().length();
        }
        queuedBytes.addAndGet(-bytes);
        if (into.size() > before) {
            lastFrameNanos = System.nanoTime();
        }
        return into.size() - before;
    }

    /** Blocks until a frame comes; null once the capture has stopped and every frame was taken. */
    @Override
    public RawFrame next() {
        try {
            while (true) {
                RawFrame f = poll(100, TimeUnit.MILLISECONDS);
                if (f != null) {
                    return f;
                }
                if (finished()) {
                    return null;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** True once the loop has ended (stopped, or failed) and the queue is empty. */
    public boolean finished() {
        return loopEnded && queue.isEmpty();
    }

    /** Why the loop ended on its own (the interface went away, say), or null. */
    public String loopError() {
        return loopError;
    }

    /** Stops the capture; frames already queued can still be read. Any thread, any number of times. */
    public void stop() {
        stopRequested = true;
        try {
            handle.breakLoop();
        } catch (NotOpenException e) {
            // closed already: nothing runs
        }
    }

    /** Waits for the capture thread to end after {@link #stop()}. */
    public boolean awaitStopped(long timeout, TimeUnit unit) throws InterruptedException {
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t == null) {
            return true;
        }
        t.join(Math.max(1, unit.toMillis(timeout)));
        return !t.isAlive();
    }

    /**
     * The counts so far, with the kernel's from {@code pcap_stats}. Call it from one thread (the
     * pipeline's): on Linux reading the kernel's counters resets them, and libpcap adds them up.
     * After {@link #close()} it gives the last counts read.
     */
    public synchronized Counters counters() {
        if (closed) {
            return last;
        }
        long kernel = last.kernelDropped();
        long ifDropped = last.ifDropped();
        try {
            PcapStat s = handle.getStats();
            kernel = s.getNumPacketsDropped();
            ifDropped = s.getNumPacketsDroppedByIf();
        } catch (PcapNativeException | NotOpenException e) {
            // keep the last counts
        }
        last = new Counters(captured, queued, queueDropped, kernel, ifDropped);
        return last;
    }

    public String device() {
        return device.name();
    }

    public String filter() {
        return filter;
    }

    /** The LINKTYPE_ value of the frames. */
    public int linkType() {
        return linkType;
    }

    /** libpcap's name of the link layer, e.g. {@code EN10MB (Ethernet)}. */
    public String linkTypeName() {
        return linkTypeName;
    }

    @Override
    public List<String> warnings() {
        return loopError == null ? List.of() : List.of("capture on " + device.name() + " ended: " + loopError);
    }

    /** Stops the capture, waits for its thread, reads the final counters and closes libpcap's handle. */
    @Override
    public void close() {
        stop();
        try {
            if (!awaitStopped(5, TimeUnit.SECONDS)) {
                return; // the loop is stuck in libpcap: closing the handle under it would crash the JVM
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            counters();
            closed = true;
        }
        handle.close();
    }
}
