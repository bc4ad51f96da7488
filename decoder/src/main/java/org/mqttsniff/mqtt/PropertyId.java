package org.mqttsniff.mqtt;

import static org.mqttsniff.mqtt.PacketType.AUTH;
import static org.mqttsniff.mqtt.PacketType.CONNACK;
import static org.mqttsniff.mqtt.PacketType.CONNECT;
import static org.mqttsniff.mqtt.PacketType.DISCONNECT;
import static org.mqttsniff.mqtt.PacketType.PUBACK;
import static org.mqttsniff.mqtt.PacketType.PUBCOMP;
import static org.mqttsniff.mqtt.PacketType.PUBLISH;
import static org.mqttsniff.mqtt.PacketType.PUBREC;
import static org.mqttsniff.mqtt.PacketType.PUBREL;
import static org.mqttsniff.mqtt.PacketType.SUBACK;
import static org.mqttsniff.mqtt.PacketType.SUBSCRIBE;
import static org.mqttsniff.mqtt.PacketType.UNSUBACK;
import static org.mqttsniff.mqtt.PacketType.UNSUBSCRIBE;
import static org.mqttsniff.mqtt.PropertyType.BINARY_DATA;
import static org.mqttsniff.mqtt.PropertyType.BYTE;
import static org.mqttsniff.mqtt.PropertyType.FOUR_BYTE_INTEGER;
import static org.mqttsniff.mqtt.PropertyType.TWO_BYTE_INTEGER;
import static org.mqttsniff.mqtt.PropertyType.UTF8_STRING;
import static org.mqttsniff.mqtt.PropertyType.UTF8_STRING_PAIR;
import static org.mqttsniff.mqtt.PropertyType.VARIABLE_BYTE_INTEGER;

/**
 * The 27 properties of MQTT 5.0 (§2.2.2.2, Table 2-4): id, wire type, and the packets that may
 * carry each. {@link Scope#WILL} stands for the Will Properties inside CONNECT's payload.
 */
public enum PropertyId {
    PAYLOAD_FORMAT_INDICATOR(0x01, "payloadFormatIndicator", "Payload Format Indicator", BYTE,
            "0 = unspecified bytes, 1 = UTF-8 text", Scope.WILL, PUBLISH),
    MESSAGE_EXPIRY_INTERVAL(0x02, "messageExpiryInterval", "Message Expiry Interval", FOUR_BYTE_INTEGER,
            "Lifetime of the message in seconds", Scope.WILL, PUBLISH),
    CONTENT_TYPE(0x03, "contentType", "Content Type", UTF8_STRING,
            "Application-defined description of the payload, often a MIME type", Scope.WILL, PUBLISH),
    RESPONSE_TOPIC(0x08, "responseTopic", "Response Topic", UTF8_STRING,
            "Topic name for a response message (request/response)", Scope.WILL, PUBLISH),
    CORRELATION_DATA(0x09, "correlationData", "Correlation Data", BINARY_DATA,
            "Lets the requester match a response to its request", Scope.WILL, PUBLISH),
    SUBSCRIPTION_IDENTIFIER(0x0B, "subscriptionIdentifier", "Subscription Identifier", VARIABLE_BYTE_INTEGER,
            "Identifies the subscription(s) that matched this message", null, PUBLISH, SUBSCRIBE),
    SESSION_EXPIRY_INTERVAL(0x11, "sessionExpiryInterval", "Session Expiry Interval", FOUR_BYTE_INTEGER,
            "Seconds the session outlives the connection (0xFFFFFFFF = never expires)", null,
            CONNECT, CONNACK, DISCONNECT),
    ASSIGNED_CLIENT_IDENTIFIER(0x12, "assignedClientIdentifier", "Assigned Client Identifier", UTF8_STRING,
            "Client id the server chose because the client sent an empty one", null, CONNACK),
    SERVER_KEEP_ALIVE(0x13, "serverKeepAlive", "Server Keep Alive", TWO_BYTE_INTEGER,
            "Keep alive the server requires, overriding the client's", null, CONNACK),
    AUTHENTICATION_METHOD(0x15, "authenticationMethod", "Authentication Method", UTF8_STRING,
            "Name of the extended authentication method", null, CONNECT, CONNACK, AUTH),
    AUTHENTICATION_DATA(0x16, "authenticationData", "Authentication Data", BINARY_DATA,
            "Data of the extended authentication method", null, CONNECT, CONNACK, AUTH),
    REQUEST_PROBLEM_INFORMATION(0x17, "requestProblemInformation", "Request Problem Information", BYTE,
            "0 = server must not send Reason String or User Properties on failures", null, CONNECT),
    WILL_DELAY_INTERVAL(0x18, "willDelayInterval", "Will Delay Interval", FOUR_BYTE_INTEGER,
            "Seconds the server waits before publishing the will", Scope.WILL),
    REQUEST_RESPONSE_INFORMATION(0x19, "requestResponseInformation", "Request Response Information", BYTE,
            "1 = client asks for Response Information in CONNACK", null, CONNECT),
    RESPONSE_INFORMATION(0x1A, "responseInformation", "Response Information", UTF8_STRING,
            "Basis for building response topics", null, CONNACK),
    SERVER_REFERENCE(0x1C, "serverReference", "Server Reference", UTF8_STRING,
            "Another server the client should use", null, CONNACK, DISCONNECT),
    REASON_STRING(0x1F, "reasonString", "Reason String", UTF8_STRING,
            "Human-readable diagnostic for the reason code", null,
            CONNACK, PUBACK, PUBREC, PUBREL, PUBCOMP, SUBACK, UNSUBACK, DISCONNECT, AUTH),
    RECEIVE_MAXIMUM(0x21, "receiveMaximum", "Receive Maximum", TWO_BYTE_INTEGER,
            "How many QoS 1 and 2 publications the sender accepts in flight at once", null, CONNECT, CONNACK),
    TOPIC_ALIAS_MAXIMUM(0x22, "topicAliasMaximum", "Topic Alias Maximum", TWO_BYTE_INTEGER,
            "Highest topic alias the sender accepts", null, CONNECT, CONNACK),
    TOPIC_ALIAS(0x23, "topicAlias", "Topic Alias", TWO_BYTE_INTEGER,
            "Number standing for the topic name, to save bytes", null, PUBLISH),
    MAXIMUM_QOS(0x24, "maximumQos", "Maximum QoS", BYTE,
            "Highest QoS the server supports", null, CONNACK),
    RETAIN_AVAILABLE(0x25, "retainAvailable", "Retain Available", BYTE,
            "Whether the server supports retained messages", null, CONNACK),
    USER_PROPERTY(0x26, "userProperty", "User Property", UTF8_STRING_PAIR,
            "Application-defined name/value pair", Scope.WILL,
            CONNECT, CONNACK, PUBLISH, PUBACK, PUBREC, PUBREL, PUBCOMP, SUBSCRIBE, SUBACK, UNSUBSCRIBE, UNSUBACK,
            DISCONNECT, AUTH),
    MAXIMUM_PACKET_SIZE(0x27, "maximumPacketSize", "Maximum Packet Size", FOUR_BYTE_INTEGER,
            "Largest packet the sender will accept", null, CONNECT, CONNACK),
    WILDCARD_SUBSCRIPTION_AVAILABLE(0x28, "wildcardSubscriptionAvailable", "Wildcard Subscription Available", BYTE,
            "Whether the server supports wildcard subscriptions", null, CONNACK),
    SUBSCRIPTION_IDENTIFIER_AVAILABLE(0x29, "subscriptionIdentifierAvailable", "Subscription Identifier Available",
            BYTE, "Whether the server supports subscription identifiers", null, CONNACK),
    SHARED_SUBSCRIPTION_AVAILABLE(0x2A, "sharedSubscriptionAvailable", "Shared Subscription Available", BYTE,
            "Whether the server supports shared subscriptions", null, CONNACK);

    /** Where a property list sits: in a packet's variable header, or in CONNECT's will. */
    public enum Scope {
        WILL
    }

    private static final PropertyId[] BY_ID = new PropertyId[128];

    static {
        for (PropertyId p : values()) {
            BY_ID[p.id] = p;
        }
    }

    private final int id;
    private final String jsonName;
    private final String specName;
    private final PropertyType type;
    private final String meaning;
    private final boolean inWill;
    private final int packetMask;

    PropertyId(int id, String jsonName, String specName, PropertyType type, String meaning, Scope will,
               PacketType... packets) {
        this.id = id;
        this.jsonName = jsonName;
        this.specName = specName;
        this.type = type;
        this.meaning = meaning;
        this.inWill = will == Scope.WILL;
        int mask = 0;
        for (PacketType t : packets) {
            mask |= 1 << t.code();
        }
        this.packetMask = mask;
    }

    public int id() {
        return id;
    }

    /** camelCase name, the key in JSON output. */
    public String jsonName() {
        return jsonName;
    }

    public String specName() {
        return specName;
    }

    public PropertyType type() {
        return type;
    }

    public String meaning() {
        return meaning;
    }

    public boolean allowedIn(PacketType packet) {
        return (packetMask & (1 << packet.code())) != 0;
    }

    public boolean allowedInWill() {
        return inWill;
    }

    /**
     * May it appear more than once? User Property always; Subscription Identifier in PUBLISH,
     * where a message can match several subscriptions (§3.3.2.3.8).
     */
    public boolean repeatableIn(PacketType packet) {
        return this == USER_PROPERTY || (this == SUBSCRIPTION_IDENTIFIER && packet == PUBLISH);
    }

    /** The property with this id, or null; the caller reports unknown ids as malformed. */
    static PropertyId byId(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }

    public static java.util.Optional<PropertyId> of(int id) {
        return java.util.Optional.ofNullable(byId(id));
    }
}
