package dev.colossus.studio.music;

import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes an {@link AbcTune} as a Standard MIDI File (format 1, {@value #TICKS_PER_QUARTER} ticks per quarter note):
 * track 0 holds the title, time and key signature and the tempo map; each voice gets its own track and channel
 * (0, 1, ... skipping 9, the General MIDI drum channel), with a program change for its instrument. Pure and
 * thread-safe.
 */
public final class MidiRenderer {
    /** The file's time resolution. */
    public static final int TICKS_PER_QUARTER = 480;

    private MidiRenderer() {
    }

    /** The tune as the bytes of a {@code .mid} file. */
    public static byte[] toMidi(AbcTune tune) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            MidiSystem.write(toSequence(tune), 1, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tune as a {@link Sequence}. */
    public static Sequence toSequence(AbcTune tune) {
        try {
            Sequence sequence = new Sequence(Sequence.PPQ, TICKS_PER_QUARTER);
            Track conductor = sequence.createTrack();
            if (!tune.title().isEmpty()) {
                conductor.add(meta(0x03, tune.title().getBytes(StandardCharsets.UTF_8), 0));
            }
            int denominatorPower = Integer.numberOfTrailingZeros(tune.meterDenominator());
            conductor.add(meta(0x58, new byte[] {(byte) tune.meterNumerator(), (byte) denominatorPower, 24, 8}, 0));
            conductor.add(meta(0x59, new byte[] {(byte) tune.keySharps(), (byte) (tune.minor() ? 1 : 0)}, 0));
            for (TempoChange change : tune.tempi()) {
                int m = change.microsPerQuarter();
                conductor.add(meta(0x51, new byte[] {(byte) (m >> 16), (byte) (m >> 8), (byte) m}, ticks(change.at())));
            }
            long end = ticks(tune.length());
            for (int v = 0; v < tune.voices().size(); v++) {
                AbcVoice voice = tune.voices().get(v);
                int channel = v < 9 ? v : v + 1;
                Track track = sequence.createTrack();
                track.add(meta(0x03, voice.name().getBytes(StandardCharsets.UTF_8), 0));
                track.add(new MidiEvent(new ShortMessage(ShortMessage.PROGRAM_CHANGE, channel, voice.program(), 0), 0));
                for (MidiEvent event : noteEvents(voice, channel)) {
                    track.add(event);
                }
                end = Math.max(end, track.ticks());
            }
            for (Track track : sequence.getTracks()) {
                track.add(meta(0x2F, new byte[0], end));
            }
            return sequence;
        } catch (InvalidMidiDataException e) {
            throw new IllegalStateException("a valid tune gave an invalid MIDI message", e);
        }
    }

    /**
     * Note-on and note-off events in time order, offs before ons at the same tick so that a note repeated at once
     * sounds again. Positions are rounded, not lengths, so rounding never adds up.
     */
    private static List<MidiEvent> noteEvents(AbcVoice voice, int channel) throws InvalidMidiDataException {
        record Timed(long tick, boolean on, MidiMessage message) {
        }
        List<Timed> events = new ArrayList<>();
        for (AbcNote note : voice.notes()) {
            long on = ticks(note.start());
            long off = Math.max(on + 1, ticks(note.end()));
            events.add(new Timed(on, true, new ShortMessage(ShortMessage.NOTE_ON, channel, note.pitch(), note.velocity())));
            events.add(new Timed(off, false, new ShortMessage(ShortMessage.NOTE_OFF, channel, note.pitch(), 0)));
        }
        events.sort(Comparator.comparingLong(Timed::tick).thenComparing(Timed::on));
        List<MidiEvent> out = new ArrayList<>(events.size());
        for (Timed t : events) {
            out.add(new MidiEvent(t.message(), t.tick()));
        }
        return out;
    }

    /** Whole notes to ticks, rounded to the nearest tick. */
    static long ticks(Rational wholeNotes) {
        return Math.round(wholeNotes.toDouble() * 4 * TICKS_PER_QUARTER);
    }

    private static MidiEvent meta(int type, byte[] data, long tick) throws InvalidMidiDataException {
        return new MidiEvent(new MetaMessage(type, data, data.length), tick);
    }
}
