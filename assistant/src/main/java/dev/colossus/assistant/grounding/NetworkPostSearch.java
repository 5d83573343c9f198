package dev.colossus.assistant.grounding;

import dev.colossus.social.Account;
import dev.colossus.social.Post;
import dev.colossus.social.PostQuery;
import dev.colossus.social.service.AccountService;
import dev.colossus.social.service.SearchService;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Grounding on this network: the Lucene index ranks posts (BM25 blended with recency and engagement; see
 * {@link PostSearch#about} for the queries the assistant asks), the store supplies their current text and counts.
 * Posts deleted since they were indexed are skipped, and so are reblogs. Thread-safe.
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
        List<SourcePost> found = new ArrayList<>();
        for (Post s : search.posts(query, null)) {
            if (s.reblog() == null) found.add(source(s));
        }
        return found;
    }

    @Override
    public Optional<Long> accountId(String handle) {
        String bare = handle.startsWith("@") ? handle.substring(1) : handle;
        String username = bare.contains("@") ? bare.substring(0, bare.indexOf('@')) : bare;
        return accounts.lookup(username).map(Account::id);
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
}
