package org.mqttsniff.tui;

import java.util.function.Consumer;

import org.mqttsniff.session.SnifferEvent;

/**
 * What a source pushes into the UI, from its own thread: a capture file's loader, live capture's
 * pipeline thread, or the proxy. All methods are called by that one thread; the UI reads what they
 * leave behind a few times per second and never waits for the source.
 *
 * <pre>
 * source thread:  accept(event) ... frames(n) progress(0.42) dropped(d) ... end(null)
 * UI thread:      reads rows, counts and status from the store; asks stop() when the user quits
 * </pre>
 */
public interface Feed extends Consumer<SnifferEvent> {

    /** One event of the pipeline (or the proxy's session), in the order they happened. */
    @Override
    void accept(SnifferEvent e);

    /** Frames read so far. */
    void frames(long count);

    /** How much of a file is read, 0.0 to 1.0; -1 for a source without an end (live capture, proxy). */
    void progress(double fraction);

    /** Frames the source itself had to drop so far (live capture's queue or kernel), a running total. */
    void dropped(long count);

    /** A problem that did not stop the source (a file cut short, a note of the pipeline). */
    void warning(String line);

    /** The source ended: {@code error} is null at a normal end, else one line saying why it stopped. */
    void end(String error);

    /** True once the UI quit: the source should stop at its next frame. */
    boolean stopped();
}
