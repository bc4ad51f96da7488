package org.mqttsniff.filter;

/**
 * A filter that does not compile. The message is one line that ends with where the problem is,
 * e.g. {@code expected a value after '==' at character 9}; {@link #position()} gives the same place
 * to a UI that wants to underline it.
 */
public final class FilterException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String filter;
    private final int position;

    FilterException(String filter, int position, String problem) {
        super(problem + where(filter, position));
        this.filter = filter;
        this.position = position;
    }

    private static String where(String filter, int position) {
        if (filter.isBlank()) {
            return "";
        }
        return position >= filter.length() ? " at the end" : " at character " + (position + 1);
    }

    /** The filter text as given. */
    public String filter() {
        return filter;
    }

    /** 0-based index into {@link #filter()} of the offending token; its length when the filter ended too early. */
    public int position() {
        return position;
    }
}
