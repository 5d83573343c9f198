package dev.colossus.assistant.template;

import java.util.ArrayList;
import java.util.List;

/**
 * Applies Python jinja2's whitespace rules ({@code trim_blocks}, {@code lstrip_blocks}, the {@code -} and {@code +}
 * markers on every tag kind, no trailing newline) to a template's source before Jinjava parses it, so that Jinjava
 * renders the already-trimmed text verbatim. Jinjava's own handling differs from jinja2's in corner cases that chat
 * templates hit constantly (e.g. {@code {{- ... -}}}), and a prompt must match byte for byte.
 *
 * <p>Also rewrites keyword arguments in calls, {@code f(a=x|length - 1)} to {@code f(a=(x|length - 1))}, because
 * Jinjava binds {@code a=} tighter than arithmetic, and slices with a step, {@code x[::-1]} to
 * {@code x|py_slice(none, none, -1)}, because Jinjava's subscripts take no step, and {@code not a == b} to
 * {@code not (a == b)}, because Jinjava binds {@code not} tighter than comparisons.
 */
final class WhitespaceControl {

    private WhitespaceControl() {
    }

    private enum Kind { TEXT, VARIABLE, BLOCK, COMMENT }

    private static final class Piece {
        final Kind kind;
        String text;          // for TEXT: the text; for tags: the inner expression without markers
        char left;            // '-', '+' or 0
        char right;
        boolean trimmedNewline;

        Piece(Kind kind, String text, char left, char right) {
            this.kind = kind;
            this.text = text;
            this.left = left;
            this.right = right;
        }
    }

    /** Returns source that Jinjava, with trim and lstrip turned off, renders as jinja2 renders {@code source}. */
    static String apply(String source) {
        String src = source.replace("\r\n", "\n");
        if (src.endsWith("\n")) src = src.substring(0, src.length() - 1);
        List<Piece> pieces = split(src);
        for (int i = 0; i < pieces.size(); i++) {
            Piece tag = pieces.get(i);
            if (tag.kind == Kind.TEXT) continue;
            Piece before = i > 0 && pieces.get(i - 1).kind == Kind.TEXT ? pieces.get(i - 1) : null;
            Piece after = i + 1 < pieces.size() && pieces.get(i + 1).kind == Kind.TEXT ? pieces.get(i + 1) : null;
            boolean blockLike = tag.kind != Kind.VARIABLE;
            if (before != null) {
                if (tag.left == '-') {
                    before.text = PythonStringMethods.strip(before.text, null, false, true);
                } else if (tag.left != '+' && blockLike) {
                    before.text = lstripLine(before.text, i == 1 || endsLine(pieces.get(i - 2)));
                }
            }
            if (after != null) {
                if (tag.right == '-') {
                    after.text = PythonStringMethods.strip(after.text, null, true, false);
                } else if (tag.right != '+' && blockLike && after.text.startsWith("\n")) {
                    after.text = after.text.substring(1);
                }
            }
        }
        StringBuilder out = new StringBuilder(src.length());
        for (Piece p : pieces) {
            switch (p.kind) {
                case TEXT -> out.append(p.text);
                case VARIABLE -> out.append("{{ ").append(rewriteExpression(p.text)).append(" }}");
                case BLOCK -> out.append("{% ").append(rewriteExpression(p.text)).append(" %}");
                case COMMENT -> { }
            }
        }
        return out.toString();
    }

    /** Whether the token before a text piece ended a line: jinja2 lstrips a line-less text only then. */
    private static boolean endsLine(Piece previousTag) {
        return previousTag.kind != Kind.VARIABLE && previousTag.right != '-' && previousTag.right != '+'
                && previousTag.trimmedNewline;
    }

    private static String lstripLine(String text, boolean lineStarting) {
        int lineStart = text.lastIndexOf('\n') + 1;
        if (lineStart == 0 && !lineStarting) return text;
        for (int i = lineStart; i < text.length(); i++) {
            if (!PythonStringMethods.isPythonSpace(text.charAt(i))) return text;
        }
        return text.substring(0, lineStart);
    }

    private static List<Piece> split(String src) {
        List<Piece> pieces = new ArrayList<>();
        int pos = 0;
        while (pos < src.length()) {
            int open = nextOpen(src, pos);
            if (open < 0) {
                pieces.add(new Piece(Kind.TEXT, src.substring(pos), (char) 0, (char) 0));
                break;
            }
            if (open > pos) pieces.add(new Piece(Kind.TEXT, src.substring(pos, open), (char) 0, (char) 0));
            char type = src.charAt(open + 1);
            Kind kind = type == '{' ? Kind.VARIABLE : type == '%' ? Kind.BLOCK : Kind.COMMENT;
            String close = type == '{' ? "}}" : type == '%' ? "%}" : "#}";
            int end = kind == Kind.COMMENT ? src.indexOf(close, open + 2) : closing(src, open + 2, close);
            if (end < 0) throw new TemplateException("chat template has an unclosed tag at offset " + open, false);
            String inner = src.substring(open + 2, end);
            char left = 0;
            char right = 0;
            if (!inner.isEmpty() && (inner.charAt(0) == '-' || inner.charAt(0) == '+')) {
                left = inner.charAt(0);
                inner = inner.substring(1);
            }
            if (!inner.isEmpty() && (inner.charAt(inner.length() - 1) == '-' || inner.charAt(inner.length() - 1) == '+')) {
                right = inner.charAt(inner.length() - 1);
                inner = inner.substring(0, inner.length() - 1);
            }
            Piece piece = new Piece(kind, inner.strip(), left, right);
            pieces.add(piece);
            pos = end + 2;
            // jinja2 consumes one newline after a block or comment end (trim_blocks); remember it for lstrip
            piece.trimmedNewline = kind != Kind.VARIABLE && right == 0 && pos < src.length() && src.charAt(pos) == '\n';
        }
        return pieces;
    }

    private static int nextOpen(String src, int from) {
        for (int i = src.indexOf('{', from); i >= 0 && i + 1 < src.length(); i = src.indexOf('{', i + 1)) {
            char c = src.charAt(i + 1);
            if (c == '{' || c == '%' || c == '#') return i;
        }
        return -1;
    }

    /** The index of {@code close} ending the tag that starts at {@code from}, skipping string literals. */
    private static int closing(String src, int from, String close) {
        char quote = 0;
        for (int i = from; i < src.length() - 1; i++) {
            char c = src.charAt(i);
            if (quote != 0) {
                if (c == '\\') i++;
                else if (c == quote) quote = 0;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (src.startsWith(close, i)) {
                return i;
            }
        }
        return -1;
    }

    static String rewriteExpression(String expr) {
        return negatedComparisons(keywordArguments(steppedSlices(expr)));
    }

    /**
     * Wraps what a {@code not} negates in parentheses when it holds a comparison: jinja2 reads
     * {@code not a|length == 1} as {@code not (a|length == 1)}, Jinjava as {@code (not a|length) == 1}.
     * {@code is not} and {@code not in} are left alone: Jinjava binds those as jinja2 does.
     */
    static String negatedComparisons(String expr) {
        StringBuilder out = new StringBuilder(expr.length() + 4);
        int i = 0;
        while (i < expr.length()) {
            char c = expr.charAt(i);
            if (c == '\'' || c == '"') {
                int end = stringEnd(expr, i);
                out.append(expr, i, end);
                i = end;
                continue;
            }
            if (isWordAt(expr, i, "not") && !isWordAt(expr, skipSpaces(expr, i + 3), "in")
                    && !endsWithWord(out, "is")) {
                int start = skipSpaces(expr, i + 3);
                int end = operandEnd(expr, start);
                String operand = expr.substring(start, end);
                if (hasTopLevelComparison(operand)) {
                    String kept = operand.stripTrailing();
                    out.append("not (").append(negatedComparisons(kept)).append(')')
                            .append(operand, kept.length(), operand.length());
                    i = end;
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    /** Where the operand of a {@code not} starting at {@code from} ends: at and, or, if, else, a comma or a closer. */
    private static int operandEnd(String expr, int from) {
        int depth = 0;
        int i = from;
        while (i < expr.length()) {
            char c = expr.charAt(i);
            if (c == '\'' || c == '"') {
                i = stringEnd(expr, i);
                continue;
            }
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                if (--depth < 0) return i;
            } else if (depth == 0 && (c == ',' || isWordAt(expr, i, "and") || isWordAt(expr, i, "or")
                    || isWordAt(expr, i, "if") || isWordAt(expr, i, "else"))) {
                return i;
            }
            i++;
        }
        return i;
    }

    private static boolean hasTopLevelComparison(String operand) {
        int depth = 0;
        int i = 0;
        while (i < operand.length()) {
            char c = operand.charAt(i);
            if (c == '\'' || c == '"') {
                i = stringEnd(operand, i);
                continue;
            }
            if (c == '(' || c == '[' || c == '{') depth++;
            else if (c == ')' || c == ']' || c == '}') depth--;
            else if (depth == 0 && (c == '<' || c == '>' || operand.startsWith("==", i) || operand.startsWith("!=", i))) {
                return true;
            }
            i++;
        }
        return false;
    }

    /** The index just past the string literal that opens at {@code open}. */
    private static int stringEnd(String expr, int open) {
        char quote = expr.charAt(open);
        int end = open + 1;
        while (end < expr.length() && expr.charAt(end) != quote) end += expr.charAt(end) == '\\' ? 2 : 1;
        return Math.min(end + 1, expr.length());
    }

    private static boolean isWordAt(String text, int at, String word) {
        return text.startsWith(word, at) && (at == 0 || !isIdentifierPart(text.charAt(at - 1)))
                && (at + word.length() == text.length() || !isIdentifierPart(text.charAt(at + word.length())));
    }

    private static boolean endsWithWord(CharSequence text, String word) {
        String before = text.toString().stripTrailing();
        return before.endsWith(word) && (before.length() == word.length()
                || !isIdentifierPart(before.charAt(before.length() - word.length() - 1)));
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.';
    }

    private static int skipSpaces(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) i++;
        return i;
    }

    /** Rewrites {@code x[a:b:c]} (a slice with a step) to {@code x|py_slice(a, b, c)}, empty parts as none. */
    static String steppedSlices(String expr) {
        StringBuilder out = new StringBuilder(expr.length());
        int i = 0;
        while (i < expr.length()) {
            char c = expr.charAt(i);
            if (c == '\'' || c == '"') {
                int end = i + 1;
                while (end < expr.length() && expr.charAt(end) != c) end += expr.charAt(end) == '\\' ? 2 : 1;
                end = Math.min(end + 1, expr.length());
                out.append(expr, i, end);
                i = end;
                continue;
            }
            if (c == '[') {
                int close = matching(expr, i);
                if (close > 0) {
                    List<String> parts = topLevelSplit(expr.substring(i + 1, close), ':');
                    if (parts.size() == 3) {
                        out.append("|py_slice(");
                        for (int k = 0; k < 3; k++) {
                            String part = steppedSlices(parts.get(k).strip());
                            out.append(k > 0 ? ", " : "").append(part.isEmpty() ? "none" : part);
                        }
                        out.append(')');
                        i = close + 1;
                        continue;
                    }
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    /** The index of the bracket closing the one at {@code open}, or -1. */
    private static int matching(String expr, int open) {
        int depth = 0;
        char quote = 0;
        for (int i = open; i < expr.length(); i++) {
            char c = expr.charAt(i);
            if (quote != 0) {
                if (c == '\\') i++;
                else if (c == quote) quote = 0;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '[' || c == '(' || c == '{') {
                depth++;
            } else if (c == ']' || c == ')' || c == '}') {
                if (--depth == 0) return i;
            }
        }
        return -1;
    }

    private static List<String> topLevelSplit(String text, char separator) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') i++;
                else if (c == quote) quote = 0;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '[' || c == '(' || c == '{') {
                depth++;
            } else if (c == ']' || c == ')' || c == '}') {
                depth--;
            } else if (c == separator && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    /** Wraps each keyword argument's value in parentheses: {@code f(k=a - 1)} becomes {@code f(k=(a - 1))}. */
    static String keywordArguments(String expr) {
        StringBuilder out = new StringBuilder(expr.length() + 8);
        // for each open parenthesis: whether a keyword value is open inside it at depth of that parenthesis
        java.util.ArrayDeque<boolean[]> parens = new java.util.ArrayDeque<>();
        char quote = 0;
        for (int i = 0; i < expr.length(); i++) {
            char c = expr.charAt(i);
            if (quote != 0) {
                out.append(c);
                if (c == '\\' && i + 1 < expr.length()) out.append(expr.charAt(++i));
                else if (c == quote) quote = 0;
                continue;
            }
            switch (c) {
                case '\'', '"' -> {
                    quote = c;
                    out.append(c);
                }
                case '(', '[', '{' -> {
                    parens.push(new boolean[]{c == '(', false});
                    out.append(c);
                }
                case ')', ']', '}' -> {
                    boolean[] top = parens.poll();
                    if (top != null && top[1]) out.append(')');
                    out.append(c);
                }
                case ',' -> {
                    boolean[] top = parens.peek();
                    if (top != null && top[1]) {
                        out.append(')');
                        top[1] = false;
                    }
                    out.append(c);
                }
                case '=' -> {
                    boolean[] top = parens.peek();
                    boolean keyword = top != null && top[0] && !top[1]
                            && (i + 1 >= expr.length() || expr.charAt(i + 1) != '=')
                            && i > 0 && "=!<>".indexOf(expr.charAt(i - 1)) < 0;
                    out.append(c);
                    if (keyword) {
                        out.append('(');
                        top[1] = true;
                    }
                }
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
