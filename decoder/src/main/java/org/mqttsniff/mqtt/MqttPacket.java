package org.mqttsniff.mqtt;

import java.util.OptionalInt;

/**
 * One MQTT control packet, the same model for 3.1, 3.1.1 and 5.0: fields a version lacks take
 * their neutral value ({@link Properties#EMPTY}, reason code 0 for success).
 */
public sealed interface MqttPacket permits Connect, ConnAck, Publish, PubAck, PubRec, PubRel, PubComp, Subscribe,
        SubAck, Unsubscribe, UnsubAck, PingReq, PingResp, Disconnect, Auth {

    PacketType type();

    /** The packet identifier, for packets that carry one. */
    default OptionalInt id() {
        return OptionalInt.empty();
    }

    default Properties properties() {
        return Properties.EMPTY;
    }
}
