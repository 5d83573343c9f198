package dev.colossus.social;

import java.util.List;
import java.util.Map;

/**
 * A request the network refuses. Each variant corresponds to one Mastodon error status: {@link NotFound} 404,
 * {@link Forbidden} 403, {@link Invalid} 422, {@link Unauthorized} 401. The message is safe to show to the user.
 */
public abstract sealed class SocialException extends RuntimeException {

    private SocialException(String message) {
        super(message, null, false, false);
    }

    /** The thing asked for does not exist, or the caller may not know it exists. */
    public static final class NotFound extends SocialException {
        public NotFound() {
            this("Record not found");
        }

        public NotFound(String message) {
            super(message);
        }
    }

    /** The caller is known but not allowed to do this. */
    public static final class Forbidden extends SocialException {
        public Forbidden(String message) {
            super(message);
        }
    }

    /** Credentials are missing, wrong or revoked. */
    public static final class Unauthorized extends SocialException {
        public Unauthorized(String message) {
            super(message);
        }
    }

    /**
     * The input breaks a rule. {@code details} maps a field name to Mastodon error codes and descriptions
     * (e.g. {@code username -> [ERR_TAKEN: has already been taken]}).
     */
    public static final class Invalid extends SocialException {
        private final Map<String, List<FieldError>> details;

        public Invalid(String message, Map<String, List<FieldError>> details) {
            super(message);
            this.details = Map.copyOf(details);
        }

        public Map<String, List<FieldError>> details() {
            return details;
        }
    }

    /** One broken rule of one field: a Mastodon code such as {@code ERR_TAKEN} and a human description. */
    public record FieldError(String error, String description) {
    }

    public static NotFound notFound() {
        return new NotFound();
    }

    /** A 422 about a single field: message "Validation failed: {description}". */
    public static Invalid invalid(String field, String description) {
        return new Invalid("Validation failed: " + description, Map.of(field, List.of(new FieldError("ERR_INVALID", description))));
    }

    /** A 422 with a plain message and no field details. */
    public static Invalid unprocessable(String message) {
        return new Invalid(message, Map.of());
    }
}
