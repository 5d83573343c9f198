package dev.colossus.assistant.grounding;

import dev.colossus.assistant.Answer;
import dev.colossus.assistant.Assistant;
import dev.colossus.assistant.Limits;
import dev.colossus.assistant.Question;
import dev.colossus.assistant.backend.Cancellation;
import dev.colossus.assistant.persona.Identity;
import dev.colossus.assistant.persona.Persona;
import dev.colossus.social.Account;
import dev.colossus.social.Social;
import dev.colossus.social.Post;
import dev.colossus.social.Storage;
import dev.colossus.social.service.PostService;
import dev.colossus.social.service.SearchService;
import dev.colossus.social.stream.EventBus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Grounding over a real network (SQLite store + Lucene index): the right posts are retrieved and cited for a
 * labelled set of questions, and the search filters restrict what is found.
 */
class NetworkGroundingTest {

    @TempDir
    static Path dir;

    private static Social social;
    private static SearchService search;
    private static Assistant assistant;
    /** Topic label of each post id. */
    private static final Map<String, String> TOPIC = new HashMap<>();
    private static final Map<String, Long> ACCOUNTS = new LinkedHashMap<>();

    /** topic, author, text, likes */
    private static final String[][] CORPUS = {
            {"launch", "alice", "The Artemis rocket launch is scheduled for noon, countdown has started", "9"},
            {"launch", "bob", "Weather might delay the rocket launch, winds are strong at the pad", "3"},
            {"launch", "carol", "Watching the launch stream with the kids, the rocket looks huge", "5"},
            {"launch", "dave", "Liftoff! The rocket cleared the tower, launch successful", "12"},
            {"bread", "erin", "My sourdough starter finally doubled overnight, baking bread tomorrow", "4"},
            {"bread", "frank", "Best flour for sourdough bread? I use a strong bread flour with some rye", "2"},
            {"bread", "alice", "Baked my first sourdough loaf, the crust crackled beautifully", "7"},
            {"football", "bob", "What a match! The striker scored twice in the final minutes", "8"},
            {"football", "gina", "The referee missed a clear penalty in the football match tonight", "6"},
            {"football", "harry", "Football season tickets went on sale, the stadium will be packed", "1"},
            {"gpu", "carol", "GPU prices are finally dropping, graphics cards are back in stock", "5"},
            {"gpu", "dave", "Bought a new GPU for training models, the graphics card runs hot", "3"},
            {"gpu", "erin", "Are GPU prices going to drop further after the new graphics card release?", "2"},
            {"garden", "frank", "Planted tomatoes and basil in the garden this morning", "3"},
            {"garden", "gina", "Slugs ate half my garden lettuce, any organic tips?", "4"},
            {"garden", "harry", "The garden roses are blooming early this year", "6"},
    };

    /** question, expected topic */
    private static final String[][] QUESTIONS = {
            {"What are people saying about the rocket launch?", "launch"},
            {"Was the launch delayed by the weather?", "launch"},
            {"Any tips for baking sourdough bread?", "bread"},
            {"Who scored in the football match?", "football"},
            {"Are GPU prices dropping?", "gpu"},
            {"How are graphics cards doing?", "gpu"},
            {"What is happening in people's gardens?", "garden"},
            {"What did the referee do?", "football"},
    };

    @BeforeAll
    static void seed() throws Exception {
        social = Social.open(Storage.sqlite(dir.resolve("data")), new EventBus(), 500);
        search = social.openSearch(dir.resolve("index"), (done, total) -> { });
        for (String[] row : CORPUS) {
            ACCOUNTS.computeIfAbsent(row[1], name -> social.accounts().ensure(name, name, false).id());
        }
        List<Long> likers = new ArrayList<>();
        for (int i = 0; i < 12; i++) likers.add(social.accounts().ensure("fan" + i, null, false).id());
        for (String[] row : CORPUS) {
            Post s = social.posts().create(ACCOUNTS.get(row[1]), null,
                    new PostService.NewPost(row[2], null, null, null, false, "en"), null);
            int likes = Integer.parseInt(row[3]);
            for (int i = 0; i < likes; i++) social.posts().favourite(likers.get(i), s.id());
            TOPIC.put(Long.toString(s.id()), row[0]);
        }
        search.refresh();
        assistant = new Assistant(Identity.DEFAULT, null,
                new NetworkPostSearch(search, social.accounts(), "https://colossus.test/"),
                Limits.DEFAULT, Clock.systemUTC());
    }

    @AfterAll
    static void close() throws Exception {
        search.close();
        social.close();
    }

    private static Answer ask(String question, SearchParameters search) {
        return assistant.answer(Question.simple(Persona.REGULAR, question, search), piece -> { }, new Cancellation());
    }

    private static SearchParameters top(int n) {
        return new SearchParameters(SearchMode.AUTO, null, null, n, true, List.of(), List.of(), 0);
    }

    @Test
    void citationsForLabelledQuestionsAreOnTopic() {
        int cited = 0;
        int relevant = 0;
        for (String[] q : QUESTIONS) {
            Answer answer = ask(q[0], top(3));
            assertThat(answer.citations()).as(q[0]).isNotEmpty();
            assertThat(TOPIC.get(answer.citations().getFirst().postId())).as("first citation for: " + q[0]).isEqualTo(q[1]);
            for (Citation c : answer.citations()) {
                cited++;
                if (TOPIC.get(c.postId()).equals(q[1])) relevant++;
                assertThat(c.url()).isEqualTo("https://colossus.test/@" + c.handle() + "/" + c.postId());
            }
        }
        double precision = (double) relevant / cited;
        System.out.printf("grounding precision@3 over %d labelled questions: %.2f (%d of %d citations on topic)%n",
                QUESTIONS.length, precision, relevant, cited);
        assertThat(precision).isGreaterThanOrEqualTo(0.8);
    }

    @Test
    void handleAndLikeFiltersRestrictTheSources() {
        Answer onlyBob = ask("rocket launch", new SearchParameters(SearchMode.ON, null, null, 5, true,
                List.of("bob"), List.of(), 0));
        assertThat(onlyBob.sources()).isNotEmpty().allMatch(p -> p.handle().equals("bob"));

        Answer noAlice = ask("rocket launch", new SearchParameters(SearchMode.ON, null, null, 5, true,
                List.of(), List.of("@alice"), 0));
        assertThat(noAlice.sources()).isNotEmpty().noneMatch(p -> p.handle().equals("alice"));

        Answer popular = ask("rocket launch", new SearchParameters(SearchMode.ON, null, null, 5, true,
                List.of(), List.of(), 8));
        assertThat(popular.sources()).extracting(SourcePost::likes).isNotEmpty().allMatch(l -> l >= 8);

        Answer unknownAuthor = ask("rocket launch", new SearchParameters(SearchMode.ON, null, null, 5, true,
                List.of("nobody_here"), List.of(), 0));
        assertThat(unknownAuthor.sources()).isEmpty();
    }

    @Test
    void aTimeWindowInTheFutureFindsNothingAndThePastHourFindsEverything() {
        Instant now = Instant.now();
        Answer future = ask("rocket launch", new SearchParameters(SearchMode.ON, now.plus(1, ChronoUnit.HOURS), null,
                5, true, List.of(), List.of(), 0));
        assertThat(future.sources()).isEmpty();
        Answer recent = ask("rocket launch", new SearchParameters(SearchMode.ON, now.minus(1, ChronoUnit.HOURS),
                now.plus(1, ChronoUnit.MINUTES), 5, true, List.of(), List.of(), 0));
        Set<String> topics = recent.sources().stream().map(p -> TOPIC.get(p.id())).collect(Collectors.toSet());
        assertThat(topics).contains("launch");
    }
}
