package dev.colossus.assistant.grounding;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colossus.social.PostQuery;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SearchParametersTest {

    private static SearchParameters parse(String json) throws Exception {
        return SearchParameters.fromJson(new ObjectMapper().readTree(json), SearchMode.AUTO);
    }

    @Test
    void readsXaiShapeWithDatesAsWholeDaysInUtc() throws Exception {
        SearchParameters p = parse("""
                {"mode":"on","from_date":"2026-11-01","to_date":"2026-11-28","max_search_results":5,
                 "return_citations":false,"handles":["@alice"],
                 "sources":[{"type":"x","excluded_x_handles":["spam"],"post_favorite_count":4}]}""");
        assertThat(p.mode()).isEqualTo(SearchMode.ON);
        assertThat(p.from()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(p.to()).isEqualTo(Instant.parse("2026-11-28T23:59:59.999Z"));
        assertThat(p.maxResults()).isEqualTo(5);
        assertThat(p.returnCitations()).isFalse();
        assertThat(p.includeHandles()).containsExactly("alice");
        assertThat(p.excludeHandles()).containsExactly("spam");
        assertThat(p.minLikes()).isEqualTo(4);
    }

    @Test
    void theQueryHasTheHandlesAsAccountIdsAndAnExclusiveEnd() throws Exception {
        SearchParameters p = parse("""
                {"from_date":"2026-11-01","to_date":"2026-11-28","max_search_results":5,"min_likes":4,
                 "handles":["@alice","nobody"],"excluded_handles":["spam"]}""");
        Map<String, Long> ids = Map.of("alice", 1L, "spam", 2L);
        PostQuery q = p.query("What about the launch?", h -> Optional.ofNullable(ids.get(h))).orElseThrow();
        assertThat(q.text()).isEqualTo("launch");
        assertThat(q.match()).isEqualTo(PostQuery.Match.ANY);
        assertThat(q.limit()).isEqualTo(5);
        assertThat(q.minLikes()).isEqualTo(4);
        assertThat(q.includeAuthors()).containsExactly(1L);
        assertThat(q.excludeAuthors()).containsExactly(2L);
        assertThat(q.from()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(q.to()).isEqualTo(Instant.parse("2026-11-29T00:00:00Z"));
    }

    @Test
    void onlyUnknownHandlesMakeNoQuery() throws Exception {
        SearchParameters p = parse("{\"handles\":[\"nobody\"]}");
        assertThat(p.query("launch", h -> Optional.empty())).isEmpty();
        assertThat(SearchParameters.defaults(SearchMode.ON).query("launch", h -> Optional.empty())).isPresent();
    }

    @Test
    void absentMeansTheDefaultModeWithCitations() {
        SearchParameters p = SearchParameters.fromJson(null, SearchMode.AUTO);
        assertThat(p.mode()).isEqualTo(SearchMode.AUTO);
        assertThat(p.returnCitations()).isTrue();
        assertThat(p.maxResults()).isEqualTo(SearchParameters.DEFAULT_MAX_RESULTS);
    }

    @Test
    void badValuesNameTheField() {
        assertThatThrownBy(() -> parse("{\"mode\":\"sometimes\"}")).hasMessageContaining("mode");
        assertThatThrownBy(() -> parse("{\"from_date\":\"yesterday\"}")).hasMessageContaining("from_date");
        assertThatThrownBy(() -> parse("{\"max_search_results\":500}")).hasMessageContaining("max_search_results");
        assertThatThrownBy(() -> parse("{\"from_date\":\"2026-11-28\",\"to_date\":\"2026-11-01\"}"))
                .hasMessageContaining("after");
    }
}
