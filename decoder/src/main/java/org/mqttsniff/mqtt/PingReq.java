package org.mqttsniff.mqtt;

/** PINGREQ (MQTT 5.0 §3.12): a fixed header alone; keeps the connection alive. */
public record PingReq() implements MqttPacket {
    @Override
    public PacketType type() {
        return PacketType.PINGREQ;
    }
}
