package org.mqttsniff.net;

import org.mqttsniff.bytes.ByteSlice;

/** An IP address (4 or 16 bytes) and a TCP port. Prints as {@code 127.0.0.1:40001} or {@code [::1]:40001}. */
public record Endpoint(ByteSlice address, int port) {

    public boolean isIpv6() {
        return address.length() == 16;
    }

    /** The address alone: dotted quad, or RFC 5952 text for IPv6 (lower case, longest zero run as ::). */
    public String host() {
        if (address.length() == 4) {
            // a StringBuilder, not +: the first string concatenation of a shape links a bootstrap
            // method, several milliseconds at the end of a --stats run that prints every connection
            return new StringBuilder(15).append(address.get(0)).append('.').append(address.get(1)).append('.')
                    .append(address.get(2)).append('.').append(address.get(3)).toString();
        }
        int[] w = new int[8];
        for (int i = 0; i < 8; i++) {
            w[i] = address.get(2 * i) << 8 | address.get(2 * i + 1);
        }
        int bestStart = -1;
        int bestLen = 1; // a single zero group is not shortened (RFC 5952 §4.2.2)
        for (int i = 0; i < 8; ) {
            if (w[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && w[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(w[i]));
        }
        return sb.toString();
    }

    /**
     * Same contract as the record's own, but cheap: the connection table hashes two endpoints per
     * segment, and the generated methods go through ByteSlice's byte loop.
     */
    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof Endpoint e) || port != e.port) {
            return false;
        }
        // IPv4 as one int: ByteSlice.equals goes through Arrays.equals, a call and a loop for 4 bytes
        return address.length() == 4 ? e.address.length() == 4 && address.getInt(0) == e.address.getInt(0)
                : address.equals(e.address);
    }

    @Override
    public int hashCode() {
        int h = address.length() == 4 ? address.getInt(0) : address.hashCode();
        return (h * 31 + port) * 0x9E3779B9; // spread: addresses of one subnet differ only in their low bits
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(isIpv6() ? 48 : 21);
        if (isIpv6()) {
            return sb.append('[').append(host()).append("]:").append(port).toString();
        }
        return sb.append(host()).append(':').append(port).toString();
    }
}
