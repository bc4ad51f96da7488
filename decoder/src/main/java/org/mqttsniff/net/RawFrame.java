package org.mqttsniff.net;

import org.mqttsniff.bytes.ByteSlice;

/**
 * One captured frame as a source delivers it, before any parsing.
 *
 * @param number         1-based capture record number, the frame number Wireshark shows
 * @param timeNanos      capture time, nanoseconds since the Unix epoch (UTC)
 * @param linkType       the LINKTYPE_ value of the interface it came from ({@link LinkType})
 * @param data           the captured bytes (may be cut by the snap length)
 * @param originalLength the frame's length on the wire
 */
public record RawFrame(long number, long timeNanos, int linkType, ByteSlice data, int originalLength) {
}
