package org.mqttsniff.mqtt;

import java.util.List;
import java.util.OptionalInt;

/**
 * UNSUBACK (MQTT 3.1.1 §3.11, 5.0 §3.11). Before 5.0 it is only a packet id; 5.0 adds
 * properties and one reason code per filter.
 */
public record UnsubAck(int packetId, Properties properties, List<Integer> reasonCodes) implements MqttPacket {

    public UnsubAck {
        reasonCodes = List.copyOf(reasonCodes);
    }

    public UnsubAck(int packetId) {
        this(packetId, Properties.EMPTY, List.of());
    }

    @Override
    public PacketType type() {
        return PacketType.UNSUBACK;
    }

    @Override
    public OptionalInt id() {
        return OptionalInt.of(packetId);
    }

    static UnsubAck decode(Reader r) {
        r.open("Variable header", "");
        int id = r.packetId();
        if (!r.v5()) {
            r.close();
            return new UnsubAck(id);
        }
        Properties props = Properties.decode(r, false);
        r.close();
        return new UnsubAck(id, props, SubAck.codes(r));
    }

    void encode(Writer w, MqttVersion v) {
        w.u16(packetId);
        if (v.isV5()) {
            properties.encode(w);
            reasonCodes.forEach(w::u8);
        }
    }
}
