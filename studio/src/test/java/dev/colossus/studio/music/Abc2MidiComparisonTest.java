package dev.colossus.studio.music;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Plays each test tune through abc2midi (the reference ABC player) and through {@link MidiRenderer}, and checks that
 * every voice has the same notes: same pitch, onset and length in seconds, within {@value #TOLERANCE_SECONDS} s.
 *
 * <p>Deliberate normalisation: velocities, programs and channels are not compared (abc2midi accents beats its own
 * way); abc2midi starts every note one tick late and spreads chord notes by ten ticks, which the tolerance absorbs;
 * it is run with {@code -NGUI} (no accompaniment track from chord symbols, which this renderer skips) and
 * {@code -NFER} (fermatas not lengthened, which this renderer ignores).
 */
class Abc2MidiComparisonTest {
    static final double TOLERANCE_SECONDS = 0.04;

    @TempDir
    static Path dir;

    @BeforeAll
    static void abc2midiIsInstalled() {
        boolean present = Files.isExecutable(Path.of("/usr/bin/abc2midi"))
                || System.getenv("PATH") != null && List.of(System.getenv("PATH").split(":")).stream()
                .anyMatch(p -> Files.isExecutable(Path.of(p, "abc2midi")));
        if (!present && "true".equals(System.getenv("CI"))) {
            fail("abc2midi is not installed (Debian package abcmidi); CI must install it");
        }
        Assumptions.assumeTrue(present, "abc2midi is not installed (Debian package abcmidi): comparison skipped");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"modes", "accidentals", "rhythm", "tuplets", "chords", "repeats", "voices", "tempo", "jig"})
    void playsTheSameNotesAsAbc2midi(String name) throws Exception {
        String source = resource(name + ".abc");
        compare(name, source, -1);
    }

    @ParameterizedTest(name = "X:{0}")
    @ValueSource(ints = {1, 2, 3})
    void playsTheChosenTuneOfSeveralLikeAbc2midi(int reference) throws Exception {
        compare("multi", resource("multi.abc"), reference);
    }

    private static void compare(String name, String source, int reference) throws Exception {
        List<List<MidiNotes.Note>> expected = MidiNotes.read(abc2midi(name, source, reference));
        List<List<MidiNotes.Note>> actual = MidiNotes.read(MidiRenderer.toMidi(AbcParser.parse(source, reference)));
        assertThat(actual).as("voices with notes").hasSameSizeAs(expected);
        for (int v = 0; v < expected.size(); v++) {
            List<MidiNotes.Note> missing = new ArrayList<>();
            List<MidiNotes.Note> extra = new ArrayList<>(actual.get(v));
            for (MidiNotes.Note want : expected.get(v)) {
                MidiNotes.Note match = extra.stream().filter(n -> n.pitch() == want.pitch()
                        && Math.abs(n.onset() - want.onset()) <= TOLERANCE_SECONDS
                        && Math.abs(n.duration() - want.duration()) <= TOLERANCE_SECONDS).findFirst().orElse(null);
                if (match == null) {
                    missing.add(want);
                } else {
                    extra.remove(match);
                }
            }
            assertThat(missing).as("voice %d: abc2midi notes not played (extra notes played: %s)", v + 1, extra).isEmpty();
            assertThat(extra).as("voice %d: notes abc2midi does not play", v + 1).isEmpty();
            assertThat(expected.get(v)).as("voice %d has notes", v + 1).isNotEmpty();
        }
    }

    private static byte[] abc2midi(String name, String source, int reference) throws IOException, InterruptedException {
        Path abc = dir.resolve(name + ".abc");
        Path mid = dir.resolve(name + reference + ".mid");
        Files.writeString(abc, source);
        List<String> command = new ArrayList<>(List.of("abc2midi", abc.toString()));
        if (reference >= 0) {
            command.add(Integer.toString(reference));
        }
        command.addAll(List.of("-o", mid.toString(), "-NGUI", "-NFER", "-silent"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(mid).as("abc2midi wrote a file: %s", output).exists();
        return Files.readAllBytes(mid);
    }

    static String resource(String name) throws IOException {
        try (InputStream in = Abc2MidiComparisonTest.class.getResourceAsStream("/music/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
