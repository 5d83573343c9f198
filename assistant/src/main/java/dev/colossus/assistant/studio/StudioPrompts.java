package dev.colossus.assistant.studio;

import dev.colossus.assistant.ChatMessage;
import dev.colossus.assistant.persona.Identity;
import dev.colossus.assistant.persona.Persona;

import java.util.ArrayList;
import java.util.List;

/**
 * What a model is told to write a source: the persona's system prompt, then the kind's rules and a worked example
 * (the fun persona gets its own, more playful brief), then the request; after a failed render, the error and a
 * request for the whole corrected source. Stateless.
 */
final class StudioPrompts {

    private StudioPrompts() {
    }

    /** The first try: system prompt, an example exchange, the request. */
    static List<ChatMessage> first(MediaRequest request, Persona persona, Identity identity) {
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(ChatMessage.system(persona.systemPrompt(identity) + "\n\n" + rules(request) + "\n\n"
                + flavour(request.kind(), persona)));
        messages.add(ChatMessage.user(example(request.kind()).request()));
        messages.add(ChatMessage.assistant("```" + request.kind().fence() + "\n" + example(request.kind()).source() + "\n```"));
        messages.add(ChatMessage.user(request.prompt()));
        return messages;
    }

    /** The next try: the conversation so far, the answer that failed and why. */
    static List<ChatMessage> retry(List<ChatMessage> sofar, String answer, String error, MediaKind kind) {
        List<ChatMessage> messages = new ArrayList<>(sofar);
        messages.add(ChatMessage.assistant(answer));
        messages.add(ChatMessage.user("That could not be rendered: " + error + "\nWrite the complete corrected "
                + kind.language() + " again, in one ```" + kind.fence() + " block and nothing else."));
        return messages;
    }

    private static String rules(MediaRequest r) {
        return switch (r.kind()) {
            case IMAGE -> "You are drawing a picture. Write one self-contained SVG 1.1 document: an <svg> element with "
                    + "xmlns=\"http://www.w3.org/2000/svg\", width=\"" + r.width() + "\" height=\"" + r.height()
                    + "\" and viewBox=\"0 0 " + r.width() + " " + r.height() + "\"; shapes, paths, gradients and text "
                    + "only. No scripts, no external images, fonts or links, no animation. Fill the whole canvas "
                    + "(start with a background). Reply with the SVG in one ```svg block and nothing else.";
            case VIDEO -> "You are making a short animated clip of " + StudioRenderers.CLIP_SECONDS + " seconds. "
                    + "Write one self-contained SVG 1.1 document animated with SMIL (<animate>, <animateTransform>, "
                    + "<animateMotion>, <set>): an <svg> element with xmlns=\"http://www.w3.org/2000/svg\", width=\"" + r.width() + "\" height=\""
                    + r.height() + "\" and viewBox=\"0 0 " + r.width() + " " + r.height() + "\". Every animation "
                    + "begins at 0s and ends by " + StudioRenderers.CLIP_SECONDS + "s. No scripts, no CSS animation, "
                    + "no external images, fonts or links. Reply with the SVG in one ```svg block and nothing else.";
            case MUSIC -> "You are composing a short tune. Write it in ABC notation (version 2.1): the header lines "
                    + "X:1, T: (a title), M: (metre), L: (unit note length), Q: (tempo) and K: (key, the last header "
                    + "line), then 8 to 32 bars of melody. One voice, no lyrics (w:) lines. Reply with the ABC in one "
                    + "```abc block and nothing else.";
        };
    }

    private static String flavour(MediaKind kind, Persona persona) {
        boolean fun = persona.id().equals(Persona.FUN.id());
        return switch (kind) {
            case IMAGE -> fun
                    ? "Make it playful: bold saturated colours, exaggerated shapes and one visual joke hidden in it."
                    : "Make it clear and well composed: a calm palette, clean shapes, the subject in the middle.";
            case VIDEO -> fun
                    ? "Make it playful: things bounce, wobble or spin, with a little surprise near the end."
                    : "Make it smooth and simple: one or two elements moving calmly, easy to follow.";
            case MUSIC -> fun
                    ? "Make it cheeky: a bouncy rhythm, unexpected leaps and a twist before the last bar."
                    : "Make it singable: a clear melody with a beginning, a middle and an ending on the tonic.";
        };
    }

    /** A request and the source that answers it, shown to the model once before the real request. */
    private record Example(String request, String source) {
    }

    private static Example example(MediaKind kind) {
        return switch (kind) {
            case IMAGE -> new Example("a red sun over a green hill", """
                    <svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512">
                      <rect width="512" height="512" fill="#9fd3f5"/>
                      <circle cx="360" cy="150" r="70" fill="#e8412c"/>
                      <path d="M0 400 Q256 260 512 400 L512 512 L0 512 Z" fill="#4c9a3b"/>
                    </svg>""");
            case VIDEO -> new Example("a yellow ball rolling across the screen", """
                    <svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512">
                      <rect width="512" height="512" fill="#20264a"/>
                      <circle cx="60" cy="256" r="40" fill="#f5c400">
                        <animate attributeName="cx" from="60" to="452" begin="0s" dur="3s" fill="freeze"/>
                      </circle>
                    </svg>""");
            case MUSIC -> new Example("a short happy folk tune", """
                    X:1
                    T:Happy Walk
                    M:4/4
                    L:1/8
                    Q:1/4=120
                    K:G
                    GABc d2B2 | c2A2 B2G2 | ABcd e2d2 | c2A2 G4 |""");
        };
    }
}
