package dev.colossus.engine.tokenizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * A token vocabulary with llama.cpp's load-time rules applied: token attributes from the GGUF token types, special
 * token ids (an id outside the vocabulary counts as none), end-of-generation tokens recognised by their text, and
 * the special tokens that {@code parse_special} splits the input on.
 * <p>Thread safety: immutable.
 */
public final class Vocabulary {

    /**
     * Special token ids (-1 for none) and what {@code add_special} adds.
     *
     * @param bos            beginning-of-sequence id
     * @param eos            end-of-sequence id
     * @param unk            unknown-token id
     * @param eot            end-of-turn id; -1 to find it by text ({@code <|eot_id|>}, {@code <|im_end|>}, ...)
     * @param eom            end-of-message id; -1 to find it by text ({@code <|eom_id|>})
     * @param addBos         whether {@code add_special} prepends BOS
     * @param addEos         whether {@code add_special} appends EOS
     * @param addSpacePrefix whether SentencePiece tokenization prepends a space to text at the start or after a
     *                       special token
     * @param stripAfterSpecial whether whitespace after a parsed special token is dropped (every special token but
     *                       {@code <unk>}, {@code <s>} and {@code <|endoftext|>}), as llama.cpp does for Phi-3
     */
    public record Settings(int bos, int eos, int unk, int eot, int eom, boolean addBos, boolean addEos,
                           boolean addSpacePrefix, boolean stripAfterSpecial) {

        /** llama.cpp's defaults for {@code tokenizer.ggml.model = llama}: BOS 1 (added), EOS 2, UNK 0. */
        public static Settings sentencePiece() {
            return new Settings(1, 2, 0, -1, -1, true, false, true, false);
        }

        /** llama.cpp's defaults for {@code tokenizer.ggml.model = gpt2}: BOS = EOS = 11, nothing added. */
        public static Settings bytePair() {
            return new Settings(11, 11, -1, -1, -1, false, false, false, false);
        }

        public Settings withIds(int bos, int eos, int unk) {
            return new Settings(bos, eos, unk, eot, eom, addBos, addEos, addSpacePrefix, stripAfterSpecial);
        }

        public Settings withAdded(boolean addBos, boolean addEos) {
            return new Settings(bos, eos, unk, eot, eom, addBos, addEos, addSpacePrefix, stripAfterSpecial);
        }

        public Settings withEndOfTurn(int eot, int eom) {
            return new Settings(bos, eos, unk, eot, eom, addBos, addEos, addSpacePrefix, stripAfterSpecial);
        }

        public Settings withAddSpacePrefix(boolean addSpacePrefix) {
            return new Settings(bos, eos, unk, eot, eom, addBos, addEos, addSpacePrefix, stripAfterSpecial);
        }

        public Settings withStripAfterSpecial(boolean stripAfterSpecial) {
            return new Settings(bos, eos, unk, eot, eom, addBos, addEos, addSpacePrefix, stripAfterSpecial);
        }
    }

    private static final Set<String> END_OF_TURN_TEXTS = Set.of("<|eot_id|>", "<|im_end|>", "<|end|>",
            "<end_of_turn>", "<|endoftext|>", "<|end_of_text|>", "<EOT>", "_<EOT>", "[EOT]",
            "<｜end▁of▁sentence｜>", "<end_of_utterance>");
    /** Fill-in-the-middle pad, repository and file-separator tokens: llama.cpp ends generation on them. */
    private static final List<Set<String>> FIM_END_TEXTS = List.of(
            Set.of("<|fim_pad|>", "<fim-pad>", "<fim_pad>", "<PAD>", "[PAD]"),
            Set.of("<|fim_repo|>", "<|repo_name|>", "<fim-repo>", "<REPO>", "<reponame>"),
            Set.of("<|file_sep|>"));
    private static final Set<String> END_OF_GENERATION_TEXTS = Set.of("<|eot_id|>", "<|im_end|>", "<|end|>",
            "<|return|>", "<|call|>", "<|flush|>", "<|calls|>", "<end_of_turn>", "<|endoftext|>", "</s>",
            "<|eom_id|>", "<EOT>", "_<EOT>", "[EOT]", "[EOS]", "<|end_of_text|>", "<end_of_utterance>", "<eos>",
            "<turn|>", "<|tool_response>", "<｜end▁of▁sentence｜>", "[e~[");

    private final String[] texts;
    private final float[] scores;
    private final int[] attributes;
    private final Map<String, Integer> ids;
    private final int bos;
    private final int eos;
    private final int unk;
    private final int eot;
    private final boolean addBos;
    private final boolean addEos;
    private final boolean addSpacePrefix;
    private final BitSet endOfGeneration = new BitSet();
    /** Control, user-defined and unknown tokens, longest text first (ties by id). */
    private final int[] specialTokens;

    /**
     * @param tokens     token texts by id (GGUF {@code tokenizer.ggml.tokens}); an empty text becomes
     *                   {@code [EMPTY_<id>]} as in llama.cpp; of duplicate texts the lowest id is the one text maps to
     * @param scores     SentencePiece scores by id, or null for all zero
     * @param tokenTypes GGUF token types by id (1 normal, 2 unknown, 3 control, 4 user-defined, 5 unused, 6 byte),
     *                   or null for all normal
     * @throws IllegalArgumentException for an empty vocabulary, arrays shorter than it, or BOS/EOS to be added but
     *                                  absent
     */
    public Vocabulary(String[] tokens, float[] scores, int[] tokenTypes, Settings settings) {
        int n = tokens.length;
        if (n == 0) throw new IllegalArgumentException("the vocabulary has no tokens");
        if (scores != null && scores.length < n) {
            throw new IllegalArgumentException("only " + scores.length + " scores for " + n + " tokens");
        }
        if (tokenTypes != null && tokenTypes.length < n) {
            throw new IllegalArgumentException("only " + tokenTypes.length + " token types for " + n + " tokens");
        }
        this.texts = new String[n];
        this.scores = scores == null ? new float[n] : Arrays.copyOf(scores, n);
        this.attributes = new int[n];
        this.ids = HashMap.newHashMap(n);
        for (int i = 0; i < n; i++) {
            String text = tokens[i] == null || tokens[i].isEmpty() ? "[EMPTY_" + i + "]" : tokens[i];
            texts[i] = text;
            ids.putIfAbsent(text, i);
            attributes[i] = tokenTypes == null ? TokenAttributes.NORMAL : TokenAttributes.fromTokenType(tokenTypes[i]);
        }
        this.bos = inRange(settings.bos());
        this.eos = inRange(settings.eos());
        this.unk = inRange(settings.unk());
        this.addBos = settings.addBos();
        this.addEos = settings.addEos();
        this.addSpacePrefix = settings.addSpacePrefix();
        if (addBos && bos < 0) throw new IllegalArgumentException("BOS is to be added but the vocabulary has none");
        if (addEos && eos < 0) throw new IllegalArgumentException("EOS is to be added but the vocabulary has none");

        int eotId = inRange(settings.eot());
        if (eotId < 0) eotId = findControlByText(END_OF_TURN_TEXTS);
        int eomId = inRange(settings.eom());
        if (eomId < 0) eomId = findControlByText(Set.of("<|eom_id|>"));
        this.eot = eotId;
        markEndOfGeneration(eomId);
        for (Set<String> fim : FIM_END_TEXTS) markEndOfGeneration(findControlByText(fim));
        for (int i = 0; i < n; i++) {
            if ((attributes[i] & TokenAttributes.CONTROL) != 0 && texts[i].contains("unused")) {
                attributes[i] |= TokenAttributes.UNUSED;
            }
            if (END_OF_GENERATION_TEXTS.contains(texts[i])) {
                markControl(i);
                endOfGeneration.set(i);
            }
        }
        markEndOfGeneration(eos);
        markEndOfGeneration(eot);

        int special = TokenAttributes.CONTROL | TokenAttributes.USER_DEFINED | TokenAttributes.UNKNOWN;
        if (settings.stripAfterSpecial()) {
            Set<String> kept = Set.of("<unk>", "<s>", "<|endoftext|>");
            for (int i = 0; i < n; i++) {
                if ((attributes[i] & special) != 0 && !kept.contains(texts[i])) attributes[i] |= TokenAttributes.RSTRIP;
            }
        }
        this.specialTokens = IntStream.range(0, n).filter(i -> (attributes[i] & special) != 0).boxed()
                .sorted(Comparator.<Integer>comparingInt(i -> texts[i].length()).reversed())
                .mapToInt(Integer::intValue).toArray();
    }

    private int inRange(int id) {
        return id >= 0 && id < texts.length ? id : -1;
    }

    /** The lowest id whose text is in {@code candidates}, marked as a control token; -1 if none. */
    private int findControlByText(Set<String> candidates) {
        for (int i = 0; i < texts.length; i++) {
            if (candidates.contains(texts[i])) {
                markControl(i);
                return i;
            }
        }
        return -1;
    }

    private void markControl(int id) {
        attributes[id] |= TokenAttributes.CONTROL;
    }

    private void markEndOfGeneration(int id) {
        if (id >= 0) endOfGeneration.set(id);
    }

    public int size() {
        return texts.length;
    }

    /** The token's text as stored in the vocabulary (SentencePiece's U+2581, byte-level BPE's mapped bytes). */
    public String text(int id) {
        return texts[id];
    }

    float score(int id) {
        return scores[id];
    }

    boolean hasAttribute(int id, int attribute) {
        return (attributes[id] & attribute) != 0;
    }

    /** The id of the token with exactly this text, or -1. */
    int id(String text) {
        Integer id = ids.get(text);
        return id == null ? -1 : id;
    }

    public int bos() {
        return bos;
    }

    public int eos() {
        return eos;
    }

    public int unk() {
        return unk;
    }

    /** End-of-turn token id (from metadata or recognised by its text), or -1. */
    public int eot() {
        return eot;
    }

    public boolean addBos() {
        return addBos;
    }

    public boolean addEos() {
        return addEos;
    }

    public boolean addSpacePrefix() {
        return addSpacePrefix;
    }

    public boolean isEndOfGeneration(int id) {
        return id >= 0 && endOfGeneration.get(id);
    }

    /**
     * A piece of input text: either raw text ({@code token == -1}) or one special token; {@code start} is where it
     * begins in the partitioned text.
     */
    record Fragment(String text, int token, int start) {
        boolean isToken() {
            return token >= 0;
        }
    }

    private static final BitSet NOTHING_PLAIN = new BitSet();

    /**
     * Splits {@code text} on the texts of special tokens, longest token first, every occurrence, as llama.cpp's
     * {@code tokenizer_st_partition}. User-defined tokens always split; control and unknown tokens only when
     * {@code parseSpecial}.
     */
    List<Fragment> partition(String text, boolean parseSpecial) {
        return partition(text, parseSpecial, NOTHING_PLAIN);
    }

    /**
     * As {@link #partition(String, boolean)}, except that a control or unknown token's text that overlaps a position
     * set in {@code plain} stays text (as without {@code parseSpecial}), so only the other parts of {@code text} can
     * produce those tokens.
     */
    List<Fragment> partition(String text, boolean parseSpecial, BitSet plain) {
        List<Fragment> fragments = new ArrayList<>();
        if (text.isEmpty()) return fragments;
        fragments.add(new Fragment(text, -1, 0));
        int skipUnlessParsing = TokenAttributes.CONTROL | TokenAttributes.UNKNOWN;
        for (int id : specialTokens) {
            boolean control = (attributes[id] & skipUnlessParsing) != 0;
            if (!parseSpecial && control) continue;
            String special = texts[id];
            if (!text.contains(special)) continue;
            List<Fragment> next = new ArrayList<>(fragments.size() + 4);
            for (Fragment fragment : fragments) {
                if (fragment.isToken()) {
                    next.add(fragment);
                    continue;
                }
                String raw = fragment.text();
                int from = 0;
                int search = 0;
                for (int at = raw.indexOf(special); at >= 0; at = raw.indexOf(special, search)) {
                    if (control && overlaps(plain, fragment.start() + at, special.length())) {
                        search = at + 1;
                        continue;
                    }
                    if (at > from) next.add(new Fragment(raw.substring(from, at), -1, fragment.start() + from));
                    next.add(new Fragment(null, id, fragment.start() + at));
                    from = at + special.length();
                    if ((attributes[id] & TokenAttributes.RSTRIP) != 0) {
                        while (from < raw.length() && isAsciiSpace(raw.charAt(from))) from++;
                    }
                    search = from;
                }
                if (from < raw.length()) next.add(new Fragment(raw.substring(from), -1, fragment.start() + from));
            }
            fragments = next;
        }
        return fragments;
    }

    private static boolean overlaps(BitSet set, int start, int length) {
        int first = set.nextSetBit(start);
        return first >= 0 && first < start + length;
    }

    /** C's {@code isspace}: space, tab, newline, vertical tab, form feed, carriage return. */
    private static boolean isAsciiSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }
}
