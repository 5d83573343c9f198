package dev.colossus.social.service;

import dev.colossus.social.Account;
import dev.colossus.social.ApiKey;
import dev.colossus.social.IssuedApiKey;
import dev.colossus.social.StoreContract;
import dev.colossus.social.SocialException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Users' API keys and the tokens spent per day over a real store: one subclass per database. */
abstract class ApiKeyStoreContract extends StoreContract {

    ApiKeyStoreContract() {
        super(Instant.parse("2026-03-01T23:59:00Z"));
    }

    @Test
    void aKeyIsShownOnceAndWorksUntilRevoked() {
        Account ann = person("ann");
        IssuedApiKey issued = social.apiKeys().create(ann.id(), "  laptop ");
        assertThat(issued.secret()).startsWith(ApiKeyService.PREFIX).startsWith(issued.key().hint());
        assertThat(issued.key().name()).isEqualTo("laptop");

        assertThat(social.apiKeys().list(ann.id())).extracting(ApiKey::id).containsExactly(issued.key().id());
        ApiKey found = social.apiKeys().authenticate(issued.secret()).orElseThrow();
        assertThat(found.id()).isEqualTo(issued.key().id());
        assertThat(social.apiKeys().list(ann.id()).getFirst().lastUsedAt()).isEqualTo(clock.instant());
        assertThat(social.apiKeys().authenticate(issued.secret() + "x")).isEmpty();
        assertThat(social.apiKeys().authenticate(issued.secret().substring(ApiKeyService.PREFIX.length()))).isEmpty();

        Account bob = person("bob");
        assertThatThrownBy(() -> social.apiKeys().revoke(bob.id(), issued.key().id()))
                .isInstanceOf(SocialException.NotFound.class);
        assertThat(social.apiKeys().authenticate(issued.secret())).isPresent();
        social.apiKeys().revoke(ann.id(), issued.key().id());
        assertThat(social.apiKeys().authenticate(issued.secret())).isEmpty();
        assertThat(social.apiKeys().list(ann.id())).isEmpty();
        assertThatThrownBy(() -> social.apiKeys().revoke(ann.id(), issued.key().id()))
                .isInstanceOf(SocialException.NotFound.class);
    }

    @Test
    void anAccountHasAtMostTwentyWorkingKeysAndEachNeedsAName() {
        Account cid = person("cid");
        for (int i = 0; i < ApiKeyService.MAX_KEYS; i++) social.apiKeys().create(cid.id(), "key " + i);
        assertThatThrownBy(() -> social.apiKeys().create(cid.id(), "one more"))
                .isInstanceOf(SocialException.Invalid.class).hasMessageContaining("at most 20");
        social.apiKeys().revoke(cid.id(), social.apiKeys().list(cid.id()).getFirst().id());
        assertThat(social.apiKeys().create(cid.id(), "one more").key().name()).isEqualTo("one more");
        assertThatThrownBy(() -> social.apiKeys().create(cid.id(), " ")).isInstanceOf(SocialException.Invalid.class);
        assertThatThrownBy(() -> social.apiKeys().create(cid.id(), "x".repeat(101)))
                .isInstanceOf(SocialException.Invalid.class);
    }

    @Test
    void tokensAddUpPerSubjectAndStartAgainTheNextUtcDay() {
        ApiKeyService keys = social.apiKeys();
        keys.spend("key:1", 5);
        keys.spend("key:1", 7);
        keys.spend("key:2", 3);
        keys.spend("key:1", 0);
        assertThat(keys.tokensToday("key:1")).isEqualTo(12);
        assertThat(keys.tokensToday("key:2")).isEqualTo(3);
        assertThat(keys.tokensToday("user:9")).isZero();
        clock.advance(Duration.ofMinutes(2));
        assertThat(keys.tokensToday("key:1")).isZero();
        keys.spend("key:1", 4);
        assertThat(keys.tokensToday("key:1")).isEqualTo(4);
    }
}
