package org.mqttsniff.net;

/**
 * What {@link NetworkParser#parse} made of one frame: a TCP segment, or why there is none.
 * Java 17 has no pattern switch, so every case also answers {@link #kind()} for a plain enum switch.
 *
 * <p>The non-segment answers of the hot path (not IP, not TCP, fragment held, the fixed reasons for
 * truncated and malformed) are shared constants, so a frame that is not TCP allocates nothing.
 */
public sealed interface ParseResult {

    enum Kind {
        /** A TCP segment; its payload may still be cut short by the snap length (see {@link Segment#missing}). */
        SEGMENT,
        /** Not an IP packet (ARP, LLDP, an unknown loopback family...). */
        NOT_IP,
        /** IP, but not TCP: UDP, ICMP, ESP, no next header, ... */
        NOT_TCP,
        /** An IP fragment, held until its datagram is complete. */
        FRAGMENT_PENDING,
        /** The snap length cut the frame inside the link, IP or TCP header, or cut a fragment. */
        TRUNCATED,
        /** Headers that contradict themselves or the frame: bad IHL, lengths beyond the frame, ... */
        MALFORMED,
        /** A link type this parser does not read. */
        UNSUPPORTED_LINK
    }

    Kind kind();

    /**
     * A TCP segment. {@code missing} counts the payload bytes the IP length announces but the snap
     * length cut off; the payload holds only the captured bytes, and reassembly must report a gap.
     */
    record Segment(TcpSegment segment, int missing) implements ParseResult {
        @Override
        public Kind kind() {
            return Kind.SEGMENT;
        }

        public boolean truncated() {
            return missing > 0;
        }
    }

    /** No segment, and a short fixed reason (a constant, never built per frame). */
    record Skipped(Kind kind, String reason) implements ParseResult {
        @Override
        public String toString() {
            return kind + ": " + reason;
        }
    }

    record UnsupportedLink(int linkType) implements ParseResult {
        @Override
        public Kind kind() {
            return Kind.UNSUPPORTED_LINK;
        }

        @Override
        public String toString() {
            return "UNSUPPORTED_LINK: " + LinkType.name(linkType);
        }
    }
}
