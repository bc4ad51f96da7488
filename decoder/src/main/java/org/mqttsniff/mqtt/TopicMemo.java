package org.mqttsniff.mqtt;

import java.util.Arrays;

/**
 * The last few Topic Names decoded on one direction of a stream, as their wire bytes and their
 * String. A client mostly publishes to a few topics over and over: a PUBLISH whose topic bytes
 * are one of these gets the same String back, without decoding, checking or allocating it again
 * (the same bytes were found well-formed before), and whoever keys a map by topic finds the hash
 * already computed. Small and bounded: {@value #ENTRIES} topics of at most {@value #MAX_BYTES} bytes.
 */
final class TopicMemo {
    static final int ENTRIES = 4;
    static final int MAX_BYTES = 256;

    private final byte[][] bytes = new byte[ENTRIES][];
    private final String[] strings = new String[ENTRIES];
    /** Where the next new topic goes: the entries are replaced in turn. */
    private int next;

    /** The String of the topic whose UTF-8 is {@code b[off, off + len)}, if it is one of the last few; else null. */
    String find(byte[] b, int off, int len) {
        for (int i = 0; i < ENTRIES; i++) {
            byte[] k = bytes[i];
            if (k != null && k.length == len && Arrays.equals(k, 0, len, b, off, off + len)) {
                return strings[i];
            }
        }
        return null;
    }

    /** Remembers a topic that was decoded from {@code b[off, off + len)} and found well-formed. */
    void remember(byte[] b, int off, int len, String topic) {
        if (len > MAX_BYTES) {
            return;
        }
        bytes[next] = Arrays.copyOfRange(b, off, off + len);
        strings[next] = topic;
        next = (next + 1) % ENTRIES;
    }
}
