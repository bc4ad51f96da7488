package org.mqttsniff.mqtt;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** SUBACK (MQTT 3.1.1 §3.9, 5.0 §3.9): one return/reason code per filter of the SUBSCRIBE. */
public record SubAck(int packetId, Properties properties, List<Integer> reasonCodes) implements MqttPacket {

    public SubAck {
        reasonCodes = List.copyOf(reasonCodes);
    }

    public SubAck(int packetId, List<Integer> reasonCodes) {
        this(packetId, Properties.EMPTY, reasonCodes);
    }

    @Override
    public PacketType type() {
        return PacketType.SUBACK;
    }

    @Override
    public OptionalInt id() {
        return OptionalInt.of(packetId);
    }

    static SubAck decode(Reader r) {
        r.open("Variable header", "");
        int id = r.packetId();
        Properties props = r.v5() ? Properties.decode(r, false) : Properties.EMPTY;
        r.close();
        return new SubAck(id, props, codes(r));
    }

    /** The payload of SUBACK and 5.0 UNSUBACK: a list of at least one code. */
    static List<Integer> codes(Reader r) {
        if (!r.more()) {
            throw r.fail(MalformedReason.EMPTY_PAYLOAD, r.off(),
                    r.type + " must contain a reason code for each topic filter of the request");
        }
        r.open("Payload", "One code per topic filter, in the order of the request");
        List<Integer> codes = new ArrayList<>();
        while (r.more()) {
            codes.add(r.reasonCode(r.v5() ? "Reason Code" : "Return Code"));
        }
        r.close();
        return codes;
    }

    void encode(Writer w, MqttVersion v) {
        w.u16(packetId);
        if (v.isV5()) {
            properties.encode(w);
        }
        reasonCodes.forEach(w::u8);
    }
}
