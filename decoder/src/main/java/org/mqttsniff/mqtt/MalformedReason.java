package org.mqttsniff.mqtt;

import java.util.Locale;

/** Why a packet is malformed. The {@link #key()} is part of the JSON output, a public contract. */
public enum MalformedReason {
    REMAINING_LENGTH_TOO_LONG,
    /** A Variable Byte Integer other than the Remaining Length (a property) runs past 4 bytes. */
    VARIABLE_INTEGER_TOO_LONG,
    NON_MINIMAL_INTEGER,
    RESERVED_TYPE,
    INVALID_FLAGS,
    INVALID_QOS,
    DUP_WITH_QOS0,
    ZERO_PACKET_ID,
    INVALID_UTF8,
    NUL_IN_STRING,
    FIELD_OVERRUN,
    TRAILING_BYTES,
    PROTOCOL_NAME,
    PROTOCOL_LEVEL,
    CONNECT_RESERVED_FLAG,
    WILL_FLAGS,
    PASSWORD_WITHOUT_USERNAME,
    CONNACK_FLAGS,
    UNKNOWN_PROPERTY,
    PROPERTY_NOT_ALLOWED,
    DUPLICATE_PROPERTY,
    INVALID_PROPERTY_VALUE,
    INVALID_TOPIC_NAME,
    WILDCARD_IN_TOPIC,
    INVALID_TOPIC_FILTER,
    TOPIC_ALIAS_ZERO,
    INVALID_SUBSCRIPTION_OPTIONS,
    EMPTY_PAYLOAD,
    INVALID_REASON_CODE,
    PAYLOAD_FORMAT,
    TRUNCATED,
    PACKET_TOO_LARGE;

    /** The reason as it appears in JSON: lower case with dashes, e.g. {@code invalid-flags}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
