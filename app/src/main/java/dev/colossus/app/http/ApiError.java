package dev.colossus.app.http;

/** An error answered as Mastodon does: the HTTP status and {@code {"error": message}}. */
public final class ApiError extends RuntimeException {

    private final int status;

    public ApiError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static ApiError badRequest(String message) {
        return new ApiError(400, message);
    }
}
