package org.mqttsniff.tui;

import org.mqttsniff.filter.Filter;
import org.mqttsniff.session.SnifferEvent;

/**
 * The rows a display filter keeps. Rows that arrive after the filter was set are tested on the
 * source's thread as they come ({@link #offer}); rows already there are tested by the UI thread a
 * slice at a time ({@link #scan}), so a filter over a million packets never freezes the screen.
 * Matches before the scan point and matches of new rows are two ascending lists; the view is the
 * first followed by the second.
 */
final class FilterScan {
    private final PacketStore store;
    private final Filter filter;
    private final long scanEnd;
    private long scanned;
    private final LongList before = new LongList();
    private final LongList after = new LongList();

    FilterScan(PacketStore store, Filter filter, long from, long to) {
        this.store = store;
        this.filter = filter;
        this.scanned = from;
        this.scanEnd = to;
    }

    Filter filter() {
        return filter;
    }

    /** A new row, on the source's thread. */
    synchronized void offer(long id, SnifferEvent e) {
        if (filter.test(e)) {
            after.add(id);
        }
    }

    /** Tests up to {@code budget} of the rows that were there before the filter; true when all are done. */
    boolean scan(int budget) {
        long from;
        synchronized (this) {
            from = scanned;
        }
        long to = Math.min(scanEnd, from + budget);
        LongList found = new LongList();
        for (long id = from; id < to; id++) {
            SnifferEvent e = store.event(id);
            if (e != null && filter.test(e)) {
                found.add(id);
            }
        }
        synchronized (this) {
            for (int i = 0; i < found.size(); i++) {
                before.add(found.get(i));
            }
            scanned = to;
            return scanned >= scanEnd;
        }
    }

    synchronized boolean done() {
        return scanned >= scanEnd;
    }

    /** 0..1: how much of the rows that were already there has been tested. */
    synchronized double scanProgress(long firstId) {
        long total = scanEnd - firstId;
        return total <= 0 ? 1 : Math.max(0, Math.min(1, (scanned - firstId) / (double) total));
    }

    synchronized long size() {
        return before.size() + (long) after.size();
    }

    synchronized long idAt(long index) {
        return index < before.size() ? before.get((int) index) : after.get((int) (index - before.size()));
    }

    /** The index of the first match whose id is at least {@code id}, for keeping the selection when the filter changes. */
    synchronized long indexOf(long id) {
        int i = before.lowerBound(id);
        if (i < before.size()) {
            return i;
        }
        return before.size() + (long) after.lowerBound(id);
    }
}
