package org.mqttsniff.mqtt;

import org.mqttsniff.bytes.ByteSlice;

/**
 * One property as it was on the wire. The value's Java type follows {@link PropertyId#type()}:
 * Integer for Byte, Two Byte and Variable Byte Integers, Long for Four Byte Integers, String,
 * {@link ByteSlice} for Binary Data and {@link StringPair}.
 */
public record Property(PropertyId id, Object value) {

    public Property {
        Class<?> expected = switch (id.type()) {
            case BYTE, TWO_BYTE_INTEGER, VARIABLE_BYTE_INTEGER -> Integer.class;
            case FOUR_BYTE_INTEGER -> Long.class;
            case UTF8_STRING -> String.class;
            case BINARY_DATA -> ByteSlice.class;
            case UTF8_STRING_PAIR -> StringPair.class;
        };
        if (!expected.isInstance(value)) {
            throw new IllegalArgumentException(id + " takes a " + expected.getSimpleName() + ", got " + value);
        }
    }

    public static Property of(PropertyId id, int value) {
        return id.type() == PropertyType.FOUR_BYTE_INTEGER ? new Property(id, (long) value) : new Property(id, value);
    }

    public static Property of(PropertyId id, long value) {
        return new Property(id, value);
    }

    public static Property of(PropertyId id, String value) {
        return new Property(id, value);
    }

    public static Property of(PropertyId id, ByteSlice value) {
        return new Property(id, value);
    }

    public static Property user(String key, String value) {
        return new Property(PropertyId.USER_PROPERTY, new StringPair(key, value));
    }

    public long number() {
        return value instanceof Long l ? l : (Integer) value;
    }

    /** Authentication Data is secret like a password. */
    public boolean isSecret() {
        return id == PropertyId.AUTHENTICATION_DATA;
    }
}
