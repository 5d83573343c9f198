package dev.colossus.assistant.digest;

import dev.colossus.assistant.Assistant;
import dev.colossus.assistant.GenerationQueue;
import dev.colossus.assistant.grounding.NetworkPostSearch;
import dev.colossus.assistant.grounding.PostSearch;
import dev.colossus.assistant.grounding.QuotedPost;
import dev.colossus.assistant.grounding.SourcePost;
import dev.colossus.assistant.persona.Persona;
import dev.colossus.social.Post;
import dev.colossus.social.service.PostService;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * "Explain this post": the post's context and background from related posts, in a few cited bullets. The post itself
 * is quoted in the instruction; the sources, numbered from [1], are the post it replies to (if the reader may see it),
 * then the posts a search on its text finds. Thread-safe.
 */
public final class PostExplainer {

    private static final int RELATED = 5;
    private final Assistant assistant;
    private final NetworkPostSearch search;
    private final PostService posts;
    private final GenerationQueue turns;
    private final Persona persona;

    public PostExplainer(Assistant assistant, NetworkPostSearch search, PostService posts, GenerationQueue turns,
                         Persona persona) {
        this.assistant = assistant;
        this.search = search;
        this.posts = posts;
        this.turns = turns;
        this.persona = persona;
    }

    /**
     * Explains a post to a reader.
     *
     * @param viewerId the reader's account, or null for an anonymous one
     * @throws dev.colossus.social.SocialException.NotFound when the post is missing or hidden from the reader
     * @throws GenerationQueue.Busy when the model has no turn free
     */
    public Brief explain(long postId, Long viewerId) throws InterruptedException {
        Post post = posts.get(postId, viewerId);
        if (post.reblog() != null) post = post.reblog();
        SourcePost target = search.source(post);
        Map<String, SourcePost> sources = new LinkedHashMap<>();
        List<Post> ancestors = posts.context(post.id(), viewerId).ancestors();
        if (!ancestors.isEmpty()) sources.put(Long.toString(ancestors.getLast().id()), search.source(ancestors.getLast()));
        for (SourcePost p : search.search(PostSearch.about(post.text(), RELATED + 1))) {
            if (sources.size() >= RELATED) break;
            if (!p.id().equals(target.id())) sources.putIfAbsent(p.id(), p);
        }
        List<SourcePost> list = new ArrayList<>(sources.values());
        String instruction = "Explain this post to someone who has just come across it:\n"
                + QuotedPost.of(target.handle(), target.id(), "", target.text()) + "\nGive its context and background "
                + "from the sources in 3 to 5 short bullet points, citing each source by its number like [1]. If the "
                + "sources say nothing about it, say so in one line.";
        String intro = list.isEmpty() ? "No related posts were found on the network."
                : "Related posts, quoted (explanations here are extractive):";
        return Briefs.write(assistant, turns, persona, instruction, list, intro);
    }
}
