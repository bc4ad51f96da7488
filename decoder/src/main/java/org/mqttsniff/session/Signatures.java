package org.mqttsniff.session;

import org.mqttsniff.bytes.ByteSlice;

/**
 * Recognises protocols that turn up on MQTT ports instead of MQTT, from a direction's first
 * bytes: TLS (MQTT over TLS on 1883, or a client pointed at the wrong port), HTTP (WebSocket
 * upgrades, health checks), SSH. Anything it does not recognise is left to the MQTT decoder.
 */
final class Signatures {
    private Signatures() {
    }

    /** The protocol these first bytes belong to, or null when they may be MQTT. */
    static String identify(ByteSlice b) {
        if (b.length() >= 3 && b.get(0) == 0x16 && b.get(1) == 0x03 && b.get(2) <= 0x04) {
            return "TLS handshake (MQTT over TLS needs the proxy to be read)";
        }
        if (b.length() >= 3 && b.get(0) == 0x15 && b.get(1) == 0x03) {
            return "TLS alert";
        }
        if (startsWith(b, "GET ") || startsWith(b, "POST ") || startsWith(b, "HEAD ") || startsWith(b, "PUT ")
                || startsWith(b, "OPTIONS ") || startsWith(b, "DELETE ") || startsWith(b, "HTTP/1.")) {
            return "HTTP";
        }
        if (startsWith(b, "PRI * HTTP/2")) {
            return "HTTP/2";
        }
        if (startsWith(b, "SSH-")) {
            return "SSH";
        }
        return null;
    }

    private static boolean startsWith(ByteSlice b, String ascii) {
        if (b.length() < ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (b.get(i) != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The first bytes as printable text, for the not-mqtt event. */
    static String preview(ByteSlice b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(b.length(), 24); i++) {
            int c = b.get(i);
            sb.append(c >= 0x20 && c < 0x7F ? (char) c : '.');
        }
        return sb.toString();
    }

    /** Could these first client bytes be a CONNECT ("MQTT" or "MQIsdp" right after the fixed header)? */
    static boolean looksLikeConnect(ByteSlice b) {
        if (b.length() < 2 || b.get(0) != 0x10) {
            return false;
        }
        int i = 1;
        while (i < b.length() && i < 5 && (b.get(i) & 0x80) != 0) {
            i++;
        }
        i++;
        return i + 6 <= b.length() && b.get(i) == 0 && (b.get(i + 1) == 4 && match(b, i + 2, "MQTT")
                || b.get(i + 1) == 6 && i + 8 <= b.length() && match(b, i + 2, "MQIsdp"));
    }

    private static boolean match(ByteSlice b, int at, String ascii) {
        for (int k = 0; k < ascii.length(); k++) {
            if (b.get(at + k) != ascii.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
