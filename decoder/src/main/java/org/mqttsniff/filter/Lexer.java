package org.mqttsniff.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a filter into tokens. A word is any run of characters that are not blanks, quotes,
 * parentheses or operator characters, so {@code home/+/temp}, {@code 127.0.0.1:1883},
 * {@code invalid-flags} and {@code 3.1.1} are single words and need no quotes.
 */
final class Lexer {
    enum Kind { WORD, NUMBER, STRING, OP, LPAREN, RPAREN, AND, OR, NOT, END }

    /**
     * @param text   for OP the operator ({@code ==}, {@code contains}...), for STRING the unescaped
     *               value, otherwise the source text
     * @param number the value of a NUMBER
     */
    record Token(Kind kind, String text, double number, int pos) {
        /** How the token reads in an error message. */
        String shown() {
            return switch (kind) {
                case END -> "the end";
                case STRING -> '"' + text + '"';
                default -> "'" + text + "'";
            };
        }
    }

    private static final String OPERATOR_CHARS = "=!<>~&|";

    private final String src;
    private int i;

    private Lexer(String src) {
        this.src = src;
    }

    static List<Token> tokens(String src) {
        Lexer lx = new Lexer(src);
        List<Token> out = new ArrayList<>();
        Token t;
        do {
            t = lx.next();
            out.add(t);
        } while (t.kind() != Kind.END);
        return out;
    }

    private Token next() {
        while (i < src.length() && Character.isWhitespace(src.charAt(i))) {
            i++;
        }
        int start = i;
        if (i >= src.length()) {
            return new Token(Kind.END, "", 0, start);
        }
        char c = src.charAt(i);
        if (c == '(' || c == ')') {
            i++;
            return new Token(c == '(' ? Kind.LPAREN : Kind.RPAREN, String.valueOf(c), 0, start);
        }
        if (c == '"') {
            return string(start);
        }
        if (OPERATOR_CHARS.indexOf(c) >= 0) {
            return operator(start);
        }
        while (i < src.length() && isWordChar(src.charAt(i))) {
            i++;
        }
        String w = src.substring(start, i);
        switch (w.toLowerCase(Locale.ROOT)) {
            case "and":
                return new Token(Kind.AND, w, 0, start);
            case "or":
                return new Token(Kind.OR, w, 0, start);
            case "not":
                return new Token(Kind.NOT, w, 0, start);
            case "contains":
                return new Token(Kind.OP, "contains", 0, start);
            default:
                break;
        }
        double n = number(w);
        return Double.isNaN(n) ? new Token(Kind.WORD, w, 0, start) : new Token(Kind.NUMBER, w, n, start);
    }

    private static boolean isWordChar(char c) {
        return !Character.isWhitespace(c) && c != '"' && c != '(' && c != ')' && OPERATOR_CHARS.indexOf(c) < 0;
    }

    /** Decimal ({@code 12}, {@code 0.5}) or hex ({@code 0x87}); NaN for anything else. */
    private static double number(String w) {
        if (w.length() > 2 && (w.startsWith("0x") || w.startsWith("0X"))) {
            try {
                return Long.parseLong(w.substring(2), 16);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        int dots = 0;
        for (int k = 0; k < w.length(); k++) {
            char c = w.charAt(k);
            if (c == '.') {
                dots++;
            } else if (c < '0' || c > '9') {
                return Double.NaN;
            }
        }
        if (dots > 1 || w.charAt(0) == '.' || w.charAt(w.length() - 1) == '.') {
            return Double.NaN; // 3.1.1 is a version, not a number
        }
        return Double.parseDouble(w);
    }

    private Token operator(int start) {
        char c = src.charAt(i);
        char d = i + 1 < src.length() ? src.charAt(i + 1) : 0;
        String two = "" + c + d;
        switch (two) {
            case "==", "!=", "<=", ">=":
                i += 2;
                return new Token(Kind.OP, two, 0, start);
            case "&&":
                i += 2;
                return new Token(Kind.AND, two, 0, start);
            case "||":
                i += 2;
                return new Token(Kind.OR, two, 0, start);
            default:
                break;
        }
        i++;
        return switch (c) {
            case '<', '>', '~' -> new Token(Kind.OP, String.valueOf(c), 0, start);
            case '!' -> new Token(Kind.NOT, "!", 0, start);
            case '=' -> throw new FilterException(src, start, "'=' is not an operator, write '=='");
            default -> throw new FilterException(src, start, "'" + c + "' is not an operator, write '" + c + c + "'");
        };
    }

    /** A double-quoted string with the escapes \" \\ \n \r \t and \\uXXXX. */
    private Token string(int start) {
        StringBuilder sb = new StringBuilder();
        i++;
        while (true) {
            if (i >= src.length()) {
                throw new FilterException(src, start, "string not closed: the '\"' has no partner");
            }
            char c = src.charAt(i++);
            if (c == '"') {
                return new Token(Kind.STRING, sb.toString(), 0, start);
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            int esc = i - 1;
            if (i >= src.length()) {
                throw new FilterException(src, start, "string not closed: the '\"' has no partner");
            }
            char e = src.charAt(i++);
            switch (e) {
                case '"', '\\' -> sb.append(e);
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    int v = i + 4 <= src.length() ? hex4(src, i) : -1;
                    if (v < 0) {
                        throw new FilterException(src, esc, "\\u takes four hex digits");
                    }
                    sb.append((char) v);
                    i += 4;
                }
                default -> throw new FilterException(src, esc,
                        "unknown escape '\\" + e + "' (use \\\" \\\\ \\n \\r \\t or \\uXXXX)");
            }
        }
    }

    private static int hex4(String s, int at) {
        int v = 0;
        for (int k = at; k < at + 4; k++) {
            int d = Character.digit(s.charAt(k), 16);
            if (d < 0) {
                return -1;
            }
            v = v << 4 | d;
        }
        return v;
    }
}
