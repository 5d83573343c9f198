package dev.colossus.social.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * An endless source of plausible new posts for {@code serve --demo-live}: call {@link #next} every few seconds
 * ({@link #INTERVAL}) and publish what it returns. About a third are replies to recent live posts, so threads grow
 * while you watch; many continue the events trending in the demo network.
 *
 * <p>Replies point at earlier live posts by their {@link LivePost#number()}; keep a map from number to the store's id
 * for the last few dozen posts, and publish a reply whose parent you no longer know as a top-level post.
 * Deterministic for a seed and sequence of times. Not thread safe: call from one scheduler thread.
 */
public final class DemoLiveFeed {

    /** A suggested pause between posts. */
    public static final Duration INTERVAL = Duration.ofSeconds(3);

    private static final int RECENT = 30;

    private final Random rng;
    private final DemoGenerator.Writer writer;
    private final List<DemoPost> recent = new ArrayList<>();
    private int produced;

    /** A feed in the voices of the first {@code accounts} demo people (as in {@link DemoGenerator.Size}). */
    public DemoLiveFeed(long seed, int accounts) {
        if (accounts < 2 || accounts > DemoGenerator.MAX_ACCOUNTS) throw new IllegalArgumentException("accounts must be 2.." + DemoGenerator.MAX_ACCOUNTS);
        this.rng = new Random(seed);
        this.writer = new DemoGenerator.Writer(rng, DemoContent.PEOPLE.subList(0, accounts));
    }

    /** The next post, created at {@code now}. */
    public LivePost next(Instant now) {
        int number = produced++;
        DemoPost post = !recent.isEmpty() && rng.nextDouble() < 0.35
                ? writer.reply(number, recent.get(recent.size() - 1 - rng.nextInt(Math.min(recent.size(), 8))), now)
                : writer.post(number, now, rng.nextDouble() < 0.4);
        recent.add(post);
        if (recent.size() > RECENT) recent.removeFirst();
        return new LivePost(post.number(), post.author(), post.text(), now, post.replyTo(), post.tags());
    }
}
