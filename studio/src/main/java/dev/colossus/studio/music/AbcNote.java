package dev.colossus.studio.music;

/**
 * One sounding note of a voice, with repeats unfolded and ties merged.
 *
 * @param pitch    MIDI key number, 0..127 (middle C, ABC {@code C}, is 60)
 * @param start    when it starts, in whole notes from the beginning of the tune
 * @param length   how long it sounds, in whole notes (positive)
 * @param velocity MIDI velocity, 1..127
 */
public record AbcNote(int pitch, Rational start, Rational length, int velocity) {
    /** Validates the ranges. */
    public AbcNote {
        if (pitch < 0 || pitch > 127 || velocity < 1 || velocity > 127 || length.numerator() == 0) {
            throw new IllegalArgumentException("bad note: " + pitch + " " + length + " v" + velocity);
        }
    }

    /** When the note stops sounding, in whole notes. */
    public Rational end() {
        return start.plus(length);
    }
}
