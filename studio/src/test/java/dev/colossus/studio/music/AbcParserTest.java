package dev.colossus.studio.music;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AbcParserTest {
    private static AbcTune parse(String body) throws Exception {
        return AbcParser.parse(body);
    }

    @Test
    void unitLengthDefaultsToASixteenthBelowThreeQuartersAndAnEighthOtherwise() throws Exception {
        assertThat(parse("X:1\nM:2/4\nK:C\nC|\n").voices().getFirst().notes().getFirst().length())
                .isEqualTo(Rational.of(1, 16));
        assertThat(parse("X:1\nM:6/8\nK:C\nC|\n").voices().getFirst().notes().getFirst().length())
                .isEqualTo(Rational.of(1, 8));
        assertThat(parse("X:1\nM:C|\nL:1/4\nK:C\nC|\n").voices().getFirst().notes().getFirst().length())
                .isEqualTo(Rational.of(1, 4));
    }

    @Test
    void meterSymbolsAreCommonAndCutTime() throws Exception {
        AbcTune common = parse("X:1\nM:C\nK:C\nC|\n");
        AbcTune cut = parse("X:1\nM:C|\nK:C\nC|\n");
        assertThat(new int[] {common.meterNumerator(), common.meterDenominator()}).containsExactly(4, 4);
        assertThat(new int[] {cut.meterNumerator(), cut.meterDenominator()}).containsExactly(2, 2);
    }

    @Test
    void tempoWithoutABeatCountsQuarterNotes() throws Exception {
        assertThat(parse("X:1\nL:1/8\nQ:120\nK:C\nC|\n").tempi().getFirst().microsPerQuarter()).isEqualTo(500_000);
        assertThat(parse("X:1\nQ:\"Allegro\" 3/8=60\nK:C\nC|\n").tempi().getFirst().microsPerQuarter())
                .isEqualTo(666_667);
    }

    @Test
    void keySignatureCountsSharpsOfTheMode() throws Exception {
        assertThat(parse("X:1\nK:F#m\nC|\n").keySharps()).isEqualTo(3);
        assertThat(parse("X:1\nK:F#m\nC|\n").minor()).isTrue();
        assertThat(parse("X:1\nK:Ador\nC|\n").keySharps()).isEqualTo(1);
        assertThat(parse("X:1\nK:Bb\nC|\n").keySharps()).isEqualTo(-2);
        assertThat(parse("X:1\nK:Eb mixolydian\nC|\n").keySharps()).isEqualTo(-4);
        assertThat(parse("X:1\nK:D clef=bass\nF|\n").voices().getFirst().notes().getFirst().pitch()).isEqualTo(66);
    }

    @Test
    void explicitAccidentalsInTheKeyApplyToEveryBar() throws Exception {
        AbcTune tune = parse("X:1\nK:D =c ^g\nc G | c F |\n");
        assertThat(tune.voices().getFirst().notes()).extracting(AbcNote::pitch).containsExactly(72, 68, 72, 66);
    }

    @Test
    void voicesKeepTheirNamesAndInstruments() throws Exception {
        AbcTune tune = parse("""
                X:1
                K:C
                V:T name="Tenor"
                %%MIDI program 41
                C D |
                V:B nm="Bass"
                %%MIDI program 32
                C, D, |
                """);
        assertThat(tune.voices()).extracting(AbcVoice::name).containsExactly("Tenor", "Bass");
        assertThat(tune.voices()).extracting(AbcVoice::program).containsExactly(41, 32);
    }

    @Test
    void referenceNumberChoosesTheTune() throws Exception {
        String two = "X:1\nT:One\nK:C\nC|\n\nX:7\nT:Seven\nK:C\nD|\n";
        assertThat(AbcParser.parse(two).title()).isEqualTo("One");
        assertThat(AbcParser.parse(two, 7).title()).isEqualTo("Seven");
        assertThat(AbcParser.parse(two, 7).reference()).isEqualTo(7);
    }

    @Test
    void repeatsPlayTwiceWithTheirEndingsAndTripleColonsThreeTimes() throws Exception {
        AbcTune tune = parse("X:1\nL:1/4\nK:C\n|: C |1 D :|2 E || F ::| G |\n");
        assertThat(tune.voices().getFirst().notes()).extracting(AbcNote::pitch)
                .containsExactly(60, 62, 60, 64, 65, 65, 65, 67);
        assertThat(tune.length()).isEqualTo(Rational.of(8, 4));
    }

    @Test
    void graceNotesTakeAQuarterOfTheirLengthFromTheNextNote() throws Exception {
        AbcTune tune = parse("X:1\nL:1/4\nK:C\n{d}c2 |\n");
        assertThat(tune.voices().getFirst().notes()).containsExactly(
                new AbcNote(74, Rational.ZERO, Rational.of(1, 16), 105),
                new AbcNote(72, Rational.of(1, 16), Rational.of(7, 16), 105));
    }

    @Test
    void tiedNotesSoundAsOneAcrossTheBar() throws Exception {
        AbcTune tune = parse("X:1\nL:1/4\nK:C\nc2 c2- | c2 d2 |\n");
        assertThat(tune.voices().getFirst().notes()).extracting(AbcNote::length)
                .containsExactly(Rational.of(1, 2), Rational.ONE, Rational.of(1, 2));
    }

    @Test
    void aSourceWithoutReferenceNumberIsOneTune() throws Exception {
        assertThat(parse("K:G\nG B d |\n").voices().getFirst().notes()).hasSize(3);
    }

    @Test
    void secondsFollowTheTempoMap() throws Exception {
        AbcTune tune = parse("X:1\nL:1/4\nQ:1/4=60\nK:C\nC C [Q:1/4=120] C C |\n");
        assertThat(tune.seconds()).isCloseTo(3.0, org.assertj.core.data.Offset.offset(1e-9));
    }
}
