package dev.colossus.app.http;

import dev.colossus.assistant.GenerationQueue;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error answered in OpenAI's shape, {@code {"error": {"message", "type", "param", "code"}}}, with its HTTP
 * status. Thrown by request handling and turned into a response by {@link OpenAiApi}.
 */
public final class OpenAiError extends RuntimeException {

    private final int status;
    private final String type;
    private final String param;
    private final String code;

    public OpenAiError(int status, String type, String param, String code, String message) {
        super(message);
        this.status = status;
        this.type = type;
        this.param = param;
        this.code = code;
    }

    public static OpenAiError invalid(String param, String message) {
        return new OpenAiError(400, "invalid_request_error", param, null, message);
    }

    /**
     * A turn in the model's queue, or OpenAI's error shape when there is none: 429 when the queue is full, 503 when
     * the wait ran out.
     */
    static GenerationQueue.Turn enter(GenerationQueue queue) throws InterruptedException {
        try {
            return queue.enter();
        } catch (GenerationQueue.Busy e) {
            throw new OpenAiError(e.queueFull() ? 429 : 503, e.queueFull() ? "rate_limit_error" : "server_error", null,
                    "busy", e.getMessage());
        }
    }

    public int status() {
        return status;
    }

    /** The response body. */
    public Map<String, Object> body() {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", getMessage());
        error.put("type", type);
        error.put("param", param);
        error.put("code", code);
        return Map.of("error", error);
    }
}
