package dev.colossus.studio.music;

import java.util.List;
import java.util.Set;

/** One element of a voice as written, before repeats are played out and times assigned. */
sealed interface Item {
    /** The source line it came from (1-based). */
    int line();

    /** A note or chord: its pitches sound together for {@code length} whole notes. */
    record Sound(List<Integer> pitches, Set<Integer> tied, Rational length, List<Grace> graces, boolean staccato,
                 int line) implements Item {
        public Sound {
            pitches = List.copyOf(pitches);
            tied = Set.copyOf(tied);
            graces = List.copyOf(graces);
        }

        Sound withLength(Rational newLength) {
            return new Sound(pitches, tied, newLength, graces, staccato, line);
        }

        Sound withTied(Set<Integer> newTied) {
            return new Sound(pitches, newTied, length, graces, staccato, line);
        }
    }

    /** A grace note: it takes its time from the note that follows it. */
    record Grace(int pitch, Rational length) {
    }

    /** Silence ({@code z}, {@code x}, {@code Z}, {@code X}). */
    record Rest(Rational length, int line) implements Item {
    }

    /** A tempo change ({@code Q:}). */
    record Tempo(int microsPerQuarter, int line) implements Item {
    }

    /** A bar line; {@code section} for {@code ||}, {@code |]} and {@code [|}. */
    record Bar(boolean section, int line) implements Item {
    }

    /** {@code |:}: a repeated section starts. */
    record RepeatStart(int line) implements Item {
    }

    /** {@code :|}: go back to the repeat start until the section has played {@code times} times. */
    record RepeatEnd(int times, int line) implements Item {
    }

    /** {@code [1}, {@code |2}, {@code [1,3}, {@code [1-3}: what follows is played only on these passes. */
    record Ending(Set<Integer> passes, int line) implements Item {
    }
}
