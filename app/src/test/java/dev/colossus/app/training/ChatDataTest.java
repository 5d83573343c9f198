package dev.colossus.app.training;

import dev.colossus.app.UserError;
import dev.colossus.assistant.template.BuiltinTemplate;
import dev.colossus.assistant.template.ChatFormat;
import dev.colossus.engine.tokenizer.Tokenizer;
import dev.colossus.train.data.TrainingSequence;
import dev.colossus.train.tokenizer.BpeTrainer;
import dev.colossus.train.tokenizer.TrainingTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChatDataTest {

    static final ChatFormat CHATML = new ChatFormat(BuiltinTemplate.CHATML.template(), "<s>", "</s>", "builtin:chatml");

    @Test
    void onlyTheAssistantTurnsAreTrainedWithTheirEndOfTurn(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("chat.jsonl");
        Files.writeString(file, """
                {"messages": [{"role": "system", "content": "Be fun."}, {"role": "user", "content": "hi"}, {"role": "assistant", "content": "Hey hey!"}, {"role": "user", "content": "more"}, {"role": "assistant", "content": "Always more!"}]}
                """);
        ChatData data = ChatData.read(file);
        BpeTrainer bpe = new BpeTrainer();
        data.renderedTexts(CHATML).forEach(bpe::add);
        Tokenizer tokenizer = TrainingTokenizer.of(bpe.train(300)).tokenizer();

        List<TrainingSequence> sequences = data.sequences(CHATML, tokenizer);

        assertThat(sequences).hasSize(1);
        TrainingSequence s = sequences.getFirst();
        assertThat(s.tokens()[0]).isEqualTo(tokenizer.bos());
        assertThat(text(tokenizer, s, true)).isEqualTo("Hey hey!<|im_end|>\nAlways more!<|im_end|>\n");
        assertThat(text(tokenizer, s, false)).isEqualTo(data.renderedTexts(CHATML).getFirst());
    }

    /** The text of the trained tokens (or of all tokens), BOS left out. */
    static String text(Tokenizer tokenizer, TrainingSequence s, boolean trainedOnly) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.tokens().length; i++) {
            if (!trainedOnly || s.trained()[i]) out.writeBytes(tokenizer.piece(s.tokens()[i], false));
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aConversationWithoutAnAssistantTurnIsOneLineNamingItsLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("chat.jsonl");
        Files.writeString(file, "[{\"role\": \"user\", \"content\": \"x\"}, {\"role\": \"assistant\", \"content\": \"y\"}]\n"
                + "[{\"role\": \"user\", \"content\": \"hello?\"}]\n");
        assertThatThrownBy(() -> ChatData.read(file)).isInstanceOf(UserError.class)
                .hasMessage(file + " line 2: the conversation has no assistant message to learn from");
    }
}
