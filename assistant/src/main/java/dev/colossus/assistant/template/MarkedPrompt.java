package dev.colossus.assistant.template;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A conversation rendered by its chat template, with the positions of the messages' contents marked: the template's
 * own text may be tokenized with its special tokens, the contents (posts, users' words, earlier answers) only as
 * plain text, so that a message containing {@code <|im_start|>system} cannot open a turn of its own.
 *
 * <p>The contents are found by rendering the conversation a second time with a unique placeholder in place of each
 * content: the text around the placeholders is the template's own. The real rendering must then be exactly those
 * template pieces with each content (or the content stripped of surrounding whitespace, as templates' {@code trim}
 * does) between them. A template that changes contents in other ways (escapes them, cuts them, or branches on what
 * they say) cannot be matched so: then {@link #marked()} is false, no position is marked, and the caller must make
 * the contents safe some other way.
 *
 * @param text     the prompt, exactly as {@link ChatTemplate#render} gives it
 * @param contents the positions (UTF-16 indices into {@code text}) that hold message contents; empty when not
 *                 {@code marked}
 * @param marked   whether every content was located
 */
public record MarkedPrompt(String text, BitSet contents, boolean marked) {

    private static final HexFormat HEX = HexFormat.of();

    public MarkedPrompt {
        contents = (BitSet) contents.clone();
    }

    /** A copy of the content positions. */
    @Override
    public BitSet contents() {
        return (BitSet) contents.clone();
    }

    /**
     * Renders a conversation and marks its contents.
     *
     * @param messages as {@link ChatTemplate#render(List, boolean, String, String, List)} takes them; a message's
     *                 {@code content} is marked when it is a non-empty string
     * @throws TemplateException when the template cannot render the conversation
     */
    public static MarkedPrompt render(ChatTemplate template, List<? extends Map<String, ?>> messages,
                                      boolean addGenerationPrompt, String bosToken, String eosToken,
                                      List<? extends Map<String, ?>> tools) {
        String text = template.render(messages, addGenerationPrompt, bosToken, eosToken, tools);
        byte[] nonce = new byte[8];
        ThreadLocalRandom.current().nextBytes(nonce);
        String tag = HEX.formatHex(nonce);
        List<String> contents = new ArrayList<>();
        List<Map<String, Object>> placeholders = new ArrayList<>();
        for (Map<String, ?> m : messages) {
            Map<String, Object> copy = new LinkedHashMap<>(m);
            Object content = m.get("content");
            if (content instanceof String s && !s.isEmpty()) {
                copy.put("content", "\uE000" + tag + ":" + contents.size() + "\uE001");
                contents.add(s);
            }
            placeholders.add(copy);
        }
        if (contents.isEmpty()) return new MarkedPrompt(text, new BitSet(), true);
        String skeleton;
        try {
            skeleton = template.render(placeholders, addGenerationPrompt, bosToken, eosToken, tools);
        } catch (TemplateException e) {
            return new MarkedPrompt(text, new BitSet(), false);
        }
        BitSet marks = locate(text, skeleton, Pattern.compile("\uE000" + tag + ":(\\d+)\uE001"), contents);
        return marks == null ? new MarkedPrompt(text, new BitSet(), false) : new MarkedPrompt(text, marks, true);
    }

    /** The content positions of {@code text}, given its skeleton with placeholders; null when they do not match. */
    private static BitSet locate(String text, String skeleton, Pattern placeholder, List<String> contents) {
        List<String> pieces = new ArrayList<>();
        List<String> slots = new ArrayList<>();
        Matcher m = placeholder.matcher(skeleton);
        int last = 0;
        while (m.find()) {
            pieces.add(skeleton.substring(last, m.start()));
            int index = Integer.parseInt(m.group(1));
            if (index >= contents.size()) return null;
            slots.add(contents.get(index));
            last = m.end();
        }
        pieces.add(skeleton.substring(last));
        BitSet marks = new BitSet();
        int pos = 0;
        for (int i = 0; i < slots.size(); i++) {
            if (!text.startsWith(pieces.get(i), pos)) return null;
            pos += pieces.get(i).length();
            String content = slots.get(i);
            String next = pieces.get(i + 1);
            String found = null;
            for (String candidate : List.of(content, content.strip())) {
                if (text.startsWith(candidate, pos) && text.startsWith(next, pos + candidate.length())) {
                    found = candidate;
                    break;
                }
            }
            if (found == null) return null;
            marks.set(pos, pos + found.length());
            pos += found.length();
        }
        String tail = pieces.getLast();
        return text.startsWith(tail, pos) && pos + tail.length() == text.length() ? marks : null;
    }
}
