package dev.colossus.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.colossus.assistant.GenerationQueue;
import dev.colossus.assistant.backend.Cancellation;
import dev.colossus.assistant.backend.TokenSink;
import dev.colossus.assistant.backend.ToolCallDelta;
import io.javalin.http.Context;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;

import static dev.colossus.app.http.OpenAiJson.JSON;

/**
 * Answers one chat generation in OpenAI's shape, the one place that writes it for {@code /v1/chat/completions} and
 * for the conversations API: at once as a {@code chat.completion}, or streamed as server-sent
 * {@code chat.completion.chunk} events (a role chunk, content deltas, {@code tool_calls} deltas as OpenAI sends them:
 * a call's index, id, type and name first, then its arguments in pieces as they are generated; the finishing
 * chunk with {@code citations}, the tokens' {@code logprobs} when asked for, and extension fields, an optional usage
 * chunk, then {@code [DONE]}). Each answer
 * takes a turn from the {@link GenerationQueue} (429 when full, 503 after waiting too long), and its tokens are
 * charged to the {@code /v1} caller ({@link OpenAiAccess#charge}). Thread-safe.
 */
final class ChatGeneration {

    private final GenerationQueue queue;

    ChatGeneration(GenerationQueue queue) {
        this.queue = queue;
    }

    /**
     * Answers {@code source} on {@code ctx}.
     *
     * @param model        the model id written into the response
     * @param stream       stream chunks instead of one response
     * @param includeUsage when streaming, end with a usage chunk ({@code stream_options.include_usage})
     * @throws OpenAiError before any byte is written (busy queue, failing model); while streaming, errors are sent
     *                     as an event in OpenAI's shape followed by {@code [DONE]}
     */
    void answer(Context ctx, String model, boolean stream, boolean includeUsage, ChatAnswer.Source source)
            throws Exception {
        String id = "chatcmpl-" + OpenAiJson.randomId();
        try (GenerationQueue.Turn turn = OpenAiError.enter(queue)) {
            Cancellation cancel = new Cancellation();
            if (stream) {
                stream(ctx, id, model, includeUsage, source, cancel);
            } else {
                ChatAnswer answer = OpenAiError.during(() -> source.answer(TokenSink.IGNORE, cancel));
                OpenAiAccess.charge(ctx, answer.usage());
                whole(ctx, id, model, answer);
            }
        }
    }

    private static void whole(Context ctx, String id, String model, ChatAnswer answer) {
        ObjectNode response = OpenAiJson.envelope(id, "chat.completion", model);
        ObjectNode choice = response.putArray("choices").addObject().put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        if (answer.toolCalls().isEmpty() || !answer.text().isEmpty()) message.put("content", answer.text());
        else message.putNull("content");
        if (!answer.toolCalls().isEmpty()) message.set("tool_calls", OpenAiJson.toolCalls(answer.toolCalls()));
        if (answer.logprobs() != null) choice.set("logprobs", OpenAiJson.chatLogprobs(answer.logprobs()));
        else choice.putNull("logprobs");
        choice.put("finish_reason", answer.finishReason());
        response.set("usage", OpenAiJson.usage(answer.usage()));
        if (answer.citations() != null) response.set("citations", OpenAiJson.citations(answer.citations()));
        if (answer.extra() != null) response.setAll(answer.extra());
        ctx.contentType("application/json").result(response.toString());
    }

    private static void stream(Context ctx, String id, String model, boolean includeUsage, ChatAnswer.Source source,
                               Cancellation cancel) throws Exception {
        SseStream sse = new SseStream(ctx.res(), cancel);
        Function<ObjectNode, ObjectNode> chunk = delta -> {
            ObjectNode c = OpenAiJson.envelope(id, "chat.completion.chunk", model);
            ObjectNode choice = c.putArray("choices").addObject().put("index", 0);
            choice.set("delta", delta);
            choice.putNull("logprobs");
            choice.putNull("finish_reason");
            return c;
        };
        sse.send(chunk.apply(JSON.createObjectNode().put("role", "assistant").put("content", "")).toString());
        Set<Integer> streamedCalls = new HashSet<>();
        TokenSink sink = new TokenSink() {
            @Override
            public void accept(String piece) {
                sse.send(chunk.apply(JSON.createObjectNode().put("content", piece)).toString());
            }

            @Override
            public void toolCall(ToolCallDelta d) {
                ObjectNode call = JSON.createObjectNode().put("index", d.index());
                if (d.id() != null) {
                    call.put("id", OpenAiJson.toolCallId(d.id())).put("type", "function");
                    streamedCalls.add(d.index());
                }
                ObjectNode function = call.putObject("function");
                if (d.name() != null) function.put("name", d.name());
                function.put("arguments", d.arguments());
                ObjectNode delta = JSON.createObjectNode();
                delta.putArray("tool_calls").add(call);
                sse.send(chunk.apply(delta).toString());
            }
        };
        ChatAnswer answer;
        try {
            answer = OpenAiError.during(() -> source.answer(sink, cancel));
        } catch (OpenAiError e) {
            sse.send(OpenAiJson.write(e.body()));
            sse.send("[DONE]");
            return;
        }
        OpenAiAccess.charge(ctx, answer.usage());
        // calls a backend did not stream piece by piece (a remote server's whole answer) come in one delta
        ArrayNode unstreamed = JSON.createArrayNode();
        for (JsonNode call : OpenAiJson.toolCalls(answer.toolCalls())) {
            if (!streamedCalls.contains(call.get("index").asInt())) unstreamed.add(call);
        }
        if (!unstreamed.isEmpty()) {
            ObjectNode delta = JSON.createObjectNode();
            delta.set("tool_calls", unstreamed);
            sse.send(chunk.apply(delta).toString());
        }
        ObjectNode last = chunk.apply(JSON.createObjectNode());
        ObjectNode lastChoice = (ObjectNode) last.get("choices").get(0);
        lastChoice.put("finish_reason", answer.finishReason());
        // the tokens' log-probabilities come whole with the last chunk: clients join the chunks' content lists
        if (answer.logprobs() != null) lastChoice.set("logprobs", OpenAiJson.chatLogprobs(answer.logprobs()));
        if (answer.citations() != null) last.set("citations", OpenAiJson.citations(answer.citations()));
        if (answer.extra() != null) last.setAll(answer.extra());
        sse.send(last.toString());
        if (includeUsage) {
            ObjectNode usage = OpenAiJson.envelope(id, "chat.completion.chunk", model);
            usage.putArray("choices");
            usage.set("usage", OpenAiJson.usage(answer.usage()));
            sse.send(usage.toString());
        }
        sse.send("[DONE]");
    }
}
