package org.mqttsniff.filter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.mqttsniff.mqtt.Auth;
import org.mqttsniff.mqtt.ConnAck;
import org.mqttsniff.mqtt.Connect;
import org.mqttsniff.mqtt.DecodeResult;
import org.mqttsniff.mqtt.Disconnect;
import org.mqttsniff.mqtt.MalformedReason;
import org.mqttsniff.mqtt.MqttPacket;
import org.mqttsniff.mqtt.MqttVersion;
import org.mqttsniff.mqtt.PacketType;
import org.mqttsniff.mqtt.PubAck;
import org.mqttsniff.mqtt.PubComp;
import org.mqttsniff.mqtt.PubRec;
import org.mqttsniff.mqtt.PubRel;
import org.mqttsniff.mqtt.Publish;
import org.mqttsniff.mqtt.ReasonCodes;
import org.mqttsniff.mqtt.SubAck;
import org.mqttsniff.mqtt.Subscribe;
import org.mqttsniff.mqtt.UnsubAck;
import org.mqttsniff.mqtt.Unsubscribe;
import org.mqttsniff.net.Endpoint;
import org.mqttsniff.session.Direction;
import org.mqttsniff.session.SnifferEvent;

/**
 * The fields of the filter language. Names follow the JSON output ({@code -T json}) where there is
 * a JSON key, so what a user sees there can be filtered on. Stream events have only the fields
 * that describe where they happened (event, frame, stream, endpoints, dir) and {@code warning}.
 */
final class Fields {
    private static final Map<String, Field> BY_NAME = new LinkedHashMap<>();
    /** Other spellings, e.g. the JSON key {@code clientId} for {@code client}. */
    private static final Map<String, String> ALIASES = Map.of(
            "warnings", "warning", "clientid", "client", "latencyms", "latency", "reasoncodes", "reasonCode",
            "reasons", "reason", "filters", "filter");

    static {
        add(Field.choice("event", values("packet", "open", "close", "gap", "desync", "not-mqtt", "warning"),
                (e, t) -> t.test(event(e))));
        add(Field.number("frame", (e, t) -> t.test(e.frame())));
        add(Field.number("stream", (e, t) -> t.test(e.stream())));
        add(Field.text("src", new EndpointText(true, false)));
        add(Field.text("dst", new EndpointText(false, false)));
        add(Field.text("host", new EndpointText(true, true)));
        add(Field.number("srcport", (e, t) -> t.test(src(e).port())));
        add(Field.number("dstport", (e, t) -> t.test(dst(e).port())));
        add(Field.number("port", (e, t) -> t.test(src(e).port()) || t.test(dst(e).port())));
        add(Field.choice("dir", values("c2s", "s2c"), (e, t) -> {
            Direction d = dir(e);
            return d != null && t.test(d.key());
        }));

        Map<String, String> types = new LinkedHashMap<>();
        for (PacketType pt : PacketType.values()) {
            types.put(pt.name().toLowerCase(Locale.ROOT), pt.name());
        }
        add(Field.choice("type", types, (e, t) -> e instanceof SnifferEvent.Packet p && t.test(p.result().typeName())));
        add(Field.number("version", (e, t) -> e instanceof SnifferEvent.Packet p
                && t.test(p.result().version().level())));
        add(Field.number("length", (e, t) -> e instanceof SnifferEvent.Packet p && t.test(p.result().length())));
        add(Field.bool("malformed", e -> e instanceof SnifferEvent.Packet p
                ? (p.result() instanceof DecodeResult.Malformed ? 1 : 0) : -1));
        Map<String, String> reasons = new LinkedHashMap<>();
        for (MalformedReason r : MalformedReason.values()) {
            reasons.put(r.key(), r.key());
            reasons.put(r.name().toLowerCase(Locale.ROOT), r.key());
        }
        add(Field.choice("malformed.reason", reasons, (e, t) -> {
            DecodeResult.Malformed m = malformed(e);
            return m != null && t.test(m.reason().key());
        }));
        add(Field.text("malformed.detail", (e, t) -> {
            DecodeResult.Malformed m = malformed(e);
            return m != null && t.test(m.detail());
        }));
        add(Field.number("malformed.offset", (e, t) -> {
            DecodeResult.Malformed m = malformed(e);
            return m != null && t.test(m.offset());
        }));

        add(Field.text("client", (e, t) -> e instanceof SnifferEvent.Packet p && !p.clientId().isEmpty()
                && t.test(p.clientId())));
        add(Field.topic("topic", (e, t) -> {
            String topic = topic(e);
            return topic != null && t.test(topic);
        }));
        add(Field.number("topicAlias", (e, t) -> e instanceof SnifferEvent.Packet p && p.topicAlias().isPresent()
                && t.test(p.topicAlias().getAsInt())));
        add(Field.number("qos", (e, t) -> {
            Publish p = publish(e);
            return p != null && t.test(p.qos());
        }));
        add(Field.bool("retain", e -> {
            Publish p = publish(e);
            return p == null ? -1 : p.retain() ? 1 : 0;
        }));
        add(Field.bool("dup", e -> {
            Publish p = publish(e);
            return p == null ? -1 : p.dup() ? 1 : 0;
        }));
        add(Field.number("id", (e, t) -> {
            int id = packetId(packet(e));
            return id >= 0 && t.test(id);
        }));
        add(Field.payload("payload", e -> {
            Publish p = publish(e);
            return p == null ? null : p.payload();
        }));
        add(Field.number("payloadSize", (e, t) -> {
            Publish p = publish(e);
            return p != null && t.test(p.payload().length());
        }));
        add(Field.topic("filter", (e, t) -> {
            MqttPacket p = packet(e);
            if (p instanceof Subscribe s) {
                for (int i = 0; i < s.subscriptions().size(); i++) {
                    if (t.test(s.subscriptions().get(i).filter())) {
                        return true;
                    }
                }
            } else if (p instanceof Unsubscribe u) {
                for (int i = 0; i < u.filters().size(); i++) {
                    if (t.test(u.filters().get(i))) {
                        return true;
                    }
                }
            }
            return false;
        }));
        add(Field.text("username", (e, t) -> packet(e) instanceof Connect c && c.username().isPresent()
                && t.test(c.username().get())));
        add(Field.number("keepAlive", (e, t) -> packet(e) instanceof Connect c && t.test(c.keepAlive())));
        add(Field.bool("cleanStart", e -> packet(e) instanceof Connect c ? (c.cleanStart() ? 1 : 0) : -1));
        add(Field.bool("sessionPresent", e -> packet(e) instanceof ConnAck c ? (c.sessionPresent() ? 1 : 0) : -1));
        add(Field.number("reasonCode", (e, t) -> {
            DecodeResult.Decoded d = decoded(e);
            if (d == null) {
                return false;
            }
            List<Integer> many = reasonCodes(d.packet());
            if (many != null) {
                for (int i = 0; i < many.size(); i++) {
                    if (t.test(many.get(i))) {
                        return true;
                    }
                }
                return false;
            }
            int code = reasonCode(d);
            return code >= 0 && t.test(code);
        }));
        add(Field.text("reason", (e, t) -> {
            DecodeResult.Decoded d = decoded(e);
            if (d == null) {
                return false;
            }
            PacketType type = d.packet().type();
            List<Integer> many = reasonCodes(d.packet());
            if (many != null) {
                for (int i = 0; i < many.size(); i++) {
                    if (t.test(describe(type, d.version(), many.get(i)))) {
                        return true;
                    }
                }
                return false;
            }
            int code = reasonCode(d);
            return code >= 0 && t.test(describe(type, d.version(), code));
        }));
        add(Field.text("warning", (e, t) -> {
            if (e instanceof SnifferEvent.Warning w) {
                return t.test(w.message());
            }
            if (e instanceof SnifferEvent.Packet p) {
                for (int i = 0; i < p.warnings().size(); i++) {
                    if (t.test(p.warnings().get(i))) {
                        return true;
                    }
                }
            }
            return false;
        }));
        add(Field.number("latency", (e, t) -> e instanceof SnifferEvent.Packet p && p.latencyNanos().isPresent()
                && t.test(p.latencyNanos().getAsLong() / 1e6)));
        add(Field.number("responseTo", (e, t) -> e instanceof SnifferEvent.Packet p && p.responseTo().isPresent()
                && t.test(p.responseTo().getAsLong())));
    }

    private Fields() {
    }

    private static void add(Field f) {
        BY_NAME.put(f.name().toLowerCase(Locale.ROOT), f);
    }

    /** The field, by name in any letter case, or null. */
    static Field find(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        Field f = BY_NAME.get(key);
        if (f == null && ALIASES.containsKey(key)) {
            f = BY_NAME.get(ALIASES.get(key).toLowerCase(Locale.ROOT));
        }
        return f;
    }

    static List<String> names() {
        return BY_NAME.values().stream().map(Field::name).toList();
    }

    private static Map<String, String> values(String... names) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String n : names) {
            m.put(n, n);
        }
        return m;
    }

    static String event(SnifferEvent e) {
        if (e instanceof SnifferEvent.Packet) {
            return "packet";
        } else if (e instanceof SnifferEvent.Open) {
            return "open";
        } else if (e instanceof SnifferEvent.Close) {
            return "close";
        } else if (e instanceof SnifferEvent.Gap) {
            return "gap";
        } else if (e instanceof SnifferEvent.Desync) {
            return "desync";
        } else if (e instanceof SnifferEvent.NotMqtt) {
            return "not-mqtt";
        }
        return "warning";
    }

    /** As in the JSON output: open and close events go from the client to the server. */
    static Endpoint src(SnifferEvent e) {
        if (e instanceof SnifferEvent.Packet p) {
            return p.src();
        } else if (e instanceof SnifferEvent.Open o) {
            return o.client();
        } else if (e instanceof SnifferEvent.Close c) {
            return c.client();
        } else if (e instanceof SnifferEvent.Gap g) {
            return g.src();
        } else if (e instanceof SnifferEvent.Desync d) {
            return d.src();
        } else if (e instanceof SnifferEvent.NotMqtt n) {
            return n.src();
        }
        return ((SnifferEvent.Warning) e).src();
    }

    static Endpoint dst(SnifferEvent e) {
        if (e instanceof SnifferEvent.Packet p) {
            return p.dst();
        } else if (e instanceof SnifferEvent.Open o) {
            return o.server();
        } else if (e instanceof SnifferEvent.Close c) {
            return c.server();
        } else if (e instanceof SnifferEvent.Gap g) {
            return g.dst();
        } else if (e instanceof SnifferEvent.Desync d) {
            return d.dst();
        } else if (e instanceof SnifferEvent.NotMqtt n) {
            return n.dst();
        }
        return ((SnifferEvent.Warning) e).dst();
    }

    private static Direction dir(SnifferEvent e) {
        if (e instanceof SnifferEvent.Packet p) {
            return p.dir();
        } else if (e instanceof SnifferEvent.Gap g) {
            return g.dir();
        } else if (e instanceof SnifferEvent.Desync d) {
            return d.dir();
        } else if (e instanceof SnifferEvent.NotMqtt n) {
            return n.dir();
        }
        return null;
    }

    private static DecodeResult.Decoded decoded(SnifferEvent e) {
        return e instanceof SnifferEvent.Packet p && p.result() instanceof DecodeResult.Decoded d ? d : null;
    }

    private static DecodeResult.Malformed malformed(SnifferEvent e) {
        return e instanceof SnifferEvent.Packet p && p.result() instanceof DecodeResult.Malformed m ? m : null;
    }

    private static MqttPacket packet(SnifferEvent e) {
        DecodeResult.Decoded d = decoded(e);
        return d == null ? null : d.packet();
    }

    private static Publish publish(SnifferEvent e) {
        return packet(e) instanceof Publish p ? p : null;
    }

    /** A PUBLISH's topic with its alias resolved; none when the alias was never mapped. */
    private static String topic(SnifferEvent e) {
        Publish pub = publish(e);
        if (pub == null) {
            return null;
        }
        String resolved = ((SnifferEvent.Packet) e).topic();
        if (!resolved.isEmpty()) {
            return resolved;
        }
        return pub.topic().isEmpty() ? null : pub.topic();
    }

    /** {@link MqttPacket#id()} without the OptionalInt: -1 for none (and for QoS 0 PUBLISH). */
    private static int packetId(MqttPacket p) {
        if (p instanceof Publish x) {
            return x.qos() > 0 ? x.packetId() : -1;
        } else if (p instanceof PubAck x) {
            return x.packetId();
        } else if (p instanceof PubRec x) {
            return x.packetId();
        } else if (p instanceof PubRel x) {
            return x.packetId();
        } else if (p instanceof PubComp x) {
            return x.packetId();
        } else if (p instanceof Subscribe x) {
            return x.packetId();
        } else if (p instanceof SubAck x) {
            return x.packetId();
        } else if (p instanceof Unsubscribe x) {
            return x.packetId();
        } else if (p instanceof UnsubAck x) {
            return x.packetId();
        }
        return -1;
    }

    /** Reason code names by type, version and code, looked up once each (ReasonCodes answers in an Optional). */
    private static final String[] REASONS = new String[16 * 3 * 256];

    private static String describe(PacketType type, MqttVersion v, int code) {
        if (code < 0 || code > 255) {
            return ReasonCodes.describe(type, v, code);
        }
        int slot = (type.code() * 3 + v.ordinal()) * 256 + code;
        String name = REASONS[slot];
        if (name == null) {
            name = ReasonCodes.describe(type, v, code);
            REASONS[slot] = name; // a String is safe to publish racily
        }
        return name;
    }

    /** SUBACK and UNSUBACK carry one code per filter; null for the others. */
    private static List<Integer> reasonCodes(MqttPacket p) {
        if (p instanceof SubAck s) {
            return s.reasonCodes();
        }
        if (p instanceof UnsubAck u) {
            return u.reasonCodes(); // empty before 5.0: no reason codes on the wire
        }
        return null;
    }

    /**
     * The one reason code, or -1 where the packet has none on the wire: acks, DISCONNECT and AUTH
     * carry one only from 5.0 on (like the JSON output, which leaves the key out).
     */
    private static int reasonCode(DecodeResult.Decoded d) {
        MqttPacket p = d.packet();
        if (p instanceof ConnAck c) {
            return c.reasonCode();
        }
        if (!d.version().isV5()) {
            return -1;
        }
        if (p instanceof PubAck a) {
            return a.reasonCode();
        } else if (p instanceof PubRec a) {
            return a.reasonCode();
        } else if (p instanceof PubRel a) {
            return a.reasonCode();
        } else if (p instanceof PubComp a) {
            return a.reasonCode();
        } else if (p instanceof Disconnect x) {
            return x.reasonCode();
        } else if (p instanceof Auth x) {
            return x.reasonCode();
        }
        return -1;
    }

    /**
     * {@code src}, {@code dst} or {@code host} (either address) as text. The pipeline shares one
     * Endpoint per side of a connection, so the texts are kept per Endpoint instance in a few
     * slots, and the packets of the connections in view build them once. A slot holds an
     * immutable record and is replaced whole, so filters may be used from several threads.
     */
    private static final class EndpointText implements Field.Texts {
        private record Cached(Endpoint endpoint, String full, String host) {
        }

        private static final int SLOTS = 256;
        private static final int PROBES = 4;
        private static final Cached[] CACHE = new Cached[SLOTS];

        private final boolean src;
        private final boolean hostOnly;

        EndpointText(boolean src, boolean hostOnly) {
            this.src = src;
            this.hostOnly = hostOnly;
        }

        @Override
        public boolean any(SnifferEvent e, java.util.function.Predicate<String> test) {
            if (hostOnly) {
                return test.test(cached(src(e)).host()) || test.test(cached(dst(e)).host());
            }
            return test.test(cached(src ? src(e) : dst(e)).full());
        }

        /** Looks in a few slots from the Endpoint's own, so endpoints that land on one slot do not evict each other. */
        private static Cached cached(Endpoint ep) {
            int home = System.identityHashCode(ep) & (SLOTS - 1);
            int free = -1;
            for (int k = 0; k < PROBES; k++) {
                int slot = (home + k) & (SLOTS - 1);
                Cached c = CACHE[slot];
                if (c == null) {
                    free = free < 0 ? slot : free;
                } else if (c.endpoint() == ep) {
                    return c;
                }
            }
            Cached c = new Cached(ep, ep.toString(), ep.host());
            CACHE[free >= 0 ? free : home] = c;
            return c;
        }
    }
}
