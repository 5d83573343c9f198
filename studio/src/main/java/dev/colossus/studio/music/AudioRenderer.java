package dev.colossus.studio.music;

import dev.colossus.studio.SourceException;

import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.midi.Receiver;
import javax.sound.midi.Sequence;
import javax.sound.midi.Soundbank;
import javax.sound.midi.Synthesizer;
import javax.sound.midi.Track;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleConsumer;

/**
 * Renders MIDI to audio with the JDK's software synthesizer (Gervill), offline and faster than real time: the
 * synthesizer is opened as an audio stream, every MIDI event is sent stamped with its time, and the stream is read
 * to the end of the music plus {@value #TAIL_SECONDS} s for notes to die away. No sound device is needed.
 *
 * <p>Instruments come from the given {@link Soundbank} (e.g. a General MIDI SoundFont loaded with
 * {@link MidiSystem#getSoundbank(java.io.File)}), or from the synthesizer's built-in bank when it is null.
 *
 * <p>Needs the JVM flag {@code --add-exports java.desktop/com.sun.media.sound=ALL-UNNAMED} (the offline stream is
 * not public API); without it the render methods throw {@link IllegalStateException}. Each call uses its own
 * synthesizer, so calls may run in parallel. Input longer than {@link AbcParser#MAX_SECONDS} s of music is refused.
 */
public final class AudioRenderer {
    /** Seconds rendered after the last event, for releases and reverb. */
    public static final double TAIL_SECONDS = 1.0;
    /** The WAV sample rate. */
    public static final int WAV_SAMPLE_RATE = 44_100;

    private AudioRenderer() {
    }

    /** {@link #toWav(byte[], Soundbank, DoubleConsumer)} without progress reports. */
    public static byte[] toWav(byte[] midi, Soundbank bankOrNull) throws SourceException {
        return toWav(midi, bankOrNull, fraction -> { });
    }

    /**
     * The MIDI file rendered as a WAV file: 16-bit signed PCM, stereo, {@value #WAV_SAMPLE_RATE} Hz.
     *
     * @param midi       a Standard MIDI File
     * @param bankOrNull the instruments, or null for the built-in bank
     * @param progress   told the fraction done, 0..1, from the rendering thread as it goes
     * @throws SourceException when {@code midi} is not a MIDI file, or plays longer than the limit
     * @throws IllegalArgumentException when the synthesizer cannot use {@code bankOrNull}
     */
    public static byte[] toWav(byte[] midi, Soundbank bankOrNull, DoubleConsumer progress) throws SourceException {
        AudioFormat format = new AudioFormat(WAV_SAMPLE_RATE, 16, 2, true, false);
        byte[] pcm = render(sequence(midi), bankOrNull, format, progress);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(pcm.length + 64);
            AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(pcm), format, pcm.length / 4),
                    AudioFileFormat.Type.WAVE, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #toOgg(byte[], Soundbank, DoubleConsumer)} without progress reports. */
    public static byte[] toOgg(byte[] midi, Soundbank bankOrNull) throws SourceException {
        return toOgg(midi, bankOrNull, fraction -> { });
    }

    /**
     * The MIDI file rendered as Ogg Opus ({@code .ogg}/{@code .opus}): stereo, 48 kHz, about 128 kbit/s.
     * Rendering reports the first 80 % of progress, encoding the rest. Same errors as {@link #toWav}.
     */
    public static byte[] toOgg(byte[] midi, Soundbank bankOrNull, DoubleConsumer progress) throws SourceException {
        AudioFormat format = new AudioFormat(OggOpusEncoder.SAMPLE_RATE, 16, 2, true, false);
        byte[] pcm = render(sequence(midi), bankOrNull, format, f -> progress.accept(0.8 * f));
        byte[] ogg = OggOpusEncoder.encode(pcm, f -> progress.accept(0.8 + 0.2 * f));
        progress.accept(1.0);
        return ogg;
    }

    private static Sequence sequence(byte[] midi) throws SourceException {
        try {
            return MidiSystem.getSequence(new ByteArrayInputStream(midi));
        } catch (InvalidMidiDataException | IOException e) {
            throw new SourceException("not a MIDI file: " + e.getMessage());
        }
    }

    /** A MIDI event with its time in microseconds from the start. */
    private record Timed(long micros, MidiEvent event) {
    }

    private static byte[] render(Sequence sequence, Soundbank bank, AudioFormat format, DoubleConsumer progress)
            throws SourceException {
        if (sequence.getDivisionType() != Sequence.PPQ) {
            throw new SourceException("MIDI files timed in SMPTE frames are not supported");
        }
        List<Timed> events = timed(sequence);
        double seconds = events.isEmpty() ? 0 : events.getLast().micros() / 1e6;
        if (seconds > AbcParser.MAX_SECONDS) {
            throw new SourceException(String.format("the music plays for %.0f seconds; at most %d",
                    seconds, AbcParser.MAX_SECONDS));
        }
        int frameSize = format.getFrameSize();
        long frames = (long) Math.ceil((seconds + TAIL_SECONDS) * format.getSampleRate());
        byte[] pcm = new byte[Math.toIntExact(frames * frameSize)];
        Synthesizer synth = synthesizer();
        try (AudioInputStream stream = openStream(synth, format, bank)) {
            if (bank != null && !synth.loadAllInstruments(bank)) {
                throw new IllegalArgumentException("the synthesizer cannot use this soundbank");
            }
            Receiver receiver = synth.getReceiver();
            for (Timed t : events) {
                if (!(t.event().getMessage() instanceof MetaMessage)) {
                    receiver.send(t.event().getMessage(), t.micros());
                }
            }
            int chunk = (int) format.getSampleRate() / 10 * frameSize;
            int done = 0;
            while (done < pcm.length) {
                int n = stream.read(pcm, done, Math.min(chunk, pcm.length - done));
                if (n < 0) {
                    break;
                }
                done += n;
                progress.accept((double) done / pcm.length);
            }
        } catch (IOException | MidiUnavailableException e) {
            throw new IllegalStateException("the software synthesizer failed: " + e.getMessage(), e);
        } finally {
            synth.close();
        }
        return pcm;
    }

    /** All events of all tracks in time order, with times from the tempo map. */
    private static List<Timed> timed(Sequence sequence) {
        List<MidiEvent> all = new ArrayList<>();
        for (Track track : sequence.getTracks()) {
            for (int i = 0; i < track.size(); i++) {
                all.add(track.get(i));
            }
        }
        all.sort(Comparator.comparingLong(MidiEvent::getTick));
        List<Timed> out = new ArrayList<>(all.size());
        double microsPerTick = 500_000.0 / sequence.getResolution();
        double micros = 0;
        long tick = 0;
        for (MidiEvent event : all) {
            micros += (event.getTick() - tick) * microsPerTick;
            tick = event.getTick();
            out.add(new Timed(Math.round(micros), event));
            if (event.getMessage() instanceof MetaMessage m && m.getType() == 0x51 && m.getData().length == 3) {
                byte[] d = m.getData();
                microsPerTick = (double) (((d[0] & 255) << 16) | ((d[1] & 255) << 8) | (d[2] & 255))
                        / sequence.getResolution();
            }
        }
        return out;
    }

    private static Synthesizer synthesizer() {
        try {
            return MidiSystem.getSynthesizer();
        } catch (MidiUnavailableException e) {
            throw new IllegalStateException("no software synthesizer in this JDK", e);
        }
    }

    /** Opens Gervill as an offline audio stream ({@code AudioSynthesizer.openStream}, not public API). */
    private static AudioInputStream openStream(Synthesizer synth, AudioFormat format, Soundbank bank)
            throws MidiUnavailableException {
        String pkg = "com.sun.media.sound";
        if (!Synthesizer.class.getModule().isExported(pkg, AudioRenderer.class.getModule())) {
            throw new IllegalStateException("rendering audio needs the JVM flag --add-exports java.desktop/" + pkg
                    + "=ALL-UNNAMED");
        }
        Map<String, Object> info = new HashMap<>();
        info.put("load default soundbank", bank == null);
        try {
            Method open = Class.forName(pkg + ".AudioSynthesizer").getMethod("openStream", AudioFormat.class, Map.class);
            return (AudioInputStream) open.invoke(synth, format, info);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof MidiUnavailableException m) {
                throw m;
            }
            throw new IllegalStateException("the software synthesizer failed to open", e.getCause());
        } catch (ReflectiveOperationException | ClassCastException | IllegalArgumentException e) {
            throw new IllegalStateException("this JDK's synthesizer cannot render offline", e);
        }
    }
}
