package org.mqttsniff.cli.output;

import static org.mqttsniff.cli.output.JsonKeys.*;

import java.util.List;

import org.mqttsniff.bytes.ByteSlice;
import org.mqttsniff.mqtt.Auth;
import org.mqttsniff.mqtt.ConnAck;
import org.mqttsniff.mqtt.Connect;
import org.mqttsniff.mqtt.DecodeResult;
import org.mqttsniff.mqtt.Disconnect;
import org.mqttsniff.mqtt.MqttPacket;
import org.mqttsniff.mqtt.MqttVersion;
import org.mqttsniff.mqtt.PacketType;
import org.mqttsniff.mqtt.Properties;
import org.mqttsniff.mqtt.Property;
import org.mqttsniff.mqtt.PropertyId;
import org.mqttsniff.mqtt.PubAck;
import org.mqttsniff.mqtt.PubComp;
import org.mqttsniff.mqtt.PubRec;
import org.mqttsniff.mqtt.PubRel;
import org.mqttsniff.mqtt.Publish;
import org.mqttsniff.mqtt.ReasonCodes;
import org.mqttsniff.mqtt.StringPair;
import org.mqttsniff.mqtt.SubAck;
import org.mqttsniff.mqtt.Subscribe;
import org.mqttsniff.mqtt.Subscription;
import org.mqttsniff.mqtt.UnsubAck;
import org.mqttsniff.mqtt.Unsubscribe;
import org.mqttsniff.mqtt.Will;

/**
 * One packet as JSON: the public contract of {@code -T json}. The key set is fixed; a key that
 * does not apply to a packet (or to its protocol version) is left out, never written as null,
 * so consumers can test for presence.
 *
 * <p>{@link #fields} writes the packet's members into an object the caller opened, so capture
 * output can put its own keys (time, connection, direction) beside them.
 */
public final class PacketJson {
    static final String MASK = "****";

    /**
     * A PUBLISH's {@code ,"dup":..,"qos":..,"retain":..} encoded once for each of the 16 values of
     * its fixed header flags (MQTT 5.0 §3.3.1), indexed as they lie there: DUP, QoS, RETAIN.
     */
    private static final byte[][] FLAGS = new byte[16][];

    static {
        for (int f = 0; f < 16; f++) {
            JsonWriter w = new JsonWriter().beginObject().field(EVENT, "x");
            int start = w.length();
            w.field(DUP, (f & 8) != 0).field(QOS, f >> 1 & 3).field(RETAIN, (f & 1) != 0);
            FLAGS[f] = w.bytesFrom(start);
        }
    }

    private PacketJson() {
    }

    /** {@code {"event":"packet", ...}} on one line, without the newline. */
    public static String line(DecodeResult r, RenderOptions o) {
        JsonWriter w = new JsonWriter().beginObject().field(EVENT, "packet");
        fields(w, r, o);
        return w.endObject().toString();
    }

    /** {@code type}, {@code length}, {@code version} and what the packet holds, or why it is malformed. */
    public static void fields(JsonWriter w, DecodeResult r, RenderOptions o) {
        fields(w, r, o, null, java.util.OptionalInt.empty());
    }

    /**
     * The same, for a packet seen in its connection: a PUBLISH's {@code topic} is the one its Topic
     * Alias stands for ({@code resolvedTopic}), and {@code topicAlias} tells the alias used.
     */
    public static void fields(JsonWriter w, DecodeResult r, RenderOptions o, String resolvedTopic,
                              java.util.OptionalInt topicAlias) {
        w.field(TYPE, r.typeName()).field(LENGTH, r.length()).field(VERSION, r.version().level());
        if (r instanceof DecodeResult.Decoded d) {
            packet(w, d.packet(), d.version(), o, resolvedTopic, topicAlias);
        } else if (r instanceof DecodeResult.Malformed m) {
            w.name(MALFORMED).beginObject()
                    .field(REASON, m.reason().key())
                    .field(DETAIL, m.detail())
                    .field(OFFSET, m.offset())
                    .endObject();
            w.field(RAW_HEX, Secrets.maskedHex(m.raw(), m.version(), o.showSecrets()));
        }
    }

    private static void packet(JsonWriter w, MqttPacket p, MqttVersion v, RenderOptions o, String resolvedTopic,
                               java.util.OptionalInt topicAlias) {
        if (p instanceof Connect c) {
            connect(w, c, o);
        } else if (p instanceof ConnAck c) {
            w.field(SESSION_PRESENT, c.sessionPresent());
            reason(w, p.type(), v, c.reasonCode());
        } else if (p instanceof Publish pub) {
            int qos = pub.qos();
            if (qos >= 0 && qos <= 3) {
                w.members(FLAGS[(pub.dup() ? 8 : 0) | qos << 1 | (pub.retain() ? 1 : 0)]);
            } else {
                w.field(DUP, pub.dup()).field(QOS, qos).field(RETAIN, pub.retain());
            }
            id(w, p);
            w.field(TOPIC, resolvedTopic == null ? pub.topic() : resolvedTopic);
            if (topicAlias.isPresent()) {
                w.field(TOPIC_ALIAS, topicAlias.getAsInt());
            }
            payload(w, pub.payload(), o.maxPayload());
        } else if (p instanceof PubAck a) {
            ack(w, p, v, a.reasonCode());
        } else if (p instanceof PubRec a) {
            ack(w, p, v, a.reasonCode());
        } else if (p instanceof PubRel a) {
            ack(w, p, v, a.reasonCode());
        } else if (p instanceof PubComp a) {
            ack(w, p, v, a.reasonCode());
        } else if (p instanceof Subscribe s) {
            id(w, p);
            w.name(SUBSCRIPTIONS).beginArray();
            for (Subscription sub : s.subscriptions()) {
                subscription(w, sub, v);
            }
            w.endArray();
        } else if (p instanceof SubAck s) {
            id(w, p);
            reasons(w, p.type(), v, s.reasonCodes());
        } else if (p instanceof Unsubscribe u) {
            id(w, p);
            w.name(FILTERS).beginArray();
            u.filters().forEach(w::value);
            w.endArray();
        } else if (p instanceof UnsubAck u) {
            id(w, p);
            reasons(w, p.type(), v, u.reasonCodes());
        } else if (p instanceof Disconnect d) {
            ack(w, p, v, d.reasonCode());
        } else if (p instanceof Auth a) {
            ack(w, p, v, a.reasonCode());
        }
        // PINGREQ and PINGRESP carry nothing
        properties(w, PROPERTIES, p.properties(), o);
    }

    private static void connect(JsonWriter w, Connect c, RenderOptions o) {
        w.field(PROTOCOL_NAME, c.protocolName())
                .field(CLIENT_ID, c.clientId())
                .field(KEEP_ALIVE, c.keepAlive())
                .field(CLEAN_START, c.cleanStart());
        c.username().ifPresent(u -> w.field(USERNAME, u));
        c.password().ifPresent(pw -> w.field(PASSWORD, !o.showSecrets() ? MASK : textOrHex(pw)));
        if (c.will().isPresent()) {
            Will will = c.will().get();
            w.name(WILL).beginObject()
                    .field(TOPIC, will.topic())
                    .field(QOS, will.qos())
                    .field(RETAIN, will.retain());
            payload(w, will.payload(), o.maxPayload());
            properties(w, PROPERTIES, will.properties(), o);
            w.endObject();
        }
    }

    /** Acks, DISCONNECT and AUTH: reason codes exist on the wire only from 5.0 on. */
    private static void ack(JsonWriter w, MqttPacket p, MqttVersion v, int code) {
        id(w, p);
        if (v.isV5()) {
            reason(w, p.type(), v, code);
        }
    }

    private static void id(JsonWriter w, MqttPacket p) {
        java.util.OptionalInt id = p.id();
        if (id.isPresent()) {
            w.field(ID, id.getAsInt());
        }
    }

    private static void reason(JsonWriter w, PacketType t, MqttVersion v, int code) {
        w.field(REASON_CODE, code).field(REASON, ReasonCodes.describe(t, v, code));
    }

    private static void reasons(JsonWriter w, PacketType t, MqttVersion v, List<Integer> codes) {
        if (codes.isEmpty()) {
            return; // UNSUBACK before 5.0
        }
        w.name(REASON_CODES).beginArray();
        codes.forEach(w::value);
        w.endArray().name(REASONS).beginArray();
        codes.forEach(c -> w.value(ReasonCodes.describe(t, v, c)));
        w.endArray();
    }

    private static void subscription(JsonWriter w, Subscription s, MqttVersion v) {
        w.beginObject().field(FILTER, s.filter()).field(QOS, s.qos());
        if (v.isV5()) {
            w.field(NO_LOCAL, s.noLocal())
                    .field(RETAIN_AS_PUBLISHED, s.retainAsPublished())
                    .field(RETAIN_HANDLING, s.retainHandling());
        }
        w.endObject();
    }

    /** Text when the payload is UTF-8 (cut on a character boundary), else hex; always the full size. */
    static void payload(JsonWriter w, ByteSlice payload, int max) {
        w.field(PAYLOAD_SIZE, payload.length());
        boolean cut = payload.length() > max;
        if (payload.isValidUtf8()) {
            int end = cut ? max : payload.length();
            // a whole payload that is valid UTF-8 stays valid when cut before a lead byte
            while (cut && end > 0 && (payload.get(end) & 0xC0) == 0x80) {
                end--;
            }
            // as bytes: no String to build and encode again
            w.name(PAYLOAD).utf8Value(end == payload.length() ? payload : payload.slice(0, end));
        } else {
            w.field(PAYLOAD_HEX, payload.slice(0, Math.min(max, payload.length())).hex());
        }
        if (cut) {
            w.field(PAYLOAD_TRUNCATED, true);
        }
    }

    /**
     * Properties by camelCase name. A repeated property (Subscription Identifier in PUBLISH)
     * becomes an array; User Properties are pairs in wire order under {@code userProperties},
     * because names may repeat and order may matter to the application (MQTT 5.0 §3.3.2.3.7).
     */
    static void properties(JsonWriter w, JsonWriter.Key key, Properties props, RenderOptions o) {
        if (props.isEmpty()) {
            return;
        }
        w.name(key).beginObject();
        List<Property> list = props.list();
        for (int i = 0; i < list.size(); i++) {
            PropertyId id = list.get(i).id();
            if (id == PropertyId.USER_PROPERTY || firstIndex(list, id) < i) {
                continue;
            }
            w.name(id.jsonName());
            if (count(list, id) == 1) {
                value(w, list.get(i), o);
            } else {
                w.beginArray();
                for (Property p : list) {
                    if (p.id() == id) {
                        value(w, p, o);
                    }
                }
                w.endArray();
            }
        }
        List<StringPair> users = props.userProperties();
        if (!users.isEmpty()) {
            w.name(USER_PROPERTIES).beginArray();
            for (StringPair sp : users) {
                w.beginArray().value(sp.key()).value(sp.value()).endArray();
            }
            w.endArray();
        }
        w.endObject();
    }

    private static void value(JsonWriter w, Property p, RenderOptions o) {
        Object v = p.value();
        if (p.isSecret() && !o.showSecrets()) {
            w.value(MASK);
        } else if (v instanceof Integer n) {
            w.value(n.longValue());
        } else if (v instanceof Long n) {
            w.value(n.longValue());
        } else if (v instanceof String s) {
            w.value(s);
        } else if (v instanceof ByteSlice b) {
            w.value(b.hex());
        } else {
            w.value(String.valueOf(v));
        }
    }

    private static int firstIndex(List<Property> list, PropertyId id) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).id() == id) {
                return i;
            }
        }
        return -1;
    }

    private static int count(List<Property> list, PropertyId id) {
        int n = 0;
        for (Property p : list) {
            if (p.id() == id) {
                n++;
            }
        }
        return n;
    }

    static String textOrHex(ByteSlice b) {
        return b.isValidUtf8() ? b.utf8() : b.hex();
    }
}
