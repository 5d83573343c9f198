package dev.colossus.social.service;

import dev.colossus.social.AccessGrant;
import dev.colossus.social.Account;
import dev.colossus.social.Application;
import dev.colossus.social.IssuedToken;
import dev.colossus.social.NotificationFilter;
import dev.colossus.social.PageRequest;
import dev.colossus.social.Post;
import dev.colossus.social.PostQuery;
import dev.colossus.social.Report;
import dev.colossus.social.SocialException;
import dev.colossus.social.StoreContract;
import dev.colossus.social.Visibility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Profile editing, account deletion and reports over a real store: one subclass per database. */
abstract class ProfileStoreContract extends StoreContract {

    private static final String PASSWORD = "correct horse battery";

    @TempDir
    Path indexDir;

    ProfileStoreContract() {
        super(Instant.parse("2026-03-01T12:00:00Z"));
    }

    private static byte[] image(String format, int width, int height, boolean alpha) throws Exception {
        BufferedImage img = new BufferedImage(width, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(200, 30, 30, alpha ? 128 : 255));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLUE);
        g.fillRect(width / 2 - 5, height / 2 - 5, 10, 10); // the middle, which framing keeps
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, format, out);
        return out.toByteArray();
    }

    private BufferedImage stored(String path) throws Exception {
        Path file = social.media().file(path).orElseThrow();
        return ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(file)));
    }

    private static ProfileService.Update texts(String displayName, String note) {
        return new ProfileService.Update(displayName, note, null, null, null, null, null);
    }

    @Test
    void textsFieldsAndFlagsAreStoredAndShownOnTheAccount() {
        Account ann = person("ann");
        Account updated = social.profiles().update(ann.id(), new ProfileService.Update(" Ann A. ", "Hello *there*", true,
                false, List.of(new Account.Field("Site", "https://ann.example"), new Account.Field(" ", " "),
                new Account.Field("Pronouns", "she/her")), null, null));

        assertThat(updated.displayName()).isEqualTo("Ann A.");
        assertThat(updated.note()).isEqualTo("Hello *there*");
        assertThat(updated.bot()).isTrue();
        assertThat(updated.discoverable()).isFalse();
        assertThat(updated.fields()).containsExactly(new Account.Field("Site", "https://ann.example"),
                new Account.Field("Pronouns", "she/her"));
        assertThat(social.accounts().get(ann.id())).isEqualTo(updated);
        // Nulls leave things as they are.
        assertThat(social.profiles().update(ann.id(), texts(null, null))).isEqualTo(updated);
    }

    @Test
    void aRefusedUpdateChangesNothing() throws Exception {
        Account ann = person("ann");
        social.profiles().update(ann.id(), texts("Ann", "note"));
        assertThatThrownBy(() -> social.profiles().update(ann.id(), texts("x".repeat(31), "fine")))
                .isInstanceOf(SocialException.Invalid.class).hasMessageContaining("Display name is too long");
        assertThatThrownBy(() -> social.profiles().update(ann.id(), texts("fine", "y".repeat(501))))
                .isInstanceOf(SocialException.Invalid.class).hasMessageContaining("Note is too long");
        List<Account.Field> five = List.of(new Account.Field("a", "1"), new Account.Field("b", "2"),
                new Account.Field("c", "3"), new Account.Field("d", "4"), new Account.Field("e", "5"));
        assertThatThrownBy(() -> social.profiles().update(ann.id(), new ProfileService.Update("new", null, null, null,
                five, null, null))).isInstanceOf(SocialException.Invalid.class).hasMessageContaining("maximum is 4");
        assertThatThrownBy(() -> social.profiles().update(ann.id(), new ProfileService.Update("new", null, null, null,
                List.of(new Account.Field("n", "v".repeat(256))), null, null))).isInstanceOf(SocialException.Invalid.class);
        assertThatThrownBy(() -> social.profiles().update(ann.id(), new ProfileService.Update("new", null, null, null,
                null, "not an image".getBytes(StandardCharsets.UTF_8), null)))
                .isInstanceOf(SocialException.Invalid.class)
                .satisfies(e -> assertThat(((SocialException.Invalid) e).details()).containsKey("avatar"));
        byte[] truncated = java.util.Arrays.copyOf(image("png", 300, 300, false), 60);
        assertThatThrownBy(() -> social.profiles().update(ann.id(), new ProfileService.Update("new", null, null, null,
                null, null, truncated))).isInstanceOf(SocialException.Invalid.class)
                .satisfies(e -> assertThat(((SocialException.Invalid) e).details()).containsKey("header"));

        Account now = social.accounts().get(ann.id());
        assertThat(now.displayName()).isEqualTo("Ann");
        assertThat(now.avatarPath()).isNull();
        assertThat(now.headerPath()).isNull();
    }

    @Test
    void anAvatarIsFramedSquareAndAHeaderThreeToOneWithoutMetadata() throws Exception {
        Account ann = person("ann");
        Account updated = social.profiles().update(ann.id(), new ProfileService.Update(null, null, null, null, null,
                image("png", 800, 600, true), image("jpg", 3000, 600, false)));

        assertThat(updated.avatarPath()).endsWith(".png");
        BufferedImage avatar = stored(updated.avatarPath());
        assertThat(avatar.getWidth()).isEqualTo(400);
        assertThat(avatar.getHeight()).isEqualTo(400);
        assertThat(avatar.getColorModel().hasAlpha()).isTrue();
        assertThat(new Color(avatar.getRGB(200, 200), true).getBlue()).isGreaterThan(200); // the middle was kept
        assertThat(updated.headerPath()).endsWith(".jpg");
        BufferedImage header = stored(updated.headerPath());
        assertThat(header.getWidth()).isEqualTo(1500);
        assertThat(header.getHeight()).isEqualTo(500);
        // A small image is not enlarged, only cut to shape.
        Account small = social.profiles().update(ann.id(), new ProfileService.Update(null, null, null, null, null,
                image("png", 100, 50, false), null));
        assertThat(stored(small.avatarPath()).getWidth()).isEqualTo(50);
        assertThat(stored(small.avatarPath()).getHeight()).isEqualTo(50);
    }

    @Test
    void aReplacedOrRemovedImageHasItsFileDeletedUnlessAnotherAccountShowsIt() throws Exception {
        Account ann = person("ann"), bob = person("bob");
        byte[] picture = image("png", 500, 500, false);
        String first = social.profiles().update(ann.id(), new ProfileService.Update(null, null, null, null, null,
                picture, null)).avatarPath();
        social.profiles().update(bob.id(), new ProfileService.Update(null, null, null, null, null, picture, null));

        String second = social.profiles().update(ann.id(), new ProfileService.Update(null, null, null, null, null,
                image("png", 600, 600, false), null)).avatarPath();
        assertThat(second).isNotEqualTo(first);
        assertThat(social.media().file(first)).isPresent(); // bob still shows it

        assertThat(social.profiles().removeImage(ann.id(), dev.colossus.social.media.ProfileImages.Kind.AVATAR).avatarPath())
                .isNull();
        assertThat(social.media().file(second)).isEmpty();
        social.profiles().removeImage(bob.id(), dev.colossus.social.media.ProfileImages.Kind.AVATAR);
        assertThat(social.media().file(first)).isEmpty();
    }

    private record Member(Account account, AccessGrant grant, String token) {
    }

    private Member member(String name) {
        Application app = social.auth().registerApp("tests", null, "read write follow", null);
        AccessGrant appGrant = new AccessGrant(0, app.id(), null, app.scopes());
        IssuedToken token = social.accounts().register(appGrant,
                new AccountService.SignUp(name, name + "@example.org", PASSWORD, true, "en"));
        AccessGrant grant = social.auth().authenticate(token.accessToken()).orElseThrow();
        return new Member(social.accounts().get(grant.accountId()), grant, token.accessToken());
    }

    private Post post(Account author, String text) {
        return social.posts().create(author.id(), null,
                new PostService.NewPost(text, null, Visibility.PUBLIC, null, false, null), null);
    }

    @Test
    void deletingAnAccountNeedsItsPasswordAndRemovesWhatItMadeKeepingItsName() throws Exception {
        Member ann = member("ann");
        Account bob = person("bob");
        Post anns = post(ann.account(), "platypus thoughts by ann");
        Post bobs = post(bob, "platypus thoughts by bob");
        Post bobReblog = social.posts().reblog(bob.id(), anns.id());
        social.posts().favourite(ann.account().id(), bobs.id());
        social.follows().follow(ann.account().id(), bob.id());
        social.follows().follow(bob.id(), ann.account().id());
        social.profiles().update(ann.account().id(), new ProfileService.Update(null, null, null, null, null,
                image("png", 400, 400, false), null));
        String avatar = social.accounts().get(ann.account().id()).avatarPath();
        try (SearchService search = social.openSearch(indexDir, (done, total) -> { })) {
            search.refresh();
            assertThat(search.posts(PostQuery.of("platypus"), null)).hasSize(2);

            assertThat(social.deletions().delete(ann.grant(), "wrong password")).isFalse();
            assertThat(social.accounts().lookup("ann")).isPresent();

            assertThat(social.deletions().delete(ann.grant(), PASSWORD)).isTrue();

            search.refresh();
            assertThat(search.posts(PostQuery.of("platypus"), null)).extracting(Post::id).containsExactly(bobs.id());
        }
        assertThat(social.accounts().lookup("ann")).isEmpty();
        assertThatThrownBy(() -> social.accounts().get(ann.account().id())).isInstanceOf(SocialException.NotFound.class);
        assertThat(social.auth().authenticate(ann.token())).isEmpty();
        assertThatThrownBy(() -> social.posts().get(anns.id(), null)).isInstanceOf(SocialException.NotFound.class);
        assertThatThrownBy(() -> social.posts().get(bobReblog.id(), null)).isInstanceOf(SocialException.NotFound.class);
        Account bobNow = social.accounts().get(bob.id());
        assertThat(bobNow.followersCount()).isZero();
        assertThat(bobNow.followingCount()).isZero();
        assertThat(bobNow.postsCount()).isEqualTo(1);
        assertThat(social.posts().get(bobs.id(), null).favouritesCount()).isZero();
        assertThat(social.notifications().list(bob.id(), NotificationFilter.ALL, PageRequest.first(20)).items()).isEmpty();
        assertThat(social.media().file(avatar)).isEmpty();
        // The username stays reserved.
        Application app = social.auth().registerApp("tests", null, "read write", null);
        assertThatThrownBy(() -> social.accounts().register(new AccessGrant(0, app.id(), null, app.scopes()),
                new AccountService.SignUp("ann", "new-ann@example.org", PASSWORD, true, "en")))
                .isInstanceOf(SocialException.Invalid.class).hasMessageContaining("taken");
    }

    @Test
    void aReportIsStoredWithItsPostsAndBadReportsAreRefused() {
        Account ann = person("ann"), bob = person("bob");
        Post bobs = post(bob, "spammy");
        Post anns = post(ann, "mine");

        Report r = social.reports().report(ann.id(), bob.id(), List.of(bobs.id(), bobs.id()), " buy now ", "spam");
        assertThat(r.target().id()).isEqualTo(bob.id());
        assertThat(r.category()).isEqualTo("spam");
        assertThat(r.comment()).isEqualTo("buy now");
        assertThat(r.postIds()).containsExactly(bobs.id());
        assertThat(social.reports().report(ann.id(), bob.id(), null, null, null).category()).isEqualTo("other");

        assertThatThrownBy(() -> social.reports().report(ann.id(), 4242L, null, null, null))
                .isInstanceOf(SocialException.NotFound.class);
        assertThatThrownBy(() -> social.reports().report(ann.id(), bob.id(), List.of(anns.id()), null, null))
                .isInstanceOf(SocialException.NotFound.class);
        assertThatThrownBy(() -> social.reports().report(ann.id(), bob.id(), null, "z".repeat(1001), null))
                .isInstanceOf(SocialException.Invalid.class);
        assertThatThrownBy(() -> social.reports().report(ann.id(), bob.id(), null, null, "rude"))
                .isInstanceOf(SocialException.Invalid.class);
    }
}
