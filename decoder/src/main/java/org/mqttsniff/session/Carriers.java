package org.mqttsniff.session;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import org.mqttsniff.net.RawFrame;

/**
 * Which frames carried which bytes of one direction, for {@code -w}: a packet is written as the
 * frames its bytes came in. Only frames whose bytes may still belong to a coming packet are kept,
 * so the memory is bounded by the bytes the stream decoder holds.
 */
final class Carriers {
    private record Chunk(RawFrame frame, long start, long end) {
    }

    private final ArrayDeque<Chunk> chunks = new ArrayDeque<>();

    void fed(RawFrame frame, long start, long end) {
        if (end > start) {
            chunks.add(new Chunk(frame, start, end));
        }
    }

    /** The frames that carried bytes {@code [start, end)}; frames wholly before {@code end} are let go. */
    List<RawFrame> take(long start, long end) {
        List<RawFrame> out = new ArrayList<>(2);
        for (Chunk c : chunks) {
            if (c.start >= end) {
                break;
            }
            if (c.end > start) {
                out.add(c.frame);
            }
        }
        while (!chunks.isEmpty() && chunks.peekFirst().end <= end) {
            chunks.pollFirst();
        }
        return out;
    }
}
