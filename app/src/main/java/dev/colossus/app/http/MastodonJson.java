package dev.colossus.app.http;

import dev.colossus.social.Account;
import dev.colossus.social.Application;
import dev.colossus.social.IssuedToken;
import dev.colossus.social.Marker;
import dev.colossus.social.Notification;
import dev.colossus.social.Poll;
import dev.colossus.social.Preferences;
import dev.colossus.social.Relationship;
import dev.colossus.social.Post;
import dev.colossus.social.PostEdit;
import dev.colossus.social.PostSource;
import dev.colossus.social.media.MediaAttachment;
import dev.colossus.social.media.MediaInfo;
import dev.colossus.social.media.Preview;
import dev.colossus.social.text.HtmlRenderer;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renders the network's records in the Mastodon API's JSON shapes (ids as strings, ISO-8601 times with
 * milliseconds, HTML content). Links are made absolute with the server's public origin. Thread-safe.
 */
public final class MastodonJson {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final String base;
    private final HtmlRenderer html;

    /** @param base the public origin, e.g. {@code http://localhost:8080} (no trailing slash) */
    public MastodonJson(String base) {
        this.base = base;
        this.html = new HtmlRenderer(base);
    }

    public static String time(Instant t) {
        return TIME.format(t);
    }

    public Map<String, Object> account(Account a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", Long.toString(a.id()));
        m.put("username", a.username());
        m.put("acct", a.username());
        m.put("display_name", a.displayName());
        m.put("locked", a.locked());
        m.put("bot", a.bot());
        m.put("discoverable", a.discoverable());
        m.put("indexable", true);
        m.put("group", false);
        m.put("created_at", time(a.createdAt().truncatedTo(ChronoUnit.DAYS)));
        m.put("note", a.note().isEmpty() ? "" : html.render(a.note(), Set.of()));
        m.put("url", base + "/@" + a.username());
        m.put("uri", base + "/users/" + a.username());
        String avatar = a.avatarPath() == null ? base + "/avatars/original/missing.png" : base + "/media/" + a.avatarPath();
        String header = a.headerPath() == null ? base + "/headers/original/missing.png" : base + "/media/" + a.headerPath();
        m.put("avatar", avatar);
        m.put("avatar_static", avatar); // stored images are still (an animation keeps its first frame)
        m.put("header", header);
        m.put("header_static", header);
        m.put("followers_count", a.followersCount());
        m.put("following_count", a.followingCount());
        m.put("statuses_count", a.postsCount());
        m.put("last_status_at", a.lastPostAt() == null ? null : DATE.format(a.lastPostAt()));
        m.put("emojis", List.of());
        m.put("fields", a.fields().stream().map(f -> field(f.name(), fieldValue(f.value()))).toList());
        return m;
    }

    private static Map<String, Object> field(String name, String value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("value", value);
        m.put("verified_at", null);
        return m;
    }

    /** A profile field's value as HTML: escaped, and a link when it is a web address. */
    private static String fieldValue(String value) {
        String escaped = HtmlRenderer.escape(value);
        if (!value.matches("https?://\\S+")) return escaped;
        return "<a href=\"" + escaped + "\" target=\"_blank\" rel=\"nofollow noopener noreferrer me\" translate=\"no\">"
                + escaped + "</a>";
    }

    /**
     * The signed-in user's own account, with Mastodon's {@code source} block: posting defaults from
     * {@code preferences} (the language falls back to {@code locale}), the note and fields as written.
     */
    public Map<String, Object> credentialAccount(Account a, Preferences preferences, String locale, long followRequests) {
        Map<String, Object> m = account(a);
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("privacy", preferences.postingVisibility().apiName());
        source.put("sensitive", preferences.postingSensitive());
        source.put("language", preferences.postingLanguage() == null ? locale : preferences.postingLanguage());
        source.put("note", a.note());
        source.put("fields", a.fields().stream().map(f -> field(f.name(), f.value())).toList());
        source.put("follow_requests_count", followRequests);
        m.put("source", source);
        return m;
    }

    public Map<String, Object> status(Post s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", Long.toString(s.id()));
        m.put("created_at", time(s.createdAt()));
        m.put("in_reply_to_id", s.inReplyToId() == null ? null : Long.toString(s.inReplyToId()));
        m.put("in_reply_to_account_id", s.inReplyToAccountId() == null ? null : Long.toString(s.inReplyToAccountId()));
        m.put("sensitive", s.sensitive());
        m.put("spoiler_text", s.spoilerText());
        m.put("visibility", s.visibility().apiName());
        m.put("language", s.language());
        m.put("uri", base + "/users/" + s.account().username() + "/statuses/" + s.id());
        m.put("url", s.reblog() == null ? base + "/@" + s.account().username() + "/" + s.id() : null);
        m.put("replies_count", s.repliesCount());
        m.put("reblogs_count", s.reblogsCount());
        m.put("favourites_count", s.favouritesCount());
        m.put("edited_at", s.editedAt() == null ? null : time(s.editedAt()));
        m.put("favourited", s.favourited());
        m.put("reblogged", s.reblogged());
        m.put("muted", false);
        m.put("bookmarked", s.bookmarked());
        m.put("pinned", s.pinned());
        Set<String> known = new HashSet<>();
        List<Map<String, Object>> mentions = new ArrayList<>();
        for (Post.Mention mention : s.mentions()) {
            known.add(mention.username().toLowerCase(Locale.ROOT));
            Map<String, Object> mm = new LinkedHashMap<>();
            mm.put("id", Long.toString(mention.accountId()));
            mm.put("username", mention.username());
            mm.put("url", base + "/@" + mention.username());
            mm.put("acct", mention.username());
            mentions.add(mm);
        }
        m.put("content", s.reblog() == null ? html.render(s.text(), known) : "");
        m.put("filtered", List.of());
        m.put("reblog", s.reblog() == null ? null : status(s.reblog()));
        m.put("application", null);
        m.put("account", account(s.account()));
        m.put("media_attachments", s.media().stream().map(this::media).toList());
        m.put("mentions", mentions);
        m.put("tags", s.tags().stream().map(this::tag).toList());
        m.put("emojis", List.of());
        m.put("card", null);
        m.put("poll", s.poll() == null ? null : poll(s.poll()));
        return m;
    }

    /** A poll as Mastodon shows it; counts stay null while the viewer may not see results. */
    public Map<String, Object> poll(Poll p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", Long.toString(p.id()));
        m.put("expires_at", p.expiresAt() == null ? null : time(p.expiresAt()));
        m.put("expired", p.expired());
        m.put("multiple", p.multiple());
        m.put("votes_count", p.votesCount());
        m.put("voters_count", p.votersCount());
        m.put("options", p.options().stream().map(o -> {
            Map<String, Object> option = new LinkedHashMap<>();
            option.put("title", o.title());
            option.put("votes_count", o.votesCount());
            return option;
        }).toList());
        m.put("emojis", List.of());
        m.put("voted", p.voted());
        m.put("own_votes", p.ownVotes());
        return m;
    }

    /**
     * A media attachment as Mastodon shows it: {@code url} and {@code preview_url} (null without a preview) under
     * {@code /media/}, and {@code meta} with {@code original} (size, aspect, duration, frame rate, bitrate as far as
     * known), {@code small} (the preview's size) and {@code focus}; {@code description} null when empty.
     */
    public Map<String, Object> media(MediaAttachment a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", Long.toString(a.id()));
        m.put("type", a.type().apiName());
        m.put("url", base + "/media/" + a.path());
        m.put("preview_url", a.previewPath() == null ? null : base + "/media/" + a.previewPath());
        m.put("remote_url", null);
        m.put("preview_remote_url", null);
        m.put("text_url", null);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("original", original(a));
        Preview p = a.preview();
        if (p != null) meta.put("small", dimensions(p.width(), p.height()));
        meta.put("focus", Map.of("x", a.focus().x(), "y", a.focus().y()));
        m.put("meta", meta);
        m.put("description", a.description().isEmpty() ? null : a.description());
        m.put("blurhash", a.blurhash());
        return m;
    }

    private static Map<String, Object> original(MediaAttachment a) {
        MediaInfo info = a.original();
        Map<String, Object> m = info.width() != null && info.height() != null
                ? dimensions(info.width(), info.height()) : new LinkedHashMap<>();
        if (info.frameRate() != null) {
            double fps = info.frameRate();
            m.put("frame_rate", Math.abs(fps - Math.rint(fps)) < 1e-6 ? Math.round(fps) + "/1"
                    : String.format(Locale.ROOT, "%.3f", fps));
        }
        if (info.duration() != null) {
            m.put("duration", info.duration());
            if (info.duration() > 0) m.put("bitrate", Math.round(a.size() * 8 / info.duration()));
        }
        return m;
    }

    private static Map<String, Object> dimensions(int width, int height) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("width", width);
        m.put("height", height);
        m.put("size", width + "x" + height);
        m.put("aspect", height == 0 ? 0 : (double) width / height);
        return m;
    }

    /**
     * One version of a post as Mastodon's StatusEdit: {@code content} (HTML), {@code spoiler_text},
     * {@code sensitive}, {@code created_at}, {@code account}, {@code media_attachments} (with the alt text of that
     * version), {@code emojis} and, for a version with a poll, {@code poll} with its {@code options} ({@code title}).
     */
    public Map<String, Object> statusEdit(PostEdit e) {
        Map<String, Object> m = new LinkedHashMap<>();
        Set<String> known = new HashSet<>();
        for (Post.Mention mention : e.mentions()) known.add(mention.username().toLowerCase(Locale.ROOT));
        m.put("content", html.render(e.text(), known));
        m.put("spoiler_text", e.spoilerText());
        m.put("sensitive", e.sensitive());
        m.put("created_at", time(e.createdAt()));
        m.put("account", account(e.account()));
        m.put("media_attachments", e.media().stream().map(this::media).toList());
        m.put("emojis", List.of());
        if (!e.pollOptions().isEmpty()) {
            m.put("poll", Map.of("options", e.pollOptions().stream().map(title -> Map.of("title", title)).toList()));
        }
        return m;
    }

    /** What the author wrote, as Mastodon's StatusSource: {@code id}, {@code text}, {@code spoiler_text}. */
    public static Map<String, Object> statusSource(PostSource s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", Long.toString(s.id()));
        m.put("text", s.text());
        m.put("spoiler_text", s.spoilerText());
        return m;
    }

    /** A deleted status as Mastodon answers DELETE: the status plus its source {@code text} for redrafting. */
    public Map<String, Object> deletedStatus(Post s) {
        Map<String, Object> m = status(s);
        m.put("text", s.text());
        return m;
    }

    public Map<String, Object> tag(String name) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("url", base + "/tags/" + name);
        return m;
    }

    /**
     * A notification as Mastodon shows it: {@code id}, {@code type}, {@code created_at}, {@code account} (who did
     * it) and, except for follows, {@code status}. What the REST API and the user streams both send.
     */
    public Map<String, Object> notification(Notification n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", Long.toString(n.id()));
        m.put("type", n.type().apiName());
        m.put("created_at", time(n.createdAt()));
        m.put("account", account(n.account()));
        if (n.post() != null) m.put("status", status(n.post()));
        return m;
    }

    /**
     * A direct conversation as Mastodon shows it: {@code id}, {@code unread}, {@code accounts} (the other
     * participants) and {@code last_status}. What the REST API and the direct stream both send.
     */
    public Map<String, Object> conversation(dev.colossus.social.Conversation c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", Long.toString(c.id()));
        m.put("unread", c.unread());
        m.put("accounts", c.accounts().stream().map(this::account).toList());
        m.put("last_status", status(c.lastPost()));
        return m;
    }

    /** A timeline's read marker: {@code last_read_id}, {@code version}, {@code updated_at}. */
    public static Map<String, Object> marker(Marker marker) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("last_read_id", Long.toString(marker.lastReadId()));
        m.put("version", marker.version());
        m.put("updated_at", time(marker.updatedAt()));
        return m;
    }

    public Map<String, Object> relationship(Relationship r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", Long.toString(r.accountId()));
        m.put("following", r.following());
        m.put("showing_reblogs", r.following());
        m.put("notifying", r.notifying());
        m.put("languages", null);
        m.put("followed_by", r.followedBy());
        m.put("blocking", r.blocking());
        m.put("blocked_by", r.blockedBy());
        m.put("muting", r.muting());
        m.put("muting_notifications", r.mutingNotifications());
        m.put("requested", r.requested());
        m.put("requested_by", r.requestedBy());
        m.put("domain_blocking", false);
        m.put("endorsed", false);
        m.put("note", "");
        return m;
    }

    public Map<String, Object> application(Application app) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", Long.toString(app.id()));
        m.put("name", app.name());
        m.put("website", app.website());
        m.put("scopes", List.of(app.scopes().split(" ")));
        m.put("redirect_uri", app.redirectUri());
        m.put("redirect_uris", List.of(app.redirectUri().split("\\s+")));
        m.put("vapid_key", "");
        if (app.clientSecret() != null) {
            m.put("client_id", app.clientId());
            m.put("client_secret", app.clientSecret());
            m.put("client_secret_expires_at", 0);
        }
        return m;
    }

    public static Map<String, Object> token(IssuedToken t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("access_token", t.accessToken());
        m.put("token_type", "Bearer");
        m.put("scope", t.scope());
        m.put("created_at", t.createdAt().getEpochSecond());
        if (t.expiresAt() != null) m.put("expires_in", t.expiresAt().getEpochSecond() - t.createdAt().getEpochSecond());
        return m;
    }
}
