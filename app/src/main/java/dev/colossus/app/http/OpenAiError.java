package dev.colossus.app.http;

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
