package dev.colossus.social.service;

import dev.colossus.social.Account;
import dev.colossus.social.Notification;
import dev.colossus.social.NotificationFilter;
import dev.colossus.social.PageRequest;
import dev.colossus.social.Post;
import dev.colossus.social.PostEdit;
import dev.colossus.social.SocialException;
import dev.colossus.social.StoreContract;
import dev.colossus.social.Visibility;
import dev.colossus.social.media.Focus;
import dev.colossus.social.media.MediaAttachment;
import dev.colossus.social.media.MediaUpload;
import dev.colossus.social.media.TestMedia;
import dev.colossus.social.stream.SocialEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** Editing posts, their history and source, over a real store: one subclass per database. */
abstract class EditStoreContract extends StoreContract {

    EditStoreContract() {
        super(Instant.parse("2026-04-01T12:00:00Z"));
    }

    private Post post(Account author, String text, Visibility visibility, List<Long> media) {
        return social.posts().create(author.id(), null,
                new PostService.NewPost(text, null, visibility, null, false, null, media), null);
    }

    private Post post(Account author, String text) {
        return post(author, text, Visibility.PUBLIC, List.of());
    }

    private Post edit(Account actor, Post post, String text) {
        return social.edits().edit(actor.id(), post.id(), new EditService.Edit(text, null, false, null, null, null, null));
    }

    private MediaAttachment upload(Account owner, String description) {
        return social.media().upload(owner.id(), new MediaUpload(TestMedia.png(40, 30), description, null));
    }

    private List<Notification> notifications(Account who) {
        return social.notifications().list(who.id(), NotificationFilter.ALL, PageRequest.first(40)).items();
    }

    @Test
    void anEditKeepsThePostAndItsCountersAndKeepsEveryVersionOldestFirst() {
        Account ann = person("ann"), bob = person("bob");
        Post original = post(ann, "first words");
        social.posts().favourite(bob.id(), original.id());

        Post edited = edit(ann, original, "second words");
        Post again = edit(ann, edited, "third words");

        assertThat(again.id()).isEqualTo(original.id());
        assertThat(again.text()).isEqualTo("third words");
        assertThat(again.favouritesCount()).isEqualTo(1);
        assertThat(again.editedAt()).isNotNull().isAfterOrEqualTo(edited.editedAt());
        assertThat(original.editedAt()).isNull();
        assertThat(social.posts().get(original.id(), bob.id()).editedAt()).isEqualTo(again.editedAt());
        List<PostEdit> history = social.edits().history(original.id(), null);
        assertThat(history).extracting(PostEdit::text).containsExactly("first words", "second words", "third words");
        assertThat(history.getFirst().createdAt()).isEqualTo(original.createdAt());
        assertThat(history.getLast().createdAt()).isEqualTo(again.editedAt());
        assertThat(history).extracting(e -> e.account().id()).containsOnly(ann.id());
    }

    @Test
    void aPostNeverEditedHasItselfAsItsOnlyVersion() {
        Account ann = person("ann");
        Post p = post(ann, "as written");
        assertThat(social.edits().history(p.id(), null)).singleElement().satisfies(v -> {
            assertThat(v.text()).isEqualTo("as written");
            assertThat(v.createdAt()).isEqualTo(p.createdAt());
        });
    }

    @Test
    void anEditThatChangesNothingStoresNoVersionAndPublishesNothing() {
        Account ann = person("ann");
        Post p = post(ann, "unchanged");
        List<SocialEvent> events = new CopyOnWriteArrayList<>();
        social.bus().subscribe(events::add);
        Post same = edit(ann, p, "unchanged");
        assertThat(same.editedAt()).isNull();
        assertThat(social.edits().history(p.id(), null)).hasSize(1);
        assertThat(events).noneMatch(e -> e instanceof SocialEvent.PostEdited);
    }

    @Test
    void mentionsAndTagsAreRecomputedAndOnlyNewlyMentionedAccountsAreNotified() {
        Account ann = person("ann"), bob = person("bob"), cat = person("cat");
        Post p = post(ann, "hi @bob #old");
        List<SocialEvent> events = new CopyOnWriteArrayList<>();
        social.bus().subscribe(events::add);

        Post edited = edit(ann, p, "hi @bob and @cat #new");

        assertThat(edited.mentions()).extracting(Post.Mention::accountId).containsExactlyInAnyOrder(bob.id(), cat.id());
        assertThat(edited.tags()).containsExactly("new");
        assertThat(social.timelines().tag(null, "old", PageRequest.first(20)).items()).isEmpty();
        assertThat(social.timelines().tag(null, "new", PageRequest.first(20)).items()).extracting(Post::id)
                .containsExactly(p.id());
        assertThat(notifications(bob)).extracting(Notification::type).containsExactly(Notification.Type.MENTION);
        assertThat(notifications(cat)).extracting(Notification::type, n -> n.post().id())
                .containsExactly(tuple(Notification.Type.MENTION, p.id()));
        assertThat(events).filteredOn(e -> e instanceof SocialEvent.PostEdited).singleElement()
                .satisfies(e -> assertThat(((SocialEvent.PostEdited) e).newlyMentioned()).containsExactly(cat.id()));
    }

    @Test
    void accountsThatRebloggedAreToldOfEachEditButFavouritersAreNot() {
        Account ann = person("ann"), bob = person("bob"), cat = person("cat");
        Post p = post(ann, "boost me");
        social.posts().reblog(bob.id(), p.id());
        social.posts().favourite(cat.id(), p.id());

        edit(ann, p, "boost me, edited");
        edit(ann, p, "boost me, edited twice");

        List<Notification> bobs = notifications(bob).stream().filter(n -> n.type() == Notification.Type.UPDATE).toList();
        assertThat(bobs).singleElement().satisfies(n -> {
            assertThat(n.account().id()).isEqualTo(ann.id());
            assertThat(n.post().id()).isEqualTo(p.id());
            assertThat(n.post().text()).isEqualTo("boost me, edited twice");
        });
        assertThat(notifications(cat)).noneMatch(n -> n.type() == Notification.Type.UPDATE);
        assertThat(notifications(ann)).noneMatch(n -> n.type() == Notification.Type.UPDATE);
    }

    @Test
    void onlyTheAuthorMayEditAndAReblogCannotBeEdited() {
        Account ann = person("ann"), bob = person("bob");
        Post p = post(ann, "mine");
        Post hidden = post(ann, "@ann only", Visibility.DIRECT, List.of());
        Post reblog = social.posts().reblog(bob.id(), p.id());

        assertThatThrownBy(() -> edit(bob, p, "yours")).isInstanceOf(SocialException.Forbidden.class);
        assertThatThrownBy(() -> edit(bob, hidden, "yours")).isInstanceOf(SocialException.NotFound.class);
        assertThatThrownBy(() -> social.edits().edit(bob.id(), 424242L,
                new EditService.Edit("x", null, false, null, null, null, null))).isInstanceOf(SocialException.NotFound.class);
        assertThatThrownBy(() -> edit(bob, reblog, "a reblog with words")).isInstanceOf(SocialException.Invalid.class)
                .hasMessageContaining("reblog");
        assertThat(social.posts().get(p.id(), null).text()).isEqualTo("mine");
    }

    @Test
    void theTextFollowsTheRulesOfNewPostsWithTheContentWarningCounted() {
        Account ann = person("ann");
        Post p = post(ann, "short");
        assertThatThrownBy(() -> edit(ann, p, "   ")).isInstanceOf(SocialException.Invalid.class)
                .hasMessageContaining("blank");
        assertThatThrownBy(() -> edit(ann, p, "x".repeat(501))).isInstanceOf(SocialException.Invalid.class)
                .hasMessageContaining("500");
        assertThatThrownBy(() -> social.edits().edit(ann.id(), p.id(),
                new EditService.Edit("x".repeat(490), "y".repeat(11), false, null, null, null, null)))
                .isInstanceOf(SocialException.Invalid.class).hasMessageContaining("500");
        assertThatThrownBy(() -> social.posts().create(ann.id(), null,
                new PostService.NewPost("x".repeat(490), null, null, "y".repeat(11), false, null), null))
                .isInstanceOf(SocialException.Invalid.class).hasMessageContaining("500");
        assertThat(social.edits().history(p.id(), null)).hasSize(1);
    }

    @Test
    void aContentWarningMakesThePostSensitiveAndAnEditWithoutOneRemovesIt() {
        Account ann = person("ann");
        Post p = post(ann, "spoilers ahead");
        Post warned = social.edits().edit(ann.id(), p.id(),
                new EditService.Edit("spoilers ahead", "  film ending  ", false, "en", null, null, null));
        assertThat(warned.spoilerText()).isEqualTo("film ending");
        assertThat(warned.sensitive()).isTrue();
        assertThat(warned.language()).isEqualTo("en");

        Post cleared = edit(ann, p, "spoilers ahead");
        assertThat(cleared.spoilerText()).isEmpty();
        assertThat(cleared.sensitive()).isFalse();
        assertThat(cleared.language()).isEqualTo("en");
        assertThat(social.edits().history(p.id(), null)).extracting(PostEdit::spoilerText, PostEdit::sensitive)
                .containsExactly(tuple("", false), tuple("film ending", true), tuple("", false));
    }

    @Test
    void mediaAreReplacedAndTheHistoryShowsEachVersionsMediaWithItsAltText() {
        Account ann = person("ann");
        MediaAttachment a = upload(ann, "first picture"), b = upload(ann, "second picture");
        Post p = post(ann, "pictures", Visibility.PUBLIC, List.of(a.id()));

        Post edited = social.edits().edit(ann.id(), p.id(), new EditService.Edit("pictures", null, false, null,
                List.of(b.id(), a.id()), List.of(new EditService.MediaChange(a.id(), "first, described again",
                new Focus(0.5, 0.5))), null));
        assertThat(edited.media()).extracting(MediaAttachment::id).containsExactly(b.id(), a.id());
        assertThat(edited.media().get(1).description()).isEqualTo("first, described again");

        Post dropped = social.edits().edit(ann.id(), p.id(),
                new EditService.Edit("pictures", null, false, null, List.of(b.id()), null, null));
        assertThat(dropped.media()).extracting(MediaAttachment::id).containsExactly(b.id());

        List<PostEdit> history = social.edits().history(p.id(), null);
        assertThat(history).extracting(v -> v.media().stream().map(MediaAttachment::id).toList())
                .containsExactly(List.of(a.id()), List.of(b.id(), a.id()), List.of(b.id()));
        assertThat(history.getFirst().media().getFirst().description()).isEqualTo("first picture");
        assertThat(history.get(1).media().get(1).description()).isEqualTo("first, described again");

        // A medium an edit removed may come back; another post's may not.
        Post back = social.edits().edit(ann.id(), p.id(),
                new EditService.Edit("pictures", null, false, null, List.of(a.id(), b.id()), null, null));
        assertThat(back.media()).extracting(MediaAttachment::id).containsExactly(a.id(), b.id());
        MediaAttachment c = upload(ann, null);
        post(ann, "other", Visibility.PUBLIC, List.of(c.id()));
        assertThatThrownBy(() -> social.edits().edit(ann.id(), p.id(),
                new EditService.Edit("pictures", null, false, null, List.of(c.id()), null, null)))
                .isInstanceOf(SocialException.Invalid.class);
    }

    @Test
    void aPollIsReplacedKeptOrRemovedAndEachVersionShowsItsOptions() {
        Account ann = person("ann"), bob = person("bob");
        PostService.NewPoll colours = new PostService.NewPoll(List.of("red", "blue"), java.time.Duration.ofDays(1),
                false, false);
        Post p = social.posts().create(ann.id(), null,
                new PostService.NewPost("favourite colour?", null, null, null, false, null, List.of(), colours), null);
        social.polls().vote(bob.id(), p.poll().id(), List.of(0));

        Post kept = social.edits().edit(ann.id(), p.id(),
                new EditService.Edit("favourite colour??", null, false, null, null, null, colours));
        assertThat(kept.poll().id()).isEqualTo(p.poll().id());
        assertThat(kept.poll().votesCount()).as("same options keep the votes").isEqualTo(1);

        PostService.NewPoll more = new PostService.NewPoll(List.of("red", "blue", "green"), java.time.Duration.ofDays(1),
                false, false);
        Post replaced = social.edits().edit(ann.id(), p.id(),
                new EditService.Edit("favourite colour??", null, false, null, null, null, more));
        assertThat(replaced.poll().options()).extracting(dev.colossus.social.Poll.Option::title)
                .containsExactly("red", "blue", "green");
        assertThat(replaced.poll().votesCount()).as("other options drop the votes").isZero();

        assertThatThrownBy(() -> social.edits().edit(ann.id(), p.id(), new EditService.Edit("x", null, false, null,
                null, null, new PostService.NewPoll(List.of("only"), java.time.Duration.ofDays(1), false, false))))
                .isInstanceOf(SocialException.Invalid.class);
        Post removed = social.edits().edit(ann.id(), p.id(),
                new EditService.Edit("no poll now", null, false, null, null, null, null));
        assertThat(removed.poll()).isNull();
        assertThat(social.edits().history(p.id(), null)).extracting(PostEdit::pollOptions).containsExactly(
                List.of("red", "blue"), List.of("red", "blue"), List.of("red", "blue", "green"), List.of());
    }

    @Test
    void theSourceIsTheAuthorsPlainText() {
        Account ann = person("ann"), bob = person("bob");
        Post p = social.posts().create(ann.id(), null,
                new PostService.NewPost("see https://example.com & <b>", null, null, "cw", false, null), null);
        assertThat(social.edits().source(ann.id(), p.id()))
                .isEqualTo(new dev.colossus.social.PostSource(p.id(), "see https://example.com & <b>", "cw"));
        assertThatThrownBy(() -> social.edits().source(bob.id(), p.id())).isInstanceOf(SocialException.Forbidden.class);
        Post secret = post(ann, "@ann private", Visibility.DIRECT, List.of());
        assertThatThrownBy(() -> social.edits().source(bob.id(), secret.id()))
                .isInstanceOf(SocialException.NotFound.class);
        assertThatThrownBy(() -> social.edits().history(secret.id(), bob.id()))
                .isInstanceOf(SocialException.NotFound.class);
    }

    @Test
    void concurrentEditsOfOnePostEachLeaveExactlyOneVersion() throws Exception {
        Account ann = person("ann");
        Post p = post(ann, "version 0");
        int editors = 8;
        ExecutorService pool = Executors.newFixedThreadPool(editors);
        try {
            List<Future<Post>> done = new ArrayList<>();
            for (int i = 1; i <= editors; i++) {
                String text = "version " + i;
                done.add(pool.submit(() -> edit(ann, p, text)));
            }
            for (Future<Post> f : done) f.get();
        } finally {
            pool.shutdown();
        }
        List<PostEdit> history = social.edits().history(p.id(), null);
        assertThat(history).hasSize(editors + 1);
        assertThat(history.getFirst().text()).isEqualTo("version 0");
        assertThat(history).extracting(PostEdit::text).doesNotHaveDuplicates();
        assertThat(social.posts().get(p.id(), null).text()).isEqualTo(history.getLast().text());
    }

    @Test
    void deletingAnEditedPostTakesItsHistoryAndKeepsItsMediaForRedrafting() {
        Account ann = person("ann");
        MediaAttachment a = upload(ann, "kept"), b = upload(ann, "removed by the edit");
        Post p = post(ann, "to delete", Visibility.PUBLIC, List.of(a.id(), b.id()));
        social.edits().edit(ann.id(), p.id(), new EditService.Edit("to delete, edited", null, false, null,
                List.of(a.id()), null, null));
        social.posts().delete(ann.id(), p.id());
        assertThatThrownBy(() -> social.edits().history(p.id(), ann.id())).isInstanceOf(SocialException.NotFound.class);
        Post redraft = post(ann, "redraft", Visibility.PUBLIC, List.of(b.id(), a.id()));
        assertThat(redraft.media()).extracting(MediaAttachment::id).containsExactly(b.id(), a.id());
        assertThat(Set.copyOf(social.edits().history(redraft.id(), null))).hasSize(1);
    }
}
