package org.mqttsniff.mqtt;

import java.util.List;

/**
 * One decoded field with the bytes it came from, for the teaching view and hex highlighting.
 * Offsets count from the first byte of the packet (the fixed header's type byte).
 *
 * @param value   the value as a person reads it; for a secret, the real value (renderers mask it)
 * @param meaning what the field is for, in a sentence; empty when the name says it all
 */
public record Field(String name, int offset, int length, String value, String meaning, boolean secret,
                    List<Field> children) {

    public Field {
        children = List.copyOf(children);
    }

    public int end() {
        return offset + length;
    }

    /** The value to print: {@code ****} for a secret unless secrets are shown. */
    public String shownValue(boolean showSecrets) {
        return secret && !showSecrets ? "****" : value;
    }
}
