package org.mqttsniff.tui;

import com.googlecode.lanterna.TextColor;

/** Colours by packet type; with colour off (NO_COLOR) everything is the terminal's default and selection is reverse video. */
final class Theme {
    final boolean color;

    Theme(boolean color) {
        this.color = color;
    }

    TextColor forKind(int kind, boolean malformed) {
        if (!color) {
            return TextColor.ANSI.DEFAULT;
        }
        if (malformed) {
            return TextColor.ANSI.RED_BRIGHT;
        }
        return switch (kind) {
            case 1, 2, 14, 15 -> TextColor.ANSI.CYAN;            // CONNECT CONNACK DISCONNECT AUTH
            case 3 -> TextColor.ANSI.GREEN;                       // PUBLISH
            case 4, 5, 6, 7 -> TextColor.ANSI.BLUE_BRIGHT;        // the acks of a PUBLISH
            case 8, 9, 10, 11 -> TextColor.ANSI.YELLOW;           // SUBSCRIBE SUBACK UNSUBSCRIBE UNSUBACK
            case 12, 13 -> TextColor.ANSI.WHITE;                  // PINGREQ PINGRESP
            default -> kind >= PacketStore.EVENT_KINDS ? TextColor.ANSI.MAGENTA : TextColor.ANSI.RED_BRIGHT;
        };
    }

    TextColor fg(TextColor c) {
        return color ? c : TextColor.ANSI.DEFAULT;
    }

    TextColor bar() {
        return color ? TextColor.ANSI.BLUE : TextColor.ANSI.DEFAULT;
    }

    TextColor selection() {
        return color ? TextColor.ANSI.BLUE : TextColor.ANSI.DEFAULT;
    }

    TextColor highlight() {
        return color ? TextColor.ANSI.YELLOW : TextColor.ANSI.DEFAULT;
    }

    TextColor error() {
        return color ? TextColor.ANSI.RED_BRIGHT : TextColor.ANSI.DEFAULT;
    }
}
