package dev.colossus.social.service;

import dev.colossus.social.Account;
import dev.colossus.social.Poll;
import dev.colossus.social.PollLimits;
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
import dev.colossus.social.store.PollRows;
import dev.colossus.social.store.PostRows;
import dev.colossus.social.store.PostVisibility;
import dev.colossus.social.store.Snowflakes;
import dev.colossus.social.stream.EventBus;
import dev.colossus.social.stream.SocialEvent;
import dev.colossus.social.text.PostText;

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
 * media (with their alt text) or poll; the post keeps its id and counters and gets {@code edited_at}; its mentions and
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
    private final PollLimits pollLimits;

    /**
     * @param maxChars   the longest post (content warning and text together), as for new posts
     * @param pollLimits what a post's poll may be, as for new posts
     */
    public EditService(Database db, Snowflakes ids, EventBus bus, int maxChars, PollLimits pollLimits) {
        this.db = db;
        this.ids = ids;
        this.bus = bus;
        this.maxChars = maxChars;
        this.pollLimits = pollLimits;
    }

    /**
     * A post's new state. As Mastodon's clients send it, every edit is the whole state: a null or empty
     * {@code spoilerText} removes the content warning, {@code sensitive} is forced on by a content warning, and
     * {@code mediaIds} (null or empty: none) are the attachments the post keeps or gets, in order; {@code poll} null
     * removes a poll. {@code language} null keeps the post's language.
     *
     * @param mediaChanges new alt text and focus for attachments among {@code mediaIds} (others are ignored)
     * @param poll         the post's poll: one with other options or {@code multiple} loses its votes, and any new one
     *                     runs for its {@code expiresIn} from the edit
     */
    public record Edit(String text, String spoilerText, boolean sensitive, String language, List<Long> mediaIds,
                       List<MediaChange> mediaChanges, PostService.NewPoll poll) {

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
     *
     * @throws SocialException.NotFound  when the post is missing or hidden from the actor
     * @throws SocialException.Forbidden when it is someone else's post
     * @throws SocialException.Invalid   for a reblog (which has no text of its own), blank text without media,
     *                                   text and content warning over the limit, a bad language code, media ids
     *                                   that are not the author's own unattached uploads or the post's own media, media
     *                                   with a poll, a poll that breaks the rules of new polls, or too long alt text
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
            String language = edit.language() == null || edit.language().isEmpty() ? before.language() : edit.language();
            EditRows.Content content = new EditRows.Content(text, spoiler, edit.sensitive() || !spoiler.isEmpty(), language);
            Plan plan = plan(before, content, edit, MediaRows.byIds(c, edit.mediaChanges().stream()
                    .map(MediaChange::mediaId).filter(edit.mediaIds()::contains).toList()));
            if (!plan.changed()) return Outcome.UNCHANGED;

            long now = System.currentTimeMillis();
            long author = before.account().id();
            if (!EditRows.any(c, id)) {
                EditRows.insert(c, version(id, author, new EditRows.Content(before.text(), before.spoilerText(),
                        before.sensitive(), before.language()), before.createdAt().toEpochMilli(), before.media(),
                        plan.oldOptions()));
            }
            if (plan.mediaChanged()) MediaRows.attach(c, author, id, edit.mediaIds());
            for (MediaChange m : plan.described()) MediaRows.describe(c, m.mediaId(), m.description(), m.focus());
            if (edit.poll() == null) PollRows.deleteForPost(c, id);
            else if (plan.pollChanged()) PollRows.replace(c, edit.poll().row(ids.next(), id, author, now));
            List<Long> mentioned = Accounts.byUsernames(c, PostText.mentions(text)).values().stream()
                    .map(Account::id).toList();
            EditRows.update(c, id, content, now, mentioned, PostText.hashtags(text), ids);
            EditRows.insert(c, version(id, author, content, now,
                    MediaRows.ofPosts(c, List.of(id)).getOrDefault(id, List.of()), plan.newOptions()));

            Set<Long> newlyMentioned = new HashSet<>(mentioned);
            before.mentions().forEach(m -> newlyMentioned.remove(m.accountId()));
            return new Outcome(true, newlyMentioned);
        });
        if (outcome.changed()) {
            db.read(c -> PostRows.load(c, List.of(id), null)).stream().findFirst()
                    .ifPresent(p -> bus.publish(new SocialEvent.PostEdited(p, outcome.newlyMentioned())));
        }
        return db.read(c -> PostVisibility.visible(c, id, actorId)).orElseThrow(SocialException::notFound);
    }

    /**
     * What an edit of {@code before} changes.
     *
     * @param described  alt text and focus changes of attachments the post keeps or gets, current values filled in
     *                   for nulls; those that change nothing are left out
     * @param oldOptions the options of the post's poll (empty without one); {@code newOptions} those of the edit's
     */
    private record Plan(boolean changed, boolean mediaChanged, List<MediaChange> described, boolean pollChanged,
                        List<String> oldOptions, List<String> newOptions) {
    }

    /**
     * Checks an edit of {@code before} to {@code content} and works out what it changes; {@code current} are the
     * attachments the edit describes anew, as stored.
     */
    private Plan plan(Post before, EditRows.Content content, Edit edit, List<MediaAttachment> current) {
        if (before.reblog() != null) throw SocialException.invalid("status", "A reblog cannot be edited");
        if (edit.poll() != null) {
            if (!edit.mediaIds().isEmpty()) {
                throw SocialException.invalid("poll", "A post can have media attachments or a poll, not both");
            }
            edit.poll().check(pollLimits);
        }
        PostRules.check(content.text(), content.spoilerText(), content.language(), !edit.mediaIds().isEmpty(), maxChars);

        boolean mediaChanged = !before.media().stream().map(MediaAttachment::id).toList().equals(edit.mediaIds());
        Map<Long, MediaAttachment> byId = new HashMap<>();
        for (MediaAttachment m : current) byId.put(m.id(), m);
        List<MediaChange> described = new ArrayList<>();
        for (MediaChange change : edit.mediaChanges()) {
            MediaAttachment m = byId.get(change.mediaId());
            if (m == null || (m.postId() != null && m.postId() != before.id())) continue; // refused by attach
            String description = change.description() == null ? m.description()
                    : MediaUpload.checkDescription(change.description());
            Focus focus = change.focus() == null ? m.focus() : change.focus();
            if (!description.equals(m.description()) || !focus.equals(m.focus())) {
                described.add(new MediaChange(m.id(), description, focus));
            }
        }
        List<String> oldOptions = before.poll() == null ? List.of()
                : before.poll().options().stream().map(Poll.Option::title).toList();
        List<String> newOptions = edit.poll() == null ? List.of() : edit.poll().options();
        boolean pollChanged = (edit.poll() == null) != (before.poll() == null) || !oldOptions.equals(newOptions)
                || (edit.poll() != null && edit.poll().multiple() != before.poll().multiple());
        boolean changed = mediaChanged || !described.isEmpty() || pollChanged
                || !content.equals(new EditRows.Content(before.text(), before.spoilerText(), before.sensitive(),
                before.language()));
        return new Plan(changed, mediaChanged, described, pollChanged, oldOptions, newOptions);
    }

    private EditRows.Version version(long postId, long accountId, EditRows.Content content, long at,
                                     List<MediaAttachment> media, List<String> pollOptions) {
        return new EditRows.Version(ids.next(), postId, accountId, content.text(), content.spoilerText(),
                content.sensitive(), at, media.stream().map(m -> new EditRows.ShownMedia(m.id(), m.description())).toList(),
                pollOptions);
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
                        post.account(), post.media(), post.mentions(), post.poll() == null ? List.of()
                        : post.poll().options().stream().map(Poll.Option::title).toList()));
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
                        account, shown(v.media(), media), mentions(PostText.mentions(v.text()), mentionable),
                        v.pollOptions()));
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
