package dev.colossus.social.auth;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** OAuth scopes as Mastodon spells them: {@code read}, {@code write:statuses}, {@code follow}, ... */
public final class Scopes {

    /** Every scope Mastodon defines, in its order: the top-level ones, then the granular ones. */
    public static final List<String> ALL = List.of(
            "read", "write", "follow", "push", "profile",
            "read:accounts", "read:blocks", "read:bookmarks", "read:favourites", "read:filters", "read:follows",
            "read:lists", "read:mutes", "read:notifications", "read:search", "read:statuses",
            "write:accounts", "write:blocks", "write:bookmarks", "write:conversations", "write:favourites",
            "write:filters", "write:follows", "write:lists", "write:media", "write:mutes", "write:notifications",
            "write:reports", "write:statuses",
            "admin:read", "admin:read:accounts", "admin:read:reports", "admin:read:domain_allows",
            "admin:read:domain_blocks", "admin:read:ip_blocks", "admin:read:email_domain_blocks",
            "admin:read:canonical_email_blocks",
            "admin:write", "admin:write:accounts", "admin:write:reports", "admin:write:domain_allows",
            "admin:write:domain_blocks", "admin:write:ip_blocks", "admin:write:email_domain_blocks",
            "admin:write:canonical_email_blocks");
    private static final Set<String> KNOWN = Set.copyOf(ALL);

    private Scopes() {
    }

    /**
     * Parses a space- (or plus-) separated scope list; a blank list means {@code fallback}.
     *
     * @throws OAuthException {@code invalid_scope} for a scope not in {@link #ALL}
     */
    public static Set<String> parse(String text, String fallback) {
        String s = text == null || text.isBlank() ? fallback : text;
        Set<String> out = new LinkedHashSet<>();
        for (String part : s.trim().split("[\\s+]+")) {
            if (!KNOWN.contains(part)) {
                throw new OAuthException("invalid_scope", "The requested scope is invalid, unknown, or malformed.");
            }
            out.add(part);
        }
        return out;
    }

    /** True when {@code granted} (space-separated) covers {@code required}, e.g. {@code write} covers {@code write:statuses}. */
    public static boolean allows(String granted, String required) {
        String top = required.contains(":") ? required.substring(0, required.lastIndexOf(':')) : required;
        for (String g : granted.split(" ")) {
            if (g.equals(required) || g.equals(top)) return true;
            if (g.equals("follow") && (required.endsWith(":follows") || required.endsWith(":blocks") || required.endsWith(":mutes"))) return true;
            if (g.equals("profile") && required.equals("read:accounts")) return true;
        }
        return false;
    }

    /** Every requested scope must be among the application's (a top-level app scope covers its sub-scopes). */
    public static boolean within(Set<String> requested, String appScopes) {
        for (String r : requested) if (!allows(appScopes, r)) return false;
        return true;
    }
}
