package dev.colossus.assistant.grounding;

import dev.colossus.social.Account;
import dev.colossus.social.Post;
import dev.colossus.social.service.AccountService;
import dev.colossus.social.service.SearchService;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Grounding on this network: the Lucene index ranks posts (BM25 blended with recency and engagement, any content
 * word of the question may match, see {@link QuestionTerms}), the store supplies their current text and counts. Only public and unlisted posts are found;
 * posts deleted since they were indexed are skipped. Thread-safe.
 */
public final class NetworkPostSearch implements PostSearch {

    private final SearchService search;
    private final AccountService accounts;
    private final Supplier<String> baseUrl;

    /**
     * @param baseUrl the server's public URL, e.g. {@code https://colossus.example}; post URLs are
     *                {@code BASE/@username/ID}
     */
    public NetworkPostSearch(SearchService search, AccountService accounts, String baseUrl) {
        this(search, accounts, () -> baseUrl);
    }

    /** As above, with the URL asked for each time (a server learns its port only once it listens). */
    public NetworkPostSearch(SearchService search, AccountService accounts, Supplier<String> baseUrl) {
        this.search = search;
        this.accounts = accounts;
        this.baseUrl = baseUrl;
    }

    @Override
    public List<SourcePost> search(PostQuery query) {
        Set<Long> include = accountIds(query.includeHandles());
        if (!query.includeHandles().isEmpty() && include.isEmpty()) return List.of();
        dev.colossus.social.PostQuery q = dev.colossus.social.PostQuery.of(QuestionTerms.of(query.text()))
                .withMatch(dev.colossus.social.PostQuery.Match.ANY)
                .withIncludeAuthors(include)
                .withExcludeAuthors(accountIds(query.excludeHandles()))
                .withMinLikes((int) Math.min(Integer.MAX_VALUE, query.minLikes()))
                // Our window is inclusive; the index's upper bound is exclusive.
                .withTimeWindow(query.from(), query.to() == null ? null : query.to().plusMillis(1))
                .withPage(0, Math.min(query.maxResults(), dev.colossus.social.PostQuery.MAX_LIMIT));
        List<SourcePost> found = new ArrayList<>();
        for (Post s : search.posts(q, null)) {
            if (s.reblog() == null) found.add(source(s));
        }
        return found;
    }

    /** A post (not a reblog) as the assistant sees it, with its public URL. */
    public SourcePost source(Post s) {
        return new SourcePost(Long.toString(s.id()), s.account().username(), s.text(), s.createdAt(),
                s.favouritesCount(), s.reblogsCount(), url(s));
    }

    /** The public URL of a post: {@code BASE/@username/ID}. */
    public String url(Post s) {
        String base = baseUrl.get();
        if (base.endsWith("/")) base = base.substring(0, base.length() - 1);
        return base + "/@" + s.account().username() + "/" + s.id();
    }

    private Set<Long> accountIds(List<String> handles) {
        Set<Long> ids = new HashSet<>();
        for (String handle : handles) {
            String bare = handle.startsWith("@") ? handle.substring(1) : handle;
            String username = bare.contains("@") ? bare.substring(0, bare.indexOf('@')) : bare;
            Optional<Account> account = accounts.lookup(username);
            account.ifPresent(a -> ids.add(a.id()));
        }
        return ids;
    }
}
