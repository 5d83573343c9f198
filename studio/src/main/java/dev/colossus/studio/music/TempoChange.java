package dev.colossus.studio.music;

/**
 * A tempo that holds from {@code at} until the next change.
 *
 * @param at                  when it takes effect, in whole notes from the beginning of the tune
 * @param microsPerQuarter    the length of a quarter note in microseconds (500000 is 120 quarter notes a minute)
 */
public record TempoChange(Rational at, int microsPerQuarter) {
    /** Validates the tempo. */
    public TempoChange {
        if (microsPerQuarter <= 0 || microsPerQuarter > 0xFFFFFF) {
            throw new IllegalArgumentException("tempo out of MIDI range: " + microsPerQuarter);
        }
    }
}
