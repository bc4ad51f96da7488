package org.mqttsniff.mqtt;

import java.util.Optional;

import org.mqttsniff.bytes.ByteSlice;

/**
 * CONNECT (MQTT 3.1.1 §3.1, 5.0 §3.1). The version is whatever the packet itself says.
 *
 * <pre>
 * Connect Flags:  7 username | 6 password | 5 will retain | 4-3 will QoS | 2 will | 1 clean | 0 reserved
 * </pre>
 */
public record Connect(MqttVersion version, boolean cleanStart, int keepAlive, Properties properties, String clientId,
                      Optional<Will> will, Optional<String> username, Optional<ByteSlice> password)
        implements MqttPacket {

    public Connect(MqttVersion version, boolean cleanStart, int keepAlive, String clientId) {
        this(version, cleanStart, keepAlive, Properties.EMPTY, clientId, Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    @Override
    public PacketType type() {
        return PacketType.CONNECT;
    }

    public String protocolName() {
        return version.protocolName();
    }

    static Connect decode(Reader r) {
        r.open("Variable header", "");
        int at = r.mark();
        String name = r.utf8("Protocol Name");
        r.field("Protocol Name", at, '"' + name + '"', "\"MQTT\" for 3.1.1 and 5.0, \"MQIsdp\" for 3.1");
        if (!name.equals("MQTT") && !name.equals("MQIsdp")) {
            throw r.fail(MalformedReason.PROTOCOL_NAME, r.rel(at),
                    "protocol name must be \"MQTT\" (or \"MQIsdp\" for 3.1), got \"" + name + "\" [MQTT-3.1.2-1]");
        }
        at = r.mark();
        int level = r.u8("Protocol Level");
        MqttVersion version = MqttVersion.ofLevel(level)
                .filter(v -> v.protocolName().equals(name))
                .orElseThrow(() -> r.fail(MalformedReason.PROTOCOL_LEVEL, r.rel(r.mark() - 1),
                        "protocol level " + level + " does not go with protocol name \"" + name
                                + "\" (MQIsdp is level 3, MQTT is 4 or 5) [MQTT-3.1.2-2]"));
        r.version = version;
        r.field("Protocol Level", at, level, "Protocol version: " + version);

        at = r.mark();
        int flags = r.u8("Connect Flags");
        boolean hasUser = (flags & 0x80) != 0;
        boolean hasPassword = (flags & 0x40) != 0;
        boolean willRetain = (flags & 0x20) != 0;
        int willQos = (flags >> 3) & 3;
        boolean hasWill = (flags & 0x04) != 0;
        boolean clean = (flags & 0x02) != 0;
        if (r.explaining()) {
            r.field("Connect Flags", at, String.format("0x%02X (user=%d password=%d willRetain=%d willQoS=%d will=%d %s=%d)",
                            flags, b(hasUser), b(hasPassword), b(willRetain), willQos, b(hasWill),
                            version.isV5() ? "cleanStart" : "cleanSession", b(clean)),
                    "Which optional fields follow, and how the session starts");
        }
        int flagsOff = r.rel(at);
        if ((flags & 0x01) != 0) {
            throw r.fail(MalformedReason.CONNECT_RESERVED_FLAG, flagsOff,
                    "reserved Connect Flag (bit 0) must be 0 [MQTT-3.1.2-3]");
        }
        if (willQos == 3) {
            throw r.fail(MalformedReason.INVALID_QOS, flagsOff,
                    "Will QoS must not be 3" + r.rule("MQTT-3.1.2-14", "MQTT-3.1.2-12"));
        }
        if (!hasWill && willQos != 0) {
            throw r.fail(MalformedReason.WILL_FLAGS, flagsOff,
                    "Will QoS must be 0 when the Will Flag is 0" + r.rule("MQTT-3.1.2-13", "MQTT-3.1.2-11"));
        }
        if (!hasWill && willRetain) {
            throw r.fail(MalformedReason.WILL_FLAGS, flagsOff,
                    "Will Retain must be 0 when the Will Flag is 0" + r.rule("MQTT-3.1.2-15", "MQTT-3.1.2-13"));
        }
        if (!version.isV5() && hasPassword && !hasUser) {
            throw r.fail(MalformedReason.PASSWORD_WITHOUT_USERNAME, flagsOff,
                    "Password Flag must be 0 when the User Name Flag is 0 [MQTT-3.1.2-22]");
        }

        at = r.mark();
        int keepAlive = r.u16("Keep Alive");
        r.field("Keep Alive", at, keepAlive + " s", keepAlive == 0 ? "0: the client will not send keep-alive pings"
                : "Longest the client stays silent; the server may close after 1.5 times this");
        Properties props = r.v5() ? Properties.decode(r, false) : Properties.EMPTY;
        r.close();

        r.open("Payload", "");
        at = r.mark();
        String clientId = r.utf8("Client Identifier");
        r.field("Client Identifier", at, '"' + clientId + '"',
                clientId.isEmpty() ? "Empty: the server assigns one" : "Identifies the session on the server");
        Optional<Will> will = Optional.empty();
        if (hasWill) {
            Properties willProps = r.v5() ? Properties.decode(r, true) : Properties.EMPTY;
            at = r.mark();
            String topic = r.utf8("Will Topic");
            r.field("Will Topic", at, '"' + topic + '"', "Topic the will is published to");
            if (Topics.hasWildcard(topic)) {
                throw r.fail(MalformedReason.WILDCARD_IN_TOPIC, r.rel(at),
                        "Will Topic must not contain wildcards [MQTT-3.3.2-2]");
            }
            if (topic.isEmpty()) {
                throw r.fail(MalformedReason.INVALID_TOPIC_NAME, r.rel(at),
                        "Will Topic must be at least one character long [MQTT-4.7.3-1]");
            }
            at = r.mark();
            ByteSlice payload = r.binary("Will Payload");
            r.field("Will Payload", at, Publish.displayPayload(payload), "Published if the client vanishes");
            will = Optional.of(new Will(willQos, willRetain, willProps, topic, payload));
        }
        Optional<String> user = Optional.empty();
        if (hasUser) {
            at = r.mark();
            user = Optional.of(r.utf8("User Name"));
            r.field("User Name", at, '"' + user.get() + '"', "");
        }
        Optional<ByteSlice> password = Optional.empty();
        if (hasPassword) {
            at = r.mark();
            password = Optional.of(r.binary("Password"));
            r.secret("Password", at, Publish.displayPayload(password.get()), "Secret: hidden unless --show-secrets");
        }
        r.close();
        return new Connect(version, clean, keepAlive, props, clientId, will, user, password);
    }

    private static int b(boolean v) {
        return v ? 1 : 0;
    }

    int flags() {
        int f = 0;
        if (username.isPresent()) {
            f |= 0x80;
        }
        if (password.isPresent()) {
            f |= 0x40;
        }
        if (will.isPresent()) {
            f |= 0x04 | will.get().qos() << 3 | (will.get().retain() ? 0x20 : 0);
        }
        return cleanStart ? f | 0x02 : f;
    }

    void encode(Writer w) {
        w.utf8(version.protocolName());
        w.u8(version.level());
        w.u8(flags());
        w.u16(keepAlive);
        if (version.isV5()) {
            properties.encode(w);
        }
        w.utf8(clientId);
        will.ifPresent(wl -> {
            if (version.isV5()) {
                wl.properties().encode(w);
            }
            w.utf8(wl.topic());
            w.binary(wl.payload());
        });
        username.ifPresent(w::utf8);
        password.ifPresent(w::binary);
    }
}
