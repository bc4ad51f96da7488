package org.mqttsniff.session;

import java.util.function.IntPredicate;

import org.mqttsniff.mqtt.MqttVersion;
import org.mqttsniff.mqtt.StreamDecoder;

/**
 * How connections are read.
 *
 * @param mqttPort      which TCP ports carry MQTT (default 1883); MQTT on other ports is found by its CONNECT
 * @param version       the version of connections whose CONNECT was not captured
 * @param versionNamed  the user named that version: do not infer 5.0 from content
 * @param maxPacketSize larger packets are reported and skipped, never buffered
 */
public record SessionOptions(IntPredicate mqttPort, MqttVersion version, boolean versionNamed, int maxPacketSize) {

    public static SessionOptions defaults() {
        return new SessionOptions(port -> port == 1883, MqttVersion.V3_1_1, false, StreamDecoder.DEFAULT_MAX_PACKET_SIZE);
    }
}
