package dev.colossus.social.service;

import dev.colossus.social.Account;
import dev.colossus.social.SocialException;
import dev.colossus.social.media.ProfileImages;
import dev.colossus.social.store.Accounts;
import dev.colossus.social.store.Database;
import dev.colossus.social.stream.EventBus;
import dev.colossus.social.stream.SocialEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Profile editing, as Mastodon's {@code update_credentials} does it: display name (at most 30 characters), note (at
 * most 500), bot and discoverable flags, up to {@value Account#MAX_FIELDS} name/value fields (each at most
 * {@value #MAX_FIELD} characters; pairs with both blank are dropped), and avatar and header images
 * ({@link ProfileImages}). Every check runs before anything is stored, so a refused update changes nothing; an
 * image replaced or removed has its file deleted once no account shows it. Each change is published as
 * {@link SocialEvent.AccountChanged}. Thread-safe.
 */
public final class ProfileService {

    /** The longest name or value of a profile field (Mastodon's limit). */
    public static final int MAX_FIELD = 255;

    private final Database db;
    private final EventBus bus;
    private final ProfileImages images;

    public ProfileService(Database db, EventBus bus, ProfileImages images) {
        this.db = db;
        this.bus = bus;
        this.images = images;
    }

    /**
     * Profile changes; null leaves a part as it is. {@code fields} replaces all fields; {@code avatar} and
     * {@code header} are uploaded image files.
     */
    public record Update(String displayName, String note, Boolean bot, Boolean discoverable, List<Account.Field> fields,
                         byte[] avatar, byte[] header) {
    }

    /**
     * Applies {@code update} to the account's profile; returns the account as it now is.
     *
     * @throws SocialException.Invalid  for a too long display name, note or field, more than
     *                                  {@value Account#MAX_FIELDS} fields, or an image that is refused (see
     *                                  {@link ProfileImages#store})
     * @throws SocialException.NotFound for an unknown account
     */
    public Account update(long accountId, Update update) {
        AccountService.checkProfileText(update.displayName(), update.note());
        List<Account.Field> fields = update.fields() == null ? null : checkedFields(update.fields());
        String avatar = update.avatar() == null ? null : images.store(ProfileImages.Kind.AVATAR, update.avatar());
        String header = update.header() == null ? null : images.store(ProfileImages.Kind.HEADER, update.header());
        List<String> replaced = db.write(c -> {
            if (Accounts.byId(c, accountId).isEmpty()) throw SocialException.notFound();
            Accounts.updateProfile(c, accountId, strip(update.displayName()), strip(update.note()), update.bot());
            Accounts.updateFieldsAndDiscoverable(c, accountId, fields, update.discoverable());
            List<String> old = new ArrayList<>();
            if (avatar != null) Accounts.setImage(c, accountId, false, avatar).ifPresent(old::add);
            if (header != null) Accounts.setImage(c, accountId, true, header).ifPresent(old::add);
            return old;
        });
        deleteUnused(replaced);
        return changed(accountId);
    }

    /**
     * Puts the default avatar or header back ({@code DELETE /api/v1/profile/avatar}, {@code /header}); returns the
     * account. Idempotent. @throws SocialException.NotFound for an unknown account
     */
    public Account removeImage(long accountId, ProfileImages.Kind kind) {
        Optional<String> old = db.write(c -> {
            if (Accounts.byId(c, accountId).isEmpty()) throw SocialException.notFound();
            return Accounts.setImage(c, accountId, kind == ProfileImages.Kind.HEADER, null);
        });
        deleteUnused(old.stream().toList());
        return changed(accountId);
    }

    private Account changed(long accountId) {
        Account now = db.read(c -> Accounts.byId(c, accountId)).orElseThrow(SocialException::notFound);
        bus.publish(new SocialEvent.AccountChanged(now));
        return now;
    }

    /** Deletes the files of {@code paths} that no account shows any more. */
    void deleteUnused(List<String> paths) {
        for (String path : paths) {
            if (!db.read(c -> Accounts.imageInUse(c, path))) images.delete(path);
        }
    }

    private static List<Account.Field> checkedFields(List<Account.Field> given) {
        List<Account.Field> kept = new ArrayList<>();
        for (Account.Field f : given) {
            String name = f.name() == null ? "" : f.name().strip(), value = f.value() == null ? "" : f.value().strip();
            if (name.isEmpty() && value.isEmpty()) continue;
            if (name.codePointCount(0, name.length()) > MAX_FIELD || value.codePointCount(0, value.length()) > MAX_FIELD) {
                throw SocialException.invalid("fields", "Fields names and values must be at most " + MAX_FIELD + " characters");
            }
            kept.add(new Account.Field(name, value));
        }
        if (kept.size() > Account.MAX_FIELDS) {
            throw SocialException.invalid("fields", "Fields are too many (maximum is " + Account.MAX_FIELDS + ")");
        }
        return kept;
    }

    private static String strip(String s) {
        return s == null ? null : s.strip();
    }
}
