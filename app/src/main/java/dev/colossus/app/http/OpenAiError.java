package dev.colossus.app.http;

import dev.colossus.assistant.GenerationQueue;
import dev.colossus.assistant.backend.BackendException;
import io.javalin.http.HttpResponseException;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * An error answered in OpenAI's shape, {@code {"error": {"message", "type", "param", "code"}}}, with its HTTP
 * status. Thrown by request handling and turned into a response by {@link OpenAiApi}'s routes.
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

    /**
     * Runs a generation, turning the backend's failures into API errors (400 for a request the backend refuses, its
     * status otherwise) and an {@link IllegalArgumentException} into a 400.
     */
    static <T> T during(Supplier<T> generation) {
        try {
            return generation.get();
        } catch (BackendException e) {
            String type = e.kind() == BackendException.Kind.BAD_REQUEST ? "invalid_request_error" : "server_error";
            throw new OpenAiError(e.kind().httpStatus(), type, null, e.kind().name().toLowerCase(Locale.ROOT),
                    e.getMessage());
        } catch (IllegalArgumentException e) {
            throw invalid(null, e.getMessage());
        }
    }

    /** The server's own refusal of a request (413 for a body over {@code COLOSSUS_MAX_BODY_BYTES}) in this shape. */
    static OpenAiError of(HttpResponseException e) {
        if (e.getStatus() == 413) {
            return new OpenAiError(413, "invalid_request_error", null, "request_too_large",
                    "The request body is larger than this server accepts (COLOSSUS_MAX_BODY_BYTES).");
        }
        return new OpenAiError(e.getStatus(), e.getStatus() >= 500 ? "server_error" : "invalid_request_error", null,
                null, e.getMessage());
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
