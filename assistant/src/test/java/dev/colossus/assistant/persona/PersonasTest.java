package dev.colossus.assistant.persona;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PersonasTest {

    @TempDir
    Path dir;

    @Test
    void funAndRegularHaveDifferentPromptsAndSampling() {
        Personas personas = Personas.builtin();
        Persona regular = personas.forModelId("colossus").orElseThrow();
        Persona fun = personas.forModelId("colossus-fun").orElseThrow();
        assertThat(regular.systemPrompt(Identity.DEFAULT)).isNotEqualTo(fun.systemPrompt(Identity.DEFAULT));
        assertThat(regular.systemPrompt(Identity.DEFAULT)).contains("neutral").doesNotContain("humour");
        assertThat(fun.systemPrompt(Identity.DEFAULT)).contains("humour").contains("Never be cruel");
        assertThat(fun.sampling().temperature()).isGreaterThan(regular.sampling().temperature());
        assertThat(fun.sampling()).isNotEqualTo(regular.sampling());
    }

    @Test
    void identityNameAndHandleAreFilledIntoThePrompt() {
        String prompt = Persona.REGULAR.systemPrompt(new Identity("Orbit", "@orbit_bot"));
        assertThat(prompt).startsWith("You are Orbit (@orbit_bot)").doesNotContain("{name}").doesNotContain("Colossus");
        assertThat(Persona.FUN.systemPrompt(Identity.DEFAULT)).startsWith("You are Colossus (@colossus)");
    }

    @Test
    void operatorPersonasLoadFromYamlAndKeepTheBuiltins() throws Exception {
        Files.writeString(dir.resolve("personas.yaml"), """
                personas:
                  - id: pirate
                    description: Talks like a pirate.
                    prompt: "You are {name}, a pirate."
                    temperature: 1.1
                """);
        Personas personas = Personas.fromDirectory(dir);
        Persona pirate = personas.forModelId("colossus-pirate").orElseThrow();
        assertThat(pirate.systemPrompt(Identity.DEFAULT)).isEqualTo("You are Colossus, a pirate.");
        assertThat(pirate.sampling().temperature()).isEqualTo(1.1);
        assertThat(pirate.sampling().topP()).isEqualTo(Persona.REGULAR.sampling().topP());
        assertThat(personas.all()).extracting(Persona::id).containsExactly("regular", "fun", "pirate");
    }

    @Test
    void operatorPersonasLoadFromJsonAndMayReplaceABuiltin() throws Exception {
        Path file = Files.writeString(dir.resolve("p.json"),
                "{\"personas\":[{\"id\":\"fun\",\"prompt\":\"Only puns.\",\"max_tokens\":64}]}");
        Persona fun = Personas.load(file).get("fun");
        assertThat(fun.prompt()).isEqualTo("Only puns.");
        assertThat(fun.sampling().maxTokens()).isEqualTo(64);
    }

    @Test
    void invalidPersonaFileNamesTheFileAndTheProblem() throws Exception {
        Path file = Files.writeString(dir.resolve("personas.yaml"), """
                personas:
                  - id: hot
                    prompt: "x"
                    temperature: 7
                """);
        assertThatThrownBy(() -> Personas.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("personas.yaml").hasMessageContaining("'hot'").hasMessageContaining("temperature");
    }

    @Test
    void unknownModelIdsAreNotPersonas() {
        assertThat(Personas.builtin().forModelId("stories260K")).isEmpty();
        assertThat(Personas.builtin().forModelId("colossus-nope")).isEmpty();
    }
}
