package dev.colossus.studio.music;

import dev.colossus.studio.SourceException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads one line of music (notes, chords, rests, bar lines, tuplets, inline fields...) into the tune's current voice.
 * Decorations, annotations and chord symbols are read and skipped.
 */
final class MusicScanner {
    private static final String DECORATIONS = "~HLMOPSTuvJR";
    private static final int MAX_NUMBER = 9999;

    private final TuneBuilder tune;
    private final String text;
    private final int line;
    private int pos;

    private MusicScanner(TuneBuilder tune, String text, int line) {
        this.tune = tune;
        this.text = text;
        this.line = line;
    }

    static void scan(TuneBuilder tune, String text, int line) throws SourceException {
        new MusicScanner(tune, text, line).run();
    }

    private void run() throws SourceException {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            switch (c) {
                case ' ', '\t', '\\', '`', '$', 'y', ')' -> pos++;
                case '"' -> skipPast('"', "unclosed quote '\"'");
                case '!' -> skipPast('!', "unclosed decoration '!'");
                case '+' -> skipPast('+', "unclosed decoration '+'");
                case '.' -> {
                    pos++;
                    if (peek() != '|') {
                        voice().staccato();
                    }
                }
                case '{' -> graces();
                case '(' -> tuplet();
                case '-' -> {
                    pos++;
                    voice().tieLast();
                }
                case '>', '<' -> broken(c);
                case '[' -> bracket();
                case '|', ':' -> barLine();
                case '&' -> throw error("voice overlay '&' is not supported; write the part as its own V: voice");
                default -> {
                    if (DECORATIONS.indexOf(c) >= 0) {
                        pos++;
                    } else if (isNoteStart(c)) {
                        note();
                    } else if (c == 'z' || c == 'x') {
                        pos++;
                        voice().rest(length(voice().unit), true, line);
                    } else if (c == 'Z' || c == 'X') {
                        pos++;
                        int bars = number(1);
                        voice().rest(tune.meter(line).barLength().times(bars, 1), false, line);
                    } else {
                        throw error("unexpected character '" + printable(c) + "'");
                    }
                }
            }
        }
    }

    private VoiceState voice() throws SourceException {
        return tune.voice(line);
    }

    private static boolean isNoteStart(char c) {
        return "ABCDEFGabcdefg^_=".indexOf(c) >= 0;
    }

    private void note() throws SourceException {
        Parsed n = parseNote(false);
        voice().sound(List.of(n.pitch), Set.of(), n.length, line);
    }

    /** One note as written: its MIDI key and its length. */
    private record Parsed(int pitch, Rational length) {
    }

    private Parsed parseNote(boolean grace) throws SourceException {
        Integer accidental = null;
        char c = peek();
        if (c == '^' || c == '_') {
            int sign = c == '^' ? 1 : -1;
            pos++;
            accidental = sign;
            if (peek() == c) {
                pos++;
                accidental = 2 * sign;
            }
        } else if (c == '=') {
            pos++;
            accidental = 0;
        }
        char letter = peek();
        int index = Fields.LETTERS.indexOf(Character.toUpperCase(letter));
        if (index < 0 || letter == 0) {
            throw error("accidental without a note after it");
        }
        pos++;
        int octave = Character.isLowerCase(letter) ? 1 : 0;
        while (peek() == '\'' || peek() == ',') {
            octave += peek() == '\'' ? 1 : -1;
            pos++;
            if (Math.abs(octave) > 10) {
                throw error("too many octave marks");
            }
        }
        int pitch = voice().pitch(index, octave, accidental, grace, line);
        Rational length = length(voice().unit);
        return new Parsed(pitch, length);
    }

    /** A length suffix ({@code 2}, {@code /2}, {@code /}, {@code //}, {@code 3/2}) times {@code unit}. */
    private Rational length(Rational unit) throws SourceException {
        long numerator = Character.isDigit(peek()) ? number(1) : 1;
        long denominator = 1;
        while (peek() == '/') {
            pos++;
            denominator *= Character.isDigit(peek()) ? number(2) : 2;
            if (denominator > 1024) {
                throw error("note length too short");
            }
        }
        if (numerator == 0) {
            throw error("note length of zero");
        }
        return unit.times(numerator, denominator);
    }

    private int number(int otherwise) throws SourceException {
        int start = pos;
        while (Character.isDigit(peek())) {
            pos++;
        }
        if (start == pos) {
            return otherwise;
        }
        if (pos - start > 4 || Integer.parseInt(text.substring(start, pos)) > MAX_NUMBER) {
            throw error("number too large '" + text.substring(start, Math.min(pos, start + 12)) + "'");
        }
        return Integer.parseInt(text.substring(start, pos));
    }

    private void graces() throws SourceException {
        pos++;
        if (peek() == '/') {
            pos++;
        }
        while (peek() != '}') {
            char c = peek();
            if (c == 0) {
                throw error("unclosed grace notes '{'");
            }
            if (c == ' ') {
                pos++;
            } else if (isNoteStart(c)) {
                Parsed n = parseNote(true);
                voice().grace(new Item.Grace(n.pitch, n.length.times(1, 4)));
            } else {
                throw error("unexpected '" + printable(c) + "' in grace notes");
            }
        }
        pos++;
    }

    private void tuplet() throws SourceException {
        pos++;
        if (!Character.isDigit(peek())) {
            return;
        }
        int p = number(0);
        Integer q = null;
        Integer r = null;
        if (peek() == ':') {
            pos++;
            q = Character.isDigit(peek()) ? number(0) : null;
            if (peek() == ':') {
                pos++;
                r = Character.isDigit(peek()) ? number(0) : null;
            }
        }
        if (q == null) {
            q = switch (p) {
                case 2, 4, 8 -> 3;
                case 3, 6 -> 2;
                default -> tune.meter(line).compound() ? 3 : 2;
            };
        }
        if (r == null) {
            r = p;
        }
        if (p < 2 || p > 32 || q < 1 || q > 32 || r < 1 || r > 64) {
            throw error("bad tuplet (" + p + ":" + q + ":" + r + " (each number 1..32, at least 2 notes)");
        }
        voice().tuplet(p, q, r);
    }

    private void broken(char c) throws SourceException {
        int dots = 0;
        while (peek() == c) {
            pos++;
            dots++;
        }
        if (dots > 3) {
            throw error("broken rhythm of more than three '" + c + "'");
        }
        voice().broken(dots, c == '>', line);
    }

    private void bracket() throws SourceException {
        char next = peekAt(1);
        if (Character.isDigit(next)) {
            pos++;
            ending();
        } else if (next == '|') {
            pos += 2;
            voice().bar(new Item.Bar(true, line));
        } else if (Character.isLetter(next) && peekAt(2) == ':') {
            int close = text.indexOf(']', pos);
            if (close < 0) {
                throw error("unclosed inline field '[" + next + ":'");
            }
            String value = text.substring(pos + 3, close);
            pos = close + 1;
            tune.field(next, value, line);
        } else {
            chord();
        }
    }

    private void chord() throws SourceException {
        pos++;
        List<Integer> pitches = new ArrayList<>();
        Set<Integer> tied = new HashSet<>();
        Rational first = null;
        while (peek() != ']') {
            char c = peek();
            if (c == 0) {
                throw error("unclosed chord '['");
            } else if (c == ' ' || DECORATIONS.indexOf(c) >= 0 || c == '.') {
                pos++;
            } else if (c == '"') {
                skipPast('"', "unclosed quote '\"'");
            } else if (c == '!') {
                skipPast('!', "unclosed decoration '!'");
            } else if (c == '-' && !pitches.isEmpty()) {
                pos++;
                tied.add(pitches.getLast());
            } else if (isNoteStart(c)) {
                Parsed n = parseNote(false);
                pitches.add(n.pitch);
                if (first == null) {
                    first = n.length;
                }
            } else {
                throw error("unexpected '" + printable(c) + "' in chord");
            }
        }
        pos++;
        if (pitches.isEmpty()) {
            throw error("empty chord '[]'");
        }
        Rational length = first.times(length(Rational.ONE));
        voice().sound(new ArrayList<>(new LinkedHashSet<>(pitches)), tied, length, line);
    }

    /** Bar lines: {@code | || |] |: :| :: :|: :||:}, optionally followed by an ending number ({@code |1 :|2}). */
    private void barLine() throws SourceException {
        int leading = count(':');
        int bars = 0;
        boolean section = false;
        while (peek() == '|' || (bars > 0 && peek() == ']')) {
            section |= peek() == ']' || bars > 0;
            bars++;
            pos++;
        }
        int trailing = count(':');
        VoiceState v = voice();
        if (bars == 0 && leading < 2) {
            throw error("stray ':'");
        }
        if (bars == 0) {
            v.bar(new Item.RepeatEnd(2, line));
            v.bar(new Item.RepeatStart(line));
        } else {
            if (leading > 0) {
                if (leading > 8) {
                    throw error("too many repeats (" + (leading + 1) + ")");
                }
                v.bar(new Item.RepeatEnd(leading + 1, line));
            }
            if (trailing > 0) {
                v.bar(new Item.RepeatStart(line));
            }
            if (leading == 0 && trailing == 0) {
                v.bar(new Item.Bar(section, line));
            }
        }
        if (Character.isDigit(peek())) {
            ending();
        }
    }

    /** {@code 1}, {@code 1,3}, {@code 1-3} after {@code [} or a bar line. */
    private void ending() throws SourceException {
        Set<Integer> passes = new LinkedHashSet<>();
        do {
            if (peek() == ',') {
                pos++;
            }
            int from = number(0);
            int to = from;
            if (peek() == '-') {
                pos++;
                to = number(0);
            }
            if (from < 1 || to < from || to > 8) {
                throw error("bad ending number (1..8)");
            }
            for (int i = from; i <= to; i++) {
                passes.add(i);
            }
        } while (peek() == ',' && Character.isDigit(peekAt(1)));
        voice().bar(new Item.Ending(passes, line));
    }

    private int count(char c) {
        int n = 0;
        while (peek() == c) {
            pos++;
            n++;
        }
        return n;
    }

    private void skipPast(char close, String message) throws SourceException {
        int end = text.indexOf(close, pos + 1);
        if (end < 0) {
            throw error(message);
        }
        if (close == '!' && text.substring(pos + 1, end).equals("staccato")) {
            voice().staccato();
        }
        pos = end + 1;
    }

    private char peek() {
        return peekAt(0);
    }

    private char peekAt(int offset) {
        return pos + offset < text.length() ? text.charAt(pos + offset) : 0;
    }

    private SourceException error(String what) {
        return AbcParser.error(line, what);
    }

    private static String printable(char c) {
        return c < 32 || c == 127 ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }
}
