package org.mqttsniff.mqtt;

/** PINGRESP (MQTT 5.0 §3.13): a fixed header alone, the server's answer to PINGREQ. */
public record PingResp() implements MqttPacket {
    @Override
    public PacketType type() {
        return PacketType.PINGRESP;
    }
}
