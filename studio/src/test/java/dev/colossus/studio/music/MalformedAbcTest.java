package dev.colossus.studio.music;

import dev.colossus.studio.SourceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Bad sources give one line, {@code line N: what is wrong}, quickly, and nothing else escapes. */
class MalformedAbcTest {
    private static final String HEAD = "X:1\nT:t\nM:4/4\nL:1/8\n";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '#', quoteCharacter = '\'', value = {
        "unclosed chord#K:C\\nABc [CEG d#line 6: unclosed chord",
        "bad key#K:Hm7\\nABc#line 5: unknown key 'Hm7'",
        "bad mode#K:Cxyz\\nABc#line 5: unknown mode 'xyz'",
        "too many flats#K:Fb\\nABc#line 5: key 'Fb' needs more than 7",
        "huge tuplet#K:C\\n(99999abc#line 6: number too large",
        "zero tuplet#K:C\\n(0abc#line 6: bad tuplet",
        "absurd tuplet ratio#K:C\\n(3:40:3abc#line 6: bad tuplet",
        "many colons#K:C\\n|: abc ::::::::::::::| d#line 6: too many repeats",
        "ten minutes of rest#K:C\\nZ9999 #line 6: the tune plays for",
        "very long note#K:C\\nc9999 c9999 c9999 c9999 c9999 c9999 c9999 c9999 c9999#line 6: the tune plays for",
        "bad ending#K:C\\n|: a :|0 b#line 6: bad ending number",
        "stray character#K:C\\nab @ c#line 6: unexpected character '@'",
        "voice overlay#K:C\\nabc & def#line 6: voice overlay '&' is not supported",
        "no key#ABc#line 5: music before the K: field",
        "no key at all#T:x#line 5: the tune has no K: field",
        "accidental alone#K:C\\na ^ #line 6: accidental without a note",
        "octave overflow#K:C\\nc'''''''''''#line 6: too many octave marks",
        "unclosed grace#K:C\\n{ga b#line 6: unclosed grace notes",
        "unclosed quote#K:C\\n\"Am a b#line 6: unclosed quote",
        "bad meter#M:7/9\\nK:C\\nabc#line 5: meter out of range",
        "bad tempo#Q:1/4=abc\\nK:C\\nabc#line 5: bad tempo",
        "tempo out of range#Q:1/4=9999\\nK:C\\nabc#line 5: tempo out of range",
        "broken rhythm first#K:C\\n> a#line 6: broken rhythm '>' without a note",
        "sixteen voices#K:C\\nV:1\\na\\nV:2\\na\\nV:3\\na\\nV:4\\na\\nV:5\\na\\nV:6\\na\\nV:7\\na\\nV:8\\na\\nV:9\\na\\nV:10\\na\\nV:11\\na\\nV:12\\na\\nV:13\\na\\nV:14\\na\\nV:15\\na\\nV:16\\na#line 36: more than 15 voices",
    })
    void malformedSourceGivesOneLineNamingTheLine(String name, String body, String message) {
        String source = HEAD + body.replace("\\n", "\n") + "\n";
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            assertThatThrownBy(() -> AbcParser.parse(source))
                    .isInstanceOf(SourceException.class)
                    .hasMessageStartingWith(message)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        });
    }

    @Test
    void binaryGarbageIsRefusedAsNotText() {
        byte[] bytes = new byte[4096];
        new Random(7).nextBytes(bytes);
        String garbage = new String(bytes, StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> AbcParser.parse(garbage))
                .isInstanceOf(SourceException.class)
                .hasMessageMatching("line \\d+: unexpected control character .*");
    }

    @Test
    void oversizedSourceIsRefusedBeforeParsing() {
        String huge = HEAD + "K:C\n" + "abcd efga | ".repeat(30_000);
        assertThatThrownBy(() -> AbcParser.parse(huge))
                .isInstanceOf(SourceException.class)
                .hasMessageStartingWith("line 1: the source is too large");
    }

    @Test
    void repeatsThatWouldPlayTooMuchAreRefused() {
        String body = "|: " + "[CEG]".repeat(200) + " ::::::::| ";
        String source = HEAD + "Q:1/4=2000\nK:C\n" + body.repeat(100) + "\n";
        assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
                assertThatThrownBy(() -> AbcParser.parse(source)).isInstanceOf(SourceException.class)
                        .hasMessageMatching("line 7: .*"));
    }

    @Test
    void randomlyMutatedTunesEitherParseOrGiveASourceException() throws Exception {
        String[] tunes = {"rhythm", "tuplets", "chords", "repeats", "voices", "tempo", "jig"};
        Random random = new Random(42);
        String alphabet = "abcABC^_=,'/2345|:[]{}()<>-zZx\"!%\\&~.+ \nKMLQV";
        for (int i = 0; i < 3000; i++) {
            StringBuilder source = new StringBuilder(Abc2MidiComparisonTest.resource(tunes[i % tunes.length] + ".abc"));
            int edits = 1 + random.nextInt(6);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(source.length());
                switch (random.nextInt(3)) {
                    case 0 -> source.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    case 1 -> source.deleteCharAt(at);
                    default -> source.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            long start = System.nanoTime();
            try {
                AbcTune tune = AbcParser.parse(source.toString());
                assertThat(MidiRenderer.toMidi(tune)).isNotEmpty();
            } catch (SourceException expected) {
                assertThat(expected.getMessage()).matches("line \\d+: [^\\n]+");
            } catch (RuntimeException bug) {
                fail("mutation %d threw %s for:%n%s", i, bug, source);
            }
            assertThat(System.nanoTime() - start).as("mutation %d time", i).isLessThan(1_000_000_000L);
        }
    }
}
