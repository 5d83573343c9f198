package dev.colossus.assistant.studio;

import dev.colossus.assistant.backend.BackendException;
import dev.colossus.assistant.backend.Cancellation;
import dev.colossus.assistant.backend.ChatBackend;
import dev.colossus.assistant.persona.Identity;
import dev.colossus.assistant.persona.Persona;

import java.util.Objects;

/**
 * Makes images, music and video from a description. A configured remote image (or video) server makes that kind;
 * everything else is written as a source by the chat model and rendered here ({@link SourceWriter}). With neither
 * there is no media, only a {@link BackendException} of kind {@code UNAVAILABLE} that says what to configure: never
 * a made-up picture. Thread-safe.
 */
public final class Studio implements AutoCloseable {

    /** Told when nothing can make media. */
    public static final String HOW_TO_CONFIGURE = "No model is configured to make media: start Colossus with "
            + "--model FILE.gguf, or point it at an OpenAI-compatible server with COLOSSUS_LLM_URL and "
            + "COLOSSUS_LLM_MODEL (--llm-url and --llm-model for studio commands), or at an image server with "
            + "COLOSSUS_IMAGE_URL.";

    private final SourceWriter writer;
    private final MediaServer images;
    private final MediaServer videos;
    private final StudioLimits limits;

    /**
     * @param model  the chat model that writes sources, or null for none
     * @param images a remote image server that makes pictures instead of the model, or null
     * @param videos a remote video server that makes clips instead of the model, or null
     */
    public Studio(ChatBackend model, MediaServer images, MediaServer videos, StudioRenderers renderers,
                  StudioLimits limits, Identity identity) {
        if (images != null && images.kind() != MediaKind.IMAGE) throw new IllegalArgumentException("not an image server");
        if (videos != null && videos.kind() != MediaKind.VIDEO) throw new IllegalArgumentException("not a video server");
        this.writer = model == null ? null : new SourceWriter(model, renderers, limits, identity);
        this.images = images;
        this.videos = videos;
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** Whether anything here can make this kind of media. */
    public boolean canMake(MediaKind kind) {
        return writer != null || server(kind) != null;
    }

    /**
     * Makes the media in the persona's manner (a remote server ignores the persona).
     *
     * @throws BackendException {@code UNAVAILABLE} with {@link #HOW_TO_CONFIGURE} when nothing can make this kind;
     *                          see {@link SourceWriter#write} and {@link MediaServer#generate} for the rest
     */
    public Media make(MediaRequest request, Persona persona, Cancellation cancel) {
        MediaServer server = server(request.kind());
        if (server != null) return server.generate(request, limits.timeLimit(), cancel);
        if (writer == null) throw new BackendException(BackendException.Kind.UNAVAILABLE, HOW_TO_CONFIGURE);
        return writer.write(request, persona, cancel);
    }

    private MediaServer server(MediaKind kind) {
        return switch (kind) {
            case IMAGE -> images;
            case VIDEO -> videos;
            case MUSIC -> null;
        };
    }

    /** Closes the remote servers' connections (the chat model belongs to whoever made it). */
    @Override
    public void close() {
        if (images != null) images.close();
        if (videos != null) videos.close();
    }
}
