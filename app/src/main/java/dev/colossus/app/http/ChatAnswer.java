package dev.colossus.app.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.colossus.assistant.Answer;
import dev.colossus.assistant.Question;
import dev.colossus.assistant.backend.Cancellation;
import dev.colossus.assistant.backend.Completion;
import dev.colossus.assistant.backend.TokenLogprob;
import dev.colossus.assistant.backend.TokenSink;
import dev.colossus.assistant.backend.ToolCall;
import dev.colossus.assistant.backend.Usage;
import dev.colossus.assistant.grounding.Citation;

import java.util.List;

/**
 * One chat answer in the API's terms, whichever model or conversation wrote it.
 *
 * @param finishReason OpenAI's name ({@code stop}, {@code length}, {@code tool_calls}...)
 * @param citations    the cited posts, or null when the request did not ask for them (or the raw model answered)
 * @param extra        extension fields for the response ({@code conversation_id}, {@code message}), or null
 * @param toolCalls    the calls the model made, empty for none
 * @param logprobs     each generated token's log-probability, or null when the request did not ask for them
 */
record ChatAnswer(String text, String finishReason, Usage usage, List<Citation> citations, ObjectNode extra,
                  List<ToolCall> toolCalls, List<TokenLogprob> logprobs) {

    /** Writes one answer, its text going to {@code sink} as it is generated. */
    interface Source {
        ChatAnswer answer(TokenSink sink, Cancellation cancel);
    }

    /** The assistant's answer to {@code question}; citations only when the question asked for them. */
    static ChatAnswer of(Question question, Answer answer, ObjectNode extra) {
        return new ChatAnswer(answer.text(), answer.finish().openAiName(), answer.usage(),
                question.search().returnCitations() ? answer.citations() : null, extra, List.of(), null);
    }

    /** A loaded model's own completion: no citations; log-probabilities when {@code logprobs} asked for them. */
    static ChatAnswer of(Completion done, boolean logprobs) {
        return new ChatAnswer(done.text(), done.finishReason().openAiName(), done.usage(), null, null, done.toolCalls(),
                logprobs ? done.logprobs() : null);
    }
}
