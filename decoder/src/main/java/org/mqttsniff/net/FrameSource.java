package org.mqttsniff.net;

import java.io.Closeable;
import java.io.IOException;

/**
 * Where frames come from: a capture file, or a live interface. {@link #next()} returns null at
 * the end; a file cut short ends cleanly with {@link #warnings()} saying so.
 */
public interface FrameSource extends Closeable {

    /** The next frame, or null when there are no more. */
    RawFrame next() throws IOException;

    /**
     * The next frame, like {@link #next()}, but its {@link RawFrame#data() data} may be a view into
     * the source's own buffer, valid only until the next call to {@code next}, {@code nextView} or
     * {@code close}: for a caller that is done with each frame's bytes before asking for the next
     * one (the pipeline copies whatever it keeps). Saves a copy of every frame where a source can,
     * and the frame object itself may be the same one refilled ({@link RawFrame#reusable()}): keep
     * neither the frame nor its data.
     */
    default RawFrame nextView() throws IOException {
        return next();
    }

    /** Problems met that did not stop reading (a truncated last record, say), in the order met. */
    java.util.List<String> warnings();

    /** How much of the source has been read, 0.0 to 1.0, or -1 when unknown (live capture). */
    default double progress() {
        return -1;
    }
}
