package dev.colossus.assistant.persona;

import java.util.Objects;

/**
 * Who the assistant is on the network: its display name and its account handle (without the {@code @}).
 * The default is Colossus, {@code @colossus}.
 */
public record Identity(String name, String handle) {

    public static final Identity DEFAULT = new Identity("Colossus", "colossus");

    public Identity {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(handle, "handle");
        handle = handle.startsWith("@") ? handle.substring(1) : handle;
        if (!handle.matches("[A-Za-z0-9_]{1,30}")) {
            throw new IllegalArgumentException("assistant handle must be 1-30 letters, digits or _, got '" + handle + "'");
        }
        if (name.isBlank()) throw new IllegalArgumentException("assistant name must not be blank");
    }
}
