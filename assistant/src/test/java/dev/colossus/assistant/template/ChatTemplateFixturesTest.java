package dev.colossus.assistant.template;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colossus.assistant.Fixtures;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every real model template renders byte-identically to Python jinja2 (as Hugging Face configures it). */
class ChatTemplateFixturesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The references were rendered with strftime_now fixed at this instant. */
    private static final Clock REFERENCE_CLOCK =
            Clock.fixed(LocalDateTime.of(2026, 11, 28, 12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);

    @TestFactory
    Stream<DynamicTest> everyTemplateMatchesItsJinja2ReferenceRenderings() throws IOException {
        Path dir = Fixtures.dir("chat_templates");
        List<Path> references;
        try (Stream<Path> files = Files.list(dir)) {
            references = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(references).isNotEmpty();
        List<DynamicTest> tests = new ArrayList<>();
        for (Path reference : references) {
            JsonNode doc = JSON.readTree(reference.toFile());
            ChatTemplate template = ChatTemplate.of(Files.readString(reference.resolveSibling(doc.get("template").asText())))
                    .withClock(REFERENCE_CLOCK);
            for (JsonNode c : doc.get("cases")) {
                String name = reference.getFileName() + " " + c.get("conversation").asText()
                        + (c.get("add_generation_prompt").asBoolean() ? " +generation prompt" : "");
                tests.add(DynamicTest.dynamicTest(name, () -> check(template, c)));
            }
        }
        return tests.stream();
    }

    private static void check(ChatTemplate template, JsonNode c) {
        List<Map<String, Object>> messages = JSON.convertValue(c.get("messages"), new TypeReference<>() { });
        boolean generation = c.get("add_generation_prompt").asBoolean();
        String bos = c.get("bos_token").asText();
        String eos = c.get("eos_token").asText();
        if (c.has("error")) {
            String expected = c.get("error").asText().replaceFirst("^[A-Za-z]+Error: ", "");
            assertThatThrownBy(() -> template.render(messages, generation, bos, eos))
                    .isInstanceOf(TemplateException.class)
                    .hasMessage(expected)
                    .matches(e -> ((TemplateException) e).raisedByTemplate());
        } else {
            assertThat(template.render(messages, generation, bos, eos)).isEqualTo(c.get("rendered").asText());
        }
    }
}
