package dev.colossus.app.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.colossus.assistant.GenerationQueue;
import dev.colossus.assistant.backend.Cancellation;
import dev.colossus.assistant.backend.ChatBackend;
import dev.colossus.assistant.backend.Completion;
import dev.colossus.assistant.backend.GenerationOptions;
import dev.colossus.assistant.backend.TokenSink;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.function.Function;

/**
 * {@code POST /v1/completions}: plain text completion on a loaded model, streamed or not; its tokens are charged to
 * the caller ({@link OpenAiAccess#charge}).
 */
final class CompletionRoutes {

    private final ModelRoutes models;
    private final GenerationQueue queue;

    CompletionRoutes(ModelRoutes models, GenerationQueue queue) {
        this.models = models;
        this.queue = queue;
    }

    void register(RoutesConfig r) {
        r.post("/v1/completions", ctx -> OpenAiApi.handle(ctx, this::completions));
    }

    private void completions(Context ctx) throws Exception {
        ChatRequest request = ChatRequest.parse(OpenAiJson.body(ctx), false);
        ChatBackend backend = models.raw(request.model());
        String id = "cmpl-" + OpenAiJson.randomId();
        try (GenerationQueue.Turn turn = OpenAiError.enter(queue)) {
            Cancellation cancel = new Cancellation();
            GenerationOptions options = models.rawOptions(request);
            if (request.stream()) {
                SseStream sse = new SseStream(ctx.res(), cancel);
                Function<String, ObjectNode> chunk = text -> {
                    ObjectNode c = OpenAiJson.envelope(id, "text_completion", request.model());
                    c.putArray("choices").addObject().put("text", text).put("index", 0).putNull("logprobs")
                            .putNull("finish_reason");
                    return c;
                };
                Completion done;
                try {
                    done = OpenAiError.during(() -> backend.complete(request.prompt(), options,
                            piece -> sse.send(chunk.apply(piece).toString()), cancel));
                } catch (OpenAiError e) {
                    sse.send(OpenAiJson.write(e.body()));
                    sse.send("[DONE]");
                    return;
                }
                OpenAiAccess.charge(ctx, done.usage());
                ObjectNode last = chunk.apply("");
                ObjectNode lastChoice = (ObjectNode) last.get("choices").get(0);
                lastChoice.put("finish_reason", done.finishReason().openAiName());
                if (request.logprobs() >= 0) lastChoice.set("logprobs", OpenAiJson.completionLogprobs(done.logprobs(), 0));
                if (request.includeUsage()) last.set("usage", OpenAiJson.usage(done.usage()));
                sse.send(last.toString());
                sse.send("[DONE]");
            } else {
                Completion done = OpenAiError.during(() -> backend.complete(request.prompt(), options,
                        TokenSink.IGNORE, cancel));
                OpenAiAccess.charge(ctx, done.usage());
                ObjectNode response = OpenAiJson.envelope(id, "text_completion", request.model());
                ObjectNode choice = response.putArray("choices").addObject().put("text", done.text()).put("index", 0);
                if (request.logprobs() >= 0) choice.set("logprobs", OpenAiJson.completionLogprobs(done.logprobs(), 0));
                else choice.putNull("logprobs");
                choice.put("finish_reason", done.finishReason().openAiName());
                response.set("usage", OpenAiJson.usage(done.usage()));
                ctx.contentType("application/json").result(response.toString());
            }
        }
    }
}
