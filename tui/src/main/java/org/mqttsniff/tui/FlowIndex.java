package org.mqttsniff.tui;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mqttsniff.mqtt.Connect;
import org.mqttsniff.mqtt.DecodeResult;
import org.mqttsniff.mqtt.MqttPacket;
import org.mqttsniff.mqtt.PacketType;
import org.mqttsniff.mqtt.Publish;
import org.mqttsniff.net.Endpoint;
import org.mqttsniff.session.Direction;
import org.mqttsniff.session.SnifferEvent;

/**
 * The rows of each connection, for the flows view: built as rows arrive (on the source's thread,
 * from {@link PacketStore}), so opening a ladder never walks the whole store. Per row it keeps
 * the row id, how far back its request is, and the QoS 2 bracket marks: 13 bytes a row. The live
 * store's evictions drop the same rows here ({@link #evictBefore}).
 *
 * <p>A QoS 2 exchange (PUBLISH, PUBREC, PUBREL, PUBCOMP with one packet id, MQTT 3.1.1 §4.3.3,
 * 5.0 §4.3.3) takes one of {@link #LANES} bracket lanes from its PUBLISH to its PUBCOMP; every
 * row in between records which lanes pass by, so a screen of rows draws its brackets from those
 * rows alone. Exchanges beyond the lanes still show their step numbers, without a bracket.
 *
 * <pre>
 * mark byte:  7 6 5 4 3 2 1 0
 *             | | | | | +-+-+-- lanes passing this row (bit per lane; a PUBLISH resent with DUP keeps its own)
 *             | | | +-+-------- this row's lane + 1 (0: none)
 *             +-+-+------------ this row's QoS 2 step 1..4 (0: not a step)
 * </pre>
 *
 * <p>Thread safety: the source's thread calls {@link #offer} and {@link #evictBefore} while it
 * holds the store's lock; the UI reads through this object's lock and never calls the store
 * while holding it.
 */
final class FlowIndex {
    static final int LANES = 3;
    /** Requests whose answer is still awaited, remembered to find a response's request; the oldest go first. */
    private static final int PENDING = 1 << 16;
    private static final int CHUNK = 1024;

    private final Map<Integer, Conn> byStream = new HashMap<>();
    /** Connections in the order they were first seen. */
    private final List<Conn> order = new ArrayList<>();
    private final Map<Long, Long> pending = new LinkedHashMap<>(1024, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Long> e) {
            return size() > PENDING;
        }
    };

    /** What the connection list shows of one connection. */
    record Info(int stream, String clientId, Endpoint client, Endpoint server, String version, long packets,
                long rows, boolean closed, long firstTimeNanos) {
    }

    /** Rows {@code from} .. of one connection: row ids, marks and how many rows back each one's request is (0: none). */
    record Slice(long from, long[] ids, byte[] marks, int[] back) {
        int size() {
            return ids.length;
        }
    }

    private static final class Conn {
        final int stream;
        Endpoint client;
        Endpoint server;
        String clientId = "";
        String version = "?";
        long packets;
        boolean closed;
        final long firstTime;
        /** The id of the connection's first row: a paused view hides connections first seen after it stopped. */
        final long firstId;
        /** Chunks of CHUNK rows; position {@code p} is in chunk {@code (p - start) / CHUNK}. */
        final List<long[]> ids = new ArrayList<>();
        final List<byte[]> marks = new ArrayList<>();
        final List<int[]> backs = new ArrayList<>();
        long start;
        long end;
        /** Per lane, the QoS 2 exchange holding it: publish direction * 65536 + packet id, or -1. */
        final int[] lanes = {-1, -1, -1};

        Conn(int stream, long firstTime, long firstId) {
            this.stream = stream;
            this.firstTime = firstTime;
            this.firstId = firstId;
        }

        void add(long id, int mark, int back) {
            int i = (int) ((end - start) % CHUNK);
            if (i == 0) {
                ids.add(new long[16]);
                marks.add(new byte[16]);
                backs.add(new int[16]);
            }
            int c = ids.size() - 1;
            if (i == ids.get(c).length) {
                int n = Math.min(CHUNK, i * 2);
                ids.set(c, Arrays.copyOf(ids.get(c), n));
                marks.set(c, Arrays.copyOf(marks.get(c), n));
                backs.set(c, Arrays.copyOf(backs.get(c), n));
            }
            ids.get(c)[i] = id;
            marks.get(c)[i] = (byte) mark;
            backs.get(c)[i] = back;
            end++;
        }

        long id(long pos) {
            return ids.get((int) ((pos - start) / CHUNK))[(int) ((pos - start) % CHUNK)];
        }

        byte mark(long pos) {
            return marks.get((int) ((pos - start) / CHUNK))[(int) ((pos - start) % CHUNK)];
        }

        int back(long pos) {
            return backs.get((int) ((pos - start) / CHUNK))[(int) ((pos - start) % CHUNK)];
        }

        int passing() {
            int m = 0;
            for (int l = 0; l < LANES; l++) {
                if (lanes[l] >= 0) {
                    m |= 1 << l;
                }
            }
            return m;
        }

        Info info() {
            return new Info(stream, clientId, client, server, version, packets, end - start, closed, firstTime);
        }
    }

    // ---- the source's thread ----

    synchronized void offer(long id, SnifferEvent e) {
        Conn c = byStream.get(e.stream());
        if (c == null) {
            c = new Conn(e.stream(), e.timeNanos(), id);
            byStream.put(e.stream(), c);
            order.add(c);
        }
        long pos = c.end;
        int mark = c.passing();
        int back = 0;
        if (e instanceof SnifferEvent.Packet p) {
            c.packets++;
            if (c.client == null) {
                c.client = p.dir() == Direction.C2S ? p.src() : p.dst();
                c.server = p.dir() == Direction.C2S ? p.dst() : p.src();
            }
            c.clientId = p.clientId();
            if (p.result() instanceof DecodeResult.Decoded d) {
                MqttPacket m = d.packet();
                if (m instanceof Connect con) {
                    c.version = con.version().label();
                }
                int pid = m.id().orElse(0);
                if (p.responseTo().isPresent()) {
                    Long req = pending.remove(key(p.responseTo().getAsLong(), pid));
                    if (req != null && req >= c.start && req < pos) {
                        back = (int) Math.min(Integer.MAX_VALUE, pos - req);
                    }
                }
                if (expectsAnswer(m)) {
                    pending.put(key(p.frame(), pid), pos);
                }
                mark = qos2(c, p.dir(), m, p.responseTo().isPresent(), mark);
            }
        } else if (e instanceof SnifferEvent.Open o) {
            c.client = o.client();
            c.server = o.server();
        } else if (e instanceof SnifferEvent.Close) {
            c.closed = true;
            Arrays.fill(c.lanes, -1);
            mark = 0;
        }
        c.add(id, mark, back);
    }

    private static long key(long frame, int packetId) {
        return (frame << 16) | (packetId & 0xffff);
    }

    private static boolean expectsAnswer(MqttPacket m) {
        return switch (m.type()) {
            case CONNECT, SUBSCRIBE, UNSUBSCRIBE, PINGREQ, PUBREC, PUBREL -> true;
            case PUBLISH -> ((Publish) m).qos() > 0;
            default -> false;
        };
    }

    /** The mark of a row: the lanes passing by, and its own step and lane if it is a step of a QoS 2 exchange. */
    private static int qos2(Conn c, Direction dir, MqttPacket m, boolean answers, int passing) {
        PacketType t = m.type();
        int step;
        Direction publisher;
        if (t == PacketType.PUBLISH && ((Publish) m).qos() == 2) {
            step = 1;
            publisher = dir;
        } else if (answers && t == PacketType.PUBREC) {
            step = 2;
            publisher = dir.reverse();
        } else if (answers && t == PacketType.PUBREL) {
            step = 3;
            publisher = dir;
        } else if (answers && t == PacketType.PUBCOMP) {
            step = 4;
            publisher = dir.reverse();
        } else {
            return passing;
        }
        int flow = publisher.ordinal() * 65536 + m.id().orElse(0);
        int lane = -1;
        for (int l = 0; l < LANES; l++) {
            if (c.lanes[l] == flow) {
                lane = l;
            }
        }
        boolean resend = step == 1 && lane >= 0;
        if (step == 1 && lane < 0) {
            // a new exchange (a DUP resend keeps its lane); a stuck one is ended by its connection's close
            for (int l = 0; l < LANES && lane < 0; l++) {
                if (c.lanes[l] < 0) {
                    lane = l;
                    c.lanes[l] = flow;
                }
            }
        }
        if (lane >= 0 && !resend) { // a resend's lane stays in the passing bits: its bracket goes on
            passing &= ~(1 << lane);
            if (step == 4) {
                c.lanes[lane] = -1;
            }
        }
        return passing | (lane + 1) << 3 | step << 5;
    }

    /** Forgets rows before {@code firstId} (the live store dropped them), and closed connections left without rows. */
    synchronized void evictBefore(long firstId) {
        for (var it = order.iterator(); it.hasNext(); ) {
            Conn c = it.next();
            while (!c.ids.isEmpty()) {
                long[] first = c.ids.get(0);
                boolean full = c.ids.size() > 1;
                long last = full ? first[CHUNK - 1] : c.id(c.end - 1);
                if (last >= firstId) {
                    break;
                }
                c.ids.remove(0);
                c.marks.remove(0);
                c.backs.remove(0);
                c.start = full ? c.start + CHUNK : c.end;
            }
            if (c.ids.isEmpty() && c.closed) { // an open one stays listed: its next rows join its history
                it.remove();
                byStream.remove(c.stream);
            }
        }
    }

    // ---- the UI's side ----

    synchronized int connections() {
        return order.size();
    }

    /** Connections first seen in a row before {@code upTo}: the first ones of the list (it is in that order). */
    synchronized int connections(long upTo) {
        int n = order.size();
        while (n > 0 && order.get(n - 1).firstId >= upTo) { // new ones are at the end: a paused view skips few
            n--;
        }
        return n;
    }

    /** Up to {@code count} connections from the {@code from}-th, in the order they were first seen. */
    synchronized List<Info> connections(int from, int count) {
        List<Info> out = new ArrayList<>();
        for (int i = Math.max(0, from); i < Math.min(order.size(), from + count); i++) {
            out.add(order.get(i).info());
        }
        return out;
    }

    /** The place of a connection in the list, or -1. */
    synchronized int indexOf(int stream) {
        Conn c = byStream.get(stream);
        return c == null ? -1 : order.indexOf(c);
    }

    synchronized Info info(int stream) {
        Conn c = byStream.get(stream);
        return c == null ? null : c.info();
    }

    /** The first position of a connection whose row the store still keeps, and the end; null when it has no rows. */
    synchronized long[] range(int stream, long firstId) {
        return range(stream, firstId, Long.MAX_VALUE);
    }

    /** As {@link #range(int, long)}, up to the rows before id {@code upTo} (what a paused view shows). */
    synchronized long[] range(int stream, long firstId, long upTo) {
        Conn c = byStream.get(stream);
        if (c == null || c.end == c.start) {
            return null;
        }
        long end = upTo == Long.MAX_VALUE ? c.end : lowerBound(c, upTo);
        return new long[] {Math.min(end, lowerBound(c, firstId)), end};
    }

    /** The position of the first row of the connection whose id is at least {@code id}. */
    synchronized long positionOf(int stream, long id) {
        Conn c = byStream.get(stream);
        return c == null ? -1 : lowerBound(c, id);
    }

    private static long lowerBound(Conn c, long id) {
        long lo = c.start;
        long hi = c.end;
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            if (c.id(mid) < id) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    synchronized Slice slice(int stream, long from, int count) {
        Conn c = byStream.get(stream);
        if (c == null) {
            return new Slice(from, new long[0], new byte[0], new int[0]);
        }
        from = Math.max(from, c.start);
        int n = (int) Math.max(0, Math.min(count, c.end - from));
        long[] ids = new long[n];
        byte[] marks = new byte[n];
        int[] back = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = c.id(from + i);
            marks[i] = c.mark(from + i);
            back[i] = c.back(from + i);
        }
        return new Slice(from, ids, marks, back);
    }

    /** The row id at a position and how far back its request is: {id, back}, or null when not kept. */
    synchronized long[] at(int stream, long pos) {
        Conn c = byStream.get(stream);
        if (c == null || pos < c.start || pos >= c.end) {
            return null;
        }
        return new long[] {c.id(pos), c.back(pos)};
    }

    static int passing(byte mark) {
        return mark & 7;
    }

    /** The row's lane 0..2, or -1. */
    static int lane(byte mark) {
        return ((mark >> 3) & 3) - 1;
    }

    /** The row's QoS 2 step 1..4, or 0. */
    static int step(byte mark) {
        return (mark >> 5) & 7;
    }
}
