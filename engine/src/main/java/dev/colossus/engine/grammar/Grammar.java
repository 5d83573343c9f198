package dev.colossus.engine.grammar;

import java.util.Arrays;
import java.util.List;

/**
 * A set of byte strings that generation is constrained to: compiled from a JSON schema ({@link #jsonSchema}), any
 * JSON object ({@link #jsonObject()}), or composed from literals and other grammars (a tool call wrapped in a
 * template's tags). JSON is accepted in compact form, without whitespace between tokens.
 * <p>Immutable and thread-safe; one grammar may constrain any number of generations.
 */
public final class Grammar {
    final Node root;

    private Grammar(Node root) {
        this.root = root;
    }

    /** Any JSON object ({@code response_format: json_object}). */
    public static Grammar jsonObject() {
        return new Grammar(JsonSchemaCompiler.anyObject());
    }

    /**
     * The JSON values a schema accepts. The schema is a parsed JSON tree: {@link java.util.Map} (with its keys in
     * document order), {@link List}, {@link String}, {@link Number}, {@link Boolean} or null.
     * <p>Supported: {@code type} (one or a list), {@code enum}, {@code const}, {@code properties} (emitted in
     * declared order) with {@code required} and {@code additionalProperties}, {@code minLength}/{@code maxLength},
     * {@code minimum}/{@code maximum} and their exclusive forms (exact for integers; a bounded {@code number} is
     * generated as an integer within the bounds), {@code items}/{@code minItems}/{@code maxItems}, {@code anyOf},
     * {@code oneOf} (treated as anyOf), {@code $ref} to {@code #/$defs/...} or {@code #/definitions/...}.
     * Annotations ({@code title}, {@code description}, {@code default}, {@code examples}...) are ignored.
     *
     * @throws UnsupportedSchemaException naming the first unsupported keyword (e.g. {@code pattern}, {@code format})
     */
    public static Grammar jsonSchema(Object schema) {
        return new Grammar(new JsonSchemaCompiler(schema).compile(schema));
    }

    /** Exactly this text (UTF-8). */
    public static Grammar literal(String text) {
        return new Grammar(Terminal.Literal.of(text));
    }

    /**
     * Free text (any bytes, none included) in which {@code marker} does not occur, so that what follows it in a
     * {@link #sequence} begins where the marker is first written: a model may answer in text, and once it starts a
     * tool call with its template's marker, the call is constrained. An empty marker allows any text.
     */
    public static Grammar textWithout(String marker) {
        return new Grammar(Terminal.Text.without(marker));
    }

    /** One byte, any but those of {@code chars} (ASCII). */
    public static Grammar byteExcept(String chars) {
        Terminal.ByteSet set = Terminal.ByteSet.of(chars);
        return new Grammar(new Terminal.ByteSet(~set.b0(), ~set.b1(), ~set.b2(), ~set.b3()));
    }

    /** JSON whitespace (space, tab, newline, carriage return), zero or more. */
    public static Grammar whitespace() {
        return new Grammar(new Node.Repeat(Terminal.ByteSet.of(" \t\n\r"), 0, -1));
    }

    /** {@code grammar} or nothing. */
    public static Grammar optional(Grammar grammar) {
        return new Grammar(new Node.Alt(List.of(grammar.root, new Node.Seq(List.of()))));
    }

    /** The parts one after another. */
    public static Grammar sequence(Grammar... parts) {
        return new Grammar(new Node.Seq(Arrays.stream(parts).map(g -> g.root).toList()));
    }

    /** Any one of the options. */
    public static Grammar anyOf(List<Grammar> options) {
        if (options.isEmpty()) throw new IllegalArgumentException("a choice needs at least one option");
        return new Grammar(new Node.Alt(options.stream().map(g -> g.root).toList()));
    }

    /** The state before any byte. */
    public GrammarState start() {
        return GrammarState.start(root);
    }

    /** Whether {@code text} (UTF-8) is a complete match. */
    public boolean matches(String text) {
        return start().advance(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)).accepting();
    }
}
