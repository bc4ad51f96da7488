package org.mqttsniff.filter;

import java.util.List;
import java.util.Locale;
import java.util.function.DoublePredicate;
import java.util.function.Predicate;

import org.mqttsniff.bytes.ByteSlice;
import org.mqttsniff.filter.Lexer.Kind;
import org.mqttsniff.filter.Lexer.Token;
import org.mqttsniff.mqtt.MqttVersion;
import org.mqttsniff.mqtt.Topics;
import org.mqttsniff.session.SnifferEvent;

/**
 * Recursive descent over the tokens, compiling as it goes into a tree of {@link Cond}s:
 * <pre>
 *   or      := and (("||" | "or") and)*
 *   and     := unary (("&amp;&amp;" | "and") unary)*
 *   unary   := ("!" | "not") unary | primary
 *   primary := "(" or ")" | FIELD [OP value]
 *   OP      := "==" | "!=" | "&lt;" | "&lt;=" | "&gt;" | "&gt;=" | "~" | "contains"
 *   value   := NUMBER | STRING | WORD
 * </pre>
 * Everything a filter can get wrong (syntax, unknown fields, values of the wrong type) is found
 * here, once, so evaluation never fails.
 */
final class Parser {
    @FunctionalInterface
    interface Cond {
        boolean test(SnifferEvent e);
    }

    private final String src;
    private final List<Token> tokens;
    private int at;

    Parser(String src) {
        this.src = src;
        this.tokens = Lexer.tokens(src);
    }

    Cond parse() {
        if (peek().kind() == Kind.END) {
            throw error(0, "the filter is empty");
        }
        Cond c = or();
        Token t = peek();
        if (t.kind() == Kind.RPAREN) {
            throw error(t.pos(), "')' has no '(' before it");
        }
        if (t.kind() != Kind.END) {
            throw unexpected(t);
        }
        return c;
    }

    /** A token where a condition has just ended and only '&&', '||' or ')' may follow. */
    private FilterException unexpected(Token t) {
        Token before = tokens.get(at - 1);
        if (before.kind() == Kind.WORD && Fields.find(before.text()) != null
                && (t.kind() == Kind.WORD || t.kind() == Kind.NUMBER || t.kind() == Kind.STRING)) {
            return error(t.pos(), "expected an operator such as '==' between " + before.shown() + " and "
                    + t.shown());
        }
        if (t.kind() == Kind.OP) {
            return error(t.pos(), "unexpected " + t.shown() + " after a complete condition");
        }
        return error(t.pos(), "expected '&&' or '||' before " + t.shown());
    }

    private Token peek() {
        return tokens.get(at);
    }

    private Token next() {
        return tokens.get(at++);
    }

    private FilterException error(int pos, String problem) {
        return new FilterException(src, pos, problem);
    }

    private Cond or() {
        Cond left = and();
        while (peek().kind() == Kind.OR) {
            next();
            Cond l = left;
            Cond r = and();
            left = e -> l.test(e) || r.test(e);
        }
        return left;
    }

    private Cond and() {
        Cond left = unary();
        while (peek().kind() == Kind.AND) {
            next();
            Cond l = left;
            Cond r = unary();
            left = e -> l.test(e) && r.test(e);
        }
        return left;
    }

    private Cond unary() {
        if (peek().kind() == Kind.NOT) {
            next();
            Cond c = unary();
            return e -> !c.test(e);
        }
        return primary();
    }

    private Cond primary() {
        Token t = next();
        switch (t.kind()) {
            case LPAREN -> {
                Cond c = or();
                Token close = peek();
                if (close.kind() == Kind.END) {
                    throw error(close.pos(), "the '(' at character " + (t.pos() + 1) + " has no ')'");
                }
                if (close.kind() != Kind.RPAREN) {
                    throw unexpected(close);
                }
                next();
                return c;
            }
            case WORD -> {
                return condition(t);
            }
            default -> {
                Token before = at >= 2 ? tokens.get(at - 2) : null;
                String after = before == null ? "" : " after " + before.shown();
                if (t.kind() == Kind.END) {
                    throw error(t.pos(), "expected a condition" + after);
                }
                if (t.kind() == Kind.NUMBER || t.kind() == Kind.STRING) {
                    throw error(t.pos(), "a condition starts with a field name, not " + t.shown());
                }
                throw error(t.pos(), "expected a field name" + (before == null ? " before " + t.shown() : after));
            }
        }
    }

    private Cond condition(Token name) {
        Field f = Fields.find(name.text());
        if (f == null) {
            String near = Suggest.closest(name.text(), Fields.names());
            throw error(name.pos(), "unknown field " + name.shown()
                    + (near == null ? "" : " (did you mean '" + near + "'?)"));
        }
        if (peek().kind() != Kind.OP) {
            // a bare field: true/false for booleans, "is there" for the rest (like tshark)
            if (f.kind() == Field.Kind.BOOL) {
                Field.Bool b = f.bool();
                return e -> b.get(e) == 1;
            }
            return f::present;
        }
        Token op = next();
        Token value = next();
        if (value.kind() != Kind.WORD && value.kind() != Kind.NUMBER && value.kind() != Kind.STRING) {
            throw error(value.pos(), "expected a value after " + op.shown());
        }
        return switch (f.kind()) {
            case NUMBER -> number(f, op, value);
            case TEXT -> text(f, op, value);
            case BOOL -> bool(f, op, value);
            case PAYLOAD -> payload(f, op, value);
        };
    }

    private FilterException typeError(Field f, Token op, String works) {
        return error(op.pos(), op.shown() + " " + works + ", and " + f.name() + " is " + f.kind().what);
    }

    private Cond number(Field f, Token op, Token value) {
        if (op.text().equals("~") || op.text().equals("contains")) {
            throw typeError(f, op, op.text().equals("~") ? "matches topics" : "works on text");
        }
        double v = numberValue(f, value);
        Field.Numbers n = f.numbers();
        DoublePredicate test = switch (op.text()) {
            case "==", "!=" -> x -> x == v;
            case "<" -> x -> x < v;
            case "<=" -> x -> x <= v;
            case ">" -> x -> x > v;
            default -> x -> x >= v;
        };
        if (op.text().equals("!=")) {
            // present, and no value equal: a SUBACK with codes 0 and 128 is not "!= 0"
            return e -> n.any(e, x -> true) && !n.any(e, test);
        }
        return e -> n.any(e, test);
    }

    private double numberValue(Field f, Token value) {
        if (f.name().equals("version")) {
            // 3.1, 3.1.1, 5.0 as people say them, or the protocol levels 3, 4, 5 that JSON shows
            return MqttVersion.parse(value.text()).map(MqttVersion::level).orElseThrow(() -> error(value.pos(),
                    "version takes 3.1, 3.1.1 or 5.0 (or the levels 3, 4, 5), not " + value.shown()));
        }
        if (value.kind() == Kind.NUMBER) {
            return value.number();
        }
        List<Token> asNumber = value.kind() == Kind.STRING ? Lexer.tokens(value.text()) : List.of();
        if (asNumber.size() == 2 && asNumber.get(0).kind() == Kind.NUMBER) {
            return asNumber.get(0).number();
        }
        throw error(value.pos(), f.name() + " is a number, and " + value.shown() + " is not");
    }

    // Predicates are built here, once: a lambda that captures a value, created inside a Cond,
    // would be a new object per packet.
    private Cond text(Field f, Token op, Token value) {
        String o = op.text();
        if (o.equals("<") || o.equals("<=") || o.equals(">") || o.equals(">=")) {
            throw typeError(f, op, "compares numbers");
        }
        Field.Texts t = f.texts();
        String v = value.text();
        if (o.equals("~")) {
            if (!f.topic()) {
                throw typeError(f, op, "matches topics (topic, filter)");
            }
            String why = Topics.filterError(v, false);
            if (why != null) {
                throw error(value.pos(), "bad topic filter " + value.shown() + ": " + why.replaceAll("(, at character \\d+)? \\[.*", ""));
            }
            Predicate<String> match = s -> Topics.matches(v, s);
            return e -> t.any(e, match);
        }
        if (o.equals("contains")) {
            Predicate<String> has = s -> s.contains(v);
            return e -> t.any(e, has);
        }
        String want = f.values().isEmpty() ? v : choice(f, value);
        Predicate<String> eq = s -> s.equals(want);
        if (o.equals("!=")) {
            return e -> t.any(e, s -> true) && !t.any(e, eq);
        }
        return e -> t.any(e, eq);
    }

    /** An enum-like value, in any letter case, checked now so that a typo is not a silent no-match. */
    private String choice(Field f, Token value) {
        String v = f.values().get(value.text().toLowerCase(Locale.ROOT));
        if (v != null) {
            return v;
        }
        List<String> names = f.valueNames();
        String near = Suggest.closest(value.text(), names);
        String hint = near != null ? " (did you mean " + near + "?)"
                : names.size() <= 8 ? " (one of " + String.join(", ", names) + ")" : "";
        throw error(value.pos(), value.shown() + " is not a " + f.name() + hint);
    }

    private Cond bool(Field f, Token op, Token value) {
        if (!op.text().equals("==") && !op.text().equals("!=")) {
            throw typeError(f, op, op.text().equals("~") ? "matches topics"
                    : op.text().equals("contains") ? "works on text" : "compares numbers");
        }
        int want = switch (value.text().toLowerCase(Locale.ROOT)) {
            case "true", "1" -> 1;
            case "false", "0" -> 0;
            default -> throw error(value.pos(), f.name() + " is true or false, not " + value.shown());
        };
        Field.Bool b = f.bool();
        if (op.text().equals("!=")) {
            return e -> {
                int x = b.get(e);
                return x >= 0 && x != want;
            };
        }
        return e -> b.get(e) == want;
    }

    /** The payload is compared as bytes with the UTF-8 of the value, so nothing is decoded per packet. */
    private Cond payload(Field f, Token op, Token value) {
        String o = op.text();
        if (!o.equals("==") && !o.equals("!=") && !o.equals("contains")) {
            throw typeError(f, op, o.equals("~") ? "matches topics" : "compares numbers");
        }
        ByteSlice want = ByteSlice.utf8(value.text());
        Field.Bytes b = f.bytes();
        return switch (o) {
            case "==" -> e -> want.equals(b.get(e));
            case "!=" -> e -> {
                ByteSlice x = b.get(e);
                return x != null && !want.equals(x);
            };
            default -> e -> {
                ByteSlice x = b.get(e);
                return x != null && indexOf(x, want) >= 0;
            };
        };
    }

    static int indexOf(ByteSlice hay, ByteSlice needle) {
        int n = needle.length();
        outer:
        for (int i = 0; i + n <= hay.length(); i++) {
            for (int k = 0; k < n; k++) {
                if (hay.get(i + k) != needle.get(k)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
