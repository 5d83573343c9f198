package dev.colossus.social.media;

import dev.colossus.social.Account;
import dev.colossus.social.StoreContract;
import dev.colossus.social.SocialException;
import dev.colossus.social.Post;
import dev.colossus.social.service.PostService;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Media uploads, attachments and cleanup over a real store: one subclass per database. */
abstract class MediaStoreContract extends StoreContract {

    MediaStoreContract() {
        super(Instant.parse("2026-01-01T00:00:00Z"));
    }

    private Post post(Account author, String text, List<Long> media) {
        return social.posts().create(author.id(), null,
                new PostService.NewPost(text, null, null, null, false, null, media), null);
    }

    private MediaAttachment upload(Account owner, byte[] data, String description) {
        return social.media().upload(owner.id(), new MediaUpload(data, description, null));
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.walk(mediaDir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void anUploadIsStoredOnceByContentAndShownOnThePostItIsAttachedTo() throws IOException {
        Account ann = person("ann");
        byte[] png = TestMedia.png(300, 200);
        MediaAttachment first = upload(ann, png, "A red and blue flag");
        MediaAttachment second = upload(ann, png, "The same flag again");
        assertThat(second.hash()).isEqualTo(first.hash());
        assertThat(first.id()).isNotEqualTo(second.id());
        assertThat(files()).hasSize(2); // the file and its preview, once
        assertThat(social.media().file(first.path())).isPresent();
        assertThat(social.media().file(first.previewPath())).isPresent();
        assertThat(first.path()).matches("[0-9a-f]{2}/[0-9a-f]{2}/" + first.hash() + "\\.png");

        Post post = post(ann, "", List.of(second.id(), first.id()));
        assertThat(post.media()).extracting(MediaAttachment::id).containsExactly(second.id(), first.id());
        assertThat(post.media().getFirst().description()).isEqualTo("The same flag again");
        assertThat(post.media().getFirst().original()).isEqualTo(MediaInfo.image(300, 200));
        Post loaded = social.posts().get(post.id(), null);
        assertThat(loaded.media()).extracting(MediaAttachment::postId).containsOnly(post.id());
        assertThat(social.timelines().home(ann.id(), dev.colossus.social.PageRequest.of(null, null, null, 20)).items()
                .getFirst().media()).hasSize(2);
    }

    @Test
    void onlyTheOwnersUnattachedUploadsCanBeSeenChangedOrAttached() {
        Account ann = person("ann");
        Account bob = person("bob");
        MediaAttachment m = upload(ann, TestMedia.png(10, 10), null);
        assertThatThrownBy(() -> social.media().get(bob.id(), m.id())).isInstanceOf(SocialException.NotFound.class);
        assertThatThrownBy(() -> post(bob, "mine now", List.of(m.id()))).isInstanceOf(SocialException.Invalid.class);
        MediaAttachment changed = social.media().update(ann.id(), m.id(), "Described", new Focus(0.5, -0.25));
        assertThat(changed.description()).isEqualTo("Described");
        assertThat(changed.focus()).isEqualTo(new Focus(0.5, -0.25));
        post(ann, "attached", List.of(m.id()));
        assertThatThrownBy(() -> social.media().update(ann.id(), m.id(), "Too late", null))
                .isInstanceOf(SocialException.NotFound.class);
        assertThatThrownBy(() -> post(ann, "again", List.of(m.id()))).isInstanceOf(SocialException.Invalid.class);
    }

    @Test
    void aPostTakesAtMostFourImagesAndAudioOrVideoOnlyAlone() {
        Account ann = person("ann");
        List<Long> five = Stream.generate(() -> upload(ann, TestMedia.png(8, 8), null).id()).limit(5).toList();
        assertThatThrownBy(() -> post(ann, "five", five)).isInstanceOf(SocialException.Invalid.class)
                .hasMessageContaining("more than 4");
        long sound = upload(ann, TestMedia.wav(0.1), "a tone").id();
        assertThatThrownBy(() -> post(ann, "mixed", List.of(five.getFirst(), sound))).isInstanceOf(SocialException.Invalid.class);
        assertThat(post(ann, "four", five.subList(0, 4)).media()).hasSize(4);
        Post audio = post(ann, "", List.of(sound));
        assertThat(audio.media().getFirst().type()).isEqualTo(MediaType.AUDIO);
        assertThatThrownBy(() -> post(ann, " ", List.of())).isInstanceOf(SocialException.Invalid.class);
    }

    @Test
    void unattachedUploadsAreDeletedAfterADayWithFilesNoOtherRowUses() throws IOException {
        Account ann = person("ann");
        MediaAttachment kept = upload(ann, TestMedia.png(20, 20), null);
        MediaAttachment twin = upload(ann, TestMedia.png(20, 20), null);
        MediaAttachment lone = upload(ann, TestMedia.jpeg(30, 30), null);
        post(ann, "kept", List.of(kept.id()));
        clock.advance(Duration.ofHours(23));
        assertThat(social.media().cleanup()).isZero();
        clock.advance(Duration.ofHours(2));
        assertThat(social.media().cleanup()).isEqualTo(2);
        assertThatThrownBy(() -> social.media().get(ann.id(), twin.id())).isInstanceOf(SocialException.NotFound.class);
        assertThat(social.media().file(kept.path())).isPresent(); // the twin's file is the attached one's
        assertThat(social.media().file(lone.path())).isEmpty();
        assertThat(social.media().file(lone.previewPath())).isEmpty();
        assertThat(files()).hasSize(2);
    }

    @Test
    void aDeletedPostsMediaCanBeAttachedAgainAsARedraft() {
        Account ann = person("ann");
        MediaAttachment m = upload(ann, TestMedia.gif(3, 10), "dancing");
        Post first = post(ann, "first", List.of(m.id()));
        assertThat(first.media().getFirst().type()).isEqualTo(MediaType.GIFV);
        social.posts().delete(ann.id(), first.id());
        Post redraft = post(ann, "redraft", List.of(m.id()));
        assertThat(redraft.media()).extracting(MediaAttachment::description).containsExactly("dancing");
    }

    @Test
    void aFileOfAnotherTypeThanItsNameIsRefusedAndNothingIsStored() throws IOException {
        Account ann = person("ann");
        assertThatThrownBy(() -> upload(ann, "GIF89a? no, plain text".getBytes(), null))
                .isInstanceOf(SocialException.Invalid.class);
        assertThat(files()).isEmpty();
    }
}
