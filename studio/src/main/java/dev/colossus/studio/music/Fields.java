package dev.colossus.studio.music;

import dev.colossus.studio.SourceException;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsers for the values of the {@code K:}, {@code M:}, {@code L:} and {@code Q:} fields. */
final class Fields {
    private Fields() {
    }

    /** A meter; {@code free} for {@code M:none} (bars then last a whole note, for {@code Z}). */
    record Meter(int numerator, int denominator, boolean free) {
        Rational barLength() {
            return free ? Rational.ONE : Rational.of(numerator, denominator);
        }

        /** 6/8, 9/8, 12/8...: the time signature groups beats in threes. */
        boolean compound() {
            return !free && numerator % 3 == 0 && numerator > 3;
        }

        /** The standard's default unit note length for this meter: 1/16 below 3/4, else 1/8. */
        Rational defaultUnit() {
            return !free && (double) numerator / denominator < 0.75 ? Rational.of(1, 16) : Rational.of(1, 8);
        }
    }

    /**
     * A key signature: the alteration in semitones of each letter C D E F G A B, the number of sharps (negative for
     * flats) of its mode, and whether it is a minor key.
     */
    record Key(int[] alterations, int sharps, boolean minor) {
        static final Key C_MAJOR = new Key(new int[7], 0, false);
    }

    static final String LETTERS = "CDEFGAB";
    private static final int[] LETTER_FIFTHS = {0, 2, 4, -1, 1, 3, 5};
    private static final String SHARP_ORDER = "FCGDAEB";
    private static final Pattern TONIC = Pattern.compile("([A-G])([#b]?)\\s*([A-Za-z]*)(.*)");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,4}");

    static Meter meter(String value, int line) throws SourceException {
        String v = value.trim();
        switch (v) {
            case "C" -> {
                return new Meter(4, 4, false);
            }
            case "C|" -> {
                return new Meter(2, 2, false);
            }
            case "", "none" -> {
                return new Meter(4, 4, true);
            }
            default -> {
                Matcher m = Pattern.compile("\\(?([\\d+]{1,20})\\)?\\s*/\\s*(\\d{1,3})").matcher(v);
                if (!m.matches()) {
                    throw AbcParser.error(line, "bad meter '" + v + "' (expected e.g. 6/8, C or C|)");
                }
                int numerator = 0;
                for (String part : m.group(1).split("\\+")) {
                    if (!NUMBER.matcher(part).matches()) {
                        throw AbcParser.error(line, "bad meter '" + v + "'");
                    }
                    numerator += Integer.parseInt(part);
                }
                int denominator = Integer.parseInt(m.group(2));
                if (numerator < 1 || numerator > 64 || Integer.bitCount(denominator) != 1 || denominator > 64) {
                    throw AbcParser.error(line, "meter out of range '" + v + "'");
                }
                return new Meter(numerator, denominator, false);
            }
        }
    }

    static Rational unitLength(String value, int line) throws SourceException {
        Matcher m = Pattern.compile("(\\d{1,3})(?:\\s*/\\s*(\\d{1,3}))?").matcher(value.trim());
        if (!m.matches() || Integer.parseInt(m.group(1)) == 0 || (m.group(2) != null && Integer.parseInt(m.group(2)) == 0)) {
            throw AbcParser.error(line, "bad unit note length '" + value.trim() + "' (expected e.g. 1/8)");
        }
        return Rational.of(Integer.parseInt(m.group(1)), m.group(2) == null ? 1 : Integer.parseInt(m.group(2)));
    }

    /**
     * The tempo as microseconds per quarter note, or -1 when the field names no speed (e.g. {@code Q:"Allegro"}).
     * {@code Q:120} counts quarter notes, as abc2midi does.
     */
    static int tempo(String value, int line) throws SourceException {
        String v = value.replaceAll("\"[^\"]*\"", " ").trim();
        if (v.isEmpty()) {
            return -1;
        }
        Rational beat = Rational.of(1, 4);
        String bpm = v;
        int eq = v.indexOf('=');
        if (eq >= 0) {
            beat = Rational.ZERO;
            for (String part : v.substring(0, eq).trim().split("\\s+")) {
                beat = beat.plus(unitLength(part, line));
            }
            bpm = v.substring(eq + 1).trim();
        }
        if (!NUMBER.matcher(bpm).matches() || Integer.parseInt(bpm) == 0) {
            throw AbcParser.error(line, "bad tempo '" + value.trim() + "' (expected e.g. 1/4=120)");
        }
        double quartersPerMinute = Integer.parseInt(bpm) * beat.toDouble() * 4;
        double micros = 60e6 / quartersPerMinute;
        if (micros > 0xFFFFFF || quartersPerMinute > 2000) {
            throw AbcParser.error(line, "tempo out of range '" + value.trim() + "'");
        }
        return (int) Math.round(micros);
    }

    static Key key(String value, int line) throws SourceException {
        String v = value.trim();
        if (v.isEmpty() || v.startsWith("none") || v.startsWith("HP") || v.startsWith("clef=") || isClef(firstWord(v))) {
            return explicitAccidentals(new int[7], 0, false, v.startsWith("none") ? v.substring(4) : "", line);
        }
        if (v.startsWith("Hp")) {
            int[] alterations = new int[7];
            alterations[3] = 1;
            alterations[0] = 1;
            return new Key(alterations, 2, false);
        }
        Matcher m = TONIC.matcher(v);
        if (!m.matches()) {
            throw AbcParser.error(line, "unknown key '" + v + "'");
        }
        int fifths = LETTER_FIFTHS[LETTERS.indexOf(m.group(1))]
                + (m.group(2).equals("#") ? 7 : m.group(2).equals("b") ? -7 : 0);
        boolean setting = m.group(4).startsWith("=");
        String mode = setting ? "" : m.group(3).toLowerCase(Locale.ROOT);
        String rest = setting ? m.group(3) + m.group(4) : m.group(4);
        int offset;
        boolean minor = false;
        if (mode.isEmpty() || isClef(mode)) {
            offset = 0;
        } else if (mode.equals("m") || mode.startsWith("min") || mode.startsWith("aeo")) {
            offset = -3;
            minor = true;
        } else if (mode.length() >= 3) {
            offset = switch (mode.substring(0, 3)) {
                case "maj", "ion" -> 0;
                case "mix" -> -1;
                case "dor" -> -2;
                case "phr" -> -4;
                case "lyd" -> 1;
                case "loc" -> -5;
                default -> throw AbcParser.error(line, "unknown mode '" + m.group(3) + "' in key '" + v + "'");
            };
        } else {
            throw AbcParser.error(line, "unknown key '" + v + "'");
        }
        int sharps = fifths + offset;
        if (sharps < -7 || sharps > 7) {
            throw AbcParser.error(line, "key '" + v + "' needs more than 7 sharps or flats");
        }
        int[] alterations = new int[7];
        for (int i = 0; i < Math.abs(sharps); i++) {
            int index = sharps > 0 ? i : 6 - i;
            alterations[LETTERS.indexOf(SHARP_ORDER.charAt(index))] = sharps > 0 ? 1 : -1;
        }
        return explicitAccidentals(alterations, sharps, minor, rest, line);
    }

    /** Applies explicit accidentals written after the key ({@code K:D =c ^g}); skips clef and other settings. */
    private static Key explicitAccidentals(int[] alterations, int sharps, boolean minor, String rest, int line)
            throws SourceException {
        for (String token : rest.trim().split("\\s+")) {
            if (token.isEmpty() || token.contains("=") && !token.startsWith("=") || isClef(token)) {
                continue;
            }
            Matcher a = Pattern.compile("(\\^\\^|\\^|__|_|=)([A-Ga-g])").matcher(token);
            if (!a.matches()) {
                throw AbcParser.error(line, "unknown word '" + token + "' in key");
            }
            alterations[LETTERS.indexOf(Character.toUpperCase(a.group(2).charAt(0)))] = switch (a.group(1)) {
                case "^^" -> 2;
                case "^" -> 1;
                case "__" -> -2;
                case "_" -> -1;
                default -> 0;
            };
        }
        return new Key(alterations, sharps, minor);
    }

    private static String firstWord(String v) {
        int space = v.indexOf(' ');
        return space < 0 ? v : v.substring(0, space);
    }

    private static boolean isClef(String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "treble", "bass", "alto", "tenor", "perc", "bass3", "alto1", "alto2", "mezzo", "soprano",
                 "baritone" -> true;
            default -> false;
        };
    }
}
