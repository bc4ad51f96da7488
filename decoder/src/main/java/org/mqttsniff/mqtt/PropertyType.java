package org.mqttsniff.mqtt;

/** The wire types of MQTT 5.0 properties (§2.2.2.2). */
public enum PropertyType {
    BYTE("Byte"),
    TWO_BYTE_INTEGER("Two Byte Integer"),
    FOUR_BYTE_INTEGER("Four Byte Integer"),
    VARIABLE_BYTE_INTEGER("Variable Byte Integer"),
    UTF8_STRING("UTF-8 Encoded String"),
    BINARY_DATA("Binary Data"),
    UTF8_STRING_PAIR("UTF-8 String Pair");

    private final String specName;

    PropertyType(String specName) {
        this.specName = specName;
    }

    public String specName() {
        return specName;
    }
}
