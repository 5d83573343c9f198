package dev.colossus.social.service;

import dev.colossus.social.AccessGrant;
import dev.colossus.social.Account;
import dev.colossus.social.IssuedToken;
import dev.colossus.social.SocialException;
import dev.colossus.social.StoreException;
import dev.colossus.social.SocialException.FieldError;
import dev.colossus.social.auth.PasswordHasher;
import dev.colossus.social.auth.Secrets;
import dev.colossus.social.store.Accounts;
import dev.colossus.social.store.Database;
import dev.colossus.social.store.Snowflakes;
import dev.colossus.social.store.TokenRows;
import dev.colossus.social.stream.EventBus;
import dev.colossus.social.stream.SocialEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Sign-up and profiles, with Mastodon's rules: usernames of letters, digits and underscores, at most 30 characters,
 * unique ignoring case, a few reserved; one account per email; passwords of 8 to 72 characters, hashed with Argon2id.
 * Thread-safe.
 */
public final class AccountService {

    public static final int MAX_USERNAME = 30;
    public static final int MAX_DISPLAY_NAME = 30;
    public static final int MAX_NOTE = 500;
    private static final Pattern USERNAME = Pattern.compile("[a-zA-Z0-9_]+");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Set<String> RESERVED = Set.of("admin", "administrator", "root", "support", "help",
            "webmaster", "mod", "moderator", "postmaster", "hostmaster", "abuse", "security", "system");

    private final Database db;
    private final Snowflakes ids;
    private final PasswordHasher passwords;
    private final EventBus bus;

    public AccountService(Database db, Snowflakes ids, PasswordHasher passwords, EventBus bus) {
        this.db = db;
        this.ids = ids;
        this.passwords = passwords;
        this.bus = bus;
    }

    /** What {@code POST /api/v1/accounts} sends. {@code agreement} must be true; {@code locale} defaults to "en". */
    public record SignUp(String username, String email, String password, boolean agreement, String locale) {
    }

    /**
     * Creates an account and a user token for the app behind {@code appGrant} (with that token's scopes).
     *
     * @throws SocialException.Invalid with Mastodon's per-field details ({@code ERR_TAKEN}, {@code ERR_INVALID}, ...)
     */
    public IssuedToken register(AccessGrant appGrant, SignUp form) {
        Map<String, List<FieldError>> errors = new LinkedHashMap<>();
        String username = form.username() == null ? "" : form.username().strip();
        String email = form.email() == null ? "" : form.email().strip();
        validateUsername(username, errors);
        if (email.isEmpty()) add(errors, "email", "ERR_BLANK", "can't be blank");
        else if (!EMAIL.matcher(email).matches() || email.length() > 320) add(errors, "email", "ERR_INVALID", "is invalid");
        String password = form.password() == null ? "" : form.password();
        validatePassword("password", password, errors);
        if (!form.agreement()) add(errors, "agreement", "ERR_ACCEPTED", "must be accepted");
        String locale = form.locale() == null || form.locale().isBlank() ? "en" : form.locale().strip();
        if (!locale.matches("[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})?")) add(errors, "locale", "ERR_INCLUSION", "is not included in the list");
        if (!errors.isEmpty()) throw invalid(errors);

        String hash = passwords.hash(password); // slow on purpose: outside the write lock
        String token = Secrets.newSecret();
        long now = System.currentTimeMillis();
        long accountId;
        try {
            accountId = db.write(c -> {
                Map<String, List<FieldError>> taken = new LinkedHashMap<>();
                if (Accounts.emailTaken(c, email)) add(taken, "email", "ERR_TAKEN", "has already been taken");
                if (Accounts.usernameTaken(c, username)) add(taken, "username", "ERR_TAKEN", "has already been taken");
                if (!taken.isEmpty()) throw invalid(taken);
                long id = ids.next();
                Accounts.insert(c, id, username, email, hash, locale, false, now);
                TokenRows.insert(c, ids.next(), Secrets.digest(token), appGrant.appId(), id, appGrant.scopes(), now, null);
                return id;
            });
        } catch (StoreException e) {
            // Another server process took the name between our check and insert (PostgreSQL without the lock).
            if (Database.isConstraintViolation(e)) {
                throw invalid(Map.of("username", List.of(new FieldError("ERR_TAKEN", "has already been taken"))));
            }
            throw e;
        }
        bus.publish(new SocialEvent.AccountChanged(get(accountId)));
        return new IssuedToken(token, appGrant.scopes(), Instant.ofEpochMilli(now), null);
    }

    /** Adds Mastodon's username errors for {@code username} to {@code errors}. */
    static void validateUsername(String username, Map<String, List<FieldError>> errors) {
        if (username.isEmpty()) add(errors, "username", "ERR_BLANK", "can't be blank");
        else if (username.length() > MAX_USERNAME) add(errors, "username", "ERR_TOO_LONG", "is too long (maximum is 30 characters)");
        else if (!USERNAME.matcher(username).matches()) add(errors, "username", "ERR_INVALID", "must contain only letters, numbers and underscores");
        else if (RESERVED.contains(username.toLowerCase(Locale.ROOT))) add(errors, "username", "ERR_RESERVED", "is reserved");
    }

    /** Adds Mastodon's password errors (blank, shorter than 8 or longer than 72 characters) under {@code field}. */
    static void validatePassword(String field, String password, Map<String, List<FieldError>> errors) {
        if (password.isEmpty()) add(errors, field, "ERR_BLANK", "can't be blank");
        else if (password.length() < 8) add(errors, field, "ERR_TOO_SHORT", "is too short (minimum is 8 characters)");
        else if (password.length() > 72) add(errors, field, "ERR_TOO_LONG", "is too long (maximum is 72 characters)");
    }

    /** True when {@code username} follows the rules (imported authors are checked with this too). */
    public static boolean isValidUsername(String username) {
        Map<String, List<FieldError>> errors = new LinkedHashMap<>();
        validateUsername(username, errors);
        return errors.isEmpty();
    }

    static void add(Map<String, List<FieldError>> errors, String field, String code, String description) {
        errors.computeIfAbsent(field, k -> new ArrayList<>()).add(new FieldError(code, description));
    }

    static SocialException.Invalid invalid(Map<String, List<FieldError>> errors) {
        List<String> parts = new ArrayList<>();
        errors.forEach((field, list) -> list.forEach(e -> parts.add(humanize(field) + " " + e.description())));
        return new SocialException.Invalid("Validation failed: " + String.join(", ", parts), errors);
    }

    private static String humanize(String field) {
        return Character.toUpperCase(field.charAt(0)) + field.substring(1).replace('_', ' ');
    }

    /** @throws SocialException.NotFound when there is no such account */
    public Account get(long id) {
        return db.read(c -> Accounts.byId(c, id)).orElseThrow(SocialException::notFound);
    }

    /** By username, ignoring case; a leading '@' and a trailing "@this-domain" part are not allowed here. */
    public Optional<Account> lookup(String username) {
        if (username == null || username.isBlank()) return Optional.empty();
        return db.read(c -> Accounts.byUsername(c, username.strip()));
    }

    /** Profile fields a user may change; null means unchanged. */
    public record ProfileUpdate(String displayName, String note, Boolean bot) {
    }

    /** @throws SocialException.Invalid when a field is too long */
    public Account update(long accountId, ProfileUpdate update) {
        checkProfileText(update.displayName(), update.note());
        db.write(c -> {
            Accounts.updateProfile(c, accountId, update.displayName() == null ? null : update.displayName().strip(),
                    update.note() == null ? null : update.note().strip(), update.bot());
            return null;
        });
        Account updated = get(accountId);
        bus.publish(new SocialEvent.AccountChanged(updated));
        return updated;
    }

    /**
     * Refuses a display name over {@value #MAX_DISPLAY_NAME} or a note over {@value #MAX_NOTE} characters (null:
     * unchanged, fine). @throws SocialException.Invalid naming the field
     */
    static void checkProfileText(String displayName, String note) {
        if (displayName != null && displayName.strip().codePointCount(0, displayName.strip().length()) > MAX_DISPLAY_NAME) {
            throw SocialException.invalid("display_name", "Display name is too long (maximum is 30 characters)");
        }
        if (note != null && note.strip().codePointCount(0, note.strip().length()) > MAX_NOTE) {
            throw SocialException.invalid("note", "Note is too long (maximum is 500 characters)");
        }
    }

    /** The locale the user signed up with ("en" when unknown). */
    public String locale(long accountId) {
        return db.read(c -> Accounts.locale(c, accountId)).orElse("en");
    }

    /**
     * Creates an account without login credentials (imported or demo authors); returns the existing one when the
     * username is taken.
     */
    public Account ensure(String username, String displayName, boolean bot) {
        if (!isValidUsername(username)) throw SocialException.invalid("username", "Username is invalid");
        Optional<Account> existing = lookup(username);
        if (existing.isPresent()) return existing.get();
        Account created = db.write(c -> {
            Optional<Account> raced = Accounts.byUsername(c, username);
            if (raced.isPresent()) return raced.get();
            long id = ids.next();
            Accounts.insert(c, id, username, null, null, null, bot, System.currentTimeMillis());
            if (displayName != null) Accounts.updateProfile(c, id, displayName, null, null);
            return Accounts.byId(c, id).orElseThrow();
        });
        bus.publish(new SocialEvent.AccountChanged(created));
        return created;
    }
}
