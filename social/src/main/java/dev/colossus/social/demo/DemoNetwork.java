package dev.colossus.social.demo;

import java.time.Instant;
import java.util.List;

/**
 * A generated network, ready to insert: accounts first, then follows, then posts in order (each reply after its
 * parent), then likes and reposts (each after its post).
 *
 * @param accounts accounts
 * @param follows  who follows whom, by username
 * @param posts    posts ordered by {@link DemoPost#number()} (and so by creation time)
 * @param likes    likes
 * @param reposts  reposts
 */
public record DemoNetwork(List<DemoAccount> accounts, List<Follow> follows, List<DemoPost> posts,
                          List<Reaction> likes, List<Reaction> reposts) {

    public DemoNetwork {
        accounts = List.copyOf(accounts);
        follows = List.copyOf(follows);
        posts = List.copyOf(posts);
        likes = List.copyOf(likes);
        reposts = List.copyOf(reposts);
    }

    /** {@code follower} follows {@code followed}. */
    public record Follow(String follower, String followed) {
    }

    /**
     * A like or repost.
     *
     * @param post    the post's {@link DemoPost#number()}
     * @param account who reacted
     * @param at      when (after the post was created)
     */
    public record Reaction(int post, String account, Instant at) {
    }
}
