package org.mqttsniff.filter;

import java.util.List;
import java.util.function.Predicate;

import org.mqttsniff.session.SnifferEvent;

/**
 * A compiled display filter ({@code -Y}, and the TUI's {@code /}), e.g.
 * {@code type == PUBLISH && topic ~ "home/#" && qos >= 1}. Compile once with {@link #compile};
 * {@link #test} then evaluates without allocating (except the text of an endpoint the first time
 * {@code src}, {@code dst} or {@code host} meets it).
 *
 * <p>Stream events (open, close, gap...) are tested like packets, with the fields they have: a
 * filter on {@code stream} or an endpoint shows a connection's events with its packets, a filter on
 * a packet field ({@code type}, {@code topic}...) drops them, since a comparison on a field an event
 * lacks is false.
 */
public final class Filter implements Predicate<SnifferEvent> {
    /** The filter that lets everything through. */
    public static final Filter ALL = new Filter("", e -> true);

    private final String text;
    private final Parser.Cond cond;

    private Filter(String text, Parser.Cond cond) {
        this.text = text;
        this.cond = cond;
    }

    /** @throws FilterException with a one-line message that says where the filter is wrong */
    public static Filter compile(String text) {
        return new Filter(text, new Parser(text).parse());
    }

    @Override
    public boolean test(SnifferEvent e) {
        return cond.test(e);
    }

    public String text() {
        return text;
    }

    /** The field names the language knows, for help screens and completion. */
    public static List<String> fields() {
        return Fields.names();
    }

    @Override
    public String toString() {
        return text;
    }
}
