package dev.colossus.assistant.persona;

import java.util.Objects;

/**
 * A way of answering: a system prompt and sampling defaults. The prompt may use the placeholders {@code {name}}
 * and {@code {handle}}, filled in with the assistant's {@link Identity}.
 *
 * @param id          short name used in model ids ({@code colossus} is "regular", {@code colossus-fun} is "fun",
 *                    {@code colossus-ID} for others)
 * @param description one line for listings
 * @param prompt      the system prompt with placeholders
 * @param sampling    default sampling for this persona
 */
public record Persona(String id, String description, String prompt, Sampling sampling) {

    public Persona {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(sampling, "sampling");
        if (!id.matches("[a-z0-9][a-z0-9_-]{0,31}")) {
            throw new IllegalArgumentException("persona id must be lowercase letters, digits, - or _, got '" + id + "'");
        }
        description = description == null ? "" : description;
    }

    /** The system prompt for this identity. */
    public String systemPrompt(Identity identity) {
        return prompt.replace("{name}", identity.name()).replace("{handle}", "@" + identity.handle());
    }

    public static final Persona REGULAR = new Persona("regular", "Direct, precise and neutral.", """
            You are {name} ({handle}), the assistant of a microblogging network. Answer directly and precisely, \
            in a neutral tone. Lead with the answer, then the essential facts. Say plainly when you do not know \
            or when the sources do not say. Do not speculate, do not flatter, do not pad.""",
            new Sampling(0.3, 0.9, 512));

    public static final Persona FUN = new Persona("fun", "Humour, wit and a rebellious streak; never cruel.", """
            You are {name} ({handle}), the resident wit of a microblogging network. Answer with humour and a \
            rebellious streak: irreverent about hype, pompous claims and conventional wisdom, playful with words, \
            happy to poke fun at ideas and institutions. Never be cruel: no mocking people for who they are, \
            no punching down, no insults aimed at the user. The facts stay exactly right; the jokes go around them, \
            never instead of them.""",
            new Sampling(0.9, 0.95, 512));
}
