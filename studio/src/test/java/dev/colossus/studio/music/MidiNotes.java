package dev.colossus.studio.music;

import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads the notes of a MIDI file back, per track, in seconds (following the file's tempo map). */
final class MidiNotes {
    record Note(int pitch, double onset, double duration) {
        @Override
        public String toString() {
            return String.format("%d@%.3f+%.3f", pitch, onset, duration);
        }
    }

    private MidiNotes() {
    }

    /** The notes of every track that has notes, each list in time order. */
    static List<List<Note>> read(byte[] midi) throws Exception {
        Sequence sequence = MidiSystem.getSequence(new ByteArrayInputStream(midi));
        TreeMap<Long, Integer> tempi = new TreeMap<>();
        tempi.put(0L, 500_000);
        for (Track track : sequence.getTracks()) {
            for (int i = 0; i < track.size(); i++) {
                if (track.get(i).getMessage() instanceof MetaMessage m && m.getType() == 0x51) {
                    byte[] d = m.getData();
                    tempi.put(track.get(i).getTick(), ((d[0] & 255) << 16) | ((d[1] & 255) << 8) | (d[2] & 255));
                }
            }
        }
        int resolution = sequence.getResolution();
        List<List<Note>> tracks = new ArrayList<>();
        for (Track track : sequence.getTracks()) {
            List<Note> notes = new ArrayList<>();
            Map<Integer, Long> on = new HashMap<>();
            for (int i = 0; i < track.size(); i++) {
                MidiEvent e = track.get(i);
                if (e.getMessage() instanceof ShortMessage s && (s.getCommand() == ShortMessage.NOTE_ON
                        || s.getCommand() == ShortMessage.NOTE_OFF)) {
                    int key = s.getChannel() * 128 + s.getData1();
                    boolean start = s.getCommand() == ShortMessage.NOTE_ON && s.getData2() > 0;
                    Long begun = on.remove(key);
                    if (begun != null) {
                        double t0 = seconds(begun, tempi, resolution);
                        notes.add(new Note(s.getData1(), t0, seconds(e.getTick(), tempi, resolution) - t0));
                    }
                    if (start) {
                        on.put(key, e.getTick());
                    }
                }
            }
            if (!notes.isEmpty()) {
                notes.sort((a, b) -> a.onset() != b.onset() ? Double.compare(a.onset(), b.onset())
                        : Integer.compare(a.pitch(), b.pitch()));
                tracks.add(notes);
            }
        }
        return tracks;
    }

    private static double seconds(long tick, TreeMap<Long, Integer> tempi, int resolution) {
        double seconds = 0;
        long at = 0;
        int micros = 500_000;
        for (Map.Entry<Long, Integer> change : tempi.entrySet()) {
            if (change.getKey() >= tick) {
                break;
            }
            seconds += (change.getKey() - at) * (double) micros / resolution / 1e6;
            at = change.getKey();
            micros = change.getValue();
        }
        return seconds + (tick - at) * (double) micros / resolution / 1e6;
    }
}
