package org.mqttsniff.net;

import org.mqttsniff.bytes.ByteSlice;

/**
 * A TCP segment as parsed from a frame: endpoints, the header fields reassembly needs, and the
 * payload. Sequence and acknowledgment numbers are unsigned 32-bit values held in longs.
 */
public record TcpSegment(Endpoint src, Endpoint dst, long seq, long ack, int flags, int window, ByteSlice payload) {
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;

    public boolean syn() {
        return (flags & SYN) != 0;
    }

    public boolean fin() {
        return (flags & FIN) != 0;
    }

    public boolean rst() {
        return (flags & RST) != 0;
    }

    public boolean hasAck() {
        return (flags & ACK) != 0;
    }
}
