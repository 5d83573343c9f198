package dev.colossus.app.training;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colossus.app.UserError;
import dev.colossus.assistant.template.ChatFormat;
import dev.colossus.assistant.template.TemplateException;
import dev.colossus.engine.tokenizer.Tokenizer;
import dev.colossus.train.data.TrainingSequence;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chat fine-tuning data: conversations from a JSONL file (one a line, OpenAI's fine-tuning format
 * {@code {"messages": [{"role": "system"|"user"|"assistant", "content": "..."}, ...]}}, or the bare array), rendered
 * with a model's chat template and tokenized with its tokenizer, only the assistant's turns marked for training.
 * <p>A conversation becomes one sequence when its template renders it turn by turn (each prefix of the rendering is
 * the rendering of a prefix of the conversation, as with ChatML or Llama 3); otherwise (templates that rewrite
 * earlier turns) each assistant turn becomes a sequence of its own, with the conversation before it as context.
 */
public final class ChatData {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<List<Map<String, Object>>> conversations;
    private final Path file;

    private ChatData(Path file, List<List<Map<String, Object>>> conversations) {
        this.file = file;
        this.conversations = conversations;
    }

    /**
     * Reads the conversations of {@code file}.
     *
     * @throws UserError naming the file and line of the first malformed conversation, or when there is none
     */
    public static ChatData read(Path file) {
        List<List<Map<String, Object>>> conversations = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String line; (line = in.readLine()) != null; ) {
                number++;
                if (!line.isBlank()) conversations.add(conversation(file, number, line));
            }
        } catch (NoSuchFileException e) {
            throw new UserError("no such file: " + file);
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage());
        }
        if (conversations.isEmpty()) throw new UserError(file + " holds no conversation");
        return new ChatData(file, conversations);
    }

    private static List<Map<String, Object>> conversation(Path file, int number, String line) {
        String where = file + " line " + number + ": ";
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JacksonException e) {
            throw new UserError(where + "not JSON: " + e.getOriginalMessage());
        }
        JsonNode messages = node != null && node.isObject() ? node.get("messages") : node;
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw new UserError(where + "expected {\"messages\": [...]} or a JSON array of messages");
        }
        List<Map<String, Object>> list = new ArrayList<>();
        boolean assistant = false;
        for (JsonNode m : messages) {
            if (!m.isObject() || !m.path("role").isTextual() || !m.path("content").isTextual()) {
                throw new UserError(where + "every message needs \"role\" and \"content\" strings");
            }
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("role", m.get("role").asText());
            message.put("content", m.get("content").asText());
            assistant |= m.get("role").asText().equals("assistant");
            list.add(message);
        }
        if (!assistant) throw new UserError(where + "the conversation has no assistant message to learn from");
        return list;
    }

    public Path file() {
        return file;
    }

    public int size() {
        return conversations.size();
    }

    /** Each whole conversation as the template renders it (to train a tokenizer on). */
    public List<String> renderedTexts(ChatFormat format) {
        List<String> texts = new ArrayList<>();
        for (int c = 0; c < conversations.size(); c++) texts.add(render(format, c, conversations.get(c), false));
        return texts;
    }

    /**
     * The training sequences: tokens of the rendered conversations, special-token texts parsed as special tokens,
     * BOS first when the tokenizer adds one and the template did not, only assistant turns trained.
     */
    public List<TrainingSequence> sequences(ChatFormat format, Tokenizer tokenizer) {
        List<TrainingSequence> out = new ArrayList<>();
        for (int c = 0; c < conversations.size(); c++) {
            List<Map<String, Object>> conversation = conversations.get(c);
            List<String[]> turns = new ArrayList<>(); // {context, answer} per assistant turn
            boolean incremental = true;
            String previous = "";
            for (int i = 0; i < conversation.size(); i++) {
                if (!conversation.get(i).get("role").equals("assistant")) continue;
                String prompt = render(format, c, conversation.subList(0, i), true);
                String full = render(format, c, conversation.subList(0, i + 1), false);
                if (!full.startsWith(prompt)) {
                    throw new UserError(file + " line " + (c + 1) + ": the chat template's rendering of the "
                            + "assistant's turn does not continue its prompt");
                }
                incremental &= prompt.startsWith(previous);
                turns.add(new String[] {prompt, full.substring(prompt.length())});
                previous = full;
            }
            if (incremental) {
                Builder b = new Builder(tokenizer);
                int at = 0;
                for (String[] turn : turns) {
                    b.add(turn[0].substring(at), false);
                    b.add(turn[1], true);
                    at = turn[0].length() + turn[1].length();
                }
                out.add(b.build());
            } else {
                for (String[] turn : turns) out.add(new Builder(tokenizer).add(turn[0], false).add(turn[1], true).build());
            }
        }
        return out;
    }

    private String render(ChatFormat format, int index, List<Map<String, Object>> messages, boolean open) {
        try {
            return format.template().render(messages, open, format.bosToken(), format.eosToken());
        } catch (TemplateException e) {
            throw new UserError(file + " line " + (index + 1) + ": the chat template rejects this conversation: "
                    + e.getMessage());
        }
    }

    /** Tokens and their training mask, built segment by segment. */
    private static final class Builder {
        private final Tokenizer tokenizer;
        private int[] tokens = new int[0];
        private boolean[] trained = new boolean[0];

        Builder(Tokenizer tokenizer) {
            this.tokenizer = tokenizer;
            int[] bos = tokenizer.encode("", true, false);
            if (bos.length > 0 && bos[0] == tokenizer.bos()) append(new int[] {bos[0]}, false);
        }

        Builder add(String text, boolean train) {
            int[] ids = tokenizer.encode(text, false, true);
            if (tokens.length == 1 && ids.length > 0 && ids[0] == tokens[0] && tokens[0] == tokenizer.bos()) {
                ids = Arrays.copyOfRange(ids, 1, ids.length); // the template wrote BOS itself
            }
            append(ids, train);
            return this;
        }

        private void append(int[] ids, boolean train) {
            int n = tokens.length;
            tokens = Arrays.copyOf(tokens, n + ids.length);
            trained = Arrays.copyOf(trained, n + ids.length);
            System.arraycopy(ids, 0, tokens, n, ids.length);
            Arrays.fill(trained, n, n + ids.length, train);
        }

        TrainingSequence build() {
            return new TrainingSequence(tokens, trained);
        }
    }
}
