package dev.colossus.train.data;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Text sources read from files: a plain UTF-8 text file is one document; a JSONL file ({@code .jsonl} or
 * {@code .ndjson}) holds one JSON object a line, whose {@code text} field is a document (blank lines are skipped).
 */
public final class TextFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TextFiles() {
    }

    /** The source for {@code file}, by its extension: JSONL for {@code .jsonl}/{@code .ndjson}, else plain text. */
    public static TextSource open(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".jsonl") || name.endsWith(".ndjson") ? jsonl(file) : text(file);
    }

    /** The whole file as one document. */
    public static TextSource text(Path file) {
        return source(file, document -> document.accept(Files.readString(file, StandardCharsets.UTF_8)));
    }

    /**
     * The {@code text} field of each line's JSON object.
     * <p>A line that is not a JSON object with a string {@code text} is an {@link IllegalArgumentException} naming
     * the file and line number.
     */
    public static TextSource jsonl(Path file) {
        return source(file, document -> {
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                int number = 0;
                for (String line; (line = in.readLine()) != null; ) {
                    number++;
                    if (line.isBlank()) continue;
                    document.accept(text(file, line, number));
                }
            }
        });
    }

    private static String text(Path file, String line, int number) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(file + " line " + number + ": not JSON: "
                    + e.getOriginalMessage());
        }
        JsonNode text = node == null ? null : node.get("text");
        if (text == null || !text.isTextual()) {
            throw new IllegalArgumentException(file + " line " + number + ": no \"text\" string");
        }
        return text.asText();
    }

    /** A source described by the file's path whose documents {@code reader} gives. */
    private static TextSource source(Path file, DocumentReader reader) {
        return new TextSource() {
            @Override
            public String description() {
                return file.toString();
            }

            @Override
            public void forEach(Consumer<String> document) throws IOException {
                reader.read(document);
            }
        };
    }

    /** Passes the documents of one file to a consumer. */
    @FunctionalInterface
    private interface DocumentReader {
        void read(Consumer<String> document) throws IOException;
    }
}
