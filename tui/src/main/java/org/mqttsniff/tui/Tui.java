package org.mqttsniff.tui;

import java.io.IOException;
import java.util.Locale;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.Screen;

import org.mqttsniff.filter.Filter;
import org.mqttsniff.filter.FilterException;

/**
 * The terminal UI's thread: reads keys, picks up what the source added a few times per second,
 * and draws. It never waits for the source: the source fills a {@link PacketStore} from its own
 * thread, and everything the UI does per tick is bounded (a filter or a search over old rows goes
 * a slice at a time).
 */
public final class Tui {
    public static final int MIN_COLUMNS = 80;
    public static final int MIN_ROWS = 24;
    /** How often new rows are picked up: "a few times per second". */
    static final long TICK_NANOS = 200_000_000L;
    /** Rows a filter or search tests per tick, on the UI thread. */
    static final int SLICE = 50_000;
    /** A search looks at rows this long at a time, then the keys are read again. */
    static final long FIND_SLICE_NANOS = 15_000_000;

    /**
     * @param color       false with NO_COLOR: no colours, selection in reverse video
     * @param filter      a display filter to start with (from {@code -Y}), or ""
     * @param follow      start in follow mode (live sources)
     */
    public record Options(boolean color, boolean showSecrets, String filter, boolean follow) {
    }

    enum View { PACKETS, FLOWS, TOPICS, CLIENTS, STATS }

    enum Edit { NONE, FILTER, FIND }

    private final Screen screen;
    private final PacketStore store;
    private final Theme theme;
    final PacketsPane packets;
    private final StatsPane statsPane;
    private final ClientsPane clientsPane;
    private final TopicsPane topicsPane;
    final FlowsPane flowsPane;
    View view = View.PACKETS;
    private boolean quit;
    boolean help;
    boolean follow;
    boolean paused;
    private Edit edit = Edit.NONE;
    private final StringBuilder input = new StringBuilder();
    private String filterText = "";
    private FilterException inputError;
    private String findText = "";
    /** A search still going (it goes on at each tick), or null; and its direction. */
    private Find find;
    private int findDir;
    private String message = "";
    private long lastTick;
    private long rateCount;
    private long rateTime;
    private double rate;
    private PacketStore.Status status;

    public Tui(Screen screen, PacketStore store, Options options) {
        this.screen = screen;
        this.store = store;
        this.theme = new Theme(options.color());
        this.packets = new PacketsPane(store, theme, options.showSecrets());
        this.statsPane = new StatsPane(store);
        this.clientsPane = new ClientsPane(store, theme);
        this.topicsPane = new TopicsPane(store, theme);
        this.flowsPane = new FlowsPane(store, theme);
        this.follow = options.follow();
        if (!options.filter().isBlank()) {
            applyFilter(options.filter());
        }
    }

    /** Runs until the user quits (or the terminal closes). The screen must be started. */
    public void run() throws IOException {
        tick(System.nanoTime());
        draw();
        while (!quit) {
            // while a search goes on, step has given it the time the loop would have slept
            if (!step(System.nanoTime()) && find == null) {
                sleep();
            }
        }
        store.stop();
    }

    /**
     * One pass of {@link #run}'s loop: keys, a resize, new rows at the tick; draws when any of them
     * changed something, and says whether it drew. So rows pouring in are drawn at most once a tick
     * ({@link #TICK_NANOS}) however fast they come, a key at once, and an idle screen not at all.
     */
    boolean step(long now) throws IOException {
        boolean dirty = false;
        KeyStroke k;
        while (!quit && (k = screen.pollInput()) != null) {
            handle(k);
            dirty = true;
        }
        if (screen.doResizeIfNecessary() != null) {
            dirty = true;
        }
        // the first rows are picked up at once, not at the next tick
        if (now - lastTick >= TICK_NANOS || (packets.shown == 0 && !paused && store.size() > 0)) {
            dirty |= tick(now);
        } else if (find != null && !quit) {
            // between ticks a search goes on, a slice at a time; its end (the match) is drawn at once
            dirty |= findSome();
        }
        if (quit || !dirty) {
            return false;
        }
        draw();
        return true;
    }

    private static void sleep() {
        try {
            Thread.sleep(15);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean quitting() {
        return quit;
    }

    /**
     * One tick of {@link #run} (for tests and embedders): picks up new rows, goes on with a filter or
     * search, and measures the rate. Returns whether anything on screen may have changed.
     */
    public boolean tick(long now) {
        lastTick = now;
        PacketStore.Status s = store.status();
        boolean changed = !s.equals(status);
        status = s; // the status bar and the list tell the same moment
        if (rateTime == 0) {
            rateTime = now;
            rateCount = s.packets();
        } else if (now - rateTime >= 1_000_000_000L) {
            double before = rate;
            rate = (s.packets() - rateCount) * 1e9 / (now - rateTime);
            rateTime = now;
            rateCount = s.packets();
            changed |= rate != before;
        }
        if (packets.scan != null && !packets.scan.done()) {
            packets.scan.scan(SLICE);
            changed = true;
        }
        if (!paused) {
            long before = packets.shown;
            packets.shown = packets.available();
            changed |= packets.shown != before;
            if (follow && packets.shown > 0) {
                packets.select(packets.shown - 1);
            }
            flowsPane.tick(store.size(), follow);
        }
        if (find != null) {
            findSome();
            changed = true;
        }
        return changed;
    }

    public void handle(KeyStroke k) {
        if (k.getKeyType() == KeyType.EOF) {
            quit = true;
            return;
        }
        if (help) {
            help = false;
            return;
        }
        if (edit != Edit.NONE) {
            editKey(k);
            return;
        }
        if (k.getKeyType() == KeyType.Character && k.isCtrlDown() && k.getCharacter() == 'c') {
            quit = true;
            return;
        }
        Keys.Action a = Keys.actionOf(k);
        if (a == null) {
            return;
        }
        message = "";
        PacketsPane p = packets;
        if (view == View.FLOWS && flowsKey(a)) {
            return;
        }
        if (view == View.TOPICS) {
            switch (a) {
                case UP -> topicsPane.move(-1);
                case DOWN -> topicsPane.move(1);
                case PAGE_UP -> topicsPane.move(-10);
                case PAGE_DOWN -> topicsPane.move(10);
                case HOME -> topicsPane.move(Integer.MIN_VALUE / 2);
                case END -> topicsPane.move(Integer.MAX_VALUE / 2);
                case COLLAPSE -> topicsPane.expand(false);
                case EXPAND -> topicsPane.expand(true);
                case OPEN -> {
                    String filter = topicsPane.selectedFilter();
                    if (filter != null) {
                        view = View.PACKETS;
                        applyFilter(filter);
                    }
                }
                default -> {
                }
            }
            if (a.ordinal() <= Keys.Action.END.ordinal() || a == Keys.Action.OPEN || a == Keys.Action.COLLAPSE
                    || a == Keys.Action.EXPAND) {
                return;
            }
        }
        if (view == View.CLIENTS) {
            switch (a) {
                case UP -> clientsPane.move(-1);
                case DOWN -> clientsPane.move(1);
                case PAGE_UP -> clientsPane.move(-10);
                case PAGE_DOWN -> clientsPane.move(10);
                case HOME -> clientsPane.move(Integer.MIN_VALUE / 2);
                case END -> clientsPane.move(Integer.MAX_VALUE / 2);
                case OPEN -> {
                    int stream = clientsPane.selectedStream();
                    if (stream >= 0) {
                        view = View.PACKETS;
                        applyFilter("stream == " + stream);
                    }
                }
                default -> {
                }
            }
            if (a.ordinal() <= Keys.Action.END.ordinal() || a == Keys.Action.OPEN) {
                return;
            }
        }
        if (view != View.PACKETS && (a.ordinal() <= Keys.Action.PREVIOUS_PANE.ordinal() || a == Keys.Action.OPEN)) {
            return; // the packets view's own keys, not another view's (the stats view has none)
        }
        switch (a) {
            case UP -> {
                follow = false;
                p.move(-1);
            }
            case DOWN -> p.move(1);
            case PAGE_UP -> {
                follow = false;
                p.page(-1);
            }
            case PAGE_DOWN -> p.page(1);
            case HOME -> {
                follow = false;
                p.home();
            }
            case END -> p.end();
            case NEXT_PANE -> p.focus = PacketsPane.Focus.values()[(p.focus.ordinal() + 1) % 3];
            case PREVIOUS_PANE -> p.focus = PacketsPane.Focus.values()[(p.focus.ordinal() + 2) % 3];
            case FILTER -> startEdit(Edit.FILTER, filterText);
            case CLEAR_FILTER -> applyFilter("");
            case FIND -> startEdit(Edit.FIND, findText);
            case FIND_NEXT -> startFind(1);
            case FIND_PREVIOUS -> startFind(-1);
            case FOLLOW -> {
                follow = !follow;
                if (follow) {
                    paused = false;
                }
            }
            case PAUSE -> paused = !paused;
            case PACKETS -> view = View.PACKETS;
            case FLOWS -> openFlows();
            case BACK -> {
            }
            case TOPICS -> {
                view = View.TOPICS;
                topicsPane.refresh(true);
            }
            case CLIENTS -> {
                view = View.CLIENTS;
                clientsPane.refresh(true);
            }
            case OPEN -> p.focus = PacketsPane.Focus.DETAILS;
            case STATS -> view = View.STATS;
            case HELP -> help = true;
            case QUIT -> quit = true;
        }
    }

    /** A key in the flows view; false when it is not the view's own (view keys, filter, help...). */
    private boolean flowsKey(Keys.Action a) {
        FlowsPane f = flowsPane;
        switch (a) {
            case UP -> {
                follow = false; // as in the packets list: going up by hand stops following
                f.move(-1);
            }
            case DOWN -> f.move(1);
            case PAGE_UP -> {
                follow = false;
                f.page(-1);
            }
            case PAGE_DOWN -> f.page(1);
            case HOME -> {
                follow = false;
                f.move(Long.MIN_VALUE / 2);
            }
            case END -> f.move(Long.MAX_VALUE / 2);
            case OPEN -> {
                if (f.mode == FlowsPane.Mode.LIST) {
                    f.open();
                } else if (f.selectedRow() >= 0) {
                    showPacket(f.selectedRow());
                }
            }
            case CLEAR_FILTER, BACK -> {
                return f.back() || a == Keys.Action.BACK;
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Key 2: the ladder of the selected packet's connection at that packet, or of the selected client's connection. */
    private void openFlows() {
        long id = view == View.PACKETS ? packets.selectedId() : -1;
        Row r = id < 0 ? null : store.row(id);
        if (r != null) {
            flowsPane.openAt(r.stream(), id);
        } else if (view == View.CLIENTS && clientsPane.selectedStream() >= 0
                && store.flows.info(clientsPane.selectedStream()) != null) {
            flowsPane.openAt(clientsPane.selectedStream(), -1);
        }
        view = View.FLOWS;
    }

    /** Enter on a ladder row: that packet in the packets view, details pane; the filter goes if it hides it. */
    void showPacket(long id) {
        view = View.PACKETS;
        follow = false;
        long index = packets.scan == null ? id - store.firstId() : packets.scan.indexOf(id);
        if (packets.scan != null && (index >= packets.scan.size() || packets.scan.idAt(index) != id)) {
            applyFilter("");
            index = id - store.firstId();
        }
        packets.shown = Math.max(packets.shown, Math.min(packets.available(), index + 1));
        packets.select(index);
        packets.focus = PacketsPane.Focus.DETAILS;
    }

    private void startEdit(Edit what, String text) {
        edit = what;
        input.setLength(0);
        input.append(text);
        check();
    }

    private void editKey(KeyStroke k) {
        switch (k.getKeyType()) {
            case Escape -> {
                edit = Edit.NONE;
                inputError = null;
            }
            case Enter -> {
                if (edit == Edit.FILTER) {
                    if (inputError == null) {
                        edit = Edit.NONE;
                        applyFilter(input.toString());
                    }
                } else {
                    edit = Edit.NONE;
                    findText = input.toString();
                    startFind(1);
                }
            }
            case Backspace -> {
                if (!input.isEmpty()) {
                    input.setLength(input.length() - 1);
                }
                check();
            }
            case Character -> {
                if (!k.isCtrlDown()) {
                    input.append(k.getCharacter());
                }
                check();
            }
            default -> {
            }
        }
    }

    /** As the filter is typed, says whether it compiles and where it goes wrong. */
    private void check() {
        inputError = null;
        if (edit == Edit.FILTER && !input.toString().isBlank()) {
            try {
                Filter.compile(input.toString());
            } catch (FilterException e) {
                inputError = e;
            }
        }
    }

    /** Sets the display filter ("" for none), keeping the selected row if it still matches. */
    void applyFilter(String text) {
        long keep = packets.selectedId();
        Filter f;
        try {
            f = text.isBlank() ? null : Filter.compile(text);
        } catch (FilterException e) {
            message = "filter: " + e.getMessage();
            return;
        }
        filterText = f == null ? "" : text;
        packets.scan = store.filter(f);
        if (packets.scan != null) {
            packets.scan.scan(SLICE);
        }
        packets.shown = packets.available();
        packets.top = 0;
        long index = keep < 0 ? 0 : packets.scan == null ? keep - store.firstId() : packets.scan.indexOf(keep);
        packets.select(index);
    }

    /** n, N, or Enter in the find bar: a search in the view's list, ladder or tree (see {@link Find}). */
    private void startFind(int dir) {
        if (findText.isEmpty()) {
            message = "f: type the text to find first";
            return;
        }
        findDir = dir;
        if (view == View.TOPICS) { // a tree of at most 100,000 levels: searched at once
            TopicTree.Found f = topicsPane.find(findText, dir);
            message = Find.message(findText, f != null, f != null && f.wrapped(), dir);
            find = null;
            return;
        }
        find = switch (view) {
            case PACKETS -> new Find(findText, 0, packets.shown, packets.selected, dir,
                    i -> packets.searchText(packets.idAt(i)), i -> {
                        packets.focus = PacketsPane.Focus.LIST;
                        packets.select(i);
                    });
            case FLOWS -> flowsPane.find(findText, dir);
            default -> null;
        };
        if (find == null) {
            message = "f: find works in the packets, flows and topics views";
            return;
        }
        findSome();
    }

    /**
     * Looks for the search text for up to {@link #FIND_SLICE_NANOS}; goes on at the next step if
     * not found yet. Returns whether the search ended (a match selected, or not found).
     */
    private boolean findSome() {
        Find.State s = find.step(Integer.MAX_VALUE, System.nanoTime() + FIND_SLICE_NANOS);
        if (s == Find.State.SEARCHING) {
            message = "finding " + findText + "…";
            return false;
        }
        if (s == Find.State.FOUND) {
            follow = false; // following would move off the match at the next tick
        }
        message = Find.message(findText, s == Find.State.FOUND, find.wrapped(), findDir);
        find = null;
        return true;
    }

    // ---- drawing ----

    public void draw() throws IOException {
        TerminalSize size = screen.getTerminalSize();
        int w = size.getColumns();
        int h = size.getRows();
        TextGraphics g = screen.newTextGraphics();
        if (w < MIN_COLUMNS || h < MIN_ROWS) {
            screen.clear();
            g.putString(0, 0, tooSmall(w, h));
            screen.refresh();
            return;
        }
        titleBar(g, w);
        int bodyRows = h - 2 - (edit != Edit.NONE ? 1 : 0);
        if (view == View.PACKETS) {
            packets.draw(g, 0, 1, w, bodyRows);
        } else if (view == View.FLOWS) {
            flowsPane.draw(g, 0, 1, w, bodyRows);
        } else if (view == View.TOPICS) {
            topicsPane.draw(g, 0, 1, w, bodyRows);
        } else if (view == View.CLIENTS) {
            clientsPane.draw(g, 0, 1, w, bodyRows);
        } else {
            statsPane.draw(g, 0, 1, w, bodyRows);
        }
        if (edit != Edit.NONE) {
            editBar(g, w, h - 2);
        }
        statusBar(g, w, h - 1);
        if (help) {
            helpBox(g, w, h);
        }
        screen.setCursorPosition(null);
        screen.refresh();
        if (packets.shown > 0) {
            store.drawn();
        }
    }

    static String tooSmall(int w, int h) {
        return "terminal too small: " + w + "x" + h + ", mqttsniff needs " + MIN_COLUMNS + "x" + MIN_ROWS;
    }

    private void titleBar(TextGraphics g, int w) {
        bar(g);
        StringBuilder t = new StringBuilder(" mqttsniff ");
        // narrow: only the current view is named, the others are their keys (the help names them)
        boolean wide = w >= 120;
        String[] names = {"1 Packets", "2 Flows", "3 Topics", "4 Clients", "5 Stats"};
        View[] views = {View.PACKETS, View.FLOWS, View.TOPICS, View.CLIENTS, View.STATS};
        for (int i = 0; i < names.length; i++) {
            t.append(view == views[i] ? " [" + names[i] + "]" : wide ? "  " + names[i] + " " : " " + names[i].charAt(0));
        }
        if (!filterText.isEmpty()) {
            t.append("  filter: ").append(filterText);
            if (packets.scan != null && !packets.scan.done()) {
                t.append(String.format(Locale.ROOT, " (filtering %d%%)",
                        (int) (packets.scan.scanProgress(store.firstId()) * 100)));
            }
        }
        String right = "? help ";
        String left = PacketsPane.cut(t.toString(), w - right.length() - 1);
        PacketsPane.put(g, 0, 0, w, left + " ".repeat(w - left.length() - right.length()) + right);
        g.clearModifiers();
        g.setForegroundColor(TextColor.ANSI.DEFAULT);
        g.setBackgroundColor(TextColor.ANSI.DEFAULT);
    }

    private void bar(TextGraphics g) {
        if (theme.color) {
            g.setBackgroundColor(TextColor.ANSI.BLUE);
            g.setForegroundColor(TextColor.ANSI.WHITE_BRIGHT);
        } else {
            g.enableModifiers(SGR.REVERSE);
        }
    }

    private void editBar(TextGraphics g, int w, int y) {
        String prompt = edit == Edit.FILTER ? "filter (-Y language, Enter applies, Esc cancels): "
                : "find in " + switch (view) { // where n and N will look
                    case PACKETS -> "the list";
                    case FLOWS -> flowsPane.mode == FlowsPane.Mode.LADDER ? "the ladder" : "the connections";
                    case TOPICS -> "the topics, closed levels too";
                    default -> "the packets, flows or topics view only";
                } + ": ";
        String text = input.toString();
        g.setForegroundColor(inputError != null ? theme.error() : TextColor.ANSI.DEFAULT);
        PacketsPane.put(g, 0, y, w, prompt + text + "█");
        if (inputError != null) {
            int at = prompt.length() + Math.min(inputError.position(), text.length());
            if (at < w) {
                g.enableModifiers(SGR.REVERSE, SGR.UNDERLINE);
                g.putString(at, y, at - prompt.length() < text.length() ? text.substring(at - prompt.length(),
                        at - prompt.length() + 1) : " ");
            }
        }
        g.clearModifiers();
        g.setForegroundColor(TextColor.ANSI.DEFAULT);
    }

    private void statusBar(TextGraphics g, int w, int y) {
        bar(g);
        String line;
        if (edit == Edit.FILTER && inputError != null) {
            g.setForegroundColor(theme.color ? TextColor.ANSI.YELLOW_BRIGHT : TextColor.ANSI.DEFAULT);
            line = " " + inputError.getMessage();
        } else if (!message.isEmpty()) {
            line = " " + message;
        } else {
            line = status(status != null ? status : store.status());
        }
        PacketsPane.put(g, 0, y, w, line);
        g.clearModifiers();
        g.setForegroundColor(TextColor.ANSI.DEFAULT);
        g.setBackgroundColor(TextColor.ANSI.DEFAULT);
    }

    String status(PacketStore.Status s) {
        StringBuilder b = new StringBuilder(" ").append(s.source());
        if (s.progress() >= 0) {
            int pct = (int) Math.floor(s.progress() * 100);
            b.append(' ').append(progressBar(s.progress())).append(' ').append(pct).append('%');
        }
        if (s.error() != null) {
            b.append(" stopped: ").append(s.error());
        } else if (s.ended() && s.progress() < 0) {
            b.append(" ended");
        }
        b.append(String.format(Locale.ROOT, " │ %,d pkts", s.packets()));
        if (s.malformed() > 0) {
            b.append(String.format(Locale.ROOT, " %,d bad", s.malformed()));
        }
        if (packets.scan != null) {
            b.append(String.format(Locale.ROOT, " │ %,d shown", packets.shown));
        }
        b.append(String.format(Locale.ROOT, " │ %,.0f/s", rate));
        if (s.dropped() > 0 || s.progress() < 0) {
            b.append(String.format(Locale.ROOT, " │ drops %,d", s.dropped()));
        }
        if (s.evicted() > 0) {
            b.append(String.format(Locale.ROOT, " │ %,d oldest dropped", s.evicted()));
        }
        if (follow) {
            b.append(" │ FOLLOW");
        }
        if (paused) {
            long waiting = packets.available() - packets.shown;
            b.append(" │ PAUSED").append(waiting > 0 ? String.format(Locale.ROOT, " (+%,d)", waiting) : "");
        }
        if (!s.warnings().isEmpty()) { // the newest of the source's messages; all of them in the stats view
            b.append(" │ ! ").append(s.warnings().get(s.warnings().size() - 1));
        }
        return b.toString();
    }

    static String progressBar(double fraction) {
        int n = 10;
        int full = (int) Math.round(Math.max(0, Math.min(1, fraction)) * n);
        return "[" + "#".repeat(full) + ".".repeat(n - full) + "]";
    }

    private void helpBox(TextGraphics g, int w, int h) {
        java.util.List<String> lines = new java.util.ArrayList<>();
        Keys.Page page = switch (view) {
            case PACKETS -> Keys.Page.PACKETS;
            case FLOWS -> flowsPane.mode == FlowsPane.Mode.LADDER ? Keys.Page.LADDER : Keys.Page.CONNECTIONS;
            case TOPICS -> Keys.Page.TOPICS;
            case CLIENTS -> Keys.Page.CLIENTS;
            case STATS -> Keys.Page.STATS;
        };
        lines.add("Keys in the " + page.title + " (any key closes this help)");
        for (Keys.Help k : Keys.help(page)) {
            lines.add(String.format("%-10s %s", k.keys(), k.text()));
        }
        int bw = Math.min(w - 4, 2 + lines.stream().mapToInt(String::length).max().orElse(0) + 2);
        int bh = Math.min(h - 2, lines.size() + 2);
        int x = (w - bw) / 2;
        int y = (h - bh) / 2;
        bar(g);
        PacketsPane.put(g, x, y, bw, "┌" + "─".repeat(bw - 2) + "┐");
        for (int i = 0; i < bh - 2; i++) {
            PacketsPane.put(g, x, y + 1 + i, bw, "│ " + PacketsPane.cut(lines.get(i), bw - 4)
                    + " ".repeat(Math.max(0, bw - 4 - Math.min(lines.get(i).length(), bw - 4))) + " │");
        }
        PacketsPane.put(g, x, y + bh - 1, bw, "└" + "─".repeat(bw - 2) + "┘");
        g.clearModifiers();
        g.setForegroundColor(TextColor.ANSI.DEFAULT);
        g.setBackgroundColor(TextColor.ANSI.DEFAULT);
    }
}
