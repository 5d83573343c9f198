package dev.colossus.assistant.template;

import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * Serialises template values the way Python's {@code json.dumps(value, ensure_ascii=False, indent=...)} does, which is
 * what Hugging Face's {@code tojson} filter produces: {@code ", "} and {@code ": "} separators on one line, or one item
 * per line with the given indent; non-ASCII characters kept as they are.
 */
final class PythonJson {

    private PythonJson() {
    }

    static String dumps(Object value, Integer indent) {
        StringBuilder out = new StringBuilder();
        write(out, value, indent, 0);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value, Integer indent, int depth) {
        switch (value) {
            case null -> out.append("null");
            case String s -> quote(out, s);
            case Character c -> quote(out, c.toString());
            case Boolean b -> out.append(b ? "true" : "false");
            case Double d -> out.append(pythonFloat(d));
            case Float f -> out.append(pythonFloat(f.doubleValue()));
            case Number n -> out.append(n);
            case Map<?, ?> map -> writeItems(out, map.entrySet().iterator(), map.isEmpty(), '{', '}', indent, depth);
            case Collection<?> list -> writeItems(out, list.iterator(), list.isEmpty(), '[', ']', indent, depth);
            case Object[] array -> write(out, java.util.Arrays.asList(array), indent, depth);
            default -> quote(out, value.toString());
        }
    }

    private static void writeItems(StringBuilder out, Iterator<?> items, boolean empty, char open, char close,
                                   Integer indent, int depth) {
        out.append(open);
        if (empty) {
            out.append(close);
            return;
        }
        boolean first = true;
        while (items.hasNext()) {
            Object item = items.next();
            if (!first) out.append(indent == null ? ", " : ",");
            first = false;
            if (indent != null) newline(out, indent, depth + 1);
            if (item instanceof Map.Entry<?, ?> entry) {
                quote(out, String.valueOf(entry.getKey()));
                out.append(": ");
                write(out, entry.getValue(), indent, depth + 1);
            } else {
                write(out, item, indent, depth + 1);
            }
        }
        if (indent != null) newline(out, indent, depth);
        out.append(close);
    }

    private static void newline(StringBuilder out, int indent, int depth) {
        out.append('\n').append(" ".repeat(indent * depth));
    }

    private static String pythonFloat(double d) {
        if (Double.isNaN(d)) return "NaN";
        if (Double.isInfinite(d)) return d > 0 ? "Infinity" : "-Infinity";
        return Double.toString(d);
    }

    private static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        out.append('"');
    }
}
