package dev.colossus.app.cli;

import dev.colossus.app.UserError;
import dev.colossus.assistant.studio.MediaKind;
import dev.colossus.studio.SourceException;
import dev.colossus.studio.music.AbcParser;
import dev.colossus.studio.music.AbcTune;
import dev.colossus.studio.music.AudioRenderer;
import dev.colossus.studio.music.MidiRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Soundbank;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.DoubleConsumer;

/** {@code colossus studio music}: ABC notation to a MIDI, WAV or Ogg Opus file. */
@Command(name = "music", mixinStandardHelpOptions = true,
        description = "Render a tune in ABC notation to MIDI (.mid), WAV (.wav) or Ogg Opus (.ogg), chosen by the "
                + "--out extension. Progress and the result go to stderr.")
public final class StudioMusicCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--from", paramLabel = "FILE",
            description = "ABC notation file (UTF-8). Or --prompt.")
    Path from;

    @Mixin
    PromptOptions generation;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output file: .mid, .wav or .ogg.")
    Path out;

    @Option(names = "--tune", paramLabel = "N", description = "Render the tune with X:N (default: the first tune).")
    Integer tune;

    @Option(names = "--soundfont", paramLabel = "FILE",
            description = "General MIDI SoundFont (.sf2) for audio; env COLOSSUS_SOUNDFONT; default: the built-in bank.")
    Path soundfont;

    @Override
    public Integer call() {
        String extension = StudioFiles.extension(out);
        if (!extension.equals("mid") && !extension.equals("wav") && !extension.equals("ogg")) {
            throw new UserError(out + ": unknown output type (use .mid, .wav or .ogg)");
        }
        generation.requireOneSource(from);
        AbcTune abc = parse(generation.given() ? generation.source(MediaKind.MUSIC, null) : StudioFiles.read(from));
        byte[] midi = MidiRenderer.toMidi(abc);
        PrintWriter err = spec.commandLine().getErr();
        DoubleConsumer progress = progress(err, abc.seconds());
        byte[] bytes;
        try {
            bytes = switch (extension) {
                case "wav" -> AudioRenderer.toWav(midi, soundbank(), progress);
                case "ogg" -> AudioRenderer.toOgg(midi, soundbank(), progress);
                default -> midi;
            };
        } catch (SourceException e) {
            throw StudioFiles.renderError(from, e);
        }
        StudioFiles.write(out, bytes);
        err.printf(Locale.ROOT, "wrote %s (%d bytes, %.1f s of music)%n", out, bytes.length, abc.seconds());
        err.flush();
        return 0;
    }

    private AbcTune parse(String source) {
        try {
            return AbcParser.parse(source, tune == null ? -1 : tune);
        } catch (SourceException e) {
            throw StudioFiles.renderError(from, e);
        }
    }

    /** Reports every quarter of a render on stderr, for tunes long enough to keep someone waiting. */
    private static DoubleConsumer progress(PrintWriter err, double seconds) {
        if (seconds < 60) {
            return fraction -> { };
        }
        int[] reported = {0};
        return fraction -> {
            int quarter = (int) (fraction * 4);
            if (quarter > reported[0] && quarter < 4) {
                reported[0] = quarter;
                err.printf("rendering: %d%%%n", quarter * 25);
                err.flush();
            }
        };
    }

    private Soundbank soundbank() {
        String configured = System.getenv("COLOSSUS_SOUNDFONT");
        Path file = soundfont != null ? soundfont
                : configured != null && !configured.isBlank() ? Path.of(configured) : null;
        if (file == null) {
            return null;
        }
        if (!Files.isRegularFile(file)) {
            throw new UserError(file + ": no such SoundFont file");
        }
        try {
            return MidiSystem.getSoundbank(file.toFile());
        } catch (InvalidMidiDataException e) {
            throw new UserError(file + ": not a SoundFont (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new UserError(file + ": cannot read the SoundFont (" + e.getMessage() + ")");
        }
    }
}
