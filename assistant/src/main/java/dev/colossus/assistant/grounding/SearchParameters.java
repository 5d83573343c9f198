package dev.colossus.assistant.grounding;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colossus.social.PostQuery;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The {@code search_parameters} extension of a chat request, in xAI's shape:
 * <pre>
 * "search_parameters": {
 *   "mode": "auto",                 // off | auto | on
 *   "from_date": "2026-11-01",      // ISO date (start of day, UTC) or date-time
 *   "to_date": "2026-11-28",        // ISO date (end of day, UTC) or date-time
 *   "max_search_results": 8,        // 1..50, default 8
 *   "return_citations": true,       // default true
 *   "handles": ["alice"],           // only these accounts (also: included_handles, sources[].included_x_handles)
 *   "excluded_handles": ["spam"],   // never these (also: sources[].excluded_x_handles)
 *   "min_likes": 3                  // also: sources[].post_favorite_count
 * }
 * </pre>
 */
public record SearchParameters(SearchMode mode, Instant from, Instant to, int maxResults, boolean returnCitations,
                               List<String> includeHandles, List<String> excludeHandles, long minLikes) {

    public static final int DEFAULT_MAX_RESULTS = 8;
    public static final int MAX_RESULTS_LIMIT = 50;

    public SearchParameters {
        includeHandles = List.copyOf(includeHandles);
        excludeHandles = List.copyOf(excludeHandles);
    }

    /** Defaults: the given mode, no restrictions, 8 results, citations returned. */
    public static SearchParameters defaults(SearchMode mode) {
        return new SearchParameters(mode, null, null, DEFAULT_MAX_RESULTS, true, List.of(), List.of(), 0);
    }

    /**
     * Reads the JSON object of a request; null or missing means {@code defaults(defaultMode)}.
     *
     * @throws IllegalArgumentException naming the field that is wrong
     */
    public static SearchParameters fromJson(JsonNode node, SearchMode defaultMode) {
        if (node == null || node.isNull() || node.isMissingNode()) return defaults(defaultMode);
        if (!node.isObject()) throw new IllegalArgumentException("search_parameters must be an object");
        SearchMode mode = node.hasNonNull("mode") ? SearchMode.parse(node.get("mode").asText()) : defaultMode;
        Instant from = node.hasNonNull("from_date") ? date(node.get("from_date").asText(), false, "from_date") : null;
        Instant to = node.hasNonNull("to_date") ? date(node.get("to_date").asText(), true, "to_date") : null;
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("search_parameters.from_date is after to_date");
        }
        int max = DEFAULT_MAX_RESULTS;
        if (node.hasNonNull("max_search_results")) {
            JsonNode m = node.get("max_search_results");
            if (!m.canConvertToInt() || m.asInt() < 1 || m.asInt() > MAX_RESULTS_LIMIT) {
                throw new IllegalArgumentException("search_parameters.max_search_results must be 1 to " + MAX_RESULTS_LIMIT);
            }
            max = m.asInt();
        }
        boolean citations = !node.hasNonNull("return_citations") || node.get("return_citations").asBoolean(true);
        List<String> include = new ArrayList<>(handles(node, "handles"));
        include.addAll(handles(node, "included_handles"));
        List<String> exclude = new ArrayList<>(handles(node, "excluded_handles"));
        long minLikes = node.path("min_likes").asLong(0);
        for (JsonNode source : node.path("sources")) {
            include.addAll(handles(source, "included_x_handles"));
            exclude.addAll(handles(source, "excluded_x_handles"));
            minLikes = Math.max(minLikes, source.path("post_favorite_count").asLong(0));
        }
        if (minLikes < 0) throw new IllegalArgumentException("search_parameters.min_likes must not be negative");
        return new SearchParameters(mode, from, to, max, citations, include, exclude, minLikes);
    }

    private static List<String> handles(JsonNode node, String field) {
        JsonNode list = node.path(field);
        if (list.isMissingNode() || list.isNull()) return List.of();
        if (!list.isArray()) throw new IllegalArgumentException("search_parameters." + field + " must be an array of handles");
        List<String> out = new ArrayList<>();
        for (JsonNode h : list) {
            String handle = h.asText().strip();
            if (handle.startsWith("@")) handle = handle.substring(1);
            if (!handle.isEmpty()) out.add(handle);
        }
        return out;
    }

    private static Instant date(String text, boolean endOfDay, String field) {
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return endOfDay ? day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusMillis(1)
                        : day.atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("search_parameters." + field
                    + " must be an ISO date (2026-11-28) or date-time, got '" + text + "'");
        }
    }

    /**
     * The query these parameters make for a question ({@link PostSearch#about}): the time window (this record's
     * {@code to} is inclusive, the query's exclusive), the likes, and the handles as account ids found by
     * {@code accountId}; handles the network does not know are left out.
     *
     * @return the query, or empty when only some handles' posts are wanted and none of them is known, so nothing
     *         can match
     */
    public Optional<PostQuery> query(String question, Function<String, Optional<Long>> accountId) {
        Set<Long> include = accountIds(includeHandles, accountId);
        if (!includeHandles.isEmpty() && include.isEmpty()) return Optional.empty();
        return Optional.of(PostSearch.about(question, maxResults)
                .withIncludeAuthors(include)
                .withExcludeAuthors(accountIds(excludeHandles, accountId))
                .withMinLikes((int) Math.min(Integer.MAX_VALUE, minLikes))
                .withTimeWindow(from, to == null ? null : to.plusMillis(1)));
    }

    private static Set<Long> accountIds(List<String> handles, Function<String, Optional<Long>> accountId) {
        Set<Long> ids = new HashSet<>();
        for (String handle : handles) accountId.apply(handle).ifPresent(ids::add);
        return ids;
    }
}
