package dev.colossus.app.http;

import dev.colossus.social.service.PostService;

import java.time.Duration;

/**
 * The poll of a post being written, as Mastodon clients send it: {@code poll[options][]}, {@code poll[expires_in]}
 * (seconds), {@code poll[multiple]} and {@code poll[hide_totals]} as form fields, or the same fields in a JSON
 * object {@code poll}.
 */
final class PollParams {

    private PollParams() {
    }

    /**
     * The request's poll, or null when it has none. Its rules are checked where the post is made.
     *
     * @throws ApiError 422 when {@code expires_in} is not a whole number of seconds; 400 when {@code poll} is not an
     *                  object
     */
    static PostService.NewPoll read(Params params) {
        Params poll = params.nested("poll");
        if (poll == null) return null;
        return new PostService.NewPoll(poll.list("options"), seconds(poll.string("expires_in")),
                poll.bool("multiple", false), poll.bool("hide_totals", false));
    }

    private static Duration seconds(String text) {
        if (text == null || text.isBlank()) return null;
        try {
            return Duration.ofSeconds(Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            throw new ApiError(422, "Validation failed: Poll expires in must be a whole number of seconds");
        }
    }
}
