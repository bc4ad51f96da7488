package org.mqttsniff.mqtt;

/** A UTF-8 String Pair (MQTT 5.0 §1.5.7), the value of a User Property. */
public record StringPair(String key, String value) {
}
