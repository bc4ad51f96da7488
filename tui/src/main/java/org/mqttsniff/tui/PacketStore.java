package org.mqttsniff.tui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;

import org.mqttsniff.bytes.ByteSlice;
import org.mqttsniff.filter.Filter;
import org.mqttsniff.mqtt.DecodeResult;
import org.mqttsniff.mqtt.MqttVersion;
import org.mqttsniff.mqtt.PacketDecoder;
import org.mqttsniff.mqtt.Publish;
import org.mqttsniff.net.Endpoint;
import org.mqttsniff.session.Direction;
import org.mqttsniff.session.SnifferEvent;
import org.mqttsniff.stats.CaptureStats;
import org.mqttsniff.stats.StatsSnapshot;

/**
 * Everything the UI knows about a capture, filled by the source's thread through {@link Feed}.
 * A row is about 50 bytes in column arrays (frame, time, connection, direction, type, latency,
 * and where the packet's bytes are in the {@link Spool}); the summary, details and hex of a
 * packet are rebuilt from its bytes when it is on screen. So a 1,000,000-packet file takes some
 * 50 MB of heap, and the UI can still filter every packet with the full {@code -Y} language.
 *
 * <p>A source without an end (live capture, proxy) gives a {@code maxRows} cap: past it the oldest
 * rows go, a chunk at a time, and {@link Status#evicted} says how many.
 *
 * <p>Events cross in batches: the source's thread only adds them to a pending list, and moves
 * the list into the rows under this object's lock every {@link #BATCH} events (or
 * {@link #BATCH_BYTES} of packets); the UI moves what is pending at each tick. So the source takes
 * the lock a few hundred times a second however fast it goes, and the UI, which holds it for the
 * few rows it draws, never waits long for it.
 */
public final class PacketStore implements Feed, AutoCloseable {
    static final int CHUNK = 1 << 14;
    /** The source's messages kept (the newest). */
    static final int MAX_WARNINGS = 100;
    static final int BATCH = 4096;
    static final long BATCH_BYTES = 8 << 20;
    /** Rows whose kind is at least this are stream events (open, close...), not packets. */
    static final int EVENT_KINDS = 16;
    static final int OPEN = 16;
    static final int CLOSE = 17;
    static final int GAP = 18;
    static final int DESYNC = 19;
    static final int NOT_MQTT = 20;
    static final int WARNING = 21;

    private static final int F_MALFORMED = 1;
    private static final int F_C2S = 2;
    private static final int F_EXTRA = 4;
    private static final int F_WARNED = 8;
    private static final MqttVersion[] VERSIONS = MqttVersion.values();

    private final String source;
    private final long maxRows;
    private final Spool spool;
    private final List<Chunk> chunks = new ArrayList<>();
    private long firstId;
    private long size;
    private long firstChunkId;
    /** Whole events for the rare rows that cannot be rebuilt from bytes alone (stream events, alias topics, warnings). */
    private final Map<Long, Object> extras = new HashMap<>();
    private final Map<Integer, Conn> conns = new HashMap<>();
    private final CaptureStats stats = new CaptureStats();
    /** Each connection's rows, for the flows view: kept as rows come so a ladder never walks the store. */
    final FlowIndex flows = new FlowIndex();
    /** Each connection's state, keep-alive, subscriptions and messages in flight, for the clients view. */
    private final ClientStates clients = new ClientStates();
    /** The PUBLISH topics and SUBSCRIBE filters as a tree, for the topics view. */
    final TopicTree topics = new TopicTree();
    private final List<String> warnings = new ArrayList<>();
    private FilterScan live;
    private long frames;
    private double progress = -1;
    private long dropped;
    private long evicted;
    private long packets;
    private long malformed;
    private long firstTime = Long.MIN_VALUE;
    private boolean ended;
    private String error;
    private volatile boolean stopped;
    private final java.util.concurrent.CountDownLatch firstScreen = new java.util.concurrent.CountDownLatch(1);
    private final Object pendingLock = new Object();
    private ArrayList<SnifferEvent> pending = new ArrayList<>();
    private long pendingBytes;

    private static final class Chunk {
        final long[] frame = new long[CHUNK];
        final long[] time = new long[CHUNK];
        final long[] offset = new long[CHUNK];
        final long[] latency = new long[CHUNK];
        final long[] responseTo = new long[CHUNK];
        final int[] length = new int[CHUNK];
        final int[] stream = new int[CHUNK];
        final byte[] kind = new byte[CHUNK];
        final byte[] flags = new byte[CHUNK];
        final byte[] version = new byte[CHUNK];
    }

    /** A connection's endpoints and its client id from the row where it became known. */
    private static final class Conn {
        final Endpoint client;
        final Endpoint server;
        final TreeMap<Long, String> clientIds = new TreeMap<>();
        /** The connection's newest row, and whether it ended: once both are gone, so is the connection. */
        long lastRow = -1;
        boolean closed;

        Conn(Endpoint client, Endpoint server) {
            this.client = client;
            this.server = server;
        }

        String clientId(long id) {
            Map.Entry<Long, String> e = clientIds.floorEntry(id);
            return e == null ? "" : e.getValue();
        }
    }

    /** Extra state of a packet row that its bytes do not give back. */
    private record PacketExtra(String topic, OptionalInt alias, List<String> warnings) {
    }

    /** What the status bar shows. */
    public record Status(String source, long frames, double progress, long rows, long packets, long malformed,
                         long dropped, long evicted, boolean ended, String error, List<String> warnings) {
    }

    /**
     * @param source  what the status bar calls the source ({@code file big.pcap}, {@code live eth0})
     * @param maxRows rows kept before the oldest go; {@code Long.MAX_VALUE} for a file
     * @param spoolDir where the packets' bytes are kept while the UI runs
     */
    public PacketStore(String source, long maxRows, Path spoolDir) {
        this(source, maxRows, spoolDir, Spool.DEFAULT_SEGMENT);
    }

    PacketStore(String source, long maxRows, Path spoolDir, long segment) {
        this.source = source;
        this.maxRows = Math.max(CHUNK * 2L, maxRows);
        this.spool = new Spool(spoolDir, segment);
    }

    // ---- Feed: the source's thread ----

    @Override
    public void accept(SnifferEvent e) {
        boolean full;
        synchronized (pendingLock) {
            pending.add(e);
            if (e instanceof SnifferEvent.Packet p) {
                pendingBytes += p.result().raw().length();
            }
            full = pending.size() >= BATCH || pendingBytes >= BATCH_BYTES;
        }
        if (full) {
            drain();
        }
    }

    /** Moves the pending events into the rows; the order is kept since both happen under this object's lock. */
    synchronized void drain() {
        List<SnifferEvent> batch;
        synchronized (pendingLock) {
            if (pending.isEmpty()) {
                return;
            }
            batch = pending;
            pending = new ArrayList<>();
            pendingBytes = 0;
        }
        for (SnifferEvent e : batch) {
            append(e);
        }
    }

    private void append(SnifferEvent e) {
        if (firstTime == Long.MIN_VALUE) {
            firstTime = e.timeNanos();
        }
        stats.accept(e);
        long id = size;
        int i = (int) (id % CHUNK);
        if (i == 0) {
            chunks.add(new Chunk());
        }
        Chunk c = chunks.get(chunks.size() - 1);
        c.frame[i] = e.frame();
        c.time[i] = e.timeNanos();
        c.stream[i] = e.stream();
        c.latency[i] = -1;
        c.responseTo[i] = -1;
        c.offset[i] = -1;
        int flags = 0;
        if (e instanceof SnifferEvent.Packet p) {
            packets++;
            DecodeResult r = p.result();
            ByteSlice raw = r.raw();
            byte[] bytes = raw.toArray();
            c.offset[i] = spool.append(bytes, 0, bytes.length);
            c.length[i] = bytes.length;
            c.version[i] = (byte) r.version().ordinal();
            c.latency[i] = p.latencyNanos().orElse(-1);
            c.responseTo[i] = p.responseTo().orElse(-1);
            flags |= p.dir() == Direction.C2S ? F_C2S : 0;
            if (r instanceof DecodeResult.Malformed m) {
                malformed++;
                flags |= F_MALFORMED;
                c.kind[i] = (byte) Math.max(0, m.typeCode());
                if (!PacketDecoder.decode(raw, r.version()).equals(r)) {
                    extras.put(id, p); // cut short or too large: the bytes alone would decode differently
                    flags |= F_EXTRA;
                }
            } else {
                c.kind[i] = (byte) ((DecodeResult.Decoded) r).packet().type().code();
            }
            if (!p.warnings().isEmpty()) {
                flags |= F_WARNED;
            }
            if ((flags & F_EXTRA) == 0 && (!p.topic().equals(topicOf(r)) || p.topicAlias().isPresent()
                    || !p.warnings().isEmpty())) {
                extras.put(id, new PacketExtra(p.topic(), p.topicAlias(), p.warnings()));
                flags |= F_EXTRA;
            }
            Conn conn = conns.computeIfAbsent(p.stream(), s -> p.dir() == Direction.C2S
                    ? new Conn(p.src(), p.dst()) : new Conn(p.dst(), p.src()));
            String known = conn.clientIds.isEmpty() ? "" : conn.clientIds.lastEntry().getValue();
            if (!p.clientId().equals(known)) {
                conn.clientIds.put(id, p.clientId());
            }
        } else {
            c.kind[i] = (byte) kindOf(e);
            if (e instanceof SnifferEvent.Open o) {
                conns.putIfAbsent(o.stream(), new Conn(o.client(), o.server()));
            }
            Conn closing = e instanceof SnifferEvent.Close ? conns.get(e.stream()) : null;
            if (closing != null) {
                closing.closed = true;
            }
            extras.put(id, e);
            flags |= F_EXTRA;
        }
        c.flags[i] = (byte) flags;
        Conn rowConn = conns.get(e.stream());
        if (rowConn != null) {
            rowConn.lastRow = id;
        }
        size++;
        flows.offer(id, e);
        clients.offer(e);
        topics.offer(e);
        if (live != null) {
            live.offer(id, e);
        }
        if (size - firstId > maxRows) {
            evictChunk();
        }
    }

    private void evictChunk() {
        long next = firstChunkId + CHUNK;
        for (long id = firstChunkId; id < next; id++) {
            extras.remove(id);
        }
        chunks.remove(0);
        evicted += next - firstId;
        firstId = next;
        firstChunkId = next;
        flows.evictBefore(next);
        // a live store must not grow with every connection it ever saw: a closed one whose rows are
        // gone is forgotten, and an open one keeps only the client id its remaining rows need
        conns.values().removeIf(conn -> conn.closed && conn.lastRow < next);
        for (Conn conn : conns.values()) {
            Long floor = conn.clientIds.floorKey(next);
            if (floor != null) {
                conn.clientIds.headMap(floor, false).clear();
            }
        }
        long off = firstOffsetFrom(next);
        if (off >= 0) {
            spool.discardBefore(off);
        }
    }

    private long firstOffsetFrom(long id) {
        for (; id < size; id++) {
            long off = chunk(id).offset[(int) (id % CHUNK)];
            if (off >= 0) {
                return off;
            }
        }
        return -1;
    }

    @Override
    public synchronized void frames(long count) {
        drain();
        frames = count;
    }

    @Override
    public synchronized void progress(double fraction) {
        drain();
        progress = fraction;
    }

    @Override
    public synchronized void dropped(long count) {
        drain();
        dropped = count;
    }

    @Override
    public synchronized void warning(String line) {
        // the newest are kept: a proxy that runs for days says what went wrong lately
        if (warnings.size() == MAX_WARNINGS) {
            warnings.remove(0);
        }
        warnings.add(line);
    }

    @Override
    public synchronized void end(String why) {
        drain();
        ended = true;
        error = why;
        if (progress >= 0) {
            progress = 1;
        }
    }

    @Override
    public boolean stopped() {
        return stopped;
    }

    /** The UI drew a screen with rows on it. */
    void drawn() {
        firstScreen.countDown();
    }

    /**
     * For a file's loader: waits (at most {@code millis}) until the UI has drawn its first rows, so
     * the first screen does not compete for the CPU with loading the rest. Live sources must not
     * wait: their frames would be dropped meanwhile.
     */
    public void awaitFirstScreen(long millis) throws InterruptedException {
        firstScreen.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** The UI quit: the source stops at its next frame. */
    public void stop() {
        stopped = true;
        firstScreen.countDown();
    }

    // ---- the UI's side ----

    public synchronized Status status() {
        drain();
        return new Status(source, frames, progress, size - firstId, packets, malformed, dropped, evicted, ended, error,
                List.copyOf(warnings));
    }

    /** Ids of rows kept run from {@link #firstId()} to {@link #size()} (exclusive). */
    public synchronized long firstId() {
        return firstId;
    }

    public synchronized long size() {
        drain();
        return size;
    }

    /** Time of the first event, for times relative to the start; Long.MIN_VALUE before any. */
    public synchronized long firstTime() {
        return firstTime;
    }

    /** What the topics view shows: the tree's open nodes, and what it could not keep. */
    record Topics(List<TopicTree.Line> lines, int nodes, long notTracked, long bucketNanos) {
    }

    synchronized Topics topics() {
        drain();
        return new Topics(topics.lines(), topics.nodes(), topics.notTracked(), topics.bucketNanos());
    }

    /** Opens or closes a node of the topics tree; false when nothing changed. */
    synchronized boolean expandTopic(String path, boolean open) {
        return topics.expand(path, open);
    }

    /** What the clients view shows of a connection beyond its statistics. */
    synchronized ClientStates.Info client(int stream) {
        drain();
        return clients.info(stream);
    }

    /** Connections the store still knows (for tests of its bounds). */
    synchronized int connections() {
        return conns.size();
    }

    public synchronized StatsSnapshot stats() {
        drain();
        return stats.snapshot();
    }

    /** A row as the list shows it, or null when it was dropped. */
    public synchronized Row row(long id) {
        if (id < firstId || id >= size) {
            return null;
        }
        Chunk c = chunk(id);
        int i = (int) (id % CHUNK);
        int f = c.flags[i];
        Conn conn = conns.get(c.stream[i]);
        String client = conn == null ? "" : conn.clientId(id);
        return new Row(id, c.frame[i], c.time[i], c.stream[i], c.kind[i], (f & F_MALFORMED) != 0,
                (f & F_C2S) != 0, (f & F_WARNED) != 0, c.latency[i], client);
    }

    /** The event of a row as the pipeline gave it (bytes read back and decoded again), or null when it was dropped. */
    public SnifferEvent event(long id) {
        long offset;
        int length;
        MqttVersion version;
        Object extra;
        Row row;
        Conn conn;
        long responseTo;
        synchronized (this) {
            row = row(id);
            if (row == null) {
                return null;
            }
            Chunk c = chunk(id);
            int i = (int) (id % CHUNK);
            extra = extras.get(id);
            if (extra instanceof SnifferEvent e) {
                return e;
            }
            offset = c.offset[i];
            length = c.length[i];
            version = VERSIONS[c.version[i]];
            responseTo = c.responseTo[i];
            conn = conns.get(row.stream());
        }
        byte[] bytes = spool.read(offset, length);
        if (bytes == null) {
            return null;
        }
        DecodeResult r = PacketDecoder.decode(ByteSlice.wrap(bytes), version);
        PacketExtra x = (PacketExtra) extra;
        Direction dir = row.c2s() ? Direction.C2S : Direction.S2C;
        Endpoint src = row.c2s() ? conn.client : conn.server;
        Endpoint dst = row.c2s() ? conn.server : conn.client;
        return new SnifferEvent.Packet(row.frame(), row.timeNanos(), row.stream(), src, dst, dir, r,
                x == null ? topicOf(r) : x.topic(), x == null ? OptionalInt.empty() : x.alias(),
                responseTo < 0 ? OptionalLong.empty() : OptionalLong.of(responseTo),
                row.latencyNanos() < 0 ? OptionalLong.empty() : OptionalLong.of(row.latencyNanos()), row.clientId(),
                x == null ? List.of() : x.warnings());
    }

    /** Starts filtering: rows already here are scanned by the returned object, new ones tested as they come. */
    synchronized FilterScan filter(Filter filter) {
        drain();
        live = filter == null ? null : new FilterScan(this, filter, firstId, size);
        return live;
    }

    private Chunk chunk(long id) {
        return chunks.get((int) ((id - firstChunkId) / CHUNK));
    }

    private static String topicOf(DecodeResult r) {
        return r instanceof DecodeResult.Decoded d && d.packet() instanceof Publish p ? p.topic() : "";
    }

    private static int kindOf(SnifferEvent e) {
        if (e instanceof SnifferEvent.Open) {
            return OPEN;
        } else if (e instanceof SnifferEvent.Close) {
            return CLOSE;
        } else if (e instanceof SnifferEvent.Gap) {
            return GAP;
        } else if (e instanceof SnifferEvent.Desync) {
            return DESYNC;
        } else if (e instanceof SnifferEvent.NotMqtt) {
            return NOT_MQTT;
        }
        return WARNING;
    }

    /** Bytes of packets on disk: what the spool holds now. */
    long spoolBytes() {
        return spool.size();
    }

    @Override
    public void close() {
        stop();
        spool.close();
    }
}
