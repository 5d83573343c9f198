package dev.colossus.social.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Generates a small, believable network for a fresh server: a few dozen people with names and bios, a few thousand
 * posts over the last days about tech launches, space, sports, music, cooking, local events, science and books (some
 * in Spanish, French, German, Japanese and Portuguese, with emoji), reply threads, follows, likes and reposts. Four
 * events trend right now: their hashtags ({@code #NimbusLaunch}, {@code #AuroraFlight}, {@code #CupFinal},
 * {@code #NightMarket}) are used mostly within the last three hours, while everyday tags are spread over the week.
 *
 * <p>Deterministic: the same seed, {@code now} and size give the same network. Thread safe (no shared state).
 */
public final class DemoGenerator {

    /**
     * How big a network to make.
     *
     * @param accounts how many people, 2 to {@link #MAX_ACCOUNTS}
     * @param posts    how many posts, at least 1
     * @param span     how far back posts go
     */
    public record Size(int accounts, int posts, Duration span) {
        /** 36 people, 3,000 posts over 7 days. */
        public static final Size DEFAULT = new Size(36, 3000, Duration.ofDays(7));

        public Size {
            if (accounts < 2 || accounts > MAX_ACCOUNTS) throw new IllegalArgumentException("accounts must be 2.." + MAX_ACCOUNTS);
            if (posts < 1) throw new IllegalArgumentException("posts must be positive");
            if (span.compareTo(Duration.ofHours(6)) < 0) throw new IllegalArgumentException("span must be at least 6 hours");
        }
    }

    /** The number of distinct demo people. */
    public static final int MAX_ACCOUNTS = DemoContent.PEOPLE.size();

    private static final double REPLY_SHARE = 0.35;
    private static final double TRENDING_SHARE = 0.10;
    private static final Duration TRENDING_WINDOW = Duration.ofHours(3);

    private DemoGenerator() {
    }

    /** A network whose newest activity is just before {@code now}. */
    public static DemoNetwork generate(long seed, Instant now, Size size) {
        Objects.requireNonNull(now, "now");
        Random rng = new Random(seed);
        List<DemoContent.Person> people = DemoContent.PEOPLE.subList(0, size.accounts());
        Instant start = now.minus(size.span());

        List<DemoAccount> accounts = new ArrayList<>();
        for (DemoContent.Person p : people) {
            accounts.add(new DemoAccount(p.username(), p.displayName(), p.bio(),
                    start.minus(Duration.ofDays(1 + rng.nextInt(400))).minusSeconds(rng.nextInt(86_400))));
        }
        List<DemoNetwork.Follow> follows = follows(people, rng);

        Writer writer = new Writer(rng, people);
        List<Long> times = postTimes(rng, start, now, size.posts());
        List<DemoPost> posts = new ArrayList<>(size.posts());
        List<Boolean> trending = new ArrayList<>(size.posts());
        for (long t : times) {
            Instant at = Instant.ofEpochMilli(t);
            boolean trendingSlot = !at.isBefore(now.minus(TRENDING_WINDOW)) && rng.nextDouble() < 0.5;
            DemoPost parent = !trendingSlot && rng.nextDouble() < REPLY_SHARE ? pickParent(posts, at, rng) : null;
            DemoPost post = parent != null ? writer.reply(posts.size(), parent, at) : writer.post(posts.size(), at, trendingSlot);
            posts.add(post);
            trending.add(trendingSlot);
        }

        List<DemoNetwork.Reaction> likes = new ArrayList<>();
        List<DemoNetwork.Reaction> reposts = new ArrayList<>();
        for (DemoPost p : posts) {
            double popularity = trending.get(p.number()) ? 6 : p.isReply() ? 0.6 : 1.5;
            int likeCount = Math.min(people.size() - 1, (int) (popularity * -Math.log(1 - rng.nextDouble()) * 2));
            int repostCount = likeCount / 4;
            reactions(p, likeCount, now, rng, people, likes);
            reactions(p, repostCount, now, rng, people, reposts);
        }
        likes.sort(Comparator.comparing(DemoNetwork.Reaction::at));
        reposts.sort(Comparator.comparing(DemoNetwork.Reaction::at));
        return new DemoNetwork(accounts, follows, posts, likes, reposts);
    }

    /** Each person follows most people who share a topic and a few who do not. */
    private static List<DemoNetwork.Follow> follows(List<DemoContent.Person> people, Random rng) {
        List<DemoNetwork.Follow> out = new ArrayList<>();
        for (DemoContent.Person a : people) {
            for (DemoContent.Person b : people) {
                if (a == b) continue;
                boolean shared = a.topics().stream().anyMatch(b.topics()::contains);
                if (rng.nextDouble() < (shared ? 0.6 : 0.12)) out.add(new DemoNetwork.Follow(a.username(), b.username()));
            }
        }
        return out;
    }

    /** Sorted creation times: a daily rhythm (quiet at night, UTC) over the span, plus a burst in the last hours. */
    private static List<Long> postTimes(Random rng, Instant start, Instant now, int n) {
        long from = start.toEpochMilli();
        long to = now.toEpochMilli() - 1000;
        long burstFrom = now.minus(TRENDING_WINDOW).toEpochMilli();
        List<Long> times = new ArrayList<>(n);
        Set<Long> seen = new HashSet<>();
        while (times.size() < n) {
            long t = rng.nextDouble() < TRENDING_SHARE
                    ? burstFrom + (long) (rng.nextDouble() * (to - burstFrom))
                    : from + (long) (rng.nextDouble() * (to - from));
            double hour = (t / 3_600_000.0) % 24;
            double activity = 0.35 + 0.65 * Math.max(0, Math.sin((hour - 6) / 24 * 2 * Math.PI) + 0.3) / 1.3;
            if (rng.nextDouble() < activity && seen.add(t)) times.add(t);
        }
        times.sort(null);
        return times;
    }

    /** A recent post to answer (most replies come within hours), or null when none is recent enough. */
    private static DemoPost pickParent(List<DemoPost> posts, Instant at, Random rng) {
        for (int attempt = 0; attempt < 4; attempt++) {
            int back = 1 + (int) (-Math.log(1 - rng.nextDouble()) * 25);
            if (back > posts.size()) continue;
            DemoPost candidate = posts.get(posts.size() - back);
            if (Duration.between(candidate.createdAt(), at).compareTo(Duration.ofHours(12)) < 0) return candidate;
        }
        return null;
    }

    private static void reactions(DemoPost p, int count, Instant now, Random rng, List<DemoContent.Person> people,
                                  List<DemoNetwork.Reaction> out) {
        Set<String> who = new HashSet<>();
        who.add(p.author());
        long room = Math.max(1, now.toEpochMilli() - p.createdAt().toEpochMilli() - 1);
        for (int i = 0; i < count * 3 && who.size() <= count; i++) {
            String account = DemoTexts.pick(people, rng).username();
            if (!who.add(account)) continue;
            long delay = Math.min(room, (long) (-Math.log(1 - rng.nextDouble()) * 3_600_000L) + 1);
            out.add(new DemoNetwork.Reaction(p.number(), account, p.createdAt().plusMillis(delay)));
        }
    }

    /** Writes posts and replies in the voices of the demo people; shared with {@link DemoLiveFeed}. */
    static final class Writer {
        private static final int MAX_REMEMBERED = 20_000;
        private final Random rng;
        private final List<DemoContent.Person> people;
        /** Top-level texts posted so far. */
        private final Set<String> used = new HashSet<>();

        Writer(Random rng, List<DemoContent.Person> people) {
            this.rng = rng;
            this.people = people;
        }

        DemoPost post(int number, Instant at, boolean trendingSlot) {
            if (trendingSlot) {
                List<DemoContent.Topic> events = DemoContent.TOPICS.stream().filter(t -> t.trendingTag() != null).toList();
                DemoContent.Topic topic = DemoTexts.pick(events, rng);
                List<DemoContent.Person> fans = people.stream().filter(p -> p.topics().contains(topic.name())).toList();
                DemoContent.Person author = fans.isEmpty() || rng.nextDouble() < 0.3 ? DemoTexts.pick(people, rng) : DemoTexts.pick(fans, rng);
                String text = unique(() -> DemoTexts.fill(DemoTexts.pick(topic.trendingPosts(), rng), rng), true);
                return make(number, author, text, at, -1, "en");
            }
            DemoContent.Person author = DemoTexts.pick(people, rng);
            List<String> own = DemoContent.OTHER_LANGUAGE_POSTS.get(author.language());
            if (own != null && rng.nextDouble() < 0.6) {
                String text = unique(() -> DemoTexts.fill(DemoTexts.pick(own, rng), rng), false);
                return make(number, author, text, at, -1, author.language());
            }
            String topicName = rng.nextDouble() < 0.7 ? author.topics().getFirst() : DemoTexts.pick(author.topics(), rng);
            DemoContent.Topic topic = topic(topicName);
            String text = unique(() -> {
                String t = DemoTexts.fill(DemoTexts.pick(topic.posts(), rng), rng);
                return DemoTexts.tags(t).isEmpty() && rng.nextDouble() < 0.4 ? t + " #" + DemoTexts.pick(topic.tags(), rng) : t;
            }, true);
            return make(number, author, text, at, -1, "en");
        }

        /**
         * A post text nobody has posted yet: a few fresh draws, then the draw with an opener (English) or an emoji
         * added, so that the same sentence does not appear under several accounts.
         */
        private String unique(Supplier<String> draw, boolean english) {
            if (used.size() >= MAX_REMEMBERED) used.clear(); // a long live feed forgets the oldest texts
            String text = draw.get();
            for (int i = 0; i < 8 && used.contains(text); i++) text = draw.get();
            while (used.contains(text)) {
                text = english && rng.nextBoolean()
                        ? DemoTexts.pick(DemoContent.OPENERS, rng) + text
                        : text + " " + DemoTexts.pick(DemoContent.SLOTS.get("emoji"), rng);
            }
            used.add(text);
            return text;
        }

        DemoPost reply(int number, DemoPost parent, Instant at) {
            DemoContent.Person author;
            do {
                author = DemoTexts.pick(people, rng);
            } while (author.username().equals(parent.author()));
            DemoContent.Topic topic = DemoContent.TOPICS.stream()
                    .filter(t -> t.tags().stream().anyMatch(parent.tags()::contains)
                            || (t.trendingTag() != null && parent.tags().contains(t.trendingTag())))
                    .findFirst().orElse(null);
            List<String> replies = topic != null && rng.nextDouble() < 0.7 ? topic.replies() : DemoContent.GENERIC_REPLIES;
            String text = "@" + parent.author() + " " + DemoTexts.fill(DemoTexts.pick(replies, rng), rng);
            return make(number, author, text, at, parent.number(), "en");
        }

        private static DemoContent.Topic topic(String name) {
            return DemoContent.TOPICS.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
        }

        private static DemoPost make(int number, DemoContent.Person author, String text, Instant at, int replyTo, String lang) {
            return new DemoPost(number, author.username(), text, at, replyTo, DemoTexts.tags(text), lang);
        }
    }
}
