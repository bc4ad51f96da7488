package org.mqttsniff.mqtt;

/**
 * Encodes packets to their wire form, the inverse of {@link PacketDecoder}. Where 5.0 allows a
 * short form (acks with success and no properties) the short form is written.
 */
public final class MqttEncoder {
    private MqttEncoder() {
    }

    /** Encodes {@code p} for a connection of {@code version}; a CONNECT uses its own version. */
    public static byte[] encode(MqttPacket p, MqttVersion version) {
        Writer body = new Writer(64);
        int flags = p.type().requiredFlags();
        if (p instanceof Connect c) {
            c.encode(body);
        } else if (p instanceof ConnAck c) {
            c.encode(body, version);
        } else if (p instanceof Publish pub) {
            pub.encode(body, version);
            flags = pub.flags();
        } else if (p instanceof PubAck a) {
            a.encode(body, version);
        } else if (p instanceof PubRec a) {
            a.encode(body, version);
        } else if (p instanceof PubRel a) {
            a.encode(body, version);
        } else if (p instanceof PubComp a) {
            a.encode(body, version);
        } else if (p instanceof Subscribe s) {
            s.encode(body, version);
        } else if (p instanceof SubAck s) {
            s.encode(body, version);
        } else if (p instanceof Unsubscribe u) {
            u.encode(body, version);
        } else if (p instanceof UnsubAck u) {
            u.encode(body, version);
        } else if (p instanceof Disconnect d) {
            d.encode(body, version);
        } else if (p instanceof Auth a) {
            a.encode(body, version);
        }
        // PINGREQ and PINGRESP have no body
        Writer out = new Writer(body.size() + 5);
        out.u8(p.type().code() << 4 | flags);
        out.varInt(body.size());
        out.append(body);
        return out.toArray();
    }
}
