package dev.colossus.social.trends;

/**
 * A post rising now.
 *
 * @param postId the store's post id; skip it when the store no longer has it or it is not public
 * @param score  how far recent engagement exceeds the post's own baseline; larger is hotter
 */
public record TrendingPost(long postId, double score) {
}
