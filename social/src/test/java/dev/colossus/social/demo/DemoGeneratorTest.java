package dev.colossus.social.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colossus.social.trends.TagUse;
import dev.colossus.social.trends.TrendTracker;
import dev.colossus.social.trends.TrendingTag;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DemoGeneratorTest {

    static final Instant NOW = Instant.parse("2026-05-08T18:00:00Z");
    static final Pattern USERNAME = Pattern.compile("[a-zA-Z0-9_]{1,30}");
    final DemoNetwork net = DemoGenerator.generate(7, NOW, DemoGenerator.Size.DEFAULT);

    @Test
    void sameSeedGivesTheSameNetworkAndAnotherSeedAnotherOne() {
        assertThat(DemoGenerator.generate(7, NOW, DemoGenerator.Size.DEFAULT)).isEqualTo(net);
        assertThat(DemoGenerator.generate(8, NOW, DemoGenerator.Size.DEFAULT).posts()).isNotEqualTo(net.posts());
    }

    @Test
    void accountsAreAFewDozenWithValidUniqueUsernamesNamesAndBios() {
        assertThat(net.accounts()).hasSize(36);
        assertThat(net.accounts()).allSatisfy(a -> {
            assertThat(a.username()).matches(USERNAME);
            assertThat(a.displayName()).isNotBlank();
            assertThat(a.bio()).isNotBlank();
            assertThat(a.createdAt()).isBefore(NOW.minus(Duration.ofDays(7)));
        });
        assertThat(net.accounts().stream().map(a -> a.username().toLowerCase()).distinct()).hasSize(36);
        assertThat(net.follows()).hasSizeGreaterThan(36 * 5)
                .allSatisfy(f -> assertThat(f.follower()).isNotEqualTo(f.followed()));
    }

    @Test
    void postsAreNumberedInTimeOrderWithinTheSpanAndRepliesFollowTheirParents() {
        List<DemoPost> posts = net.posts();
        assertThat(posts).hasSize(3000);
        Set<String> usernames = net.accounts().stream().map(DemoAccount::username).collect(Collectors.toSet());
        for (int i = 0; i < posts.size(); i++) {
            DemoPost p = posts.get(i);
            assertThat(p.number()).isEqualTo(i);
            assertThat(usernames).contains(p.author());
            assertThat(p.createdAt()).isAfterOrEqualTo(NOW.minus(Duration.ofDays(7))).isBefore(NOW);
            assertThat(p.text().codePointCount(0, p.text().length())).isBetween(1, 500);
            if (i > 0) assertThat(p.createdAt()).isAfterOrEqualTo(posts.get(i - 1).createdAt());
            if (p.isReply()) {
                DemoPost parent = posts.get(p.replyTo());
                assertThat(p.replyTo()).isLessThan(i);
                assertThat(p.text()).startsWith("@" + parent.author() + " ");
                assertThat(p.author()).isNotEqualTo(parent.author());
            }
        }
        long replies = posts.stream().filter(DemoPost::isReply).count();
        assertThat(replies).isBetween(500L, 1500L);
    }

    @Test
    void conversationsGoSeveralRepliesDeep() {
        Map<Integer, Integer> depth = new HashMap<>();
        int deepest = 0;
        for (DemoPost p : net.posts()) {
            int d = p.isReply() ? depth.get(p.replyTo()) + 1 : 0;
            depth.put(p.number(), d);
            deepest = Math.max(deepest, d);
        }
        assertThat(deepest).isGreaterThanOrEqualTo(4);
    }

    @Test
    void contentIsVariedMultilingualAndHasEmoji() {
        Set<String> languages = net.posts().stream().map(DemoPost::language).collect(Collectors.toSet());
        assertThat(languages).contains("en", "es", "fr", "de", "ja", "pt");
        assertThat(net.posts().stream().filter(p -> p.text().codePoints().anyMatch(c -> c >= 0x1F300)).count()).isGreaterThan(50);
        assertThat(net.posts().stream().map(DemoPost::text).distinct().count()).isGreaterThan(1000);
        Set<String> tags = net.posts().stream().flatMap(p -> p.tags().stream()).collect(Collectors.toSet());
        assertThat(tags).contains("space", "football", "cooking", "music", "devops", "nightsky", "books");
        assertThat(net.posts()).allSatisfy(p -> assertThat(p.text()).doesNotContain("{").doesNotContain("}"));
    }

    @Test
    void noTwoPostsShareTheSameText() {
        List<String> texts = net.posts().stream().filter(p -> !p.isReply()).map(DemoPost::text).toList();
        assertThat(texts).hasSizeGreaterThan(1000).doesNotHaveDuplicates();
        assertThat(texts).anyMatch(t -> DemoContent.OPENERS.stream().anyMatch(t::startsWith));
    }

    @Test
    void theEventTagsAreWhatTrendsNow() {
        TrendTracker trends = new TrendTracker(Clock.fixed(NOW, ZoneOffset.UTC), TrendTracker.Options.DEFAULT);
        Map<String, Integer> accountIds = new HashMap<>();
        for (DemoAccount a : net.accounts()) accountIds.put(a.username(), accountIds.size() + 1);
        for (DemoPost p : net.posts()) {
            for (String t : p.tags()) trends.tagUsed(new TagUse(t, accountIds.get(p.author()), p.createdAt()));
        }
        List<String> top = trends.topTags(0, 4).stream().map(TrendingTag::name).toList();
        assertThat(top).containsExactlyInAnyOrder("nimbuslaunch", "auroraflight", "cupfinal", "nightmarket");
    }

    @Test
    void likesAndRepostsAreByOthersAfterThePostAndNeverTwice() {
        assertThat(net.likes()).hasSizeGreaterThan(3000);
        assertThat(net.reposts()).isNotEmpty();
        for (List<DemoNetwork.Reaction> reactions : List.of(net.likes(), net.reposts())) {
            Set<String> seen = new HashSet<>();
            for (DemoNetwork.Reaction r : reactions) {
                DemoPost p = net.posts().get(r.post());
                assertThat(r.account()).isNotEqualTo(p.author());
                assertThat(r.at()).isAfter(p.createdAt()).isBeforeOrEqualTo(NOW);
                assertThat(seen.add(r.post() + "/" + r.account())).isTrue();
            }
        }
    }

    @Test
    void liveFeedIsDeterministicAndRepliesToEarlierLivePosts() {
        DemoLiveFeed a = new DemoLiveFeed(3, 36);
        DemoLiveFeed b = new DemoLiveFeed(3, 36);
        Map<Integer, LivePost> byNumber = new HashMap<>();
        int replies = 0;
        for (int i = 0; i < 200; i++) {
            Instant t = NOW.plusSeconds(3L * i);
            LivePost p = a.next(t);
            assertThat(b.next(t)).isEqualTo(p);
            assertThat(p.number()).isEqualTo(i);
            assertThat(p.author()).matches(USERNAME);
            assertThat(p.createdAt()).isEqualTo(t);
            if (p.replyTo() >= 0) {
                replies++;
                assertThat(byNumber).containsKey(p.replyTo());
                assertThat(p.text()).startsWith("@" + byNumber.get(p.replyTo()).author());
            }
            byNumber.put(i, p);
        }
        assertThat(replies).isBetween(30, 120);
    }
}
