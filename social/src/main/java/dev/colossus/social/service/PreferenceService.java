package dev.colossus.social.service;

import dev.colossus.social.Preferences;
import dev.colossus.social.SocialException;
import dev.colossus.social.Visibility;
import dev.colossus.social.store.Accounts;
import dev.colossus.social.store.Database;
import dev.colossus.social.store.PreferenceRows;

/**
 * Accounts' posting defaults ({@link Preferences}). Thread-safe.
 */
public final class PreferenceService {

    private final Database db;

    public PreferenceService(Database db) {
        this.db = db;
    }

    /** {@code accountId}'s preferences ({@link Preferences#DEFAULT} when it never set any). */
    public Preferences get(long accountId) {
        return db.read(c -> PreferenceRows.get(c, accountId)).orElse(Preferences.DEFAULT);
    }

    /**
     * Changes {@code accountId}'s preferences; returns them as they now are.
     *
     * @throws SocialException.NotFound for an unknown account
     * @throws SocialException.Invalid  for a direct default visibility or a language that is not an ISO 639 code
     */
    public Preferences update(long accountId, Preferences.Update update) {
        if (update.visibility() == Visibility.DIRECT) {
            throw SocialException.invalid("source[privacy]", "Privacy is not included in the list");
        }
        String language = update.language();
        if (language != null && !language.isEmpty() && !language.matches("[a-z]{2,3}")) {
            throw SocialException.invalid("source[language]", "Language is not a valid ISO 639 code");
        }
        return db.write(c -> {
            if (Accounts.byId(c, accountId).isEmpty()) throw SocialException.notFound();
            Preferences now = PreferenceRows.get(c, accountId).orElse(Preferences.DEFAULT);
            Preferences next = new Preferences(
                    update.visibility() == null ? now.postingVisibility() : update.visibility(),
                    update.sensitive() == null ? now.postingSensitive() : update.sensitive(),
                    language == null ? now.postingLanguage() : language.isEmpty() ? null : language);
            PreferenceRows.put(c, accountId, next);
            return next;
        });
    }
}
