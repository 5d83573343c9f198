package dev.colossus.assistant.grounding;

import java.util.Locale;
import java.util.regex.Pattern;

/** Recognises questions about what is going on now ("what's happening?", "what is trending?"), in English. */
public final class TrendQuestion {

    private static final Pattern ASKS = Pattern.compile(
            "\\b(what'?s|what is|what are)\\s+(happening|going on|new|trending|hot|up)\\b"
                    + "|\\btrend(s|ing)?\\b|\\bwhat are people (talking|posting) about\\b"
                    + "|\\b(latest|today'?s|current) (news|events|topics)\\b");

    private TrendQuestion() {
    }

    /** True when {@code question} asks what is happening on the network. */
    public static boolean asks(String question) {
        return ASKS.matcher(question.toLowerCase(Locale.ROOT).replace('’', '\'')).find();
    }
}
