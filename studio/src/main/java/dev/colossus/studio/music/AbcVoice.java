package dev.colossus.studio.music;

import java.util.List;

/**
 * One voice of a tune ({@code V:} field; a tune without one has a single voice named {@code "1"}). Each voice becomes
 * its own MIDI track and channel.
 *
 * @param id      the voice id as written after {@code V:}
 * @param name    its {@code name="..."} or {@code nm="..."}, else the id
 * @param program General MIDI program 0..127 ({@code %%MIDI program N} in the voice; 0, piano, by default)
 * @param notes   its notes in order of start time
 */
public record AbcVoice(String id, String name, int program, List<AbcNote> notes) {
    /** Copies the list. */
    public AbcVoice {
        notes = List.copyOf(notes);
    }
}
