package dev.colossus.assistant.template;

import com.hubspot.jinjava.Jinjava;
import dev.colossus.assistant.ChatMessage;
import dev.colossus.assistant.backend.ToolCall;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import jinjava.javax.el.CompositeELResolver;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A model's chat template: the Jinja program (from GGUF metadata {@code tokenizer.chat_template}, or a built-in
 * fallback) that turns a conversation into the exact prompt text the model was trained on.
 *
 * <p>Rendering follows Hugging Face's setup of Python jinja2: {@code trim_blocks} and {@code lstrip_blocks},
 * loop controls, {@code raise_exception(msg)}, {@code strftime_now(fmt)}, {@code tojson} as
 * {@code json.dumps(ensure_ascii=False)}, and the Python string methods templates call. Instances are immutable and
 * thread-safe; {@link #render} may be called concurrently.
 */
public final class ChatTemplate {

    private static final Jinjava JINJAVA = createEngine();
    private static final ScopedValue<Clock> CLOCK = ScopedValue.newInstance();
    private static final ScopedValue<String[]> RAISED = ScopedValue.newInstance();

    private final String source;
    private final String prepared;
    private final Clock clock;

    private ChatTemplate(String source, Clock clock) {
        this.source = Objects.requireNonNull(source, "source");
        this.prepared = WhitespaceControl.apply(source);
        this.clock = clock;
    }

    /** A template from its Jinja source; {@code strftime_now} reads the system clock in the local time zone. */
    public static ChatTemplate of(String source) {
        return new ChatTemplate(source, Clock.systemDefaultZone());
    }

    /** The same template with {@code strftime_now} reading {@code clock} (for reproducible prompts). */
    public ChatTemplate withClock(Clock clock) {
        return new ChatTemplate(source, Objects.requireNonNull(clock, "clock"));
    }

    /** The Jinja source of this template. */
    public String source() {
        return source;
    }

    /**
     * Renders a conversation into the prompt text.
     *
     * @param messages            OpenAI-style messages: maps with at least {@code role} and {@code content}
     * @param addGenerationPrompt append the header that opens the assistant's turn
     * @param bosToken            the model's beginning-of-sequence text (may be empty)
     * @param eosToken            the model's end-of-sequence text (may be empty)
     * @return the prompt, byte for byte as Python jinja2 renders it
     * @throws TemplateException when the template raises (e.g. an unsupported role order) or is malformed
     */
    public String render(List<? extends Map<String, ?>> messages, boolean addGenerationPrompt,
                         String bosToken, String eosToken) {
        return render(messages, addGenerationPrompt, bosToken, eosToken, List.of());
    }

    /**
     * Renders a conversation with the tools the model may call: {@code tools} is OpenAI's list
     * ({@code {"type": "function", "function": {"name", "description", "parameters"}}} as maps), given to the
     * template as {@code tools} when not empty, so it writes them in the model's own tool-calling format.
     *
     * @throws TemplateException as {@link #render(List, boolean, String, String)} does
     */
    public String render(List<? extends Map<String, ?>> messages, boolean addGenerationPrompt,
                         String bosToken, String eosToken, List<? extends Map<String, ?>> tools) {
        Map<String, Object> context = new LinkedHashMap<>();
        if (!tools.isEmpty()) context.put("tools", List.copyOf(tools));
        List<Map<String, Object>> copy = new ArrayList<>();
        for (Map<String, ?> m : messages) copy.add(new LinkedHashMap<>(m));
        context.put("messages", copy);
        context.put("add_generation_prompt", addGenerationPrompt);
        context.put("bos_token", bosToken == null ? "" : bosToken);
        context.put("eos_token", eosToken == null ? "" : eosToken);
        // Templates test "strftime_now is defined" before calling it; functions are not variables in Jinjava.
        context.put("strftime_now", "strftime_now");
        context.put("raise_exception", "raise_exception");
        String[] raised = new String[1];
        RenderResult result;
        try {
            result = ScopedValue.where(CLOCK, clock).where(RAISED, raised)
                    .call(() -> JINJAVA.renderForResult(prepared, context));
        } catch (TemplateRaised e) {
            throw new TemplateException(e.getMessage(), true);
        } catch (RuntimeException e) {
            if (raised[0] != null) throw new TemplateException(raised[0], true);
            throw new TemplateException("chat template failed: " + e.getMessage(), false);
        }
        if (raised[0] != null) throw new TemplateException(raised[0], true);
        for (TemplateError error : result.getErrors()) {
            if (error.getSeverity() == TemplateError.ErrorType.FATAL) {
                throw new TemplateException("chat template failed: " + error.getMessage(), false);
            }
        }
        return result.getOutput();
    }

    /** Convenience for plain role/content messages. */
    public String renderMessages(List<ChatMessage> messages, boolean addGenerationPrompt, String bosToken,
                                 String eosToken) {
        return render(maps(messages), addGenerationPrompt, bosToken, eosToken);
    }

    /**
     * Messages as templates read them: role and content, an assistant's {@code tool_calls} (id, type and function
     * with its arguments as an object) and a tool answer's {@code tool_call_id}.
     */
    public static List<Map<String, Object>> maps(List<ChatMessage> messages) {
        List<Map<String, Object>> maps = new ArrayList<>();
        for (ChatMessage m : messages) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("role", m.role());
            map.put("content", m.content());
            if (!m.toolCalls().isEmpty()) {
                List<Map<String, Object>> calls = new ArrayList<>();
                for (ToolCall c : m.toolCalls()) {
                    Map<String, Object> function = new LinkedHashMap<>();
                    function.put("name", c.name());
                    function.put("arguments", TREE.convertValue(c.arguments(), Object.class));
                    Map<String, Object> call = new LinkedHashMap<>();
                    call.put("id", c.id());
                    call.put("type", "function");
                    call.put("function", function);
                    calls.add(call);
                }
                map.put("tool_calls", calls);
            }
            if (m.toolCallId() != null) map.put("tool_call_id", m.toolCallId());
            maps.add(map);
        }
        return maps;
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper TREE = new com.fasterxml.jackson.databind.ObjectMapper();

    // ---- functions and filters visible to templates ----

    /** Thrown inside the template engine by {@code raise_exception}; carries the template's message. */
    private static final class TemplateRaised extends RuntimeException {
        TemplateRaised(String message) {
            super(message, null, false, false);
        }
    }

    public static String raiseException(Object message) {
        String text = String.valueOf(message);
        if (RAISED.isBound() && RAISED.get()[0] == null) RAISED.get()[0] = text;
        throw new TemplateRaised(text);
    }

    public static String strftimeNow(String format) {
        Clock clock = CLOCK.isBound() ? CLOCK.get() : Clock.systemDefaultZone();
        return PythonStrftime.format(LocalDateTime.now(clock), format);
    }

    private static final class ToJson implements Filter {
        @Override
        public String getName() {
            return "tojson";
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
            return PythonJson.dumps(var, args.length > 0 ? Integer.valueOf(args[0]) : null);
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
            Object indent = kwargs.containsKey("indent") ? kwargs.get("indent") : args.length > 0 ? args[0] : null;
            return PythonJson.dumps(var, indent == null ? null : ((Number) indent).intValue());
        }
    }

    /** {@code x|py_slice(start, stop, step)}: Python's {@code x[start:stop:step]} on lists and strings. */
    private static final class PySlice implements Filter {
        @Override
        public String getName() {
            return "py_slice";
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
            return filter(var, interpreter, args, Map.of());
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
            List<?> items = var instanceof String s ? s.codePoints().mapToObj(Character::toString).toList()
                    : var instanceof java.util.Collection<?> c ? new ArrayList<>(c) : List.of();
            int n = items.size();
            int step = args.length > 2 && args[2] != null ? ((Number) args[2]).intValue() : 1;
            if (step == 0) throw new IllegalArgumentException("slice step cannot be zero");
            int start = bound(args.length > 0 ? args[0] : null, n, step, step > 0 ? 0 : n - 1);
            int stop = bound(args.length > 1 ? args[1] : null, n, step, step > 0 ? n : -1);
            List<Object> out = new ArrayList<>();
            for (int i = start; step > 0 ? i < stop : i > stop; i += step) out.add(items.get(i));
            if (var instanceof String) return String.join("", out.stream().map(String::valueOf).toList());
            return out;
        }

        private static int bound(Object value, int n, int step, int absent) {
            if (value == null) return absent;
            int i = ((Number) value).intValue();
            if (i < 0) i += n;
            if (step > 0) return Math.max(0, Math.min(i, n));
            return Math.max(-1, Math.min(i, n - 1));
        }
    }

    private static Jinjava createEngine() {
        CompositeELResolver resolver = new CompositeELResolver();
        resolver.add(new PythonStringMethods());
        resolver.add(JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_ONLY);
        JinjavaConfig config = JinjavaConfig.newBuilder()
                .withTrimBlocks(false)
                .withLstripBlocks(false)
                .withKeepTrailingNewline(true)
                .withElResolver(resolver)
                .withMaxOutputSize(4L << 20)
                .build();
        Jinjava jinjava = new Jinjava(config);
        try {
            jinjava.registerFunction(new ELFunctionDefinition("", "raise_exception",
                    ChatTemplate.class.getMethod("raiseException", Object.class)));
            jinjava.registerFunction(new ELFunctionDefinition("", "strftime_now",
                    ChatTemplate.class.getMethod("strftimeNow", String.class)));
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
        jinjava.registerFilter(new ToJson());
        jinjava.registerFilter(new PySlice());
        return jinjava;
    }
}
