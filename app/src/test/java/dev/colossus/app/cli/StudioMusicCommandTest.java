package dev.colossus.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sound.midi.MidiSystem;
import javax.sound.sampled.AudioSystem;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class StudioMusicCommandTest {
    private static final String TUNE = "X:1\nT:Scale\nM:4/4\nL:1/4\nQ:1/4=240\nK:D\nDEFG|ABcd|\n";

    @TempDir
    Path dir;

    @Test
    void writesMidiWithTheTunesNotes() throws Exception {
        Path abc = Files.writeString(dir.resolve("scale.abc"), TUNE);
        Path mid = dir.resolve("scale.mid");
        CliRun r = CliRun.of("studio", "music", "--from", abc.toString(), "--out", mid.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).startsWith("wrote ").contains("scale.mid").hasLineCount(1);
        assertThat(MidiSystem.getSequence(mid.toFile()).getTracks()).hasSize(2);
    }

    @Test
    void writesWavAndOggByExtension() throws Exception {
        Path abc = Files.writeString(dir.resolve("scale.abc"), TUNE);
        Path wav = dir.resolve("scale.wav");
        assertThat(CliRun.of("studio", "music", "--from", abc.toString(), "--out", wav.toString()).code()).isZero();
        assertThat(AudioSystem.getAudioFileFormat(wav.toFile()).getFrameLength()).isEqualTo((long) (3.0 * 44_100));
        Path ogg = dir.resolve("scale.ogg");
        assertThat(CliRun.of("studio", "music", "--from", abc.toString(), "--out", ogg.toString()).code()).isZero();
        assertThat(new String(Files.readAllBytes(ogg), 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("OggS");
    }

    @Test
    void badInputIsOneLineOnStderrAndNonZeroExit() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.abc"), "X:1\nK:Hm7\nabc\n");
        Path good = Files.writeString(dir.resolve("good.abc"), TUNE);
        CliRun abcError = CliRun.of("studio", "music", "--from", bad.toString(), "--out", dir.resolve("x.mid").toString());
        assertThat(abcError.code()).isEqualTo(2);
        assertThat(abcError.err()).contains("bad.abc: line 2: unknown key 'Hm7'").hasLineCount(1);

        CliRun missing = CliRun.of("studio", "music", "--from", dir.resolve("nope.abc").toString(), "--out", "x.mid");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.abc: no such file").hasLineCount(1);

        CliRun extension = CliRun.of("studio", "music", "--from", good.toString(), "--out", dir.resolve("x.mp3").toString());
        assertThat(extension.code()).isEqualTo(2);
        assertThat(extension.err()).contains("unknown output type").hasLineCount(1);

        CliRun soundfont = CliRun.of("studio", "music", "--from", good.toString(), "--out", dir.resolve("x.wav").toString(),
                "--soundfont", good.toString());
        assertThat(soundfont.code()).isEqualTo(2);
        assertThat(soundfont.err()).contains("not a SoundFont").hasLineCount(1);
        assertThat(dir.resolve("x.wav")).doesNotExist();
    }
}
