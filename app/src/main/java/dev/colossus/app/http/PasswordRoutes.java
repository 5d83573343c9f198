package dev.colossus.app.http;

import dev.colossus.social.AccessGrant;
import dev.colossus.social.PasswordChange;
import dev.colossus.social.SocialException;
import dev.colossus.social.SocialException.FieldError;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v1/colossus/password}: a signed-in user changes their password (Mastodon has no API for this).
 * Body (JSON or form): {@code current_password} and {@code new_password} (8 to 72 characters); a user token with
 * {@code write:accounts}. Every other token of the account is revoked, so a stolen token stops working; the token
 * that made the change keeps working. Answers {@code {"revoked_tokens": n}}; 422 with {@code details} for a wrong
 * current password ({@code current_password}) or an unacceptable new one ({@code password}); 429 with
 * {@code Retry-After} after repeated wrong passwords, as sign-in ({@link PasswordChecks}).
 */
final class PasswordRoutes {

    private final ApiContext api;
    private final PasswordChecks passwords;

    PasswordRoutes(ApiContext api, PasswordChecks passwords) {
        this.api = api;
        this.passwords = passwords;
    }

    void register(RoutesConfig r) {
        r.post("/api/v1/colossus/password", this::change);
    }

    private void change(Context ctx) {
        AccessGrant grant = api.auth().user(ctx, "write:accounts");
        Params p = Params.of(ctx);
        PasswordChange result = passwords.run(ctx, PasswordChecks.accountKey(grant.accountId()),
                () -> api.social().auth().changePassword(grant, p.string("current_password"), p.string("new_password")),
                r -> r instanceof PasswordChange.WrongPassword ? PasswordChecks.Outcome.WRONG_PASSWORD : PasswordChecks.Outcome.PASSED,
                e -> false);
        switch (result) {
            case PasswordChange.Changed changed -> Http.json(ctx, Map.of("revoked_tokens", changed.revokedTokens()));
            case PasswordChange.WrongPassword wrong -> throw new SocialException.Invalid(
                    "Validation failed: Current password is invalid",
                    Map.of("current_password", List.of(new FieldError("ERR_INVALID", "is invalid"))));
        }
    }
}
