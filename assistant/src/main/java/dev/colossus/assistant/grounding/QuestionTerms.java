package dev.colossus.assistant.grounding;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a natural-language question into search terms: drops the words every question has ("what are people saying
 * about...") so that they do not rank posts, keeps hashtags and handles, and adds the singular of simple plurals
 * ("gardens" also finds "garden").
 */
public final class QuestionTerms {

    private static final Set<String> STOP = Set.of(
            "a", "about", "above", "after", "again", "all", "am", "an", "and", "any", "anyone", "anything", "are",
            "as", "at", "be", "been", "being", "but", "by", "can", "could", "did", "do", "does", "doing", "for",
            "from", "further", "get", "give", "had", "happening", "has", "have", "having", "he", "her", "here", "him",
            "his", "how", "i", "if", "in", "into", "is", "it", "its", "just", "know", "latest", "like", "lately",
            "me", "more", "most", "my", "new", "news", "now", "of", "on", "or", "other", "our", "out", "over",
            "people", "people's", "please", "recent", "recently", "right", "s", "said", "say", "saying", "says", "she",
            "should", "so", "some", "someone", "summarise", "summarize", "summary", "talking", "tell", "than", "that",
            "the", "their", "them", "then", "there", "these", "they", "thing", "things", "think", "this", "those",
            "to", "today", "up", "us", "was", "we", "were", "what", "what's", "whats", "when", "where", "which",
            "who", "why", "will", "with", "would", "you", "your");

    private QuestionTerms() {
    }

    /** The search text for a question; the question itself when it has no content words. */
    public static String of(String question) {
        Set<String> terms = new LinkedHashSet<>();
        for (String raw : question.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}#@_'’-]+")) {
            String word = raw.replace('’', '\'').replaceAll("^['-]+|['-]+$", "");
            if (word.endsWith("'s")) word = word.substring(0, word.length() - 2);
            if (word.isEmpty() || STOP.contains(word)) continue;
            terms.add(word);
            if (word.length() > 4 && word.endsWith("s") && !word.endsWith("ss") && Character.isLetter(word.charAt(0))) {
                terms.add(word.endsWith("ies") ? word.substring(0, word.length() - 3) + "y" : word.substring(0, word.length() - 1));
            }
        }
        return terms.isEmpty() ? question : String.join(" ", terms);
    }
}
