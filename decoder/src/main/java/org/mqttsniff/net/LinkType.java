package org.mqttsniff.net;

/** LINKTYPE_ values (tcpdump.org/linktypes.html) that mqttsniff reads. */
public final class LinkType {
    /** BSD loopback: 4-byte address family in the capturing host's byte order. */
    public static final int NULL = 0;
    public static final int ETHERNET = 1;
    /** Raw IP as some systems number it (DLT_RAW 12 on OpenBSD, 14 elsewhere). */
    public static final int RAW_12 = 12;
    public static final int RAW_14 = 14;
    /** OpenBSD loopback: like NULL but the family is in network byte order. */
    public static final int LOOP = 108;
    public static final int RAW = 101;
    public static final int LINUX_SLL = 113;
    public static final int IPV4 = 228;
    public static final int IPV6 = 229;
    public static final int LINUX_SLL2 = 276;

    private LinkType() {
    }

    public static String name(int linkType) {
        return switch (linkType) {
            case NULL -> "NULL (BSD loopback)";
            case ETHERNET -> "Ethernet";
            case RAW, RAW_12, RAW_14 -> "raw IP";
            case LOOP -> "OpenBSD loopback";
            case LINUX_SLL -> "Linux cooked (SLL)";
            case IPV4 -> "raw IPv4";
            case IPV6 -> "raw IPv6";
            case LINUX_SLL2 -> "Linux cooked v2 (SLL2)";
            default -> "link type " + linkType;
        };
    }
}
