package dev.colossus.studio.music;

import dev.colossus.studio.SourceException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Plays out each voice as written: repeats and endings unfolded, then every note given its start time, ties merged
 * and grace notes placed before the note they lean on.
 */
final class Timeline {
    /** Most items played per voice after unfolding repeats. */
    static final int MAX_PLAYED_ITEMS = 100_000;
    /** Most notes in a tune. */
    static final int MAX_NOTES = 200_000;
    private static final int ACCENT = 105;
    private static final int PLAIN = 80;

    private Timeline() {
    }

    static AbcTune build(int reference, String title, Fields.Meter meter, Fields.Key key, int headerTempo,
                         List<VoiceState> voices) throws SourceException {
        TreeMap<Rational, Integer> tempi = new TreeMap<>();
        tempi.put(Rational.ZERO, headerTempo);
        List<AbcVoice> played = new ArrayList<>();
        Rational end = Rational.ZERO;
        int notes = 0;
        int lastLine = 1;
        for (VoiceState voice : voices) {
            List<Item> items = unfold(voice.items);
            if (!items.isEmpty()) {
                lastLine = Math.max(lastLine, items.getLast().line());
            }
            List<AbcNote> list = new ArrayList<>();
            Rational voiceEnd;
            try {
                voiceEnd = place(items, list, tempi, MAX_NOTES - notes);
            } catch (ArithmeticException overflow) {
                throw AbcParser.error(items.getLast().line(), "note lengths too complex to add up exactly");
            }
            notes += list.size();
            if (voiceEnd.compareTo(end) > 0) {
                end = voiceEnd;
            }
            played.add(new AbcVoice(voice.id, voice.name, voice.program, list));
        }
        List<TempoChange> changes = new ArrayList<>();
        tempi.forEach((at, micros) -> changes.add(new TempoChange(at, micros)));
        AbcTune tune = new AbcTune(reference, title, meter.free() ? 4 : meter.numerator(),
                meter.free() ? 4 : meter.denominator(), key.sharps(), key.minor(), changes, played, end);
        if (tune.seconds() > AbcParser.MAX_SECONDS) {
            throw AbcParser.error(lastLine, String.format("the tune plays for %.0f seconds; at most %d",
                    tune.seconds(), AbcParser.MAX_SECONDS));
        }
        return tune;
    }

    /**
     * Plays repeats out: {@code |: ... :|} twice ({@code ::|} three times...), numbered endings on their passes.
     * Bounded by {@link #MAX_PLAYED_ITEMS}.
     */
    static List<Item> unfold(List<Item> items) throws SourceException {
        List<Item> out = new ArrayList<>();
        int start = 0;
        int pass = 1;
        int i = 0;
        while (i < items.size()) {
            Item item = items.get(i);
            switch (item) {
                case Item.RepeatStart s -> {
                    start = i + 1;
                    pass = 1;
                    out.add(new Item.Bar(false, s.line()));
                    i++;
                }
                case Item.RepeatEnd e -> {
                    out.add(new Item.Bar(false, e.line()));
                    if (pass < e.times()) {
                        pass++;
                        i = start;
                    } else {
                        pass = 1;
                        start = i + 1;
                        i++;
                    }
                }
                case Item.Ending e -> {
                    out.add(new Item.Bar(false, e.line()));
                    i = e.passes().contains(pass) ? i + 1 : skipEnding(items, i + 1);
                }
                case Item.Bar b when b.section() -> {
                    start = i + 1;
                    pass = 1;
                    out.add(b);
                    i++;
                }
                default -> {
                    out.add(item);
                    i++;
                }
            }
            if (out.size() > MAX_PLAYED_ITEMS) {
                throw AbcParser.error(item.line(), "too much music once repeats are played (more than "
                        + MAX_PLAYED_ITEMS + " notes and bars in a voice)");
            }
        }
        return out;
    }

    /** Where an ending that is not played this pass stops: after its {@code :|}, or at the next ending or section. */
    private static int skipEnding(List<Item> items, int from) {
        for (int i = from; i < items.size(); i++) {
            switch (items.get(i)) {
                case Item.RepeatEnd ignored -> {
                    return i + 1;
                }
                case Item.Ending ignored -> {
                    return i;
                }
                case Item.RepeatStart ignored -> {
                    return i;
                }
                case Item.Bar b when b.section() -> {
                    return i;
                }
                default -> {
                }
            }
        }
        return items.size();
    }

    /** Gives the played items their times; returns where the voice ends. Tempo changes go into {@code tempi}. */
    private static Rational place(List<Item> items, List<AbcNote> notes, TreeMap<Rational, Integer> tempi,
                                  int budget) throws SourceException {
        Rational time = Rational.ZERO;
        boolean barStart = true;
        Map<Integer, int[]> open = new HashMap<>();
        List<Rational[]> spans = new ArrayList<>();
        List<int[]> keys = new ArrayList<>();
        for (Item item : items) {
            switch (item) {
                case Item.Sound s -> {
                    Rational start = time;
                    Rational length = s.length();
                    Rational graceTotal = s.graces().stream().map(Item.Grace::length).reduce(Rational.ZERO, Rational::plus);
                    Rational graceScale = Rational.ONE;
                    if (graceTotal.compareTo(length) >= 0 && graceTotal.numerator() > 0) {
                        graceScale = length.times(Rational.of(graceTotal.denominator(), 2 * graceTotal.numerator()));
                        graceTotal = length.times(1, 2);
                    }
                    for (Item.Grace g : s.graces()) {
                        Rational gl = g.length().times(graceScale);
                        spans.add(new Rational[] {start, gl});
                        keys.add(new int[] {g.pitch(), barStart && start.equals(time) ? ACCENT : PLAIN});
                        start = start.plus(gl);
                    }
                    Rational sounding = length.minus(graceTotal);
                    if (s.staccato()) {
                        sounding = sounding.times(1, 2);
                    }
                    int velocity = barStart ? ACCENT : PLAIN;
                    Map<Integer, int[]> stillOpen = new HashMap<>();
                    for (int pitch : s.pitches()) {
                        int[] index = open.get(pitch);
                        if (index != null && s.graces().isEmpty()
                                && spans.get(index[0])[0].plus(spans.get(index[0])[1]).equals(start)) {
                            spans.get(index[0])[1] = spans.get(index[0])[1].plus(sounding);
                        } else {
                            spans.add(new Rational[] {start, sounding});
                            keys.add(new int[] {pitch, velocity});
                            index = new int[] {spans.size() - 1};
                        }
                        if (s.tied().contains(pitch)) {
                            stillOpen.put(pitch, index);
                        }
                    }
                    open = stillOpen;
                    time = time.plus(length);
                    if (spans.size() > budget) {
                        throw AbcParser.error(s.line(), "more than " + MAX_NOTES + " notes once repeats are played");
                    }
                    barStart = false;
                }
                case Item.Rest r -> {
                    time = time.plus(r.length());
                    open = Map.of();
                }
                case Item.Tempo t -> tempi.put(time, t.microsPerQuarter());
                default -> barStart = true;
            }
        }
        for (int i = 0; i < spans.size(); i++) {
            notes.add(new AbcNote(keys.get(i)[0], spans.get(i)[0], spans.get(i)[1], keys.get(i)[1]));
        }
        notes.sort(Comparator.comparing(AbcNote::start));
        return time;
    }
}
