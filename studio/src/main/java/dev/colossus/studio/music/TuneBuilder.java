package dev.colossus.studio.music;

import dev.colossus.studio.SourceException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Collects one tune's fields and voices, line by line, then hands them to the {@link Timeline}. */
final class TuneBuilder {
    static final int MAX_VOICES = 15;
    private static final Pattern VOICE_NAME = Pattern.compile("(?:name|nm)\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern PROGRAM = Pattern.compile("%%MIDI\\s+program\\s+(?:\\d+\\s+)?(\\d{1,3})\\s*");

    private final int reference;
    private String title = "";
    private boolean inHeader = true;
    private Fields.Key key = Fields.Key.C_MAJOR;
    private Fields.Meter meter = new Fields.Meter(4, 4, true);
    private Rational unit;
    private int headerTempo = 500_000;
    private Fields.Key firstKey;
    private Fields.Meter firstMeter;
    private final Map<String, VoiceState> voices = new LinkedHashMap<>();
    private VoiceState current;
    private int headerProgram;

    TuneBuilder(int reference) {
        this.reference = reference;
    }

    boolean inHeader() {
        return inHeader;
    }

    /** A field line or inline field, {@code letter:value}. */
    void field(char letter, String value, int line) throws SourceException {
        switch (letter) {
            case 'T' -> {
                if (title.isEmpty()) {
                    title = value.trim();
                }
            }
            case 'K' -> {
                Fields.Key k = Fields.key(value, line);
                if (inHeader) {
                    key = k;
                    firstKey = k;
                    inHeader = false;
                    Rational u = unit != null ? unit : meter.defaultUnit();
                    voices.values().forEach(v -> {
                        v.key = k;
                        v.unit = u;
                    });
                } else {
                    voice(line).key = k;
                    voice(line).bar(new Item.Bar(false, line));
                }
            }
            case 'M' -> {
                Fields.Meter m = Fields.meter(value, line);
                if (inHeader) {
                    meter = m;
                    if (firstMeter == null) {
                        firstMeter = m;
                    }
                    voices.values().forEach(v -> v.meter = m);
                } else {
                    voice(line).meter = m;
                }
            }
            case 'L' -> {
                Rational u = Fields.unitLength(value, line);
                if (inHeader) {
                    unit = u;
                    voices.values().forEach(v -> v.unit = u);
                } else {
                    voice(line).unit = u;
                }
            }
            case 'Q' -> {
                int micros = Fields.tempo(value, line);
                if (micros > 0) {
                    if (inHeader) {
                        headerTempo = micros;
                    } else {
                        voice(line).items.add(new Item.Tempo(micros, line));
                    }
                }
            }
            case 'V' -> selectVoice(value, line);
            default -> {
                // Other fields (titles, composer, lyrics, notes, parts...) do not change what is played.
            }
        }
    }

    /** A {@code %%} directive line; {@code %%MIDI program N} sets the current voice's instrument. */
    void directive(String text, int line) throws SourceException {
        Matcher m = PROGRAM.matcher(text);
        if (m.matches()) {
            int program = Integer.parseInt(m.group(1));
            if (program > 127) {
                throw AbcParser.error(line, "MIDI program out of range 0..127: " + program);
            }
            if (inHeader && current == null) {
                headerProgram = program;
            } else {
                voice(line).program = program;
            }
        }
    }

    /** The voice that music goes to now, created on first use. */
    VoiceState voice(int line) throws SourceException {
        if (current == null) {
            current = voices.isEmpty() ? newVoice("1", "1", line) : voices.values().iterator().next();
        }
        return current;
    }

    /** The meter of the current voice, for tuplet defaults and multi-bar rests. */
    Fields.Meter meter(int line) throws SourceException {
        return voice(line).meter;
    }

    private void selectVoice(String value, int line) throws SourceException {
        String v = value.trim();
        String id = v.split("\\s+", 2)[0];
        if (id.isEmpty()) {
            throw AbcParser.error(line, "V: without a voice id");
        }
        Matcher n = VOICE_NAME.matcher(v);
        VoiceState voice = voices.get(id);
        if (voice == null) {
            voice = newVoice(id, n.find() ? n.group(1) : id, line);
        } else if (n.find()) {
            voice.name = n.group(1);
        }
        current = voice;
    }

    private VoiceState newVoice(String id, String name, int line) throws SourceException {
        if (voices.size() >= MAX_VOICES) {
            throw AbcParser.error(line, "more than " + MAX_VOICES + " voices");
        }
        VoiceState voice = new VoiceState(id, name, key, meter, unit != null ? unit : meter.defaultUnit());
        voice.program = headerProgram;
        voices.put(id, voice);
        return voice;
    }

    AbcTune build(int lastLine) throws SourceException {
        if (inHeader) {
            throw AbcParser.error(lastLine, "the tune has no K: field (the header must end with one)");
        }
        voice(lastLine);
        Fields.Meter m = firstMeter != null ? firstMeter : meter;
        Fields.Key k = firstKey != null ? firstKey : Fields.Key.C_MAJOR;
        List<VoiceState> list = new ArrayList<>(voices.values());
        return Timeline.build(reference, title, m, k, headerTempo, list);
    }
}
