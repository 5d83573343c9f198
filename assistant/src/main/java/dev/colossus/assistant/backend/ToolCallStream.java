package dev.colossus.assistant.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads an answer as the model writes it, parting what it says from the tool calls it writes in its
 * {@link ToolCallFormat}. Text before the first call goes to the sink as content (text that may still turn out to
 * be the start of a call's marker, and whitespace before a call, are held back until that is known); each call is
 * announced to {@link TokenSink#toolCall} with its index, a new id and its name as soon as its arguments begin, and
 * its arguments follow in pieces as they are generated. Text between and after calls is dropped.
 * <p>A call is a JSON object with a string {@code name} and an {@code arguments} (Llama 3.1: {@code parameters})
 * value; it counts once its object is closed and its arguments parse as JSON. A call cut off (by
 * {@code max_tokens}, say) has been streamed in part but is not among {@link #calls()}.
 * <p>Not thread-safe: one per answer, fed from the generating thread.
 */
final class ToolCallStream implements TokenSink {
    private static final ObjectMapper JSON = new ObjectMapper();

    private enum Phase { CONTENT, OPENED, OBJECT, BETWEEN, IGNORE }

    /** Where the scan of a call object stands. */
    private enum At { KEY_WAIT, KEY, COLON, VALUE_WAIT, VALUE, AFTER_VALUE }

    private final ToolCallFormat format;
    private final String marker;
    private final TokenSink sink;
    private final StringBuilder content = new StringBuilder();
    /** Content not yet sent: a possible start of the marker, or whitespace that may come before a call. */
    private final StringBuilder held = new StringBuilder();
    private final List<ToolCall> calls = new ArrayList<>();
    private Phase phase = Phase.CONTENT;
    private boolean spoke;

    // the call object being read
    private At at;
    private final StringBuilder raw = new StringBuilder();
    private final StringBuilder key = new StringBuilder();
    private final StringBuilder value = new StringBuilder();
    private boolean keyEscape;
    private int depth;
    private boolean inString;
    private boolean escape;
    private String name;
    private String arguments;
    private String id;
    /** Arguments read in the current piece and not yet sent. */
    private final StringBuilder argumentsPiece = new StringBuilder();

    ToolCallStream(ToolCallFormat format, TokenSink sink) {
        this.format = format;
        this.marker = format.marker();
        this.sink = sink;
    }

    @Override
    public void accept(String piece) {
        for (int i = 0; i < piece.length(); i++) read(piece.charAt(i));
        sendArguments();
    }

    /** Sends content still held back; call once the answer has ended. */
    void finish() {
        if (phase == Phase.CONTENT) send(held.toString());
        held.setLength(0);
        sendArguments();
    }

    /** What the model said besides its calls: the content sent to the sink. */
    String content() {
        return content.toString();
    }

    /** The complete calls, with the ids they were announced with. */
    List<ToolCall> calls() {
        return List.copyOf(calls);
    }

    private void read(char c) {
        switch (phase) {
            case CONTENT -> content(c);
            case OPENED -> {
                if (c == '{') startObject();
                else if (!Character.isWhitespace(c) && c != '[') phase = Phase.IGNORE;
            }
            case OBJECT -> object(c);
            case BETWEEN -> between(c);
            case IGNORE -> { }
        }
    }

    private void content(char c) {
        if (marker == null) { // Llama 3.1: an answer whose first non-blank character is '{' is a call
            if (spoke) {
                send(String.valueOf(c));
            } else if (c == '{') {
                held.setLength(0);
                startObject();
            } else {
                held.append(c);
                if (!Character.isWhitespace(c)) {
                    spoke = true;
                    send(held.toString());
                    held.setLength(0);
                }
            }
            return;
        }
        held.append(c);
        if (endsWith(held, marker)) {
            held.setLength(held.length() - marker.length());
            send(held.toString().stripTrailing());
            held.setLength(0);
            phase = Phase.OPENED;
            return;
        }
        int keep = heldBack();
        if (keep < held.length()) {
            send(held.substring(0, held.length() - keep));
            held.delete(0, held.length() - keep);
        }
    }

    /** How many characters at the end of {@link #held} must wait: whitespace, then a start of the marker. */
    private int heldBack() {
        int prefix = 0;
        for (int n = Math.min(marker.length() - 1, held.length()); n > 0; n--) {
            if (marker.startsWith(held.substring(held.length() - n))) {
                prefix = n;
                break;
            }
        }
        int end = held.length() - prefix;
        int start = end;
        while (start > 0 && Character.isWhitespace(held.charAt(start - 1))) start--;
        return held.length() - start;
    }

    private void between(char c) {
        if (format == ToolCallFormat.MISTRAL) {
            if (c == '{') startObject();
            else if (c == ']') phase = Phase.IGNORE;
            return;
        }
        if (marker == null) {
            phase = Phase.IGNORE;
            return;
        }
        held.append(c);
        if (endsWith(held, marker)) {
            held.setLength(0);
            phase = Phase.OPENED;
        } else if (held.length() > marker.length()) {
            held.delete(0, held.length() - marker.length());
        }
    }

    private void startObject() {
        phase = Phase.OBJECT;
        at = At.KEY_WAIT;
        raw.setLength(0);
        raw.append('{');
        name = null;
        arguments = null;
        id = null;
    }

    private void object(char c) {
        raw.append(c);
        switch (at) {
            case KEY_WAIT -> {
                if (c == '"') {
                    key.setLength(0);
                    keyEscape = false;
                    at = At.KEY;
                } else if (c == '}') {
                    endObject();
                }
            }
            case KEY -> {
                if (keyEscape) {
                    keyEscape = false;
                    key.append(c);
                } else if (c == '\\') {
                    keyEscape = true;
                } else if (c == '"') {
                    at = At.COLON;
                } else {
                    key.append(c);
                }
            }
            case COLON -> {
                if (c == ':') at = At.VALUE_WAIT;
            }
            case VALUE_WAIT -> {
                if (Character.isWhitespace(c)) return;
                value.setLength(0);
                depth = 0;
                inString = false;
                escape = false;
                at = At.VALUE;
                if (isArguments() && name != null) announce();
                value(c);
            }
            case VALUE -> value(c);
            case AFTER_VALUE -> {
                if (c == ',') at = At.KEY_WAIT;
                else if (c == '}') endObject();
            }
        }
    }

    /** One character of a member's value; ends the value (and maybe the object) where JSON says it ends. */
    private void value(char c) {
        if (inString) {
            keep(c);
            if (escape) escape = false;
            else if (c == '\\') escape = true;
            else if (c == '"') {
                inString = false;
                if (depth == 0) endValue(At.AFTER_VALUE);
            }
            return;
        }
        switch (c) {
            case '"' -> {
                inString = true;
                keep(c);
            }
            case '{', '[' -> {
                depth++;
                keep(c);
            }
            case '}', ']' -> {
                if (depth == 0) { // the object closes after a number, true, false or null
                    endValue(At.KEY_WAIT);
                    endObject();
                    return;
                }
                keep(c);
                if (--depth == 0) endValue(At.AFTER_VALUE);
            }
            case ',' -> {
                if (depth == 0) endValue(At.KEY_WAIT);
                else keep(c);
            }
            default -> keep(c);
        }
    }

    private void keep(char c) {
        value.append(c);
        if (isArguments() && id != null) argumentsPiece.append(c);
    }

    private void endValue(At next) {
        String text = value.toString().strip();
        if (key.toString().equals("name")) {
            name = decodeName(text);
        } else if (isArguments()) {
            arguments = text;
        }
        sendArguments();
        at = next;
    }

    private void endObject() {
        phase = Phase.BETWEEN;
        held.setLength(0);
        if (name == null) {
            if (marker == null && id == null) { // a JSON answer, not a call
                spoke = true;
                phase = Phase.CONTENT;
                send(raw.toString());
            }
            return;
        }
        if (arguments == null) arguments = "{}";
        JsonNode parsed;
        try {
            parsed = JSON.readTree(arguments);
        } catch (Exception e) {
            return;
        }
        if (parsed == null) return;
        if (id == null) {
            announce();
            sink.toolCall(new ToolCallDelta(calls.size(), null, null, arguments));
        }
        calls.add(new ToolCall(id, name, parsed));
    }

    private boolean isArguments() {
        return at == At.VALUE && key.toString().equals(format.argumentsKey());
    }

    /** The call's first delta: its index, id and name. */
    private void announce() {
        id = ToolCall.newId();
        sink.toolCall(new ToolCallDelta(calls.size(), id, name, ""));
    }

    private void sendArguments() {
        if (argumentsPiece.isEmpty()) return;
        sink.toolCall(new ToolCallDelta(calls.size(), null, null, argumentsPiece.toString()));
        argumentsPiece.setLength(0);
    }

    private void send(String text) {
        if (text.isEmpty()) return;
        content.append(text);
        sink.accept(text);
    }

    private static String decodeName(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            return node != null && node.isTextual() ? node.asText() : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static boolean endsWith(StringBuilder s, String suffix) {
        int n = suffix.length();
        return s.length() >= n && s.substring(s.length() - n).equals(suffix);
    }
}
