package dev.colossus.app.cli;

import dev.colossus.app.TestFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ChatTemplateCommandTest {

    @TempDir
    Path dir;


    private Path messages() throws Exception {
        return Files.writeString(dir.resolve("m.json"),
                "[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"Café?\"}]");
    }

    @Test
    void printsExactlyTheRenderedPromptForATemplateFile() throws Exception {
        Path template = Files.writeString(dir.resolve("t.jinja"),
                "{{ bos_token }}{% for m in messages %}<{{ m.role }}>{{ m.content }}{{ eos_token }}{% endfor %}"
                        + "{% if add_generation_prompt %}<assistant>{% endif %}\n");
        CliRun r = CliRun.of("chat-template", "--template", template.toString(), "--messages", messages().toString(),
                "--add-generation-prompt", "--bos", "[B]", "--eos", "[E]");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("[B]<system>Be brief.[E]<user>Café?[E]<assistant>");
    }

    @Test
    void aModelWithoutTemplateUsesTheBuiltinFormatAndItsOwnBosToken() throws Exception {
        Path model = TestFixtures.stories260k();
        CliRun r = CliRun.of("chat-template", "--model", model.toString(), "--messages", messages().toString(),
                "--add-generation-prompt");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("<s>[INST] <<SYS>>\nBe brief.\n<</SYS>>\n\nCafé? [/INST]");
        assertThat(r.err()).contains("built-in llama2");
    }

    @Test
    void aTemplateThatRaisesIsAOneLineErrorNotAStackTrace() throws Exception {
        Path template = Files.writeString(dir.resolve("t.jinja"),
                "{% if messages[0].role == 'system' %}{{ raise_exception('System role not supported') }}{% endif %}");
        CliRun r = CliRun.of("chat-template", "--template", template.toString(), "--messages", messages().toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo(
                "colossus chat-template: the template rejects this conversation: System role not supported");
    }

    @Test
    void badMessagesFileIsReportedClearly() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.json"), "{not json");
        Path template = Files.writeString(dir.resolve("t.jinja"), "x");
        CliRun r = CliRun.of("chat-template", "--template", template.toString(), "--messages", bad.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("is not a JSON array of messages").doesNotContain("Exception");
    }
}
