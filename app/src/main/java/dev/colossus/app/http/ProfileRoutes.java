package dev.colossus.app.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colossus.social.AccessGrant;
import dev.colossus.social.Account;
import dev.colossus.social.Preferences;
import dev.colossus.social.SocialException;
import dev.colossus.social.SocialException.FieldError;
import dev.colossus.social.Visibility;
import dev.colossus.social.media.ProfileImages;
import dev.colossus.social.service.ProfileService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The signed-in user's own profile: {@code GET /api/v1/accounts/verify_credentials} (the account with Mastodon's
 * {@code source}), {@code PATCH /api/v1/accounts/update_credentials} (form, multipart or JSON: {@code display_name},
 * {@code note}, {@code bot}, {@code discoverable}, {@code locked}, {@code source[privacy]}, {@code source[sensitive]},
 * {@code source[language]}, {@code fields_attributes[i][name|value]} (or a JSON array or index-keyed object of
 * {@code {name, value}}), and the image files {@code avatar} and {@code header}), {@code DELETE
 * /api/v1/profile/avatar} and {@code /header} (back to the default image; answer the account), and
 * {@code POST /api/v1/colossus/delete_account} with {@code password} (Mastodon has no API for this: answers
 * {@code {"deleted": true}}; 422 with {@code details.password} for a wrong password, 429 with {@code Retry-After}
 * after repeated wrong ones, as sign-in). Scopes: {@code read:accounts} to read, {@code write:accounts} to change.
 * Refused input answers 422 with Mastodon's {@code details}; nothing of a refused update is stored.
 */
final class ProfileRoutes {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How many indexed form fields {@code fields_attributes[i]} are read (more than the allowed four, to refuse). */
    private static final int FORM_FIELDS_READ = 16;

    private final ApiContext api;
    private final PasswordChecks passwords;

    ProfileRoutes(ApiContext api, PasswordChecks passwords) {
        this.api = api;
        this.passwords = passwords;
    }

    void register(RoutesConfig r) {
        r.get("/api/v1/accounts/verify_credentials", this::verify);
        r.patch("/api/v1/accounts/update_credentials", this::update);
        r.delete("/api/v1/profile/avatar", ctx -> removeImage(ctx, ProfileImages.Kind.AVATAR));
        r.delete("/api/v1/profile/header", ctx -> removeImage(ctx, ProfileImages.Kind.HEADER));
        r.post("/api/v1/colossus/delete_account", this::delete);
    }

    private void verify(Context ctx) {
        long me = api.auth().user(ctx, "read:accounts").accountId();
        credentials(ctx, api.social().accounts().get(me));
    }

    private void credentials(Context ctx, Account a) {
        Preferences preferences = api.social().preferences().get(a.id());
        Http.json(ctx, api.render(ctx).credentialAccount(a, preferences, api.social().accounts().locale(a.id()),
                api.social().followRequests().count(a.id())));
    }

    private void update(Context ctx) throws IOException {
        long me = api.auth().user(ctx, "write:accounts").accountId();
        long largest = api.social().media().limits().largestFile();
        byte[] avatar = MediaRoutes.uploaded(ctx, "avatar", largest);
        byte[] header = MediaRoutes.uploaded(ctx, "header", largest);
        Params p = Params.of(ctx);
        Params source = p.nested("source");
        if (source != null) {
            String privacy = source.string("privacy");
            String sensitive = source.string("sensitive");
            api.social().preferences().update(me, new Preferences.Update(
                    privacy == null ? null : visibility(privacy), sensitive == null ? null : source.bool("sensitive", false),
                    source.string("language")));
        }
        Account a = api.social().profiles().update(me, new ProfileService.Update(p.string("display_name"),
                p.string("note"), flag(p, "bot"), flag(p, "discoverable"), fields(p), avatar, header));
        Boolean locked = flag(p, "locked");
        if (locked != null) {
            api.social().followRequests().setLocked(me, locked);
            a = api.social().accounts().get(me);
        }
        credentials(ctx, a);
    }

    private static Visibility visibility(String privacy) {
        try {
            return Visibility.parse(privacy);
        } catch (SocialException.Invalid e) {
            throw SocialException.invalid("source[privacy]", "Privacy is not included in the list");
        }
    }

    private static Boolean flag(Params p, String name) {
        return p.string(name) == null ? null : p.bool(name, false);
    }

    /** The fields the request sets, or null when it sets none. @throws ApiError 400 for malformed JSON fields */
    private static List<Account.Field> fields(Params p) {
        List<Account.Field> out = new ArrayList<>();
        boolean given = false;
        for (int i = 0; i < FORM_FIELDS_READ; i++) {
            String name = p.string("fields_attributes[" + i + "][name]"), value = p.string("fields_attributes[" + i + "][value]");
            if (name == null && value == null) continue;
            given = true;
            out.add(new Account.Field(name, value));
        }
        for (String json : p.list("fields_attributes")) {
            given = true;
            JsonNode node;
            try {
                node = JSON.readTree(json);
            } catch (JacksonException e) {
                throw ApiError.badRequest("fields_attributes must be objects with name and value");
            }
            if (node.has("name") || node.has("value")) out.add(field(node));
            else node.forEach(f -> out.add(field(f))); // keyed by index, as Rails forms send them
        }
        return given ? out : null;
    }

    private static Account.Field field(JsonNode node) {
        return new Account.Field(node.path("name").asText(""), node.path("value").asText(""));
    }

    private void removeImage(Context ctx, ProfileImages.Kind kind) {
        long me = api.auth().user(ctx, "write:accounts").accountId();
        credentials(ctx, api.social().profiles().removeImage(me, kind));
    }

    private void delete(Context ctx) {
        AccessGrant grant = api.auth().user(ctx, "write:accounts");
        String password = Params.of(ctx).string("password");
        boolean deleted = passwords.run(ctx, PasswordChecks.accountKey(grant.accountId()),
                () -> api.social().deletions().delete(grant, password),
                done -> done ? PasswordChecks.Outcome.PASSED : PasswordChecks.Outcome.WRONG_PASSWORD, e -> false);
        if (!deleted) {
            throw new SocialException.Invalid("Validation failed: Password is invalid",
                    Map.of("password", List.of(new FieldError("ERR_INVALID", "is invalid"))));
        }
        Http.json(ctx, Map.of("deleted", true));
    }
}
