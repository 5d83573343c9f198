package dev.colossus.app.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Renders the network's records in the Mastodon API's JSON shapes (ids as strings, ISO-8601 times with
 * milliseconds, HTML content). Links are made absolute with the server's public origin. Thread-safe.
 */
public final class MastodonJson {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private static final Pattern WEB_ADDRESS = Pattern.compile("https?://\\S+");

    private final String base;
    private final HtmlRenderer html;

    /** @param base the public origin, e.g. {@code http://localhost:8080} (no trailing slash) */
    public MastodonJson(String base) {
        this.base = base;
        this.html = new HtmlRenderer(base);
    }

    /**
     * An instant as Mastodon writes times: ISO 8601 in UTC with milliseconds, {@code 2026-12-03T19:37:04.512Z}.
     * Written digit by digit for years 0 to 9999 (a page of posts has three times a post, and the formatter's cost
     * showed in every page); other years through {@link DateTimeFormatter}.
     */
    public static String time(Instant t) {
        long seconds = t.getEpochSecond();
        LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
        if (day.getYear() < 0 || day.getYear() > 9999) return TIME.format(t);
        int second = (int) Math.floorMod(seconds, 86_400);
        byte[] out = "0000-00-00T00:00:00.000Z".getBytes(StandardCharsets.US_ASCII);
        digits(out, 0, day.getYear(), 4);
        digits(out, 5, day.getMonthValue(), 2);
        digits(out, 8, day.getDayOfMonth(), 2);
        digits(out, 11, second / 3600, 2);
        digits(out, 14, second / 60 % 60, 2);
        digits(out, 17, second % 60, 2);
        digits(out, 20, t.getNano() / 1_000_000, 3);
        return new String(out, StandardCharsets.US_ASCII);
    }

    /** The day of an instant in UTC, {@code 2026-12-03}. */
    private static String date(Instant t) {
        return time(t).substring(0, 10);
    }

    private static void digits(byte[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--, value /= 10) out[i] = (byte) ('0' + value % 10);
    }

    /**
     * A JSON value that Jackson writes straight to its output (no maps built first): what {@link #status} and
     * {@link #account} give, to hand to {@link Http#json} or to put in a list or map that is serialised.
     */
    @FunctionalInterface
    public interface Written extends JsonSerializable {

        void write(JsonGenerator g, SerializerProvider p) throws IOException;

        @Override
        default void serialize(JsonGenerator g, SerializerProvider p) throws IOException {
            write(g, p);
        }

        @Override
        default void serializeWithType(JsonGenerator g, SerializerProvider p, TypeSerializer type) throws IOException {
            write(g, p);
        }
    }

    /** An account as Mastodon shows it. */
    public Written account(Account a) {
        return account(a, Map.of());
    }

    /** An account as Mastodon shows it, followed by the fields of {@code extra} (e.g. a mute's expiry). */
    public Written account(Account a, Map<String, ?> extra) {
        return (g, p) -> writeAccount(g, p, a, extra);
    }

    private void writeAccount(JsonGenerator g, SerializerProvider p, Account a, Map<String, ?> extra) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", Long.toString(a.id()));
        g.writeStringField("username", a.username());
        g.writeStringField("acct", a.username());
        g.writeStringField("display_name", a.displayName());
        g.writeBooleanField("locked", a.locked());
        g.writeBooleanField("bot", a.bot());
        g.writeBooleanField("discoverable", a.discoverable());
        g.writeBooleanField("indexable", true);
        g.writeBooleanField("group", false);
        g.writeStringField("created_at", time(a.createdAt().truncatedTo(ChronoUnit.DAYS)));
        g.writeStringField("note", a.note().isEmpty() ? "" : html.render(a.note(), Set.of()));
        g.writeStringField("url", base + "/@" + a.username());
        g.writeStringField("uri", base + "/users/" + a.username());
        String avatar = a.avatarPath() == null ? base + "/avatars/original/missing.png" : base + "/media/" + a.avatarPath();
        String header = a.headerPath() == null ? base + "/headers/original/missing.png" : base + "/media/" + a.headerPath();
        g.writeStringField("avatar", avatar);
        g.writeStringField("avatar_static", avatar); // stored images are still (an animation keeps its first frame)
        g.writeStringField("header", header);
        g.writeStringField("header_static", header);
        g.writeNumberField("followers_count", a.followersCount());
        g.writeNumberField("following_count", a.followingCount());
        g.writeNumberField("statuses_count", a.postsCount());
        g.writeStringField("last_status_at", a.lastPostAt() == null ? null : date(a.lastPostAt()));
        g.writeArrayFieldStart("emojis");
        g.writeEndArray();
        g.writeArrayFieldStart("fields");
        for (var f : a.fields()) p.defaultSerializeValue(field(f.name(), fieldValue(f.value())), g);
        g.writeEndArray();
        for (Map.Entry<String, ?> e : extra.entrySet()) p.defaultSerializeField(e.getKey(), e.getValue(), g);
        g.writeEndObject();
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
        if (!WEB_ADDRESS.matcher(value).matches()) return escaped;
        return "<a href=\"" + escaped + "\" target=\"_blank\" rel=\"nofollow noopener noreferrer me\" translate=\"no\">"
                + escaped + "</a>";
    }

    /**
     * The signed-in user's own account, with Mastodon's {@code source} block: posting defaults from
     * {@code preferences} (the language falls back to {@code locale}), the note and fields as written.
     */
    public Written credentialAccount(Account a, Preferences preferences, String locale, long followRequests) {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("privacy", preferences.postingVisibility().apiName());
        source.put("sensitive", preferences.postingSensitive());
        source.put("language", preferences.postingLanguage() == null ? locale : preferences.postingLanguage());
        source.put("note", a.note());
        source.put("fields", a.fields().stream().map(f -> field(f.name(), f.value())).toList());
        source.put("follow_requests_count", followRequests);
        return account(a, Map.of("source", source));
    }

    /** A post as Mastodon shows it (a reblog with the original inside). */
    public Written status(Post s) {
        return (g, p) -> writeStatus(g, p, s, null);
    }

    private void writeStatus(JsonGenerator g, SerializerProvider p, Post s, String sourceText) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", Long.toString(s.id()));
        g.writeStringField("created_at", time(s.createdAt()));
        g.writeStringField("in_reply_to_id", s.inReplyToId() == null ? null : Long.toString(s.inReplyToId()));
        g.writeStringField("in_reply_to_account_id", s.inReplyToAccountId() == null ? null : Long.toString(s.inReplyToAccountId()));
        g.writeBooleanField("sensitive", s.sensitive());
        g.writeStringField("spoiler_text", s.spoilerText());
        g.writeStringField("visibility", s.visibility().apiName());
        g.writeStringField("language", s.language());
        g.writeStringField("uri", base + "/users/" + s.account().username() + "/statuses/" + s.id());
        g.writeStringField("url", s.reblog() == null ? base + "/@" + s.account().username() + "/" + s.id() : null);
        g.writeNumberField("replies_count", s.repliesCount());
        g.writeNumberField("reblogs_count", s.reblogsCount());
        g.writeNumberField("favourites_count", s.favouritesCount());
        g.writeStringField("edited_at", s.editedAt() == null ? null : time(s.editedAt()));
        g.writeBooleanField("favourited", s.favourited());
        g.writeBooleanField("reblogged", s.reblogged());
        g.writeBooleanField("muted", false);
        g.writeBooleanField("bookmarked", s.bookmarked());
        g.writeBooleanField("pinned", s.pinned());
        Set<String> known = s.mentions().isEmpty() ? Set.of() : new HashSet<>();
        for (Post.Mention mention : s.mentions()) known.add(mention.username().toLowerCase(Locale.ROOT));
        g.writeStringField("content", s.reblog() == null ? html.render(s.text(), known) : "");
        g.writeArrayFieldStart("filtered");
        g.writeEndArray();
        g.writeFieldName("reblog");
        if (s.reblog() == null) g.writeNull();
        else writeStatus(g, p, s.reblog(), null);
        g.writeNullField("application");
        g.writeFieldName("account");
        writeAccount(g, p, s.account(), Map.of());
        g.writeArrayFieldStart("media_attachments");
        for (MediaAttachment a : s.media()) p.defaultSerializeValue(media(a), g);
        g.writeEndArray();
        g.writeArrayFieldStart("mentions");
        for (Post.Mention mention : s.mentions()) {
            g.writeStartObject();
            g.writeStringField("id", Long.toString(mention.accountId()));
            g.writeStringField("username", mention.username());
            g.writeStringField("url", base + "/@" + mention.username());
            g.writeStringField("acct", mention.username());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("tags");
        for (String tag : s.tags()) p.defaultSerializeValue(tag(tag), g);
        g.writeEndArray();
        g.writeArrayFieldStart("emojis");
        g.writeEndArray();
        g.writeNullField("card");
        g.writeFieldName("poll");
        if (s.poll() == null) g.writeNull();
        else p.defaultSerializeValue(poll(s.poll()), g);
        if (sourceText != null) g.writeStringField("text", sourceText);
        g.writeEndObject();
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
    public Written deletedStatus(Post s) {
        return (g, p) -> writeStatus(g, p, s, s.text());
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
