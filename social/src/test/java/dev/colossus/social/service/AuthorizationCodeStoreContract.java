package dev.colossus.social.service;

import dev.colossus.social.Application;
import dev.colossus.social.AuthorizationRequest;
import dev.colossus.social.IssuedToken;
import dev.colossus.social.StoreContract;
import dev.colossus.social.auth.OAuthException;
import dev.colossus.social.auth.Pkce;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Authorization codes of the OAuth authorization-code flow over a real store: one subclass per database. */
abstract class AuthorizationCodeStoreContract extends StoreContract {

    private static final String CALLBACK = "https://app.example/callback";
    private static final String VERIFIER = "a-verifier-of-at-least-forty-three-characters-0123456789";

    private AuthService auth;
    private Application app;
    private long accountId;

    AuthorizationCodeStoreContract() {
        super(Instant.now());
    }

    @BeforeEach
    void registerApp() {
        auth = social.auth();
        app = auth.registerApp("Client", CALLBACK + "\nurn:ietf:wg:oauth:2.0:oob", "read write", null);
        accountId = person("ann").id();
    }

    private AuthorizationRequest.Valid valid(String redirectUri, String scope) {
        return (AuthorizationRequest.Valid) auth.authorizationRequest(app.clientId(), redirectUri, "code", scope,
                Pkce.s256(VERIFIER), "S256");
    }

    private IssuedToken trade(String code, String redirectUri, String verifier) {
        return auth.authorizationCode(app.clientId(), app.clientSecret(), code, redirectUri, verifier, null);
    }

    @Test
    void aCodeTradesOnceForATokenWithTheGrantedScopes() {
        String code = auth.issueCode(valid(CALLBACK, "write:statuses read"), accountId);
        IssuedToken token = trade(code, CALLBACK, VERIFIER);
        assertThat(token.scope()).isEqualTo("write:statuses read");
        assertThat(auth.authenticate(token.accessToken()).orElseThrow().accountId()).isEqualTo(accountId);

        assertThatThrownBy(() -> trade(code, CALLBACK, VERIFIER)).isInstanceOf(OAuthException.class)
                .extracting(e -> ((OAuthException) e).code()).isEqualTo("invalid_grant");
        assertThat(auth.authenticate(token.accessToken())).as("the token of a code presented twice is revoked").isEmpty();
    }

    @Test
    void anotherAppCannotSpendTheCode() {
        String code = auth.issueCode(valid(CALLBACK, "read"), accountId);
        Application other = auth.registerApp("Other", CALLBACK, "read", null);
        assertThatThrownBy(() -> auth.authorizationCode(other.clientId(), other.clientSecret(), code, CALLBACK, VERIFIER, null))
                .isInstanceOf(OAuthException.class);
        assertThat(trade(code, CALLBACK, VERIFIER).scope()).isEqualTo("read");
    }

    @Test
    void aWrongVerifierOrRedirectUriSpendsTheCodeWithoutAToken() {
        String code = auth.issueCode(valid(CALLBACK, "read"), accountId);
        assertThatThrownBy(() -> trade(code, CALLBACK, VERIFIER + "x")).isInstanceOf(OAuthException.class);
        assertThatThrownBy(() -> trade(code, CALLBACK, VERIFIER)).isInstanceOf(OAuthException.class);
        String oob = auth.issueCode(valid("urn:ietf:wg:oauth:2.0:oob", "read"), accountId);
        assertThatThrownBy(() -> trade(oob, CALLBACK, VERIFIER)).isInstanceOf(OAuthException.class);
    }

    @Test
    void requestsAreCheckedAgainstTheApp() {
        assertThat(auth.authorizationRequest("nobody", CALLBACK, "code", null, null, null))
                .isInstanceOf(AuthorizationRequest.Unusable.class);
        assertThat(auth.authorizationRequest(app.clientId(), CALLBACK + "/", "code", null, null, null))
                .isInstanceOf(AuthorizationRequest.Unusable.class);
        assertThat(auth.authorizationRequest(app.clientId(), CALLBACK, "token", null, null, null))
                .isEqualTo(new AuthorizationRequest.Refused(CALLBACK, "unsupported_response_type",
                        "The authorization server does not support this response type."));
        assertThat(auth.authorizationRequest(app.clientId(), CALLBACK, "code", "follow", null, null))
                .isInstanceOf(AuthorizationRequest.Refused.class);
        assertThat(auth.authorizationRequest(app.clientId(), CALLBACK, "code", null, "short", "S256"))
                .isInstanceOf(AuthorizationRequest.Refused.class);
        assertThat(auth.authorizationRequest(app.clientId(), CALLBACK, "code", null, Pkce.s256(VERIFIER), "S512"))
                .isInstanceOf(AuthorizationRequest.Refused.class);
        AuthorizationRequest.Valid plain = (AuthorizationRequest.Valid) auth.authorizationRequest(app.clientId(),
                CALLBACK, "code", null, VERIFIER, null);
        assertThat(plain.challengeMethod()).isEqualTo(Pkce.Method.PLAIN);
        assertThat(plain.scopes()).isEqualTo("read");
    }
}
