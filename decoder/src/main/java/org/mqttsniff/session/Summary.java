package org.mqttsniff.session;

import java.util.OptionalInt;

import org.mqttsniff.bytes.ByteSlice;
import org.mqttsniff.mqtt.Auth;
import org.mqttsniff.mqtt.ConnAck;
import org.mqttsniff.mqtt.Connect;
import org.mqttsniff.mqtt.DecodeResult;
import org.mqttsniff.mqtt.Disconnect;
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
import org.mqttsniff.mqtt.Subscription;
import org.mqttsniff.mqtt.UnsubAck;
import org.mqttsniff.mqtt.Unsubscribe;

/** A packet in one line, with its key fields: what a packet list or {@code -T text} shows. */
public final class Summary {
    private static final int PREVIEW = 40;

    private Summary() {
    }

    /** For a PUBLISH, {@code topic} is the alias-resolved topic; {@code alias} the alias used, if any. */
    public static String of(DecodeResult r, String topic, OptionalInt alias) {
        if (r instanceof DecodeResult.Malformed m) {
            return m.typeName() + " MALFORMED (" + m.reason().key() + ") at byte " + m.offset() + ": " + m.detail();
        }
        DecodeResult.Decoded d = (DecodeResult.Decoded) r;
        StringBuilder sb = new StringBuilder(d.typeName());
        body(sb, d.packet(), d.version(), topic, alias);
        return sb.toString();
    }

    private static void body(StringBuilder sb, MqttPacket p, MqttVersion v, String topic, OptionalInt alias) {
        if (p instanceof Connect c) {
            sb.append(' ').append(c.protocolName()).append(" v").append(c.version().label())
                    .append(" client=").append(quote(c.clientId())).append(" keepAlive=").append(c.keepAlive());
            if (c.cleanStart()) {
                sb.append(v.isV5() || c.version().isV5() ? " cleanStart" : " cleanSession");
            }
            c.username().ifPresent(u -> sb.append(" user=").append(quote(u)));
            c.will().ifPresent(w -> sb.append(" will=").append(quote(w.topic())).append(" q").append(w.qos())
                    .append(w.retain() ? " retained" : ""));
        } else if (p instanceof ConnAck c) {
            reason(sb, p, v, c.reasonCode(), true);
            if (c.sessionPresent()) {
                sb.append(" sessionPresent");
            }
        } else if (p instanceof Publish pub) {
            sb.append(" q").append(pub.qos());
            if (pub.qos() > 0) {
                sb.append(" id=").append(pub.packetId());
            }
            if (pub.retain()) {
                sb.append(" retain");
            }
            if (pub.dup()) {
                sb.append(" dup");
            }
            sb.append(' ').append(quote(topic == null || topic.isEmpty() ? pub.topic() : topic));
            alias.ifPresent(a -> sb.append(" (alias ").append(a).append(')'));
            sb.append(' ').append(pub.payload().length()).append(" B");
            if (!pub.payload().isEmpty()) {
                sb.append(' ').append(preview(pub.payload()));
            }
        } else if (p instanceof PubAck || p instanceof PubRec || p instanceof PubRel || p instanceof PubComp) {
            sb.append(" id=").append(p.id().getAsInt());
            reason(sb, p, v, reasonCode(p), false);
        } else if (p instanceof Subscribe s) {
            sb.append(" id=").append(s.packetId());
            String sep = " ";
            for (Subscription sub : s.subscriptions()) {
                sb.append(sep).append(quote(sub.filter())).append(" q").append(sub.qos());
                sep = ", ";
            }
        } else if (p instanceof SubAck s) {
            sb.append(" id=").append(s.packetId());
            codes(sb, p, v, s.reasonCodes());
        } else if (p instanceof Unsubscribe u) {
            sb.append(" id=").append(u.packetId());
            String sep = " ";
            for (String f : u.filters()) {
                sb.append(sep).append(quote(f));
                sep = ", ";
            }
        } else if (p instanceof UnsubAck u) {
            sb.append(" id=").append(u.packetId());
            if (!u.reasonCodes().isEmpty()) {
                codes(sb, p, v, u.reasonCodes());
            }
        } else if (p instanceof Disconnect x) {
            reason(sb, p, v, x.reasonCode(), false);
        } else if (p instanceof Auth x) {
            reason(sb, p, v, x.reasonCode(), true);
        }
    }

    private static int reasonCode(MqttPacket p) {
        if (p instanceof PubAck a) {
            return a.reasonCode();
        } else if (p instanceof PubRec a) {
            return a.reasonCode();
        } else if (p instanceof PubRel a) {
            return a.reasonCode();
        }
        return ((PubComp) p).reasonCode();
    }

    /** Success is said only where it matters (CONNACK, AUTH); elsewhere only failures and notes show. */
    private static void reason(StringBuilder sb, MqttPacket p, MqttVersion v, int code, boolean always) {
        if (always || code != 0) {
            sb.append(' ').append(ReasonCodes.describe(p.type(), v, code));
        }
    }

    private static void codes(StringBuilder sb, MqttPacket p, MqttVersion v, java.util.List<Integer> codes) {
        sb.append(" [");
        for (int i = 0; i < codes.size(); i++) {
            sb.append(i > 0 ? ", " : "").append(ReasonCodes.describe(p.type(), v, codes.get(i)));
        }
        sb.append(']');
    }

    static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** The start of a payload: text when it is UTF-8, else hex. */
    private static String preview(ByteSlice payload) {
        String shown = Publish.displayPayload(payload.length() > PREVIEW ? payload.slice(0, PREVIEW) : payload);
        return payload.length() > PREVIEW ? shown + "..." : shown;
    }

    /** Is this a type that answers a request? */
    public static boolean isResponse(PacketType t) {
        return switch (t) {
            case CONNACK, PUBACK, PUBREC, PUBREL, PUBCOMP, SUBACK, UNSUBACK, PINGRESP -> true;
            default -> false;
        };
    }
}
