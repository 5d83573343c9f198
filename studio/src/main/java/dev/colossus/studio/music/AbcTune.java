package dev.colossus.studio.music;

import java.util.List;

/**
 * A parsed tune, ready to render: every voice's notes with exact start times and lengths (repeats played out, ties
 * merged, tuplets, broken rhythm and grace notes applied), and the tempo map.
 *
 * @param reference       the {@code X:} reference number
 * @param title           the first {@code T:} title, or {@code ""}
 * @param meterNumerator  the first meter's numerator ({@code M:C} is 4/4, {@code M:C|} is 2/2; free meter is 4/4)
 * @param meterDenominator the first meter's denominator
 * @param keySharps       the first key signature as sharps (positive) or flats (negative), -7..7
 * @param minor           whether the first key is a minor (aeolian) key, for the MIDI key signature
 * @param tempi           tempo changes in time order; the first is at time zero
 * @param voices          the voices in order of first appearance; at least one
 * @param length          when the last voice ends, in whole notes
 */
public record AbcTune(int reference, String title, int meterNumerator, int meterDenominator, int keySharps,
                      boolean minor, List<TempoChange> tempi, List<AbcVoice> voices, Rational length) {
    /** Copies the lists. */
    public AbcTune {
        tempi = List.copyOf(tempi);
        voices = List.copyOf(voices);
    }

    /** How long the tune plays, in seconds, following the tempo map. */
    public double seconds() {
        return secondsAt(length);
    }

    /** The time in seconds at a position given in whole notes, following the tempo map. */
    public double secondsAt(Rational position) {
        double seconds = 0;
        double at = 0;
        double micros = 500_000;
        double target = position.toDouble();
        for (TempoChange change : tempi) {
            double next = Math.min(change.at().toDouble(), target);
            if (next > at) {
                seconds += (next - at) * 4 * micros / 1e6;
                at = next;
            }
            if (change.at().toDouble() > target) {
                break;
            }
            micros = change.microsPerQuarter();
        }
        return seconds + Math.max(0, target - at) * 4 * micros / 1e6;
    }
}
