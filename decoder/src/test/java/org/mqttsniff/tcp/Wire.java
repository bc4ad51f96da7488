package org.mqttsniff.tcp;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.mqttsniff.bytes.ByteSlice;
import org.mqttsniff.net.Endpoint;
import org.mqttsniff.net.LinkType;
import org.mqttsniff.net.RawFrame;
import org.mqttsniff.net.TcpSegment;

/**
 * Segments written one a line, so a test reads like a capture:
 * <pre>
 *   FROM>TO SEQ FLAGS [ACK] ['payload'] [cut=N] [t=SECONDS]
 *   C>S 1001 PA 5001 'hello'
 * </pre>
 * FLAGS are letters of S A F R P, or - for none; ACK is given when A is. cut= is the number of
 * payload bytes the snap length cut off. t= sets the capture time from that line on.
 */
final class Wire {
    static final Map<String, Endpoint> ENDPOINTS = Map.of(
            "C", ep("10.0.0.1", 40000),
            "C2", ep("10.0.0.1", 40001),
            "C3", ep("10.0.0.3", 50000),
            "S", ep("10.0.0.2", 1883),
            "W", ep("10.0.0.7", 80),
            "X", ep("10.0.0.5", 5000),
            "Y", ep("10.0.0.6", 6000),
            "P", new Endpoint(ByteSlice.fromHex("20010db8000000000000000000000001"), 40000),
            "Q", new Endpoint(ByteSlice.fromHex("20010db8000000000000000000000002"), 1883));

    private static final Pattern LINE = Pattern.compile(
            "(\\w+)>(\\w+) (\\d+) ([SAFRP]+|-)(?: (\\d+))?(?: '([^']*)')?(?: cut=(\\d+))?(?: t=(\\d+(?:\\.\\d+)?))?");

    /** One parsed line: the frame, the segment, and the bytes cut off. */
    record Line(RawFrame frame, TcpSegment segment, int cut) {
    }

    private Wire() {
    }

    static Endpoint ep(String ipv4, int port) {
        String[] p = ipv4.split("\\.");
        byte[] a = new byte[4];
        for (int i = 0; i < 4; i++) {
            a[i] = (byte) Integer.parseInt(p[i]);
        }
        return new Endpoint(ByteSlice.wrap(a), port);
    }

    /** Parses a line as frame number {@code number}; {@code timeNanos} applies unless the line sets t=. */
    static Line parse(String text, long number, long timeNanos) {
        Matcher m = LINE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("bad segment line: " + text);
        }
        int flags = 0;
        for (char f : m.group(4).toCharArray()) {
            flags |= switch (f) {
                case 'S' -> TcpSegment.SYN;
                case 'A' -> TcpSegment.ACK;
                case 'F' -> TcpSegment.FIN;
                case 'R' -> TcpSegment.RST;
                case 'P' -> TcpSegment.PSH;
                default -> 0;
            };
        }
        if (((flags & TcpSegment.ACK) != 0) != (m.group(5) != null)) {
            throw new IllegalArgumentException("an ACK number goes with the A flag, and only then: " + text);
        }
        ByteSlice payload = m.group(6) == null ? ByteSlice.EMPTY
                : ByteSlice.wrap(m.group(6).getBytes(StandardCharsets.US_ASCII));
        long ack = m.group(5) == null ? 0 : Long.parseLong(m.group(5));
        long time = m.group(8) == null ? timeNanos : Math.round(Double.parseDouble(m.group(8)) * 1e9);
        TcpSegment seg = new TcpSegment(endpoint(m.group(1)), endpoint(m.group(2)), Long.parseLong(m.group(3)),
                ack, flags, 65535, payload);
        int cut = m.group(7) == null ? 0 : Integer.parseInt(m.group(7));
        RawFrame frame = new RawFrame(number, time, LinkType.ETHERNET, ByteSlice.EMPTY, 54 + payload.length() + cut);
        return new Line(frame, seg, cut);
    }

    private static Endpoint endpoint(String name) {
        Endpoint e = ENDPOINTS.get(name);
        if (e == null) {
            throw new IllegalArgumentException("unknown endpoint " + name);
        }
        return e;
    }
}
