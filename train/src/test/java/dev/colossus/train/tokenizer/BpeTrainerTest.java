package dev.colossus.train.tokenizer;

import dev.colossus.engine.gguf.GgufFile;
import dev.colossus.engine.gguf.GgufWriter;
import dev.colossus.engine.tokenizer.Tokenizer;
import dev.colossus.engine.tokenizer.Tokenizers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BpeTrainerTest {

    static final String SAMPLE = """
            The quick brown fox jumps over the lazy dog. The dog didn't mind; it's used to the fox.
            Numbers: 12345, 3.14159 and 2026-11-28! Émile wrote «très bien» — naïve café ☕ 日本語のテキスト 🙂🙂
            	Tabs,   spaces   and
            
            blank lines... 'quoted' "double" (parens) [brackets] {braces} <s> </s> <|endoftext|>
            """;

    static String corpus(int sentences, long seed) {
        String[] words = {"the", "cat", "sat", "on", "mat", "dog", "ran", "to", "a", "park", "and", "ate", "fish",
                "happily", "quickly", "Colossus", "trains", "models", "posts", "42", "2026", "über", "ça"};
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder();
        for (int s = 0; s < sentences; s++) {
            int n = 4 + random.nextInt(8);
            for (int w = 0; w < n; w++) {
                String word = words[random.nextInt(words.length)];
                sb.append(w == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : " " + word);
            }
            sb.append(random.nextInt(5) == 0 ? "!\n" : ". ");
        }
        return sb.toString();
    }

    static String decode(Tokenizer tokenizer, int[] ids) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int id : ids) bytes.writeBytes(tokenizer.piece(id, false));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void trainedTokenizerRoundTripsAnyTextThroughItsIds() {
        BpeVocabulary vocabulary = new BpeTrainer().add(corpus(2000, 1)).add(SAMPLE).train(400);
        Tokenizer tokenizer = TrainingTokenizer.of(vocabulary).tokenizer();

        for (String text : new String[] {SAMPLE, corpus(50, 2), "", " ", "x", "\n\n\n", "never seen: ŧħę ŵøřđş ∮∯∰"}) {
            int[] ids = tokenizer.encode(text, false, false);
            assertThat(decode(tokenizer, ids)).isEqualTo(text);
        }
    }

    @Test
    void frequentWordsBecomeSingleTokensAndTextShrinks() {
        String text = corpus(3000, 3);
        BpeVocabulary vocabulary = new BpeTrainer().add(text).train(600);
        Tokenizer tokenizer = TrainingTokenizer.of(vocabulary).tokenizer();

        assertThat(tokenizer.encode(" the", false, false)).hasSize(1);
        assertThat(tokenizer.encode(" happily", false, false)).hasSize(1);
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        assertThat(tokenizer.encode(text, false, false).length).isLessThan(bytes / 3);
    }

    @Test
    void vocabularyHasTheRequestedSizeWithSpecialTokensAndAllBytes() {
        StringBuilder words = new StringBuilder();
        SplittableRandom random = new SplittableRandom(4);
        for (int i = 0; i < 20000; i++) {
            words.append(' ');
            for (int n = 2 + random.nextInt(6); n > 0; n--) words.append((char) ('a' + random.nextInt(26)));
        }
        BpeVocabulary vocabulary = new BpeTrainer().add(words.toString()).train(500);

        assertThat(vocabulary.size()).isEqualTo(500);
        assertThat(vocabulary.tokens()[vocabulary.bos()]).isEqualTo("<s>");
        assertThat(vocabulary.tokens()[vocabulary.eos()]).isEqualTo("</s>");
        assertThat(vocabulary.tokenTypes()[vocabulary.bos()]).isEqualTo(3);
        assertThat(vocabulary.merges()).hasSizeGreaterThanOrEqualTo(500 - BpeTrainer.BASE_TOKENS);
        // every byte is a token, so no text needs an unknown token
        Tokenizer tokenizer = TrainingTokenizer.of(vocabulary).tokenizer();
        for (int b = 0; b < 256; b++) {
            assertThat(tokenizer.encode(new String(new byte[] {(byte) b}, StandardCharsets.ISO_8859_1), false, false))
                    .isNotEmpty();
        }
    }

    @Test
    void theMostFrequentPairIsMergedFirstTiesToTheLowerIds() {
        String text = "xyz ".repeat(10) + "ab ".repeat(5);
        BpeVocabulary vocabulary = new BpeTrainer().add(text).train(BpeTrainer.BASE_TOKENS + 1);

        // "x y" and "y z" both occur 10 times; x has the lower id
        assertThat(vocabulary.merges()).startsWith("x y");
        assertThat(vocabulary.tokens()[BpeTrainer.BASE_TOKENS]).isEqualTo("xy");
    }

    @Test
    void mergingStopsWhenNoPairOccursTwice() {
        BpeVocabulary vocabulary = new BpeTrainer().add("abcabc").train(1000);

        // "a b" and then "ab c" occur twice in the word; "abc abc" only once
        assertThat(vocabulary.merges()).containsExactly("a b", "ab c");
        assertThat(TrainingTokenizer.of(vocabulary).tokenizer().encode("abcabc", false, false)).hasSize(2);
    }

    @Test
    void sameTextGivesTheSameVocabulary() {
        String text = corpus(1000, 5);
        BpeVocabulary a = new BpeTrainer().add(text).train(420);
        BpeVocabulary b = new BpeTrainer().add(text).train(420);

        assertThat(a.tokens()).isEqualTo(b.tokens());
        assertThat(a.merges()).isEqualTo(b.merges());
    }

    @Test
    void metadataWrittenToGgufGivesTheEngineTheSameTokenizerWithBosAdded(@TempDir Path dir) throws Exception {
        BpeVocabulary vocabulary = new BpeTrainer().add(corpus(2000, 6)).train(450);
        Path file = dir.resolve("tok.gguf");
        new GgufWriter().putAll(vocabulary.metadata()).write(file);
        Tokenizer trained = TrainingTokenizer.of(vocabulary).tokenizer();
        try (GgufFile gguf = GgufFile.open(file)) {
            Tokenizer engine = Tokenizers.fromGguf(gguf);
            assertThat(gguf.getString("tokenizer.ggml.model")).isEqualTo("gpt2");
            assertThat(gguf.getString("tokenizer.ggml.pre")).isEqualTo("gpt-2");
            int[] ids = engine.encode(SAMPLE, true, false);
            assertThat(ids[0]).isEqualTo(vocabulary.bos());
            assertThat(ids).isEqualTo(trained.encode(SAMPLE, true, false));
            assertThat(engine.isEndOfGeneration(vocabulary.eos())).isTrue();
        }
    }

    @Test
    void tooSmallAVocabularyIsRefused() {
        assertThatThrownBy(() -> new BpeTrainer().add("text").train(100))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 258");
    }
}
