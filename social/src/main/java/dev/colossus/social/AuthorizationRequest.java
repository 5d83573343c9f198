package dev.colossus.social;

import dev.colossus.social.auth.Pkce;

/**
 * An app's request for an authorization code ({@code GET /oauth/authorize}), once checked: one the user may approve,
 * one refused with an OAuth error the app hears at its redirect URI, or one that cannot be answered at any redirect
 * URI (RFC 6749 section 4.1.2.1: an unknown client or an unregistered redirect URI is never redirected to).
 */
public sealed interface AuthorizationRequest {

    /**
     * A request the user may approve.
     *
     * @param redirectUri     one of the app's registered redirect URIs, exactly as registered
     * @param scopes          the granted scopes, space-separated ({@code read} when the app asked for none)
     * @param codeChallenge   the PKCE challenge, or null when the app sent none
     * @param challengeMethod how the challenge was derived, or null without a challenge
     */
    record Valid(Application app, String redirectUri, String scopes, String codeChallenge,
                 Pkce.Method challengeMethod) implements AuthorizationRequest {
    }

    /**
     * A request from a known app to one of its redirect URIs, refused with an OAuth error code
     * ({@code unsupported_response_type}, {@code invalid_scope}, {@code invalid_request}).
     */
    record Refused(String redirectUri, String error, String description) implements AuthorizationRequest {
    }

    /** A request that names no known app or no redirect URI the app registered: the user is told why. */
    record Unusable(String reason) implements AuthorizationRequest {
    }
}
