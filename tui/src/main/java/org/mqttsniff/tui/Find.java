package org.mqttsniff.tui;

import java.util.Locale;
import java.util.function.LongConsumer;
import java.util.function.LongFunction;

/**
 * The search of {@code f}, {@code n} and {@code N}, the same in every list: positions
 * {@code lo .. hi-1} are looked at from the one after (or before) the current one, wrapping
 * around at the end once, so the current one is looked at last; case is ignored. The UI thread
 * calls {@link #step} with a few milliseconds at a time, between its looks at the keyboard, so a
 * search through a million rows uses the UI thread's idle time and never holds up a key. The positions are fixed when the search starts: rows that come later are
 * for the next search.
 */
final class Find {
    enum State { SEARCHING, FOUND, NOT_FOUND }

    private final String needle;
    private final long lo;
    private final long hi;
    private final int dir;
    private final LongFunction<String> textAt;
    private final LongConsumer select;
    private long at;
    private long left;
    private boolean wrapped;
    private long found = -1;

    /**
     * @param from   the current position (outside lo..hi: the search starts at the first, or the last for -1)
     * @param dir    1 forward, -1 back
     * @param textAt the text of a position, or null when it has none (a dropped row)
     * @param select what a match does: selects its position
     */
    Find(String text, long lo, long hi, long from, int dir, LongFunction<String> textAt, LongConsumer select) {
        this.needle = text.toLowerCase(Locale.ROOT);
        this.lo = lo;
        this.hi = hi;
        this.dir = dir;
        this.textAt = textAt;
        this.select = select;
        this.left = Math.max(0, hi - lo);
        this.at = from >= lo && from < hi ? from : dir > 0 ? lo - 1 : hi;
    }

    /** Looks at up to {@code n} positions; on a match, selects it. */
    State step(int n) {
        return step(n, Long.MAX_VALUE);
    }

    /**
     * Looks at positions until {@code deadline} ({@link System#nanoTime}) or {@code n} of them;
     * on a match, selects it. The clock is read every few positions, as one can cost microseconds
     * (a packet read back from the spool and decoded).
     */
    State step(int n, long deadline) {
        for (int i = 0; i < n; i++) {
            if ((i & 15) == 15 && System.nanoTime() - deadline >= 0) {
                return State.SEARCHING;
            }
            if (left <= 0) {
                return State.NOT_FOUND;
            }
            left--;
            at += dir;
            if (at >= hi) {
                at = lo;
                wrapped = true;
            } else if (at < lo) {
                at = hi - 1;
                wrapped = true;
            }
            String t = textAt.apply(at);
            if (t != null && t.toLowerCase(Locale.ROOT).contains(needle)) {
                found = at;
                select.accept(at);
                return State.FOUND;
            }
        }
        return left <= 0 ? State.NOT_FOUND : State.SEARCHING;
    }

    long found() {
        return found;
    }

    /** The match was found after going round the end (or the start, searching back). */
    boolean wrapped() {
        return wrapped;
    }

    /** What the status bar says when a search ends. */
    static String message(String text, boolean found, boolean wrapped, int dir) {
        if (!found) {
            return "not found: " + text;
        }
        return "found: " + text + (!wrapped ? "" : dir > 0 ? "  (passed the end, went on from the top)"
                : "  (passed the top, went on from the end)");
    }
}
