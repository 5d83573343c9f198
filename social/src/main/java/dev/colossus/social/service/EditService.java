package dev.colossus.social.service;

import dev.colossus.social.Account;
import dev.colossus.social.Post;
import dev.colossus.social.PostEdit;
import dev.colossus.social.PostSource;
import dev.colossus.social.SocialException;
import dev.colossus.social.media.Focus;
import dev.colossus.social.media.MediaAttachment;
import dev.colossus.social.media.MediaUpload;
import dev.colossus.social.store.Accounts;
import dev.colossus.social.store.Database;
import dev.colossus.social.store.EditRows;
import dev.colossus.social.store.MediaRows;
import dev.colossus.social.store.PostRows;
import dev.colossus.social.store.PostVisibility;
import dev.colossus.social.store.Snowflakes;
import dev.colossus.social.stream.EventBus;
import dev.colossus.social.stream.SocialEvent;
import dev.colossus.social.text.PostText;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Editing posts as Mastodon 4.x does: the author replaces a post's text, content warning, sensitivity, language and
 * media (with their alt text); the post keeps its id, counters and poll and gets {@code edited_at}; its mentions and
 * hashtags are recomputed; every version (the original included) is kept for its history. An edit that changes
 * nothing stores nothing and publishes nothing. A real edit is one transaction (concurrent edits of one post wait
 * for each other); then {@link SocialEvent.PostEdited} goes on the bus. Thread-safe.
 */
public final class EditService {

    private static final String NOT_ALLOWED = "This action is not allowed";

    private final Database db;
    private final Snowflakes ids;
    private final EventBus bus;
    private final int maxChars;

    /** @param maxChars the longest post (content warning and text together), as for new posts */
    public EditService(Database db, Snowflakes ids, EventBus bus, int maxChars) {
        this.db = db;
        this.ids = ids;
        this.bus = bus;
        this.maxChars = maxChars;
    }

    /**
     * A post's new state. As Mastodon's clients send it, every edit is the whole state: a null or empty
     * {@code spoilerText} removes the content warning, {@code sensitive} is forced on by a content warning, and
     * {@code mediaIds} (null or empty: none) are the attachments the post keeps or gets, in order. {@code language}
     * null keeps the post's language.
     *
     * @param mediaChanges new alt text and focus for attachments among {@code mediaIds} (others are ignored)
     */
    public record Edit(String text, String spoilerText, boolean sensitive, String language, List<Long> mediaIds,
                       List<MediaChange> mediaChanges) {

        public Edit {
            mediaIds = mediaIds == null ? List.of() : List.copyOf(mediaIds);
            mediaChanges = mediaChanges == null ? List.of() : List.copyOf(mediaChanges);
        }
    }

    /** New alt text and focus of one attachment; null keeps the current value. */
    public record MediaChange(long mediaId, String description, Focus focus) {
    }

    private record Outcome(boolean changed, Set<Long> newlyMentioned) {
        static final Outcome UNCHANGED = new Outcome(false, Set.of());
    }

    /**
     * Edits the actor's own post and returns it as the actor sees it now (unchanged when the edit changes nothing).
     * A poll stays as it is.
     *
     * @throws SocialException.NotFound  when the post is missing or hidden from the actor
     * @throws SocialException.Forbidden when it is someone else's post
     * @throws SocialException.Invalid   for a reblog (which has no text of its own), blank text without media,
     *                                   text and content warning over the limit, a bad language code, media ids
     *                                   that are not the author's own unattached uploads or the post's own media, media
     *                                   on a post with a poll, or too long alt text
     */
    public Post edit(long actorId, long id, Edit edit) {
        String text = edit.text() == null ? "" : edit.text();
        String spoiler = PostRules.spoiler(edit.spoilerText());
        Outcome outcome = db.write(c -> {
            if (!EditRows.lockForEdit(c, id, actorId)) {
                PostVisibility.visible(c, id, actorId).orElseThrow(SocialException::notFound);
                throw new SocialException.Forbidden(NOT_ALLOWED);
            }
            Post before = PostRows.load(c, List.of(id), actorId).stream().findFirst()
                    .orElseThrow(SocialException::notFound);
            if (before.reblog() != null) throw SocialException.invalid("status", "A reblog cannot be edited");
            if (before.poll() != null && !edit.mediaIds().isEmpty()) {
                throw SocialException.invalid("media_ids", "A post with a poll cannot have media");
            }
            String language = edit.language() == null || edit.language().isEmpty() ? before.language() : edit.language();
            PostRules.check(text, spoiler, language, !edit.mediaIds().isEmpty(), maxChars);
            EditRows.Content content = new EditRows.Content(text, spoiler, edit.sensitive() || !spoiler.isEmpty(), language);
            return apply(c, before, content, edit);
        });
        if (outcome.changed()) {
            db.read(c -> PostRows.load(c, List.of(id), null)).stream().findFirst()
                    .ifPresent(p -> bus.publish(new SocialEvent.PostEdited(p, outcome.newlyMentioned())));
        }
        return db.read(c -> PostVisibility.visible(c, id, actorId)).orElseThrow(SocialException::notFound);
    }

    /** Stores the edit of {@code before} (locked), unless it changes nothing. */
    private Outcome apply(Connection c, Post before, EditRows.Content content, Edit edit) throws SQLException {
        List<Long> oldIds = before.media().stream().map(MediaAttachment::id).toList();
        boolean mediaChanged = !oldIds.equals(edit.mediaIds());
        Map<Long, MediaChange> described = describedMedia(c, before.id(), edit);
        boolean changed = mediaChanged || !described.isEmpty()
                || !content.equals(new EditRows.Content(before.text(), before.spoilerText(), before.sensitive(),
                before.language()));
        if (!changed) return Outcome.UNCHANGED;

        long now = System.currentTimeMillis();
        if (!EditRows.any(c, before.id())) {
            EditRows.insert(c, version(before, before.account().id(), before.text(), before.spoilerText(),
                    before.sensitive(), before.createdAt().toEpochMilli(), before.media()));
        }
        if (mediaChanged) MediaRows.attach(c, before.account().id(), before.id(), edit.mediaIds());
        for (MediaChange m : described.values()) MediaRows.describe(c, m.mediaId(), m.description(), m.focus());

        Map<String, Account> mentioned = Accounts.byUsernames(c, PostText.mentions(content.text()));
        List<Long> mentionedIds = mentioned.values().stream().map(Account::id).toList();
        EditRows.update(c, before.id(), content, now, mentionedIds, PostText.hashtags(content.text()), ids);
        List<MediaAttachment> media = MediaRows.ofPosts(c, List.of(before.id())).getOrDefault(before.id(), List.of());
        EditRows.insert(c, version(before, before.account().id(), content.text(), content.spoilerText(),
                content.sensitive(), now, media));

        Set<Long> newlyMentioned = new HashSet<>(mentionedIds);
        before.mentions().forEach(m -> newlyMentioned.remove(m.accountId()));
        return new Outcome(true, newlyMentioned);
    }

    /**
     * The alt text and focus changes that apply to attachments the post will have, with current values filled in
     * for nulls; those that change nothing are left out.
     */
    private static Map<Long, MediaChange> describedMedia(Connection c, long postId, Edit edit) throws SQLException {
        Map<Long, MediaChange> out = new HashMap<>();
        Set<Long> kept = new HashSet<>(edit.mediaIds());
        List<Long> asked = edit.mediaChanges().stream().map(MediaChange::mediaId).filter(kept::contains).toList();
        Map<Long, MediaAttachment> current = new HashMap<>();
        for (MediaAttachment m : MediaRows.byIds(c, asked)) current.put(m.id(), m);
        for (MediaChange change : edit.mediaChanges()) {
            MediaAttachment m = current.get(change.mediaId());
            if (m == null || (m.postId() != null && m.postId() != postId)) continue; // refused by attach
            String description = change.description() == null ? m.description()
                    : MediaUpload.checkDescription(change.description());
            Focus focus = change.focus() == null ? m.focus() : change.focus();
            if (!description.equals(m.description()) || !focus.equals(m.focus())) {
                out.put(m.id(), new MediaChange(m.id(), description, focus));
            }
        }
        return out;
    }

    private EditRows.Version version(Post post, long accountId, String text, String spoiler, boolean sensitive,
                                     long at, List<MediaAttachment> media) {
        return new EditRows.Version(ids.next(), post.id(), accountId, text, spoiler, sensitive, at,
                media.stream().map(m -> new EditRows.ShownMedia(m.id(), m.description())).toList());
    }

    /**
     * The versions of a post the viewer (nullable) may see, oldest first: the original and each edit. A post never
     * edited has one version, itself.
     *
     * @throws SocialException.NotFound when the post is missing or hidden from the viewer
     */
    public List<PostEdit> history(long id, Long viewerId) {
        return db.read(c -> {
            Post post = PostVisibility.visible(c, id, viewerId).orElseThrow(SocialException::notFound);
            List<EditRows.Version> versions = EditRows.of(c, id);
            if (versions.isEmpty()) {
                return List.of(new PostEdit(post.text(), post.spoilerText(), post.sensitive(), post.createdAt(),
                        post.account(), post.media(), post.mentions()));
            }
            Map<Long, Account> accounts = Accounts.byIds(c,
                    versions.stream().map(EditRows.Version::accountId).distinct().toList());
            Map<Long, MediaAttachment> media = new HashMap<>();
            for (MediaAttachment m : MediaRows.byIds(c, versions.stream()
                    .flatMap(v -> v.media().stream().map(EditRows.ShownMedia::mediaId)).distinct().toList())) {
                media.put(m.id(), m);
            }
            Set<String> usernames = new LinkedHashSet<>();
            versions.forEach(v -> usernames.addAll(PostText.mentions(v.text())));
            Map<String, Account> mentionable = Accounts.byUsernames(c, usernames);
            List<PostEdit> out = new ArrayList<>(versions.size());
            for (EditRows.Version v : versions) {
                Account account = accounts.getOrDefault(v.accountId(), post.account());
                out.add(new PostEdit(v.text(), v.spoilerText(), v.sensitive(), Instant.ofEpochMilli(v.createdAt()),
                        account, shown(v.media(), media), mentions(PostText.mentions(v.text()), mentionable)));
            }
            return out;
        });
    }

    private static List<MediaAttachment> shown(List<EditRows.ShownMedia> shown, Map<Long, MediaAttachment> media) {
        List<MediaAttachment> out = new ArrayList<>(shown.size());
        for (EditRows.ShownMedia s : shown) {
            MediaAttachment m = media.get(s.mediaId());
            if (m == null) continue;
            out.add(new MediaAttachment(m.id(), m.accountId(), m.type(), m.format(), m.hash(), m.size(),
                    s.description(), m.focus(), m.blurhash(), m.original(), m.preview(), m.postId(), m.createdAt()));
        }
        return out;
    }

    private static List<Post.Mention> mentions(Collection<String> usernames, Map<String, Account> accounts) {
        return usernames.stream().map(accounts::get).filter(Objects::nonNull)
                .map(a -> new Post.Mention(a.id(), a.username())).toList();
    }

    /**
     * What the author wrote for their post, to edit it.
     *
     * @throws SocialException.NotFound  when the post is missing or hidden from the actor
     * @throws SocialException.Forbidden when it is someone else's post
     */
    public PostSource source(long actorId, long id) {
        Post post = db.read(c -> PostVisibility.visible(c, id, actorId)).orElseThrow(SocialException::notFound);
        if (post.account().id() != actorId) throw new SocialException.Forbidden(NOT_ALLOWED);
        return new PostSource(post.id(), post.text(), post.spoilerText());
    }
}
