package org.mqttsniff.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.mqttsniff.mqtt.DecodeResult;
import org.mqttsniff.mqtt.MalformedReason;
import org.mqttsniff.mqtt.MqttPacket;
import org.mqttsniff.mqtt.MqttVersion;
import org.mqttsniff.mqtt.PacketType;
import org.mqttsniff.mqtt.Publish;
import org.mqttsniff.net.Endpoint;
import org.mqttsniff.session.Direction;
import org.mqttsniff.session.PacketCounter;
import org.mqttsniff.session.SnifferEvent;
import org.mqttsniff.stats.StatsSnapshot.ClientRow;
import org.mqttsniff.stats.StatsSnapshot.ConnectionRow;
import org.mqttsniff.stats.StatsSnapshot.Count;
import org.mqttsniff.stats.StatsSnapshot.LatencyRow;
import org.mqttsniff.stats.StatsSnapshot.Omitted;
import org.mqttsniff.stats.StatsSnapshot.TopicRow;
import org.mqttsniff.stats.StatsSnapshot.TypeRow;

/**
 * Counts what a capture holds, event by event, for {@code --stats} and the UI's Stats view.
 *
 * <p>Memory is bounded whatever the input: at most {@code limit} connections, client ids and
 * topics are tracked one by one (the first ones seen; past that they count in the totals and
 * as "not shown"), at most {@value #WARNING_KINDS} kinds of warning, and one fixed-size
 * {@link LatencyHistogram} per kind of response. A packet costs array increments and a few
 * hash lookups keyed by strings the event already holds; nothing is allocated for it.
 *
 * <p>Latencies, and QoS flows completed, come from the matching the session tracker already did
 * ({@code responseTo}, {@code latencyNanos}); flows left incomplete from {@code Close.openFlows}.
 * Single-threaded, like the pipeline that feeds it; {@link #snapshot()} copies out.
 */
public final class CaptureStats implements PacketCounter {
    public static final int DEFAULT_LIMIT = 10_000;
    static final int WARNING_KINDS = 1_000;
    private static final String OTHER_WARNINGS = "(other kinds)";

    private static final PacketType[] TYPES = PacketType.values();
    /** The request each response answers, by the response's type code (MQTT 5.0 §4.3, §3.2 ... §3.13). */
    private static final PacketType[] REQUEST_OF = new PacketType[16];

    static {
        REQUEST_OF[PacketType.CONNACK.code()] = PacketType.CONNECT;
        REQUEST_OF[PacketType.PUBACK.code()] = PacketType.PUBLISH;
        REQUEST_OF[PacketType.PUBREC.code()] = PacketType.PUBLISH;
        REQUEST_OF[PacketType.PUBREL.code()] = PacketType.PUBREC;
        REQUEST_OF[PacketType.PUBCOMP.code()] = PacketType.PUBREL;
        REQUEST_OF[PacketType.SUBACK.code()] = PacketType.SUBSCRIBE;
        REQUEST_OF[PacketType.UNSUBACK.code()] = PacketType.UNSUBSCRIBE;
        REQUEST_OF[PacketType.PINGRESP.code()] = PacketType.PINGREQ;
    }

    private static final class Conn {
        final int stream;
        final Endpoint client;
        final Endpoint server;
        final long first;
        long last;
        String clientId = "";
        MqttVersion version;
        long packets;
        long bytes;
        String closeReason = "";
        /*
         * The client id and topic this connection's last packets counted under, and their rows: a
         * connection mostly repeats the same String instances (the session's client id, the decoder's
         * remembered topics), so an identity check saves a hash lookup whose equals compares strings
         * of one length byte by byte when names such as sensor/1/... and sensor/2/... share a bucket.
         */
        String clientKey;
        Client clientRow;
        String topicKey;
        Topic topicRow;

        Conn(int stream, Endpoint client, Endpoint server, long first) {
            this.stream = stream;
            this.client = client;
            this.server = server;
            this.first = first;
            this.last = first;
        }
    }

    private static final class Client {
        long connections;
        long packets;
        long bytes;
    }

    private static final class Topic {
        final long[] messages = new long[2];
        long payloadBytes;
    }

    private final int limit;
    private long first = Long.MIN_VALUE;
    private long last;
    private long packets;
    private long bytes;
    private final long[] typePackets = new long[16];
    private final long[] typeBytes = new long[16];
    private final LatencyHistogram[] latency = new LatencyHistogram[16];
    private long completedQos1;
    private long completedQos2;
    private long incomplete;
    private long malformed;
    private final long[] malformedByReason = new long[MalformedReason.values().length];
    private long warnings;
    private final Map<String, long[]> warningKinds = new HashMap<>();
    private long gaps;
    private long gapBytes;
    private long desyncs;
    private long desyncBytes;
    private long notMqtt;

    private final IntMap<Conn> conns = new IntMap<>();
    private long connsNotShown;
    private final Map<String, Client> clients = new HashMap<>();
    private final DistinctCounter clientsOver = new DistinctCounter();
    private long clientPacketsOver;
    private final Map<String, Topic> topics = new HashMap<>();
    private final DistinctCounter topicsOver = new DistinctCounter();
    private long topicMessagesOver;

    public CaptureStats() {
        this(DEFAULT_LIMIT);
    }

    /** @param limit connections, client ids and topics tracked one by one, each */
    public CaptureStats(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be 0 or more, got " + limit);
        }
        this.limit = limit;
        for (int i = 0; i < 16; i++) {
            if (REQUEST_OF[i] != null) {
                latency[i] = new LatencyHistogram();
            }
        }
    }

    @Override
    public void accept(SnifferEvent e) {
        if (e instanceof SnifferEvent.Packet p) {
            packet(p.frame(), p.timeNanos(), p.stream(), p.src(), p.dst(), p.dir(), p.result(), p.topic(),
                    p.latencyNanos().isPresent(), p.latencyNanos().orElse(0), p.clientId(), p.warnings());
            return;
        }
        long t = e.timeNanos();
        if (first == Long.MIN_VALUE) {
            first = t;
        }
        last = Math.max(last, t);
        if (e instanceof SnifferEvent.Open o) {
            if (conns.get(o.stream()) == null) {
                if (conns.size() < limit) {
                    conns.put(o.stream(), new Conn(o.stream(), o.client(), o.server(), t));
                } else {
                    connsNotShown++;
                }
            }
        } else if (e instanceof SnifferEvent.Close c) {
            incomplete += c.openFlows();
            Conn conn = conns.get(c.stream());
            if (conn != null) {
                conn.last = t;
                conn.closeReason = c.reason();
            }
        } else if (e instanceof SnifferEvent.Gap g) {
            gaps++;
            gapBytes += g.lostBytes();
        } else if (e instanceof SnifferEvent.Desync d) {
            desyncs++;
            desyncBytes += d.skipped();
        } else if (e instanceof SnifferEvent.NotMqtt) {
            notMqtt++;
        } else if (e instanceof SnifferEvent.Warning w) {
            warning(w.message());
        }
    }

    @Override
    public void packet(long frame, long t, int stream, Endpoint src, Endpoint dst, Direction dir, DecodeResult r,
                       String topic, boolean answered, long latencyNanos, String clientId, List<String> ws) {
        if (r instanceof DecodeResult.Decoded d) {
            MqttPacket m = d.packet();
            counted(frame, t, stream, src, dst, dir, m.type(), d.version(), r.length(),
                    m instanceof Publish pub ? pub.payload().length() : 0, topic, answered, latencyNanos, clientId, ws);
            return;
        }
        tally(stream, src, dst, dir, t, r.length(), clientId, false);
        if (r instanceof DecodeResult.Malformed bad) {
            malformed++;
            malformedByReason[bad.reason().ordinal()]++;
        }
        warnings(ws);
    }

    @Override
    public void counted(long frame, long t, int stream, Endpoint src, Endpoint dst, Direction dir, PacketType type,
                        MqttVersion version, int len, int payloadLength, String topic, boolean answered,
                        long latencyNanos, String clientId, List<String> ws) {
        Conn conn = tally(stream, src, dst, dir, t, len, clientId, type == PacketType.CONNECT);
        int code = type.code();
        typePackets[code]++;
        typeBytes[code] += len;
        if (conn != null && conn.version != version) {
            conn.version = version;
        }
        if (type == PacketType.PUBLISH) {
            Topic row = conn != null && conn.topicKey == topic ? conn.topicRow : topic(topic);
            if (row != null) {
                row.messages[dir.ordinal()]++;
                row.payloadBytes += payloadLength;
                if (conn != null && conn.topicKey != topic) {
                    conn.topicKey = topic;
                    conn.topicRow = row;
                }
            }
        }
        if (answered && latency[code] != null) {
            latency[code].record(latencyNanos);
            // only a flow's last step is answered when the flow is known (MqttSession.flowStep)
            if (type == PacketType.PUBACK) {
                completedQos1++;
            } else if (type == PacketType.PUBCOMP) {
                completedQos2++;
            }
        }
        warnings(ws);
    }

    /**
     * Counts a packet of any kind in the totals, its connection and its client ({@code connect}:
     * a CONNECT, one more connection of that client); returns the connection's row, or null past
     * the limit.
     */
    private Conn tally(int stream, Endpoint src, Endpoint dst, Direction dir, long t, int len, String clientId,
                       boolean connect) {
        if (first == Long.MIN_VALUE) {
            first = t;
        }
        last = Math.max(last, t);
        packets++;
        bytes += len;
        Conn conn = conn(stream, src, dst, dir, t);
        if (conn != null) {
            conn.packets++;
            conn.bytes += len;
            conn.last = t;
            // references stored only when they change: each store into a long-lived object costs a GC barrier
            if (conn.clientId != clientId) {
                conn.clientId = clientId;
            }
        }
        Client client;
        if (conn != null && conn.clientKey == clientId) {
            client = conn.clientRow;
            client.packets++;
            client.bytes += len;
        } else {
            client = client(clientId, len);
            if (conn != null && client != null) {
                conn.clientKey = clientId;
                conn.clientRow = client;
            }
        }
        if (connect && client != null) {
            client.connections++;
        }
        return conn;
    }

    private void warnings(List<String> ws) {
        for (int i = 0, n = ws.size(); i < n; i++) {
            warning(ws.get(i));
        }
    }

    private Conn conn(int stream, Endpoint src, Endpoint dst, Direction dir, long t) {
        Conn c = conns.get(stream);
        if (c == null && conns.size() < limit) {
            // no open event seen (a consumer that joined late): the packet says who is who
            boolean c2s = dir == Direction.C2S;
            c = new Conn(stream, c2s ? src : dst, c2s ? dst : src, t);
            conns.put(stream, c);
        }
        return c;
    }

    private Client client(String id, int len) {
        Client c = clients.get(id);
        if (c == null) {
            if (clients.size() >= limit) {
                clientsOver.add(id);
                clientPacketsOver++;
                return null;
            }
            c = new Client();
            clients.put(id, c);
        }
        c.packets++;
        c.bytes += len;
        return c;
    }

    /** The topic's row, or null when it is one too many to track (then it is counted as not shown). */
    private Topic topic(String name) {
        Topic t = topics.get(name);
        if (t == null) {
            if (topics.size() >= limit) {
                topicsOver.add(name);
                topicMessagesOver++;
                return null;
            }
            t = new Topic();
            topics.put(name, t);
        }
        return t;
    }

    private void warning(String message) {
        warnings++;
        String kind = kindOf(message);
        long[] n = warningKinds.get(kind);
        if (n == null && warningKinds.size() >= WARNING_KINDS) {
            kind = OTHER_WARNINGS;
            n = warningKinds.get(kind);
        }
        if (n == null) {
            n = new long[1];
            warningKinds.put(kind, n);
        }
        n[0]++;
    }

    /**
     * A warning's kind: its text with each number made "N", so "packet id 7 reused while the
     * PUBLISH of frame 12 is still in flight" groups with every other reuse. Rule references in
     * brackets, such as [MQTT-3.1.2-24], are kept.
     */
    static String kindOf(String message) {
        StringBuilder sb = new StringBuilder(message.length());
        int depth = 0;
        for (int i = 0; i < message.length(); i++) {
            char ch = message.charAt(i);
            if (ch == '[') {
                depth++;
            } else if (ch == ']' && depth > 0) {
                depth--;
            }
            if (depth == 0 && ch >= '0' && ch <= '9') {
                while (i + 1 < message.length() && (isDigit(message.charAt(i + 1))
                        || message.charAt(i + 1) == '.' && i + 2 < message.length() && isDigit(message.charAt(i + 2)))) {
                    i++;
                }
                sb.append('N');
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * Most first, then by key. The report's orderings are written out as classes, not built from
     * method references: linking some fifteen of those cost 9-16 ms when the report is made.
     */
    private static final Comparator<Count> MOST_FIRST = new Comparator<>() {
        @Override
        public int compare(Count a, Count b) {
            int c = Long.compare(b.count(), a.count());
            return c != 0 ? c : a.key().compareTo(b.key());
        }
    };

    /** The totals so far, sorted for a report. */
    public StatsSnapshot snapshot() {
        long duration = first == Long.MIN_VALUE ? 0 : last - first;
        List<TypeRow> types = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            if (typePackets[i] > 0) {
                types.add(new TypeRow(TYPES[i].name(), typePackets[i], typeBytes[i]));
            }
        }
        types.sort(new Comparator<>() {
            @Override
            public int compare(TypeRow a, TypeRow b) {
                int c = Long.compare(b.packets(), a.packets());
                return c != 0 ? c : a.type().compareTo(b.type());
            }
        });

        List<ConnectionRow> connections = new ArrayList<>();
        for (Conn c : conns.values()) {
            connections.add(new ConnectionRow(c.stream, c.client, c.server, c.clientId,
                    c.version == null ? "" : c.version.label(), c.packets, c.bytes, c.last - c.first, c.closeReason));
        }
        connections.sort(new Comparator<>() {
            @Override
            public int compare(ConnectionRow a, ConnectionRow b) {
                int c = Long.compare(b.packets(), a.packets());
                return c != 0 ? c : Integer.compare(a.stream(), b.stream());
            }
        });

        List<ClientRow> clientRows = new ArrayList<>();
        clients.forEach((id, c) -> clientRows.add(new ClientRow(id, c.connections, c.packets, c.bytes)));
        clientRows.sort(new Comparator<>() {
            @Override
            public int compare(ClientRow a, ClientRow b) {
                int c = Long.compare(b.packets(), a.packets());
                return c != 0 ? c : a.clientId().compareTo(b.clientId());
            }
        });

        double seconds = duration / 1e9;
        List<TopicRow> topicRows = new ArrayList<>();
        topics.forEach((name, t) -> {
            long n = t.messages[0] + t.messages[1];
            topicRows.add(new TopicRow(name, n, t.messages[Direction.C2S.ordinal()],
                    t.messages[Direction.S2C.ordinal()], t.payloadBytes, duration > 0 ? n / seconds : Double.NaN));
        });
        topicRows.sort(new Comparator<>() {
            @Override
            public int compare(TopicRow a, TopicRow b) {
                int c = Long.compare(b.messages(), a.messages());
                return c != 0 ? c : a.topic().compareTo(b.topic());
            }
        });

        List<LatencyRow> latencies = new ArrayList<>();
        for (PacketType response : List.of(PacketType.CONNACK, PacketType.PUBACK, PacketType.PUBREC, PacketType.PUBREL,
                PacketType.PUBCOMP, PacketType.SUBACK, PacketType.UNSUBACK, PacketType.PINGRESP)) {
            LatencyHistogram h = latency[response.code()];
            if (h.count() > 0) {
                latencies.add(new LatencyRow(REQUEST_OF[response.code()].name(), response.name(), h.count(), h.min(),
                        h.percentile(50), h.percentile(99), h.max()));
            }
        }

        List<Count> byReason = new ArrayList<>();
        for (MalformedReason reason : MalformedReason.values()) {
            if (malformedByReason[reason.ordinal()] > 0) {
                byReason.add(new Count(reason.key(), malformedByReason[reason.ordinal()]));
            }
        }
        byReason.sort(MOST_FIRST);
        List<Count> byKind = new ArrayList<>();
        warningKinds.forEach((k, n) -> byKind.add(new Count(k, n[0])));
        byKind.sort(MOST_FIRST);

        return new StatsSnapshot(duration, packets, bytes, List.copyOf(types), List.copyOf(connections), connsNotShown,
                List.copyOf(clientRows), omitted(clientsOver, clientPacketsOver), List.copyOf(topicRows),
                omitted(topicsOver, topicMessagesOver), List.copyOf(latencies),
                new StatsSnapshot.Flows(completedQos1, completedQos2, incomplete), malformed, List.copyOf(byReason),
                warnings, List.copyOf(byKind), gaps, gapBytes, desyncs, desyncBytes, notMqtt);
    }

    private static Omitted omitted(DistinctCounter c, long packets) {
        return packets == 0 ? Omitted.NONE : new Omitted(Math.max(1, c.estimate()), c.saturated(), packets);
    }
}
