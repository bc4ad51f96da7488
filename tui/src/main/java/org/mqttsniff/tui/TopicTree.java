package org.mqttsniff.tui;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.mqttsniff.bytes.ByteSlice;
import org.mqttsniff.mqtt.DecodeResult;
import org.mqttsniff.mqtt.Publish;
import org.mqttsniff.mqtt.Subscribe;
import org.mqttsniff.mqtt.Subscription;
import org.mqttsniff.session.SnifferEvent;

/**
 * The topics of a capture as a tree of levels (split on {@code /}), from PUBLISH topics and
 * SUBSCRIBE filters, kept as events arrive (on the source's thread, under the store's lock). Each
 * node counts the messages and payload bytes published to it and below it, keeps a histogram of
 * them over capture time for a sparkline, and for its own topic the last payload and retained
 * flag. Bounded: past {@link #MAX_NODES} nodes, messages to new topics are only counted in
 * {@link #notTracked}; a payload is kept up to {@link #PAYLOAD_KEPT} bytes.
 *
 * <p>Thread safety: the source's thread calls {@link #offer} while it holds the store's lock; the UI
 * reads through the store or, for a search, through this object's lock alone (never the other way
 * round), so both locks are taken in one order.
 */
final class TopicTree {
    static final int MAX_NODES = 100_000;
    static final int BUCKETS = 32;
    static final int PAYLOAD_KEPT = 64;

    static final class Node {
        final String name;
        final String path;
        final Node parent;
        final int depth;
        final TreeMap<String, Node> children = new TreeMap<>();
        long messages;
        long bytes;
        /** Messages published to this very topic (not below it). */
        long own;
        final int[] buckets = new int[BUCKETS];
        byte[] lastPayload;
        int lastPayloadLength;
        boolean lastRetain;
        /** SUBSCRIBE filters seen for exactly this path (a level may be + or #). */
        long subscriptions;
        boolean expanded;

        Node(String name, Node parent) {
            this.name = name;
            this.parent = parent;
            this.depth = parent == null ? -1 : parent.depth + 1;
            this.path = parent == null || parent.parent == null ? name : parent.path + "/" + name;
        }

        boolean wildcard() {
            return name.equals("+") || name.equals("#");
        }
    }

    /** A node as the view draws it, read under the store's lock. */
    record Line(String name, String path, int depth, boolean leaf, boolean expanded, long messages, long bytes,
                long own, long subscriptions, int[] buckets, String lastPayload, boolean lastRetain) {
    }

    private final Node root = new Node("", null);
    private final Map<String, Node> byPath = new HashMap<>();
    private int nodes;
    private long notTracked;
    private long origin = Long.MIN_VALUE;
    /** Capture time per bucket: doubles (and buckets merge in pairs) whenever the capture outgrows them. */
    private long bucketNanos = 1_000_000_000L;

    TopicTree() {
        root.expanded = true;
    }

    /** A search's match: its path (the levels above it are now open) and whether the search went round the end. */
    record Found(String path, boolean wrapped) {
    }

    synchronized void offer(SnifferEvent e) {
        if (!(e instanceof SnifferEvent.Packet p) || !(p.result() instanceof DecodeResult.Decoded d)) {
            return;
        }
        if (d.packet() instanceof Publish pub) {
            String topic = p.topic().isEmpty() ? pub.topic() : p.topic();
            Node n = node(topic);
            if (n == null) {
                notTracked++;
                return;
            }
            int bucket = bucket(p.timeNanos());
            int length = pub.payload().length();
            n.own++;
            n.lastRetain = pub.retain();
            n.lastPayloadLength = length;
            n.lastPayload = pub.payload().slice(0, Math.min(length, PAYLOAD_KEPT)).toArray();
            for (Node at = n; at != root; at = at.parent) {
                at.messages++;
                at.bytes += length;
                at.buckets[bucket]++;
            }
        } else if (d.packet() instanceof Subscribe sub) {
            for (Subscription s : sub.subscriptions()) {
                Node n = node(s.filter());
                if (n == null) {
                    notTracked++;
                } else {
                    n.subscriptions++;
                }
            }
        }
    }

    private int bucket(long time) {
        if (origin == Long.MIN_VALUE) {
            origin = time;
        }
        long at = Math.max(0, time - origin) / bucketNanos;
        while (at >= BUCKETS) {
            bucketNanos *= 2;
            merge(root);
            at = Math.max(0, time - origin) / bucketNanos;
        }
        return (int) at;
    }

    private static void merge(Node n) {
        for (int i = 0; i < BUCKETS / 2; i++) {
            n.buckets[i] = n.buckets[2 * i] + n.buckets[2 * i + 1];
        }
        java.util.Arrays.fill(n.buckets, BUCKETS / 2, BUCKETS, 0);
        for (Node c : n.children.values()) {
            merge(c);
        }
    }

    /** The node of a topic, made with its parents when new; null past {@link #MAX_NODES}. */
    private Node node(String topic) {
        Node known = byPath.get(topic);
        if (known != null) {
            return known;
        }
        Node at = root;
        int start = 0;
        while (true) {
            int slash = topic.indexOf('/', start);
            String level = slash < 0 ? topic.substring(start) : topic.substring(start, slash);
            Node next = at.children.get(level);
            if (next == null) {
                if (nodes >= MAX_NODES) {
                    return null;
                }
                next = new Node(level, at);
                next.expanded = next.depth < 1; // the first level open; deeper ones on demand
                at.children.put(level, next);
                nodes++;
            }
            at = next;
            if (slash < 0) {
                break;
            }
            start = slash + 1;
        }
        byPath.put(topic, at);
        return at;
    }

    /** The nodes shown: every child of an expanded node, depth first, in name order. */
    synchronized List<Line> lines() {
        List<Line> out = new ArrayList<>();
        walk(root, out);
        return out;
    }

    private void walk(Node n, List<Line> out) {
        for (Node c : n.children.values()) {
            out.add(new Line(c.name, c.path, c.depth, c.children.isEmpty(), c.expanded, c.messages, c.bytes, c.own,
                    c.subscriptions, c.buckets.clone(), payload(c), c.lastRetain));
            if (c.expanded) {
                walk(c, out);
            }
        }
    }

    /** Opens or closes a node (Right, Left); false when there is no such node or nothing changed. */
    synchronized boolean expand(String path, boolean open) {
        Node n = byPath.get(path);
        if (n == null) {
            n = find(path);
        }
        if (n == null || n.children.isEmpty() || n.expanded == open) {
            return false;
        }
        n.expanded = open;
        return true;
    }

    /**
     * The next node after {@code fromPath} (null: from the start) in direction {@code dir}, in the
     * order the tree is drawn with every level open, whose last payload holds {@code text} (as sent,
     * read as UTF-8), or whose
     * name does, or whose path does where the text ends in its own level ({@code 0/te} finds
     * {@code site/0/temp}, and {@code site} finds {@code site} but not each level below it); the
     * levels above the match are opened. Null when no node has it. The same rules as the other
     * lists' search ({@link Find}): case ignored, wrapping round the end once.
     */
    synchronized Found find(String text, String fromPath, int dir) {
        List<Node> all = new ArrayList<>(nodes);
        every(root, all);
        Node from = fromPath == null ? null : byPath.containsKey(fromPath) ? byPath.get(fromPath) : find(fromPath);
        String needle = text.toLowerCase(java.util.Locale.ROOT);
        Find f = new Find(text, 0, all.size(), from == null ? -1 : all.indexOf(from), dir, i -> {
            Node n = all.get((int) i);
            boolean above = n.parent != root && n.parent.path.toLowerCase(java.util.Locale.ROOT).contains(needle);
            // the payload as sent ({"t":9}, not the list's quoted "{\"t\":9}"): decoding each one for
            // display would make a search of 100,000 levels several times slower
            String raw = n.lastPayload == null ? "" : new String(n.lastPayload, java.nio.charset.StandardCharsets.UTF_8);
            return (above ? n.name : n.path) + "\n" + raw;
        }, i -> {
        });
        if (f.step(all.size()) != Find.State.FOUND) {
            return null;
        }
        Node n = all.get((int) f.found());
        for (Node p = n.parent; p != root; p = p.parent) {
            p.expanded = true;
        }
        return new Found(n.path, f.wrapped());
    }

    private static void every(Node n, List<Node> out) {
        for (Node c : n.children.values()) {
            out.add(c);
            every(c, out);
        }
    }

    private Node find(String path) {
        Node at = root;
        for (String level : path.split("/", -1)) {
            at = at.children.get(level);
            if (at == null) {
                return null;
            }
        }
        return at;
    }

    synchronized long notTracked() {
        return notTracked;
    }

    synchronized int nodes() {
        return nodes;
    }

    /** The capture time each sparkline character stands for. */
    synchronized long bucketNanos() {
        return bucketNanos;
    }

    private static final char[] BARS = {' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'};

    /** The histogram in {@code chars} characters (a divisor of {@link #BUCKETS}: neighbours are added up). */
    static String sparkline(int[] buckets, int chars) {
        int per = buckets.length / chars;
        int[] sums = new int[chars];
        int max = 0;
        for (int i = 0; i < buckets.length; i++) {
            sums[i / per] += buckets[i];
            max = Math.max(max, sums[i / per]);
        }
        StringBuilder b = new StringBuilder(chars);
        for (int v : sums) {
            b.append(v == 0 ? ' ' : BARS[Math.max(1, (int) Math.round(8.0 * v / max))]);
        }
        return b.toString();
    }

    private static String payload(Node n) {
        if (n.lastPayload == null) {
            return "";
        }
        // text when it is UTF-8, else hex; what was not kept is marked
        String shown = RowText.clean(Publish.displayPayload(ByteSlice.wrap(n.lastPayload)));
        return n.lastPayloadLength > n.lastPayload.length ? shown + "…" : shown;
    }
}
