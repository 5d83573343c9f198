package dev.colossus.studio.music;

import dev.colossus.studio.SourceException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What the scanner knows while it writes one voice: its items so far, key, meter, unit length and pending marks. */
final class VoiceState {
    private static final int[] SEMITONES = {0, 2, 4, 5, 7, 9, 11};

    final String id;
    String name;
    int program;
    Fields.Key key;
    Fields.Meter meter;
    Rational unit;
    final List<Item> items = new ArrayList<>();

    private final Integer[] barAccidentals = new Integer[7];
    private int tupletLeft;
    private Rational tupletFactor = Rational.ONE;
    private Rational brokenFactor;
    private final List<Item.Grace> graces = new ArrayList<>();
    private boolean staccato;
    private int lastNote = -1;

    VoiceState(String id, String name, Fields.Key key, Fields.Meter meter, Rational unit) {
        this.id = id;
        this.name = name;
        this.key = key;
        this.meter = meter;
        this.unit = unit;
    }

    /**
     * The MIDI key of a note: {@code letter} 0..6 for C..B, {@code octave} 0 for {@code C..B} (middle C is 60), 1 for
     * {@code c..b}, plus marks; {@code accidental} in semitones or null for none written. A written accidental holds
     * for the same letter until the bar line (in every octave, as abc2midi plays it).
     */
    int pitch(int letter, int octave, Integer accidental, boolean grace, int line) throws SourceException {
        int alteration;
        if (accidental != null) {
            alteration = accidental;
            if (!grace) {
                barAccidentals[letter] = accidental;
            }
        } else {
            alteration = barAccidentals[letter] != null ? barAccidentals[letter] : key.alterations()[letter];
        }
        int pitch = 60 + 12 * octave + SEMITONES[letter] + alteration;
        if (pitch < 0 || pitch > 127) {
            throw AbcParser.error(line, "note outside the MIDI range (too many octave marks)");
        }
        return pitch;
    }

    void bar(Item bar) {
        java.util.Arrays.fill(barAccidentals, null);
        items.add(bar);
    }

    void tuplet(int p, int q, int r) {
        tupletLeft = r;
        tupletFactor = Rational.of(q, p);
    }

    void grace(Item.Grace grace) {
        graces.add(grace);
    }

    void staccato() {
        staccato = true;
    }

    /** Adds a note or chord of written length {@code length} (unit lengths already applied). */
    void sound(List<Integer> pitches, Set<Integer> tied, Rational length, int line) {
        items.add(new Item.Sound(pitches, tied, timed(length), graces, staccato, line));
        graces.clear();
        staccato = false;
        lastNote = items.size() - 1;
    }

    void rest(Rational length, boolean countsInTuplet, int line) {
        items.add(new Item.Rest(countsInTuplet ? timed(length) : length, line));
        graces.clear();
        staccato = false;
        lastNote = countsInTuplet ? items.size() - 1 : -1;
    }

    /** {@code -} after a note: every pitch of the last note or chord is tied to the next. */
    void tieLast() {
        if (lastNote >= 0 && items.get(lastNote) instanceof Item.Sound s) {
            items.set(lastNote, s.withTied(new HashSet<>(s.pitches())));
        }
    }

    /** {@code >} (dots 1..3) makes the last note longer and the next shorter; {@code <} the other way round. */
    void broken(int dots, boolean firstLonger, int line) throws SourceException {
        if (lastNote < 0 || lastNote != items.size() - 1) {
            throw AbcParser.error(line, "broken rhythm '" + (firstLonger ? ">" : "<") + "' without a note before it");
        }
        Rational shorter = Rational.of(1, 1L << dots);
        Rational longer = Rational.of(2, 1).minus(shorter);
        Item last = items.get(lastNote);
        Rational first = firstLonger ? longer : shorter;
        items.set(lastNote, switch (last) {
            case Item.Sound s -> s.withLength(s.length().times(first));
            case Item.Rest r -> new Item.Rest(r.length().times(first), r.line());
            default -> last;
        });
        brokenFactor = firstLonger ? shorter : longer;
    }

    private Rational timed(Rational length) {
        Rational result = length;
        if (tupletLeft > 0) {
            result = result.times(tupletFactor);
            tupletLeft--;
        }
        if (brokenFactor != null) {
            result = result.times(brokenFactor);
            brokenFactor = null;
        }
        return result;
    }
}
