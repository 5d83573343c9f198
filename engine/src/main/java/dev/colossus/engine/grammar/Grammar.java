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
