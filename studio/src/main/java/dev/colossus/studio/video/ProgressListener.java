package dev.colossus.studio.video;

/** Told as a clip's frames are rendered; called on the rendering thread, so it should return quickly. */
@FunctionalInterface
public interface ProgressListener {
    /** Tells nobody. */
    ProgressListener NONE = (done, total) -> {
    };

    /**
     * @param done  frames rendered so far, 1 to {@code total}
     * @param total frames in the clip
     */
    void framesRendered(int done, int total);
}
