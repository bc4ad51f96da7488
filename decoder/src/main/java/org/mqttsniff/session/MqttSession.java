package org.mqttsniff.session;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.mqttsniff.mqtt.Connect;
import org.mqttsniff.mqtt.DecodeResult;
import org.mqttsniff.mqtt.MqttPacket;
import org.mqttsniff.mqtt.MqttVersion;
import org.mqttsniff.mqtt.PacketType;
import org.mqttsniff.mqtt.Properties;
import org.mqttsniff.mqtt.PropertyId;
import org.mqttsniff.mqtt.Publish;
import org.mqttsniff.mqtt.SubAck;
import org.mqttsniff.mqtt.Subscribe;
import org.mqttsniff.mqtt.UnsubAck;
import org.mqttsniff.mqtt.Unsubscribe;
import org.mqttsniff.mqtt.VersionState;
import org.mqttsniff.net.Endpoint;

/**
 * The MQTT state of one connection: who the client is, what is in flight, which topic aliases
 * each side defined. It matches every response to its request and notices problems that only
 * state reveals. Single-threaded, like the rest of the pipeline.
 */
final class MqttSession {
    /** A request waiting for its response; a QoS 2 flow moves through its steps. */
    private static final class Pending {
        long firstFrame;
        /** QoS of a PUBLISH flow; the number of topic filters of a SUBSCRIBE or UNSUBSCRIBE. */
        int n;
        PacketType step;
        /** Frame and time of the flow's latest step: what the next step answers. */
        long frame;
        long time;

        Pending(PacketType step, int n, long frame, long time) {
            set(step, n, frame, time);
        }

        Pending set(PacketType step, int n, long frame, long time) {
            this.firstFrame = frame;
            this.n = n;
            this.step = step;
            this.frame = frame;
            this.time = time;
            return this;
        }
    }

    final int stream;
    final Endpoint client;
    final Endpoint server;
    final VersionState version;
    /** Both directions were seen from their first byte: a missing request is then really missing. */
    private final boolean fromStart;
    /** Some bytes were lost: a response without a request may have lost its request. */
    boolean lossy;

    String clientId = "";
    private boolean connectSeen;
    private Pending connect;
    private int keepAlive;
    private long lastClientTime = -1;
    private final boolean[] anyPacket = new boolean[2];
    private final boolean[] disconnected = new boolean[2];

    /** PUBLISH flows by packet id, per direction of the PUBLISH (ids are per sender, MQTT 5.0 §2.2.1). */
    @SuppressWarnings("unchecked")
    private final IdMap<Pending>[] flows = new IdMap[] {new IdMap<>(), new IdMap<>()};
    private final IdMap<Pending> subscribes = new IdMap<>();
    private final IdMap<Pending> unsubscribes = new IdMap<>();
    private final ArrayDeque<Pending> pings = new ArrayDeque<>();
    @SuppressWarnings("unchecked")
    private final Map<Integer, String>[] aliases = new Map[] {new HashMap<>(), new HashMap<>()};

    long completedFlows;
    /**
     * A flow that completed with the previous packet, for the next PUBLISH flow to reuse: most QoS 1
     * flows end at once, so a session keeps one Pending instead of allocating one per PUBLISH.
     */
    private Pending spare;

    MqttSession(int stream, Endpoint client, Endpoint server, VersionState version, boolean fromStart) {
        this.stream = stream;
        this.client = client;
        this.server = server;
        this.version = version;
        this.fromStart = fromStart;
    }

    /** QoS 1 and 2 flows still open: at the end of a connection, flows left incomplete. */
    int openFlows() {
        return flows[0].size() + flows[1].size();
    }

    SnifferEvent.Packet packet(long frame, long time, Direction dir, DecodeResult r) {
        Ctx c = track(frame, time, dir, r);
        return new SnifferEvent.Packet(frame, time, stream, c.src, c.dst, dir, r, c.topic == null ? "" : c.topic,
                c.hasAlias ? OptionalInt.of(c.alias) : OptionalInt.empty(),
                c.answered ? OptionalLong.of(c.responseTo) : OptionalLong.empty(),
                c.answered ? OptionalLong.of(c.latency) : OptionalLong.empty(), clientId,
                c.warnings == null ? List.of() : c.warnings);
    }

    /** The same packet as {@link #packet}, told to a counter field by field: no event object is built. */
    void count(long frame, long time, Direction dir, DecodeResult r, PacketCounter counter) {
        Ctx c = track(frame, time, dir, r);
        counter.packet(frame, time, stream, c.src, c.dst, dir, r, c.topic == null ? "" : c.topic, c.answered,
                c.latency, clientId, c.warnings == null ? List.of() : c.warnings);
    }

    /**
     * A well-formed PUBLISH without properties that the decoder told field by field
     * ({@link org.mqttsniff.mqtt.StreamDecoder.Counting}): matched and counted as {@link #count}
     * would the decoded packet, with nothing built for it.
     */
    void countPublish(long frame, long time, Direction dir, int length, MqttVersion v, int qos, boolean dup,
                      String topic, int packetId, int payloadLength, PacketCounter counter) {
        Ctx c = begin(frame, time, dir);
        checkOrder(c, PacketType.PUBLISH);
        publish(c, topic, Properties.EMPTY, qos, packetId, dup);
        counted(c, PacketType.PUBLISH, v, length, payloadLength, counter);
    }

    /** The same for a PUBACK, PUBREC, PUBREL or PUBCOMP that has only its packet identifier. */
    void countAck(long frame, long time, Direction dir, int length, MqttVersion v, PacketType type, int packetId,
                  PacketCounter counter) {
        Ctx c = begin(frame, time, dir);
        checkOrder(c, type);
        ack(c, type, packetId);
        counted(c, type, v, length, 0, counter);
    }

    /** Tells the counter what matching found for a packet it takes field by field. */
    private void counted(Ctx c, PacketType type, MqttVersion v, int length, int payloadLength, PacketCounter counter) {
        counter.counted(c.frame, c.time, stream, c.src, c.dst, c.dir, type, v, length, payloadLength,
                c.topic == null ? "" : c.topic, c.answered, c.latency, clientId,
                c.warnings == null ? List.of() : c.warnings);
    }

    private Ctx begin(long frame, long time, Direction dir) {
        Ctx c = ctx.reset(frame, time, dir);
        c.src = dir == Direction.C2S ? client : server;
        c.dst = dir == Direction.C2S ? server : client;
        return c;
    }

    /** Matches the packet against this session's state; what it found is in the returned context until the next packet. */
    private Ctx track(long frame, long time, Direction dir, DecodeResult r) {
        Ctx c = begin(frame, time, dir);
        if (!(r instanceof DecodeResult.Decoded d)) {
            anyPacket[dir.ordinal()] = true;
            return c;
        }
        MqttPacket p = d.packet();
        PacketType type = p.type();
        checkOrder(c, type);
        switch (type) {
            case CONNECT -> connect(c, (Connect) p);
            case CONNACK -> c.answer(takeConnect(), "CONNECT");
            case PUBLISH -> {
                Publish pub = (Publish) p;
                publish(c, pub.topic(), pub.properties(), pub.qos(), pub.packetId(), pub.dup());
            }
            case PUBACK, PUBREC, PUBREL, PUBCOMP -> ack(c, type, p.id().getAsInt());
            case SUBSCRIBE -> request(c, subscribes, p.id().getAsInt(), ((Subscribe) p).subscriptions().size(),
                    "SUBSCRIBE");
            case SUBACK -> {
                Pending req = subscribes.remove(p.id().getAsInt());
                c.answer(req, "SUBSCRIBE");
                checkCount(c, req, ((SubAck) p).reasonCodes().size(), "SUBACK");
            }
            case UNSUBSCRIBE -> request(c, unsubscribes, p.id().getAsInt(), ((Unsubscribe) p).filters().size(),
                    "UNSUBSCRIBE");
            case UNSUBACK -> {
                Pending req = unsubscribes.remove(p.id().getAsInt());
                c.answer(req, "UNSUBSCRIBE");
                if (version.current().isV5()) {
                    checkCount(c, req, ((UnsubAck) p).reasonCodes().size(), "UNSUBACK");
                }
            }
            case PINGREQ -> pings.add(new Pending(type, 0, frame, time));
            case PINGRESP -> c.answer(pings.poll(), "PINGREQ");
            case DISCONNECT -> {
                if (dir == Direction.S2C && !version.current().isV5()) {
                    c.warn("the server sent DISCONNECT, which only MQTT 5.0 allows");
                }
                disconnected[dir.ordinal()] = true;
            }
            default -> {
            }
        }
        return c;
    }

    /** One per session, reset for each packet: nothing in it outlives the packet's event. */
    private final Ctx ctx = new Ctx();

    /** The per-packet working state: what the packet answers, and what is wrong with it. */
    private final class Ctx {
        long frame;
        long time;
        Direction dir;
        Endpoint src;
        Endpoint dst;
        /** A new list per packet that has warnings: the event keeps it. */
        List<String> warnings;
        String topic;
        boolean hasAlias;
        int alias;
        /** The packet answers a request seen earlier: of frame {@code responseTo}, {@code latency} ago. */
        boolean answered;
        long responseTo;
        long latency;

        Ctx reset(long frame, long time, Direction dir) {
            this.frame = frame;
            this.time = time;
            this.dir = dir;
            warnings = null;
            topic = null;
            hasAlias = false;
            answered = false;
            return this;
        }

        void warn(String w) {
            if (warnings == null) {
                warnings = new ArrayList<>(2);
            }
            warnings.add(w);
        }

        void answer(Pending req, String what) {
            if (req != null) {
                answered = true;
                responseTo = req.frame;
                latency = time - req.time;
            } else if (fromStart && !lossy) {
                warn("a response without a request: no " + what + " was seen for it");
            }
        }
    }

    private void checkOrder(Ctx c, PacketType type) {
        int d = c.dir.ordinal();
        boolean clientOnly = type == PacketType.CONNECT || type == PacketType.SUBSCRIBE
                || type == PacketType.UNSUBSCRIBE || type == PacketType.PINGREQ;
        boolean serverOnly = type == PacketType.CONNACK || type == PacketType.SUBACK || type == PacketType.UNSUBACK
                || type == PacketType.PINGRESP;
        if (c.dir == Direction.S2C && clientOnly) {
            c.warn(type + " is a client packet, but the server sent it");
        } else if (c.dir == Direction.C2S && serverOnly) {
            c.warn(type + " is a server packet, but the client sent it");
        }
        if (fromStart && !anyPacket[d] && c.dir == Direction.C2S && type != PacketType.CONNECT) {
            c.warn("the client's first packet must be CONNECT [MQTT-3.1.0-1]");
        }
        if (fromStart && !connectSeen && c.dir == Direction.S2C) {
            c.warn("the server sent " + type + " before the client's CONNECT");
        }
        if (disconnected[d]) {
            c.warn(type + " sent after DISCONNECT");
        }
        if (c.dir == Direction.C2S) {
            String late = keepAliveExceeded(c.time, "");
            if (late != null) {
                c.warn(late);
            }
            lastClientTime = c.time;
        }
        anyPacket[d] = true;
    }

    /**
     * The keep-alive warning if the client was silent longer than 1.5 times its keep alive before
     * {@code time}, else null. The server should then have closed the connection [MQTT-3.1.2-24].
     */
    String keepAliveExceeded(long time, String when) {
        if (!connectSeen || keepAlive <= 0 || lastClientTime < 0 || time - lastClientTime <= keepAlive * 1_500_000_000L) {
            return null;
        }
        return String.format(java.util.Locale.ROOT, "keep-alive exceeded: the client was silent for %.1f s%s, more"
                + " than 1.5 x its keep alive of %d s [MQTT-3.1.2-24]", (time - lastClientTime) / 1e9, when, keepAlive);
    }

    private void connect(Ctx c, Connect p) {
        if (connectSeen) {
            c.warn("a second CONNECT on the same connection is a protocol violation [MQTT-3.1.0-2]");
        }
        connectSeen = true;
        clientId = p.clientId();
        keepAlive = p.keepAlive();
        connect = new Pending(PacketType.CONNECT, 0, c.frame, c.time);
    }

    private Pending takeConnect() {
        Pending p = connect;
        connect = null;
        return p;
    }

    /** A QoS flow's next step: which flow it moves on, and what it answers. */
    private void ack(Ctx c, PacketType type, int id) {
        Direction dir = c.dir;
        switch (type) {
            case PUBACK -> c.answer(flowStep(c, dir.reverse(), id, type, PacketType.PUBLISH, 1, true), "QoS 1 PUBLISH");
            case PUBREC -> c.answer(flowStep(c, dir.reverse(), id, type, PacketType.PUBLISH, 2, false), "QoS 2 PUBLISH");
            case PUBREL -> c.answer(flowStep(c, dir, id, type, PacketType.PUBREC, 2, false), "PUBREC");
            case PUBCOMP -> c.answer(flowStep(c, dir.reverse(), id, type, PacketType.PUBREL, 2, true), "PUBREL");
            default -> throw new IllegalArgumentException(type + " is no step of a QoS flow");
        }
    }

    private void publish(Ctx c, String topic, Properties properties, int qos, int packetId, boolean dup) {
        c.topic = topic;
        var alias = properties.get(PropertyId.TOPIC_ALIAS);
        if (alias.isPresent()) {
            int a = (int) alias.get().number();
            c.hasAlias = true;
            c.alias = a;
            Map<Integer, String> map = aliases[c.dir.ordinal()];
            if (!topic.isEmpty()) {
                map.put(a, topic);
            } else {
                String t = map.get(a);
                if (t != null) {
                    c.topic = t;
                } else if (fromStart && !lossy) {
                    c.warn("Topic Alias " + a + " was never defined in this direction [MQTT-3.3.2-9]");
                }
            }
        }
        if (qos > 0) {
            IdMap<Pending> inFlight = flows[c.dir.ordinal()];
            Pending old = inFlight.get(packetId);
            if (old != null && !dup) {
                c.warn("packet id " + packetId + " reused while the PUBLISH of frame " + old.firstFrame
                        + " is still in flight");
            }
            if (old == null || !dup) {
                Pending flow = spare != null ? spare.set(PacketType.PUBLISH, qos, c.frame, c.time)
                        : new Pending(PacketType.PUBLISH, qos, c.frame, c.time);
                spare = null;
                inFlight.put(packetId, flow);
            }
        }
    }

    /**
     * Moves a QoS flow on: {@code senderDir} is the direction of the PUBLISH that started it, and
     * the flow must be at step {@code expected}. Returns the request this packet answers.
     */
    private Pending flowStep(Ctx c, Direction senderDir, int id, PacketType type, PacketType expected, int qos,
                             boolean last) {
        IdMap<Pending> inFlight = flows[senderDir.ordinal()];
        Pending f = inFlight.get(id);
        if (f == null || f.n != qos || f.step != expected) {
            return null;
        }
        if (last) {
            inFlight.remove(id);
            completedFlows++;
            // out of the table: the caller reads it for this packet's answer, and then it is free
            spare = f;
            return f;
        }
        Pending answered = new Pending(f.step, qos, f.frame, f.time);
        f.step = type;
        f.frame = c.frame;
        f.time = c.time;
        return answered;
    }

    private void request(Ctx c, IdMap<Pending> pending, int id, int filters, String what) {
        Pending old = pending.put(id, new Pending(PacketType.SUBSCRIBE, filters, c.frame, c.time));
        if (old != null) {
            c.warn("packet id " + id + " reused while the " + what + " of frame " + old.frame + " awaits its answer");
        }
    }

    /** One reason code per topic filter of the request (MQTT 3.1.1 §3.9.3, 5.0 §3.9.3 and §3.11.3). */
    private void checkCount(Ctx c, Pending req, int codes, String what) {
        if (req != null && req.n != codes) {
            c.warn(what + " has " + codes + " reason code" + (codes == 1 ? "" : "s") + " for the " + req.n
                    + " topic filter" + (req.n == 1 ? "" : "s") + " of its request");
        }
    }
}
