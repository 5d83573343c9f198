package dev.colossus.studio.music;

import dev.colossus.studio.SourceException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads ABC notation (standard 2.1) into an {@link AbcTune}: a pure function of the text, with no file or network
 * access. Thread-safe (no shared state).
 *
 * <p>Supported: the header fields {@code X: T: M: L: Q: K: V:} (other fields are read and ignored), keys with modes
 * and explicit accidentals, several voices ({@code V:} lines and {@code [V:]} inline), octave marks, accidentals that
 * hold to the end of the bar (for the same letter in every octave, as abc2midi plays them), note lengths, ties,
 * broken rhythm, tuplets {@code (p:q:r}, chords, rests ({@code z x Z X}), bar lines and repeats with numbered endings,
 * grace notes (each a quarter of its written length, taken from the note that follows, as abc2midi does), staccato
 * (half length, as abc2midi), inline fields {@code [K:] [M:] [L:] [Q:] [V:]}, comments, line continuations and
 * {@code %%MIDI program N}. Decorations, annotations and chord symbols are read and skipped. Voice overlay ({@code &})
 * is refused with a {@link SourceException}; parts ({@code P:}) are played as written.
 *
 * <p>Limits: {@value #MAX_SOURCE_CHARS} characters of text, {@value #MAX_SECONDS} seconds of music, and repeats,
 * numbers and tuplets bounded so that no input runs long. Every malformed or over-limit source throws
 * {@link SourceException} with a one-line message {@code "line N: what is wrong"}; no other exception escapes
 * (except {@link NullPointerException} for a null argument).
 */
public final class AbcParser {
    /** The largest source accepted, in characters. */
    public static final int MAX_SOURCE_CHARS = 256 * 1024;
    /** The longest tune accepted, in seconds of music. */
    public static final int MAX_SECONDS = 600;

    private static final Pattern FIELD = Pattern.compile("([A-Zmrsw]):(.*)");
    private static final Pattern REFERENCE = Pattern.compile("X:\\s*(\\d{1,9})?.*");

    private AbcParser() {
    }

    /** Parses the first tune in {@code source}; a source without any {@code X:} line is read as one tune. */
    public static AbcTune parse(String source) throws SourceException {
        return parse(source, -1);
    }

    /**
     * Parses the tune whose reference number ({@code X:}) is {@code reference}; a negative {@code reference} picks
     * the first tune.
     *
     * @throws SourceException when the tune is missing, malformed or over a limit
     */
    public static AbcTune parse(String source, int reference) throws SourceException {
        if (source.length() > MAX_SOURCE_CHARS) {
            throw error(1, "the source is too large (" + source.length() + " characters; at most " + MAX_SOURCE_CHARS + ")");
        }
        String[] lines = source.split("\r\n|\r|\n", -1);
        checkCharacters(lines);
        int start = findTune(lines, reference);
        int ref = 1;
        if (start < lines.length && lines[start].startsWith("X:")) {
            Matcher m = REFERENCE.matcher(lines[start]);
            ref = m.matches() && m.group(1) != null ? Integer.parseInt(m.group(1)) : 1;
            start++;
        }
        TuneBuilder tune = new TuneBuilder(ref);
        int last = start;
        for (int i = start; i < lines.length; i++) {
            String text = lines[i];
            int line = i + 1;
            if (text.isBlank()) {
                if (tune.inHeader()) {
                    continue;
                }
                break;
            }
            if (text.startsWith("X:")) {
                break;
            }
            last = line;
            try {
                readLine(tune, text, line);
            } catch (ArithmeticException overflow) {
                throw error(line, "note lengths too complex to add up exactly");
            }
        }
        return tune.build(last);
    }

    private static void readLine(TuneBuilder tune, String text, int line) throws SourceException {
        if (text.startsWith("%%")) {
            tune.directive(text, line);
            return;
        }
        String content = stripComment(text);
        if (content.isBlank()) {
            return;
        }
        Matcher field = FIELD.matcher(content);
        if (field.matches() && !field.group(2).startsWith("|") && !field.group(2).startsWith(":")) {
            tune.field(field.group(1).charAt(0), field.group(2), line);
        } else if (tune.inHeader()) {
            throw error(line, "music before the K: field (the header must end with K:)");
        } else {
            MusicScanner.scan(tune, content, line);
        }
    }

    private static String stripComment(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '%' && (i == 0 || text.charAt(i - 1) != '\\')) {
                return text.substring(0, i);
            }
        }
        return text;
    }

    private static void checkCharacters(String[] lines) throws SourceException {
        for (int i = 0; i < lines.length; i++) {
            String text = lines[i];
            for (int j = 0; j < text.length(); j++) {
                char c = text.charAt(j);
                if ((c < 32 && c != '\t' && c != '\f') || c == 127 || c == '\uFFFD') {
                    throw error(i + 1, String.format("unexpected control character \\u%04x (is this a text file?)", (int) c));
                }
            }
        }
    }

    /** The line where the chosen tune's X: field is, or 0 for a source without X: read as one tune. */
    private static int findTune(String[] lines, int reference) throws SourceException {
        for (int i = 0; i < lines.length; i++) {
            Matcher m = REFERENCE.matcher(lines[i]);
            if (m.matches() && (reference < 0 || (m.group(1) != null && Integer.parseInt(m.group(1)) == reference))) {
                return i;
            }
        }
        if (reference >= 0) {
            throw error(1, "no tune with X:" + reference);
        }
        return 0;
    }

    static SourceException error(int line, String what) {
        return new SourceException("line " + line + ": " + what);
    }
}
