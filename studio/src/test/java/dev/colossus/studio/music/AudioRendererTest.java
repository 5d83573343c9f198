package dev.colossus.studio.music;

import dev.colossus.studio.SourceException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sound.midi.MidiSystem;
import javax.sound.midi.Soundbank;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

class AudioRendererTest {
    /** Two seconds of silence, then one C for two seconds (at 120 quarter notes a minute). */
    private static final String LATE_NOTE = "X:1\nM:4/4\nL:1/4\nQ:1/4=120\nK:C\nz4 | c4 |\n";

    @TempDir
    Path dir;

    @Test
    void wavLastsTheTuneAndItsTailAndSoundsOnlyWhereTheNoteIs() throws Exception {
        byte[] wav = AudioRenderer.toWav(midi(LATE_NOTE), null);
        short[] left = leftChannel(wav, AudioRenderer.WAV_SAMPLE_RATE);
        double seconds = left.length / (double) AudioRenderer.WAV_SAMPLE_RATE;
        assertThat(seconds).isBetween(4.0 + AudioRenderer.TAIL_SECONDS - 0.01, 4.0 + AudioRenderer.TAIL_SECONDS + 0.01);
        double[] rms = windows(left, AudioRenderer.WAV_SAMPLE_RATE / 20);
        int loudest = argmax(rms);
        assertThat(loudest / 20.0).as("loudest 50 ms window, seconds").isBetween(2.0, 4.0);
        assertThat(rms[loudest]).as("peak RMS").isGreaterThan(300);
        for (int w = 0; w < 38; w++) {
            assertThat(rms[w]).as("silence before the note, window %d", w).isLessThan(30);
        }
    }

    @Test
    void givenSoundbankIsUsedInsteadOfTheBuiltInOne() throws Exception {
        Soundbank bank = MidiSystem.getSynthesizer().getDefaultSoundbank();
        byte[] wav = AudioRenderer.toWav(midi(LATE_NOTE), bank);
        double[] rms = windows(leftChannel(wav, AudioRenderer.WAV_SAMPLE_RATE), AudioRenderer.WAV_SAMPLE_RATE / 20);
        assertThat(rms[argmax(rms)]).isGreaterThan(300);
    }

    @Test
    void progressRisesToOne() throws Exception {
        List<Double> seen = new ArrayList<>();
        AudioRenderer.toWav(midi(LATE_NOTE), null, seen::add);
        assertThat(seen).isSorted().isNotEmpty();
        assertThat(seen.getLast()).isEqualTo(1.0);
    }

    @Test
    void notMidiIsASourceError() {
        assertThatThrownBy(() -> AudioRenderer.toWav("hello".getBytes(StandardCharsets.UTF_8), null))
                .isInstanceOf(SourceException.class).hasMessageStartingWith("not a MIDI file");
    }

    @Test
    void thirtySecondTuneRendersFasterThanRealTime() throws Exception {
        String tune = "X:1\nM:4/4\nL:1/8\nQ:1/4=120\nK:G\n" + "|: GABc dedB | [DGB]2 [CEA]2 [B,DG]4 :|\n".repeat(4);
        byte[] midi = midi(tune);
        AudioRenderer.toWav(midi, null);
        long start = System.nanoTime();
        byte[] wav = AudioRenderer.toWav(midi, null);
        double elapsed = (System.nanoTime() - start) / 1e9;
        double seconds = (wav.length - 44) / 4.0 / AudioRenderer.WAV_SAMPLE_RATE;
        System.out.printf("rendered %.1f s of music to WAV in %.3f s%n", seconds, elapsed);
        assertThat(seconds).isGreaterThan(30);
        assertThat(elapsed).isLessThan(seconds / 3);
    }

    @Test
    void oggIsOpusThatFfmpegDecodesToTheSameSoundAsTheWav() throws Exception {
        boolean ffmpeg = Files.isExecutable(Path.of("/usr/bin/ffmpeg")) && Files.isExecutable(Path.of("/usr/bin/ffprobe"));
        if (!ffmpeg && "true".equals(System.getenv("CI"))) {
            fail("ffmpeg/ffprobe are not installed; CI must install them");
        }
        Assumptions.assumeTrue(ffmpeg, "ffmpeg is not installed: Ogg check skipped");
        String tune = "X:1\nM:4/4\nL:1/4\nQ:1/4=120\nK:C\nz2 C E | G c z2 | [CEG]4 |\n";
        Path ogg = dir.resolve("tune.ogg");
        Files.write(ogg, AudioRenderer.toOgg(midi(tune), null));
        String probe = run("ffprobe", "-v", "error", "-show_entries", "stream=codec_name,channels,sample_rate:format=duration",
                "-of", "default=noprint_wrappers=1", ogg.toString());
        assertThat(probe).contains("codec_name=opus", "channels=2", "sample_rate=48000");
        double duration = Double.parseDouble(probe.replaceAll("(?s).*duration=([0-9.]+).*", "$1"));
        assertThat(duration).isCloseTo(6.0 + AudioRenderer.TAIL_SECONDS, org.assertj.core.data.Offset.offset(0.03));

        Path raw = dir.resolve("tune.raw");
        run("ffmpeg", "-v", "error", "-i", ogg.toString(), "-f", "s16le", "-ac", "2", "-ar", "48000", raw.toString());
        short[] decoded = left(Files.readAllBytes(raw));
        short[] original = leftChannel(AudioRenderer.toWav(midi(tune), null), AudioRenderer.WAV_SAMPLE_RATE);
        double[] a = windows(decoded, 48_000 / 20);
        double[] b = windows(original, AudioRenderer.WAV_SAMPLE_RATE / 20);
        int n = Math.min(a.length, b.length);
        assertThat(Math.abs(a.length - b.length)).isLessThanOrEqualTo(1);
        assertThat(correlation(a, b, n)).as("loudness envelope correlation").isGreaterThan(0.97);
    }

    private static byte[] midi(String abc) throws SourceException {
        return MidiRenderer.toMidi(AbcParser.parse(abc));
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private static short[] leftChannel(byte[] wav, int rate) throws Exception {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(wav))) {
            AudioFormat f = in.getFormat();
            assertThat(f.getEncoding()).isEqualTo(AudioFormat.Encoding.PCM_SIGNED);
            assertThat(f.getSampleSizeInBits()).isEqualTo(16);
            assertThat(f.getChannels()).isEqualTo(2);
            assertThat(f.getSampleRate()).isEqualTo(rate);
            assertThat(f.isBigEndian()).isFalse();
            return left(in.readAllBytes());
        }
    }

    private static short[] left(byte[] pcm) {
        ByteBuffer b = ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN);
        short[] out = new short[pcm.length / 4];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.getShort(i * 4);
        }
        return out;
    }

    private static double[] windows(short[] samples, int size) {
        double[] rms = new double[samples.length / size];
        for (int w = 0; w < rms.length; w++) {
            double sum = 0;
            for (int i = w * size; i < (w + 1) * size; i++) {
                sum += (double) samples[i] * samples[i];
            }
            rms[w] = Math.sqrt(sum / size);
        }
        return rms;
    }

    private static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    private static double correlation(double[] a, double[] b, int n) {
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < n; i++) {
            ma += a[i] / n;
            mb += b[i] / n;
        }
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < n; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
