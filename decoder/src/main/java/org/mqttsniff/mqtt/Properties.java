package org.mqttsniff.mqtt;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.mqttsniff.bytes.ByteSlice;

/**
 * An MQTT 5.0 property list in wire order (§2.2.2). Before 5.0 every packet has {@link #EMPTY}.
 */
public record Properties(List<Property> list) {
    public static final Properties EMPTY = new Properties(List.of());

    public Properties {
        list = List.copyOf(list);
    }

    public static Properties of(Property... properties) {
        return new Properties(List.of(properties));
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    /** The first value of the property, if present. */
    public Optional<Property> get(PropertyId id) {
        // indexed: an iterator would be an allocation per call, and every PUBLISH asks two or three times
        for (int i = 0, n = list.size(); i < n; i++) {
            Property p = list.get(i);
            if (p.id() == id) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    public List<StringPair> userProperties() {
        List<StringPair> out = new ArrayList<>();
        for (Property p : list) {
            if (p.id() == PropertyId.USER_PROPERTY) {
                out.add((StringPair) p.value());
            }
        }
        return out;
    }

    // --- decoding (MQTT 5.0 §2.2.2) ---

    /** Reads Property Length and the properties; {@code will} selects the Will Properties rules. */
    static Properties decode(Reader r, boolean will) {
        String where = will ? "Will Properties" : r.type.name();
        r.open(will ? "Will Properties" : "Properties", "MQTT 5.0 property list (§2.2.2)");
        int lenStart = r.mark();
        int length = r.varInt("Property Length");
        if (r.explaining()) {
            r.field("Property Length", lenStart, length, "Bytes of properties that follow");
        }
        if (length > r.remaining()) {
            throw r.fail(MalformedReason.FIELD_OVERRUN, r.rel(lenStart),
                    "Property Length " + length + " but only " + r.remaining() + " bytes left in the packet");
        }
        if (length == 0) {
            r.close("none");
            return EMPTY;
        }
        int oldEnd = r.pushLimit(length);
        List<Property> props = new ArrayList<>();
        long seen = 0;
        while (r.more()) {
            int start = r.mark();
            int startOff = r.off();
            int code = r.varInt("Property Identifier");
            PropertyId id = PropertyId.byId(code);
            if (id == null) {
                throw r.fail(MalformedReason.UNKNOWN_PROPERTY, startOff,
                        String.format("unknown property identifier 0x%02X in %s [MQTT 5.0 §2.2.2.2]", code, where));
            }
            if (will ? !id.allowedInWill() : !id.allowedIn(r.type)) {
                throw r.fail(MalformedReason.PROPERTY_NOT_ALLOWED, startOff,
                        id.specName() + " (0x" + String.format("%02X", code) + ") is not allowed in " + where
                                + " [MQTT 5.0 §2.2.2.2]");
            }
            if ((seen & (1L << code)) != 0 && !id.repeatableIn(r.type)) {
                throw r.fail(MalformedReason.DUPLICATE_PROPERTY, startOff,
                        id.specName() + " appears more than once in " + where + " (a Protocol Error)");
            }
            seen |= 1L << code;
            Object value = readValue(r, id, startOff);
            Property p = new Property(id, value);
            props.add(p);
            if (r.rec != null) {
                r.leaf(id.specName(), start, display(p), id.meaning() + " (0x" + String.format("%02X", code) + ", "
                        + id.type().specName() + ")", p.isSecret());
            }
        }
        r.popLimit(oldEnd);
        r.close(props.size() + (props.size() == 1 ? " property" : " properties"));
        return new Properties(props);
    }

    private static Object readValue(Reader r, PropertyId id, int startOff) {
        String name = id.specName();
        Object value = switch (id.type()) {
            case BYTE -> r.u8(name);
            case TWO_BYTE_INTEGER -> r.u16(name);
            case FOUR_BYTE_INTEGER -> r.u32(name);
            case VARIABLE_BYTE_INTEGER -> r.varInt(name);
            case UTF8_STRING -> r.utf8(name);
            case BINARY_DATA -> r.binary(name);
            case UTF8_STRING_PAIR -> new StringPair(r.utf8(name + " name"), r.utf8(name + " value"));
        };
        check(r, id, value, startOff);
        return value;
    }

    /** Values the spec calls a Protocol Error (§3.1.2.11, §3.2.2.3, §3.3.2.3). */
    private static void check(Reader r, PropertyId id, Object value, int off) {
        switch (id) {
            case PAYLOAD_FORMAT_INDICATOR, REQUEST_PROBLEM_INFORMATION, REQUEST_RESPONSE_INFORMATION, MAXIMUM_QOS,
                    RETAIN_AVAILABLE, WILDCARD_SUBSCRIPTION_AVAILABLE, SUBSCRIPTION_IDENTIFIER_AVAILABLE,
                    SHARED_SUBSCRIPTION_AVAILABLE -> {
                int v = (Integer) value;
                if (v > 1) {
                    throw r.fail(MalformedReason.INVALID_PROPERTY_VALUE, off,
                            id.specName() + " must be 0 or 1, got " + v + " [MQTT 5.0 §2.2.2.2]");
                }
            }
            case RECEIVE_MAXIMUM -> {
                if ((Integer) value == 0) {
                    throw r.fail(MalformedReason.INVALID_PROPERTY_VALUE, off, "Receive Maximum must not be 0");
                }
            }
            case MAXIMUM_PACKET_SIZE -> {
                if ((Long) value == 0) {
                    throw r.fail(MalformedReason.INVALID_PROPERTY_VALUE, off, "Maximum Packet Size must not be 0");
                }
            }
            case SUBSCRIPTION_IDENTIFIER -> {
                if ((Integer) value == 0) {
                    throw r.fail(MalformedReason.INVALID_PROPERTY_VALUE, off,
                            "Subscription Identifier must not be 0 [MQTT 5.0 §3.8.2.1.2]");
                }
            }
            case TOPIC_ALIAS -> {
                if ((Integer) value == 0) {
                    throw r.fail(MalformedReason.TOPIC_ALIAS_ZERO, off,
                            "Topic Alias must not be 0 [MQTT-3.3.2-8]");
                }
            }
            case RESPONSE_TOPIC -> {
                String t = (String) value;
                if (t.indexOf('+') >= 0 || t.indexOf('#') >= 0) {
                    throw r.fail(MalformedReason.WILDCARD_IN_TOPIC, off,
                            "Response Topic must not contain wildcards [MQTT-3.1.3-11]");
                }
            }
            default -> {
            }
        }
    }

    /** The value as a person reads it. */
    public static String display(Property p) {
        Object v = p.value();
        if (v instanceof String s) {
            return '"' + s + '"';
        }
        if (v instanceof ByteSlice bs) {
            return bs.isValidUtf8() && !bs.isEmpty() ? '"' + bs.utf8() + '"' + " (" + bs.length() + " bytes)"
                    : "0x" + bs.hex();
        }
        if (v instanceof StringPair sp) {
            return '"' + sp.key() + "\" = \"" + sp.value() + '"';
        }
        return String.valueOf(v);
    }

    // --- encoding ---

    void encode(Writer w) {
        Writer body = new Writer(32);
        for (Property p : list) {
            body.varInt(p.id().id());
            Object v = p.value();
            switch (p.id().type()) {
                case BYTE -> body.u8((Integer) v);
                case TWO_BYTE_INTEGER -> body.u16((Integer) v);
                case FOUR_BYTE_INTEGER -> body.u32((Long) v);
                case VARIABLE_BYTE_INTEGER -> body.varInt((Integer) v);
                case UTF8_STRING -> body.utf8((String) v);
                case BINARY_DATA -> body.binary((ByteSlice) v);
                case UTF8_STRING_PAIR -> {
                    body.utf8(((StringPair) v).key());
                    body.utf8(((StringPair) v).value());
                }
            }
        }
        w.varInt(body.size());
        w.append(body);
    }
}
