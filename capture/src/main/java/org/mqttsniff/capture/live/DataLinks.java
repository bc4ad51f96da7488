package org.mqttsniff.capture.live;

import java.util.OptionalInt;

import org.mqttsniff.net.LinkType;

/**
 * libpcap reports an interface's link layer as a DLT_ value, the number of its own platform;
 * frames and pcap files carry the LINKTYPE_ value (tcpdump.org/linktypes.html). They are the same
 * number except where platforms disagreed, e.g. DLT_RAW (12 on Linux, 14 on some BSDs) is LINKTYPE_RAW 101.
 */
public final class DataLinks {
    static final int DLT_NULL = 0;
    static final int DLT_EN10MB = 1;
    static final int DLT_RAW_12 = 12;
    static final int DLT_RAW_14 = 14;
    static final int DLT_LOOP = 108;
    static final int DLT_LINUX_SLL = 113;
    static final int DLT_IPV4 = 228;
    static final int DLT_IPV6 = 229;
    static final int DLT_LINUX_SLL2 = 276;

    private DataLinks() {
    }

    /** The LINKTYPE_ value the decoder reads for a libpcap DLT_ value, or empty when it reads none. */
    public static OptionalInt linkType(int dlt) {
        return switch (dlt) {
            case DLT_NULL -> OptionalInt.of(LinkType.NULL);
            case DLT_EN10MB -> OptionalInt.of(LinkType.ETHERNET);
            case DLT_RAW_12, DLT_RAW_14, LinkType.RAW -> OptionalInt.of(LinkType.RAW);
            case DLT_LOOP -> OptionalInt.of(LinkType.LOOP);
            case DLT_LINUX_SLL -> OptionalInt.of(LinkType.LINUX_SLL);
            case DLT_LINUX_SLL2 -> OptionalInt.of(LinkType.LINUX_SLL2);
            case DLT_IPV4 -> OptionalInt.of(LinkType.IPV4);
            case DLT_IPV6 -> OptionalInt.of(LinkType.IPV6);
            default -> OptionalInt.empty();
        };
    }
}
