package dev.colossus.social.importer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.ToIntFunction;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads an import file, one JSON object a line, and yields the valid posts while collecting the rejected lines.
 *
 * <pre>{"id": "source id", "author": "username", "text": "...", "created_at": "ISO-8601", "reply_to": "source id, optional", "likes": 12}</pre>
 *
 * <p>{@code id} and {@code reply_to} may be strings or integers. {@code created_at} needs a time zone offset
 * ({@code 2024-05-01T12:00:00Z}, {@code 2024-05-01T14:00:00+02:00}). {@code likes} is optional (0). Unknown fields are
 * ignored, blank lines skipped, a UTF-8 byte order mark on the first line tolerated. A line is rejected, with its
 * number and a reason, when it is too long, not UTF-8, not a single JSON object, has a duplicate key, lacks a field,
 * has a bad date, an invalid username ({@code [a-zA-Z0-9_]{1,30}}), empty or over-long text, text with control
 * characters, a negative or non-integer {@code likes}, replies to itself, or repeats the id of an earlier accepted
 * line.
 *
 * <p>Streams: memory stays bounded by one line ({@link Options#maxLineBytes()}), the seen-id set (about 16 bytes per
 * accepted post) and the first {@link Options#keptRejections()} rejections. Not thread safe; use from one thread.
 * I/O errors surface as {@link UncheckedIOException}.
 */
public final class JsonlPostReader implements Iterator<ImportedPost>, Closeable {

    private static final Pattern USERNAME = Pattern.compile("[a-zA-Z0-9_]{1,30}");
    private static final int MAX_ID_LENGTH = 200; // the store's source_id column
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /**
     * Limits.
     *
     * @param maxTextLength  the longest text accepted, as measured by {@code textLength}
     * @param textLength     how text length is counted; the default counts Unicode code points
     * @param maxLineBytes   longer lines are rejected without being held in memory
     * @param keptRejections how many rejections {@link #summary()} lists (all are counted)
     */
    public record Options(int maxTextLength, ToIntFunction<String> textLength, int maxLineBytes, int keptRejections) {
        /** 500 code points, 64 KiB lines, 1,000 listed rejections. */
        public static final Options DEFAULT =
                new Options(500, s -> s.codePointCount(0, s.length()), 64 * 1024, 1000);

        public Options {
            Objects.requireNonNull(textLength, "textLength");
            if (maxTextLength < 1 || maxLineBytes < 16 || keptRejections < 0) throw new IllegalArgumentException("bad limits");
        }
    }

    private final InputStream in;
    private final Options options;
    private final SeenIds seen = new SeenIds();
    private final List<Rejection> rejections = new ArrayList<>();
    private final ByteArrayOutputStream lineBuffer = new ByteArrayOutputStream(1024);
    private long lineNumber;
    private long accepted;
    private long rejected;
    private volatile long bytesRead; // read by progress displays on other threads
    private boolean eof;
    private final byte[] buf = new byte[1 << 16];
    private int bufPos;
    private int bufLen;
    private ImportedPost next;

    /** Reads from {@code in}, which {@link #close()} closes. */
    public JsonlPostReader(InputStream in, Options options) {
        this.in = Objects.requireNonNull(in, "in");
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public boolean hasNext() {
        while (next == null && !eof) {
            byte[] line = readLine();
            if (line == null) break;
            next = parse(line);
        }
        return next != null;
    }

    @Override
    public ImportedPost next() {
        if (!hasNext()) throw new NoSuchElementException();
        ImportedPost p = next;
        next = null;
        return p;
    }

    /** The remaining valid posts as a sequential stream. */
    public Stream<ImportedPost> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** Bytes consumed from the input so far, for a progress bar sized by the file length. */
    public long bytesRead() {
        return bytesRead;
    }

    /** Counts and the first rejections so far; complete once {@link #hasNext()} returned false. */
    public ImportSummary summary() {
        return new ImportSummary(lineNumber, accepted, rejected, rejections);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** The next line without its terminator, null at the end; an over-long line comes back empty, rejected. */
    private byte[] readLine() {
        try {
            lineBuffer.reset();
            boolean tooLong = false;
            boolean sawNewline = false;
            boolean sawAnything = false;
            while (!sawNewline) {
                if (bufPos == bufLen) {
                    bufLen = in.read(buf);
                    bufPos = 0;
                    if (bufLen <= 0) {
                        bufLen = 0;
                        eof = true;
                        break;
                    }
                }
                sawAnything = true;
                int from = bufPos;
                while (bufPos < bufLen && buf[bufPos] != '\n') bufPos++;
                int n = bufPos - from;
                if (bufPos < bufLen) {
                    sawNewline = true;
                    bufPos++;
                }
                bytesRead += n + (sawNewline ? 1 : 0);
                int room = options.maxLineBytes() - lineBuffer.size();
                if (n > room) tooLong = true;
                lineBuffer.write(buf, from, Math.min(n, Math.max(room, 0)));
            }
            if (!sawAnything || (eof && !sawNewline && lineBuffer.size() == 0 && !tooLong)) return null;
            lineNumber++;
            if (tooLong) {
                reject("line is longer than " + options.maxLineBytes() + " bytes");
                return new byte[0];
            }
            return lineBuffer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A valid post, or null after recording why the line was rejected (or when it is blank). */
    private ImportedPost parse(byte[] raw) {
        if (raw.length == 0) return null;
        int start = lineNumber == 1 && raw.length >= 3 && (raw[0] & 0xFF) == 0xEF && (raw[1] & 0xFF) == 0xBB
                && (raw[2] & 0xFF) == 0xBF ? 3 : 0;
        int end = raw.length;
        if (end > start && raw[end - 1] == '\r') end--;
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw, start, end - start)).toString();
        } catch (CharacterCodingException e) {
            return reject("not valid UTF-8");
        }
        if (text.isBlank()) return null;
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return reject("invalid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) return reject("not a JSON object");
        try {
            return validate(node);
        } catch (Invalid e) {
            return reject(e.getMessage());
        }
    }

    private ImportedPost validate(JsonNode o) {
        String id = idField(o, "id", true);
        String author = stringField(o, "author");
        if (!USERNAME.matcher(author).matches()) {
            throw new Invalid("invalid username \"" + shorten(author) + "\": use 1 to 30 letters, digits or _");
        }
        String text = stringField(o, "text");
        if (text.isBlank()) throw new Invalid("text is empty");
        int length = options.textLength().applyAsInt(text);
        if (length > options.maxTextLength()) {
            throw new Invalid("text has " + length + " characters, the limit is " + options.maxTextLength());
        }
        if (text.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t' || c == 0x7F)) {
            throw new Invalid("text contains control characters");
        }
        Instant createdAt = date(stringField(o, "created_at"));
        String replyTo = idField(o, "reply_to", false);
        if (id.equals(replyTo)) throw new Invalid("post replies to itself");
        int likes = likes(o.get("likes"));
        if (!seen.add(id)) throw new Invalid("duplicate id \"" + shorten(id) + "\"");
        accepted++;
        return new ImportedPost(lineNumber, id, author, text, createdAt, replyTo, likes);
    }

    private static String stringField(JsonNode o, String name) {
        JsonNode v = o.get(name);
        if (v == null || v.isNull()) throw new Invalid("missing field \"" + name + "\"");
        if (!v.isTextual()) throw new Invalid("field \"" + name + "\" must be a string");
        return v.textValue();
    }

    private static String idField(JsonNode o, String name, boolean required) {
        JsonNode v = o.get(name);
        if (v == null || v.isNull()) {
            if (required) throw new Invalid("missing field \"" + name + "\"");
            return null;
        }
        String id;
        if (v.isTextual()) id = v.textValue().strip();
        else if (v.isIntegralNumber()) id = v.bigIntegerValue().toString();
        else throw new Invalid("field \"" + name + "\" must be a string or an integer");
        if (id.isEmpty()) throw new Invalid("field \"" + name + "\" is empty");
        if (id.length() > MAX_ID_LENGTH) throw new Invalid("field \"" + name + "\" is longer than " + MAX_ID_LENGTH + " characters");
        return id;
    }

    private static Instant date(String s) {
        try {
            return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new Invalid("bad created_at \"" + shorten(s) + "\": expected ISO-8601 with a time zone, like 2024-05-01T12:00:00Z");
        }
    }

    private static int likes(JsonNode v) {
        if (v == null || v.isNull()) return 0;
        if (!v.isIntegralNumber() || !v.canConvertToInt()) throw new Invalid("likes must be a whole number");
        int n = v.intValue();
        if (n < 0) throw new Invalid("likes must not be negative");
        return n;
    }

    private ImportedPost reject(String reason) {
        rejected++;
        if (rejections.size() < options.keptRejections()) rejections.add(new Rejection(lineNumber, reason));
        return null;
    }

    /** At most 40 characters of a user value, control characters shown as ?, safe to print in a reason. */
    private static String shorten(String s) {
        String cut = s.length() <= 40 ? s : s.substring(0, 40) + "…";
        return cut.replaceAll("\\p{Cntrl}", "?");
    }

    /** A validation failure; its message is the rejection reason. */
    private static final class Invalid extends RuntimeException {
        Invalid(String reason) {
            super(reason, null, false, false);
        }
    }
}
