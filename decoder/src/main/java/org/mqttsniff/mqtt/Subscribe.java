package org.mqttsniff.mqtt;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** SUBSCRIBE (MQTT 3.1.1 §3.8, 5.0 §3.8): packet id, properties, then filters with options. */
public record Subscribe(int packetId, Properties properties, List<Subscription> subscriptions) implements MqttPacket {

    public Subscribe {
        subscriptions = List.copyOf(subscriptions);
    }

    public Subscribe(int packetId, List<Subscription> subscriptions) {
        this(packetId, Properties.EMPTY, subscriptions);
    }

    @Override
    public PacketType type() {
        return PacketType.SUBSCRIBE;
    }

    @Override
    public OptionalInt id() {
        return OptionalInt.of(packetId);
    }

    static Subscribe decode(Reader r) {
        r.open("Variable header", "");
        int id = r.packetId();
        Properties props = r.v5() ? Properties.decode(r, false) : Properties.EMPTY;
        r.close();
        if (!r.more()) {
            throw r.fail(MalformedReason.EMPTY_PAYLOAD, r.off(),
                    "SUBSCRIBE must contain at least one topic filter" + r.rule("MQTT-3.8.3-3", "MQTT-3.8.3-2"));
        }
        r.open("Payload", "Topic filters with their subscription options");
        List<Subscription> subs = new ArrayList<>();
        while (r.more()) {
            String filter = readFilter(r, "Topics to receive; + matches one level, # the rest");
            subs.add(options(r, filter));
        }
        r.close();
        return new Subscribe(id, props, subs);
    }

    /** A topic filter of SUBSCRIBE or UNSUBSCRIBE, checked against MQTT 5.0 §4.7 and §4.8.2. */
    static String readFilter(Reader r, String meaning) {
        int at = r.mark();
        String filter = r.utf8("Topic Filter");
        if (r.explaining()) {
            r.field("Topic Filter", at, '"' + filter + '"', meaning);
        }
        String err = Topics.filterError(filter, r.v5());
        if (err != null) {
            throw r.fail(MalformedReason.INVALID_TOPIC_FILTER, r.rel(at), "Topic Filter \"" + filter + "\": " + err);
        }
        return filter;
    }

    private static Subscription options(Reader r, String filter) {
        int at = r.mark();
        int o = r.u8("Subscription Options");
        int qos = o & 3;
        if (!r.v5()) {
            r.field("Requested QoS", at, qos, "Highest QoS the client wants for these messages");
            if ((o & 0xFC) != 0 || qos == 3) {
                throw r.fail(MalformedReason.INVALID_SUBSCRIPTION_OPTIONS, r.rel(at), String.format(
                        "Requested QoS byte 0x%02X: bits 7-2 are reserved and must be 0, and QoS must not be 3"
                                + " [MQTT-3-8.3-4]", o)); // sic: the 3.1.1 standard numbers it so
            }
            return new Subscription(filter, qos);
        }
        boolean noLocal = (o & 4) != 0;
        boolean rap = (o & 8) != 0;
        int rh = (o >> 4) & 3;
        if (r.explaining()) {
            r.field("Subscription Options", at, String.format("0x%02X (QoS=%d noLocal=%d retainAsPublished=%d"
                            + " retainHandling=%d)", o, qos, noLocal ? 1 : 0, rap ? 1 : 0, rh),
                    "Max QoS " + qos + (noLocal ? ", not the client's own messages" : "")
                            + (rap ? ", keep the RETAIN flag as published" : "") + ", " + Subscription.retainHandlingMeaning(rh));
        }
        String problem = (o & 0xC0) != 0 ? "reserved bits 7-6 must be 0 [MQTT-3.8.3-5]"
                : qos == 3 ? "QoS must not be 3 [MQTT 5.0 §3.8.3.1]"
                : rh == 3 ? "Retain Handling must not be 3 [MQTT 5.0 §3.8.3.1]"
                : noLocal && Topics.isShared(filter) ? "No Local must be 0 on a shared subscription [MQTT-3.8.3-4]"
                : null;
        if (problem != null) {
            throw r.fail(MalformedReason.INVALID_SUBSCRIPTION_OPTIONS, r.rel(at),
                    String.format("Subscription Options 0x%02X: %s", o, problem));
        }
        return new Subscription(filter, qos, noLocal, rap, rh);
    }

    void encode(Writer w, MqttVersion v) {
        w.u16(packetId);
        if (v.isV5()) {
            properties.encode(w);
        }
        for (Subscription s : subscriptions) {
            w.utf8(s.filter());
            w.u8(v.isV5() ? s.options() : s.qos());
        }
    }
}
