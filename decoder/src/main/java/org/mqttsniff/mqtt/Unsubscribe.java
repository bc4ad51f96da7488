package org.mqttsniff.mqtt;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** UNSUBSCRIBE (MQTT 3.1.1 §3.10, 5.0 §3.10): packet id, properties, then topic filters. */
public record Unsubscribe(int packetId, Properties properties, List<String> filters) implements MqttPacket {

    public Unsubscribe {
        filters = List.copyOf(filters);
    }

    public Unsubscribe(int packetId, List<String> filters) {
        this(packetId, Properties.EMPTY, filters);
    }

    @Override
    public PacketType type() {
        return PacketType.UNSUBSCRIBE;
    }

    @Override
    public OptionalInt id() {
        return OptionalInt.of(packetId);
    }

    static Unsubscribe decode(Reader r) {
        r.open("Variable header", "");
        int id = r.packetId();
        Properties props = r.v5() ? Properties.decode(r, false) : Properties.EMPTY;
        r.close();
        if (!r.more()) {
            throw r.fail(MalformedReason.EMPTY_PAYLOAD, r.off(),
                    "UNSUBSCRIBE must contain at least one topic filter [MQTT-3.10.3-2]");
        }
        r.open("Payload", "Topic filters to remove");
        List<String> filters = new ArrayList<>();
        while (r.more()) {
            filters.add(Subscribe.readFilter(r, "Stop receiving messages for this filter"));
        }
        r.close();
        return new Unsubscribe(id, props, filters);
    }

    void encode(Writer w, MqttVersion v) {
        w.u16(packetId);
        if (v.isV5()) {
            properties.encode(w);
        }
        filters.forEach(w::utf8);
    }
}
