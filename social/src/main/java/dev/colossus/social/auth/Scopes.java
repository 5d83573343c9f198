package dev.colossus.social.auth;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/** OAuth scopes as Mastodon spells them: {@code read}, {@code write:statuses}, {@code follow}, ... */
public final class Scopes {

    private static final Pattern SCOPE = Pattern.compile("(read|write|admin:read|admin:write)(:[a-z_]+)?|follow|push|profile");

    private Scopes() {
    }

    /**
     * Parses a space- (or plus-) separated scope list; a blank list means {@code fallback}.
     *
     * @throws OAuthException {@code invalid_scope} for an unknown scope
     */
    public static Set<String> parse(String text, String fallback) {
        String s = text == null || text.isBlank() ? fallback : text;
        Set<String> out = new LinkedHashSet<>();
        for (String part : s.trim().split("[\\s+]+")) {
            if (!SCOPE.matcher(part).matches()) {
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
