package org.mqttsniff.cli.output;

import java.util.List;

import org.mqttsniff.bytes.ByteSlice;
import org.mqttsniff.mqtt.Field;
import org.mqttsniff.mqtt.MqttVersion;
import org.mqttsniff.mqtt.PacketDecoder;

/**
 * Keeps secrets out of hex as well as out of values: a password is as readable in a hex dump
 * as in text. Secret fields are found with the decoder's field tree, so the rule of what is
 * secret lives in one place (the decoder).
 */
final class Secrets {
    private Secrets() {
    }

    /** Is byte {@code i} of the packet inside a secret field of {@code fields}? */
    static boolean isSecretByte(List<Field> fields, int i) {
        for (Field f : fields) {
            if (i >= f.offset() && i < f.end() && (f.secret() || isSecretByte(f.children(), i))) {
                return true;
            }
        }
        return false;
    }

    static boolean hasSecret(List<Field> fields) {
        for (Field f : fields) {
            if (f.secret() || hasSecret(f.children())) {
                return true;
            }
        }
        return false;
    }

    /** Hex of the packet with each byte of a secret field written as {@code **}. */
    static String maskedHex(ByteSlice raw, MqttVersion version, boolean showSecrets) {
        if (showSecrets) {
            return raw.hex();
        }
        List<Field> fields = PacketDecoder.explain(raw, version).fields();
        if (!hasSecret(fields)) {
            return raw.hex();
        }
        StringBuilder sb = new StringBuilder(raw.length() * 2);
        for (int i = 0; i < raw.length(); i++) {
            sb.append(isSecretByte(fields, i) ? "**" : String.format("%02x", raw.get(i)));
        }
        return sb.toString();
    }
}
