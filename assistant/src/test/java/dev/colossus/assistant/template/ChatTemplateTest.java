package dev.colossus.assistant.template;

import dev.colossus.assistant.ChatMessage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChatTemplateTest {

    private static String render(String source, Map<String, Object> message) {
        return ChatTemplate.of(source).render(List.of(message), false, "<s>", "</s>");
    }

    private static String render(String source) {
        return render(source, Map.of("role", "user", "content", "  hi there  "));
    }

    @Test
    void pythonStringMethodsFollowPythonSemantics() {
        assertThat(render("{{ messages[0].content.strip() }}|")).isEqualTo("hi there|");
        assertThat(render("{{ 'xxaxx'.strip('x') }}")).isEqualTo("a");
        assertThat(render("{{ 'a.b.c'.split('.')[-1] }}")).isEqualTo("c");
        assertThat(render("{{ ' a  b '.split() | length }}")).isEqualTo("2");
        assertThat(render("{{ 'a,,b'.split(',') | length }}")).isEqualTo("3");
        assertThat(render("{{ '<x>'.startswith('<') and '<x>'.endswith('>') }}")).isEqualTo("true");
        assertThat(render("{{ 'aaa'.replace('a', 'b', 2) }}")).isEqualTo("bba");
        assertThat(render("{{ '\\n\\nx\\n'.lstrip('\\n') }}")).isEqualTo("x\n");
    }

    @Test
    void steppedSlicesReverseListsAndStrings() {
        assertThat(render("{% for x in [1, 2, 3][::-1] %}{{ x }}{% endfor %}")).isEqualTo("321");
        assertThat(render("{{ 'abcdef'[::2] }}")).isEqualTo("ace");
        assertThat(render("{{ [1, 2, 3, 4][1:] | length }}")).isEqualTo("3");
    }

    @Test
    void toJsonMatchesPythonJsonDumpsWithoutAsciiEscaping() {
        Map<String, Object> message = Map.of("role", "user", "content", "x",
                "tool", Map.of("name", "café"));
        assertThat(render("{{ messages[0].tool | tojson }}", message)).isEqualTo("{\"name\": \"café\"}");
        assertThat(render("{{ [1, 'a'] | tojson(indent=2) }}", message)).isEqualTo("[\n  1,\n  \"a\"\n]");
    }

    @Test
    void keywordArgumentsBindLooserThanArithmetic() {
        assertThat(render("{% set ns = namespace(n=messages|length - 1) %}{{ ns.n }}")).isEqualTo("0");
    }

    @Test
    void notNegatesAWholeComparisonAsInJinja2() {
        assertThat(render("{% if not messages|length == 1 %}many{% else %}one{% endif %}")).isEqualTo("one");
        assertThat(render("{% if not messages|length > 1 and true %}few{% endif %}")).isEqualTo("few");
        assertThat(render("{{ not 'a != b' == 'x' }}")).isEqualTo("true");
        assertThat(render("{% if messages[0].role is not none and not (1 == 2) %}ok{% endif %}")).isEqualTo("ok");
        assertThat(render("{% if 'z' not in ['a'] %}absent{% endif %}")).isEqualTo("absent");
    }

    @Test
    void whitespaceMarkersTrimLikeJinja2() {
        assertThat(render("a  \n  {{- 'b' -}}  \n  c")).isEqualTo("abc");
        assertThat(render("  {% if true %}\nx\n  {% endif %}\ny")).isEqualTo("x\ny");
        assertThat(render("a {# note #}\nb")).isEqualTo("a b");
    }

    @Test
    void raiseExceptionAbortsRenderingWithTheTemplatesMessage() {
        assertThatThrownBy(() -> render("before{{ raise_exception('no system role') }}after"))
                .isInstanceOf(TemplateException.class)
                .hasMessage("no system role");
    }

    @Test
    void malformedTemplateIsReportedNotRaisedByTemplate() {
        assertThatThrownBy(() -> render("{{ unclosed"))
                .isInstanceOf(TemplateException.class)
                .matches(e -> !((TemplateException) e).raisedByTemplate());
    }

    @Test
    void builtinFormatsProduceTheirModelFamiliesMarkup() {
        List<ChatMessage> chat = List.of(ChatMessage.system("Be brief."), ChatMessage.user("Hi"));
        assertThat(BuiltinTemplate.CHATML.template().renderMessages(chat, true, "<s>", "</s>"))
                .isEqualTo("<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n");
        assertThat(BuiltinTemplate.LLAMA3.template().renderMessages(chat, true, "<|begin_of_text|>", ""))
                .isEqualTo("<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nBe brief.<|eot_id|>"
                        + "<|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n");
        assertThat(BuiltinTemplate.LLAMA2.template().renderMessages(chat, true, "<s>", "</s>"))
                .isEqualTo("<s>[INST] <<SYS>>\nBe brief.\n<</SYS>>\n\nHi [/INST]");
        assertThat(BuiltinTemplate.MISTRAL.template().renderMessages(chat, true, "<s>", "</s>"))
                .isEqualTo("<s>[INST] Be brief.\n\nHi [/INST]");
    }

    @Test
    void guessPicksTheFormatFromSpecialTokens() {
        assertThat(BuiltinTemplate.guess(t -> t.equals("<|start_header_id|>"), "llama")).isEqualTo(BuiltinTemplate.LLAMA3);
        assertThat(BuiltinTemplate.guess(t -> t.equals("<|im_start|>"), "qwen2")).isEqualTo(BuiltinTemplate.CHATML);
        assertThat(BuiltinTemplate.guess(t -> t.equals("[INST]"), "llama")).isEqualTo(BuiltinTemplate.MISTRAL);
        assertThat(BuiltinTemplate.guess(t -> false, "llama")).isEqualTo(BuiltinTemplate.LLAMA2);
    }
}
