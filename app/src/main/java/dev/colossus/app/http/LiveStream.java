package dev.colossus.app.http;

import dev.colossus.social.AccessGrant;
import dev.colossus.social.Post;
import dev.colossus.social.Social;
import dev.colossus.social.SocialException;
import dev.colossus.social.Visibility;
import dev.colossus.social.auth.Scopes;
import dev.colossus.social.text.PostText;

import java.util.List;

/**
 * One of Mastodon's live streams, as both transports (Server-Sent Events and WebSocket) offer them: which posts it
 * carries and the name a WebSocket message gives it ({@code ["public"]}, {@code ["hashtag", "foo"]}, {@code ["user"]}).
 * Immutable and thread-safe; {@link #carries} may read the database (follows) and so belongs on a stream's own thread,
 * never on the event bus's.
 */
sealed interface LiveStream {

    /** The {@code stream} array of Mastodon's WebSocket messages for this stream. */
    List<String> names();

    /** What identifies the subscription for {@code unsubscribe}: the names, with the tag normalized. */
    default String key() {
        return String.join(":", names());
    }

    /**
     * Whether a new, edited or deleted post (as an anonymous viewer sees it) goes out on this stream: never one that
     * the stream's viewer's blocks and mutes hide.
     */
    boolean carries(Post post, Social social);

    /** Whether a notification for {@code accountId} goes out on this stream. */
    default boolean carriesNotificationsOf(long accountId) {
        return false;
    }

    /** Whether a change to one of {@code accountId}'s direct conversations goes out on this stream. */
    default boolean carriesConversationsOf(long accountId) {
        return false;
    }

    /**
     * Whether {@code event} for {@code accountId} alone ({@code notification} or {@code conversation}) goes out on
     * this stream.
     */
    default boolean carriesEventOf(String event, long accountId) {
        return switch (event) {
            case "notification" -> carriesNotificationsOf(accountId);
            case "conversation" -> carriesConversationsOf(accountId);
            default -> false;
        };
    }

    /**
     * {@code public} and {@code public:local} (every post here is local): public posts, not reblogs.
     *
     * @param viewerId who watches (null: nobody signed in), whose blocks and mutes the stream heeds
     */
    record Public(boolean local, Long viewerId) implements LiveStream {
        @Override
        public List<String> names() {
            return List.of(local ? "public:local" : "public");
        }

        @Override
        public boolean carries(Post post, Social social) {
            return isPublicPost(post) && !social.blocks().hides(viewerId, post);
        }
    }

    /**
     * {@code hashtag} and {@code hashtag:local}: public posts with the tag; {@code tag} as the client gave it.
     *
     * @param viewerId who watches (null: nobody signed in), whose blocks and mutes the stream heeds
     */
    record Hashtag(String tag, boolean local, Long viewerId) implements LiveStream {
        public Hashtag {
            if (tag == null || tag.isBlank()) throw new ApiError(400, "Missing required parameter: tag");
        }

        String normalized() {
            return PostText.normalizeTag(tag.startsWith("#") ? tag.substring(1) : tag);
        }

        @Override
        public List<String> names() {
            return List.of(local ? "hashtag:local" : "hashtag", tag);
        }

        @Override
        public String key() {
            return names().getFirst() + ":" + normalized();
        }

        @Override
        public boolean carries(Post post, Social social) {
            return isPublicPost(post) && post.tags().contains(normalized()) && !social.blocks().hides(viewerId, post);
        }
    }

    /**
     * {@code user}: the account's own posts and those of accounts it follows (public, unlisted, followers-only), and
     * its notifications; {@code user:notification} (notificationsOnly): its notifications alone.
     */
    record User(long accountId, boolean notificationsOnly) implements LiveStream {
        @Override
        public List<String> names() {
            return List.of(notificationsOnly ? "user:notification" : "user");
        }

        @Override
        public boolean carries(Post post, Social social) {
            if (notificationsOnly) return false;
            return (post.account().id() == accountId || (post.visibility().compareTo(Visibility.PRIVATE) <= 0
                    && social.follows().isFollowing(accountId, post.account().id())))
                    && !social.blocks().hides(accountId, post);
        }

        @Override
        public boolean carriesNotificationsOf(long account) {
            return account == accountId;
        }
    }

    /**
     * {@code direct}: the account's direct conversations, each change sent as {@code conversation} with the
     * conversation as the account sees it (no posts as {@code update}, as Mastodon).
     */
    record Direct(long accountId) implements LiveStream {
        @Override
        public List<String> names() {
            return List.of("direct");
        }

        @Override
        public boolean carries(Post post, Social social) {
            return false;
        }

        @Override
        public boolean carriesConversationsOf(long account) {
            return account == accountId;
        }
    }

    /** {@code list}: what the timeline of one of the account's lists shows, as it is posted. */
    record ListFeed(long ownerId, long listId) implements LiveStream {
        @Override
        public List<String> names() {
            return List.of("list", Long.toString(listId));
        }

        @Override
        public boolean carries(Post post, Social social) {
            return social.lists().shows(ownerId, listId, post.id());
        }
    }

    private static boolean isPublicPost(Post post) {
        return post.visibility() == Visibility.PUBLIC && post.reblog() == null;
    }

    /**
     * The stream Mastodon calls {@code name} ({@code public}, {@code public:local}, {@code hashtag},
     * {@code hashtag:local}, {@code user}, {@code user:notification}, {@code direct}, {@code list}) for the holder of
     * {@code grant}
     * (null: no token).
     *
     * @param list the list's id, for {@code list}
     * @throws ApiError 400 for an unknown stream, a hashtag stream without a tag or a list stream without a list; 401
     *                  for a user stream without a user token that may read statuses (notifications for
     *                  {@code user:notification}, lists for {@code list}); 404 for a list the user does not have
     */
    static LiveStream of(String name, String tag, String list, AccessGrant grant, Social social) {
        return switch (name == null ? "" : name) {
            case "public", "public:local" -> new Public(name.endsWith(":local"), viewer(grant));
            case "hashtag", "hashtag:local" -> new Hashtag(tag, name.endsWith(":local"), viewer(grant));
            case "user" -> new User(reader(grant, "read:statuses"), false);
            case "user:notification" -> new User(reader(grant, "read:notifications"), true);
            case "direct" -> new Direct(reader(grant, "read:statuses"));
            case "list" -> list(list, reader(grant, "read:lists"), social);
            default -> throw new ApiError(400, "Unknown stream type");
        };
    }

    /** The {@code list} stream of {@code owner}'s list {@code list}. @throws ApiError 400 without a list, 404 for one it lacks */
    static ListFeed list(String list, long owner, Social social) {
        if (list == null || list.isBlank()) throw new ApiError(400, "Missing required parameter: list");
        long id = Params.parseId(list, "list");
        try {
            social.lists().get(owner, id);
        } catch (SocialException.NotFound e) {
            throw new ApiError(404, "Record not found");
        }
        return new ListFeed(owner, id);
    }

    private static Long viewer(AccessGrant grant) {
        return grant == null ? null : grant.accountId();
    }

    private static long reader(AccessGrant grant, String scope) {
        if (grant == null || grant.accountId() == null) throw new ApiError(401, "Missing access token");
        if (!Scopes.allows(grant.scopes(), scope)) throw new ApiError(401, "Access token does not have the required scopes");
        return grant.accountId();
    }
}
