package org.mqttsniff.mqtt;

import org.mqttsniff.bytes.ByteSlice;

/** The will message a CONNECT leaves with the server (MQTT 5.0 §3.1.2.5, §3.1.3.2-3.1.3.4). */
public record Will(int qos, boolean retain, Properties properties, String topic, ByteSlice payload) {
    public Will(int qos, boolean retain, String topic, ByteSlice payload) {
        this(qos, retain, Properties.EMPTY, topic, payload);
    }
}
