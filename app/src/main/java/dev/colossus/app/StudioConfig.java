package dev.colossus.app;

import dev.colossus.assistant.backend.ChatBackend;
import dev.colossus.assistant.persona.Identity;
import dev.colossus.assistant.studio.MediaKind;
import dev.colossus.assistant.studio.MediaServer;
import dev.colossus.assistant.studio.Studio;
import dev.colossus.assistant.studio.StudioLimits;
import dev.colossus.assistant.studio.StudioRenderers;

import java.net.URI;
import java.util.Map;

/**
 * Remote media servers the studio uses instead of having the chat model write sources. Each is an OpenAI-compatible
 * API root (see {@link dev.colossus.assistant.studio.MediaServer} for the requests).
 *
 * @param imageUrl   an image server ({@code COLOSSUS_IMAGE_URL}, e.g. {@code https://api.openai.com/v1}); null for none
 * @param imageKey   its API key ({@code COLOSSUS_IMAGE_API_KEY}); never logged
 * @param imageModel its model name ({@code COLOSSUS_IMAGE_MODEL}); null to leave it to the server
 * @param videoUrl   a video server ({@code COLOSSUS_VIDEO_URL}); null for none
 * @param videoKey   its API key ({@code COLOSSUS_VIDEO_API_KEY})
 * @param videoModel its model name ({@code COLOSSUS_VIDEO_MODEL})
 */
public record StudioConfig(URI imageUrl, String imageKey, String imageModel, URI videoUrl, String videoKey,
                           String videoModel) {

    /** No remote media servers. */
    public static final StudioConfig NONE = new StudioConfig(null, null, null, null, null, null);

    /** The servers named by the environment's {@code COLOSSUS_IMAGE_*} and {@code COLOSSUS_VIDEO_*} variables. */
    public static StudioConfig fromEnvironment(Map<String, String> env) {
        return new StudioConfig(url(env, "COLOSSUS_IMAGE_URL"), blankToNull(env.get("COLOSSUS_IMAGE_API_KEY")),
                blankToNull(env.get("COLOSSUS_IMAGE_MODEL")), url(env, "COLOSSUS_VIDEO_URL"),
                blankToNull(env.get("COLOSSUS_VIDEO_API_KEY")), blankToNull(env.get("COLOSSUS_VIDEO_MODEL")));
    }

    /** This configuration with an image server (tests, flags). */
    public StudioConfig withImageServer(String url, String key, String model) {
        return new StudioConfig(url == null ? null : uri("image server", url), key, model, videoUrl, videoKey, videoModel);
    }

    /**
     * The studio over these servers, with {@code model} (null for none) writing sources for every kind they do not
     * make.
     */
    public Studio studio(ChatBackend model, Identity identity) {
        MediaServer images = imageUrl == null ? null : new MediaServer(MediaKind.IMAGE, imageUrl, imageKey, imageModel);
        MediaServer videos = videoUrl == null ? null : new MediaServer(MediaKind.VIDEO, videoUrl, videoKey, videoModel);
        return new Studio(model, images, videos, StudioRenderers.standard(), StudioLimits.DEFAULT, identity);
    }

    private static URI url(Map<String, String> env, String name) {
        String text = blankToNull(env.get(name));
        return text == null ? null : uri(name, text);
    }

    private static URI uri(String name, String text) {
        try {
            URI uri = URI.create(text.strip());
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) throw new IllegalArgumentException();
            return uri;
        } catch (IllegalArgumentException e) {
            throw new UserError(name + " must be an http(s) URL such as https://api.openai.com/v1, got '" + text + "'");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
