package org.mqttsniff.mqtt;

/** Topic names and filters (MQTT 3.1.1 §4.7, 5.0 §4.7 and §4.8.2 shared subscriptions). */
public final class Topics {
    private Topics() {
    }

    public static boolean hasWildcard(String topic) {
        return topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0;
    }

    /** Why {@code filter} is not a valid topic filter, or null when it is. */
    public static String filterError(String filter, boolean v5) {
        if (filter.isEmpty()) {
            return "topic filter must be at least one character long [MQTT-4.7.3-1]";
        }
        if (v5 && filter.startsWith("$share/")) {
            int slash = filter.indexOf('/', 7);
            String shareName = slash < 0 ? filter.substring(7) : filter.substring(7, slash);
            if (slash < 0 || shareName.isEmpty() || slash == filter.length() - 1) {
                return "shared subscription must be $share/{ShareName}/{filter} [MQTT-4.8.2-1]";
            }
            if (hasWildcard(shareName)) {
                return "ShareName must not contain + or # [MQTT-4.8.2-2]";
            }
            filter = filter.substring(slash + 1);
        }
        int levelStart = 0;
        for (int i = 0; i < filter.length(); i++) {
            char c = filter.charAt(i);
            if (c == '/') {
                levelStart = i + 1;
            } else if (c == '#') {
                if (i != levelStart || i != filter.length() - 1) {
                    return "'#' must be the last character and take a whole level, at character " + i
                            + " [MQTT-4.7.1-1]";
                }
            } else if (c == '+') {
                boolean alone = i == levelStart && (i + 1 == filter.length() || filter.charAt(i + 1) == '/');
                if (!alone) {
                    return "'+' must take a whole level, at character " + i + " [MQTT-4.7.1-2]";
                }
            }
        }
        return null;
    }

    public static boolean isShared(String filter) {
        return filter.startsWith("$share/");
    }

    /**
     * Does {@code topic} match {@code filter}? A filter starting with a wildcard does not match
     * topics starting with '$' (MQTT 5.0 §4.7.2).
     */
    public static boolean matches(String filter, String topic) {
        if (!topic.isEmpty() && topic.charAt(0) == '$' && !filter.isEmpty()
                && (filter.charAt(0) == '+' || filter.charAt(0) == '#')) {
            return false;
        }
        // compares levels in place: a display filter runs this for every packet, so no substrings
        int f = 0;
        int t = 0;
        int fLen = filter.length();
        int tLen = topic.length();
        while (true) {
            int fEnd = filter.indexOf('/', f);
            if (fEnd < 0) {
                fEnd = fLen;
            }
            int level = fEnd - f;
            if (level == 1 && filter.charAt(f) == '#') {
                return true;
            }
            if (t > tLen) {
                return false; // topic ran out of levels
            }
            int tEnd = topic.indexOf('/', t);
            if (tEnd < 0) {
                tEnd = tLen;
            }
            boolean plus = level == 1 && filter.charAt(f) == '+';
            if (!plus && (tEnd - t != level || !filter.regionMatches(f, topic, t, level))) {
                return false;
            }
            boolean filterDone = fEnd == fLen;
            boolean topicDone = tEnd == tLen;
            if (filterDone || topicDone) {
                if (filterDone && topicDone) {
                    return true;
                }
                // "a/#" also matches "a": the remaining filter level is a lone '#'
                return topicDone && fEnd + 2 == fLen && filter.charAt(fEnd + 1) == '#';
            }
            f = fEnd + 1;
            t = tEnd + 1;
        }
    }
}
