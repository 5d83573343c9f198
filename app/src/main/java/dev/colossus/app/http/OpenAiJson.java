package dev.colossus.app.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.colossus.assistant.backend.TokenLogprob;
import dev.colossus.assistant.backend.ToolCall;
import dev.colossus.assistant.backend.Usage;
import dev.colossus.assistant.grounding.Citation;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/** The pieces of OpenAI's JSON that every {@code /v1} route writes or reads. Stateless and thread-safe. */
final class OpenAiJson {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private OpenAiJson() {
    }

    /** {@code {"id", "object", "created", "model"}}, the start of every response and chunk. */
    static ObjectNode envelope(String id, String object, String model) {
        return JSON.createObjectNode().put("id", id).put("object", object)
                .put("created", System.currentTimeMillis() / 1000).put("model", model);
    }

    /** OpenAI's usage object; {@code prompt_tokens_details.cached_tokens} counts the prompt reused from earlier. */
    static ObjectNode usage(Usage usage) {
        ObjectNode node = JSON.createObjectNode().put("prompt_tokens", usage.promptTokens())
                .put("completion_tokens", usage.completionTokens()).put("total_tokens", usage.totalTokens());
        node.putObject("prompt_tokens_details").put("cached_tokens", usage.cachedTokens());
        return node;
    }

    /** A chat choice's {@code logprobs}: {@code {"content": [{token, logprob, bytes, top_logprobs}]}}. */
    static ObjectNode chatLogprobs(List<TokenLogprob> tokens) {
        ObjectNode logprobs = JSON.createObjectNode();
        ArrayNode content = logprobs.putArray("content");
        for (TokenLogprob t : tokens) {
            ObjectNode entry = token(content.addObject(), t);
            ArrayNode top = entry.putArray("top_logprobs");
            t.top().forEach(a -> token(top.addObject(), a));
        }
        logprobs.putNull("refusal");
        return logprobs;
    }

    private static ObjectNode token(ObjectNode node, TokenLogprob t) {
        node.put("token", t.token()).put("logprob", t.logprob());
        ArrayNode bytes = node.putArray("bytes");
        t.bytes().forEach(bytes::add);
        return node;
    }

    /**
     * A text completion choice's {@code logprobs} in the legacy shape: parallel {@code tokens},
     * {@code token_logprobs}, {@code top_logprobs} (token text to log-probability) and {@code text_offset} (UTF-16
     * index of each token in the generated text, counted from {@code offset}).
     */
    static ObjectNode completionLogprobs(List<TokenLogprob> tokens, int offset) {
        ObjectNode logprobs = JSON.createObjectNode();
        ArrayNode texts = logprobs.putArray("tokens"), values = logprobs.putArray("token_logprobs");
        ArrayNode tops = logprobs.putArray("top_logprobs"), offsets = logprobs.putArray("text_offset");
        int at = offset;
        for (TokenLogprob t : tokens) {
            texts.add(t.token());
            values.add(t.logprob());
            ObjectNode top = tops.addObject();
            t.top().forEach(a -> top.put(a.token(), a.logprob()));
            offsets.add(at);
            at += t.token().length();
        }
        return logprobs;
    }

    /** The {@code citations} extension: the cited posts' URLs. */
    static ArrayNode citations(List<Citation> citations) {
        ArrayNode urls = JSON.createArrayNode();
        citations.forEach(c -> urls.add(c.url()));
        return urls;
    }

    /** OpenAI's {@code tool_calls}: each with its index, id, type and function (arguments as a JSON string). */
    static ArrayNode toolCalls(List<ToolCall> calls) {
        ArrayNode out = JSON.createArrayNode();
        for (int i = 0; i < calls.size(); i++) {
            ToolCall c = calls.get(i);
            out.addObject().put("index", i).put("id", toolCallId(c.id())).put("type", "function").putObject("function")
                    .put("name", c.name()).put("arguments", c.arguments().toString());
        }
        return out;
    }

    /** A call's id as the API writes it: {@code call_} and the call's own id. */
    static String toolCallId(String id) {
        return "call_" + id;
    }

    /**
     * The request body as JSON. @throws OpenAiError 400 for a body that is not JSON, 413 for one larger than the
     * server accepts
     */
    static JsonNode body(Context ctx) {
        try {
            return JSON.readTree(ctx.bodyAsBytes());
        } catch (JacksonException e) {
            throw OpenAiError.invalid(null, "The request body is not valid JSON: " + e.getOriginalMessage());
        } catch (HttpResponseException e) {
            throw OpenAiError.of(e);
        } catch (IOException e) {
            throw OpenAiError.invalid(null, "The request body could not be read.");
        }
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JacksonException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 24 random hex digits, the tail of response ids ({@code chatcmpl-...}, {@code cmpl-...}). */
    static String randomId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
