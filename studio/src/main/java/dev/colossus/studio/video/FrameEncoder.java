package dev.colossus.studio.video;

import java.awt.image.BufferedImage;
import java.io.IOException;

/**
 * Turns rendered frames into a file. {@link #prepare} runs on the rendering thread, {@link #encode} and
 * {@link #finish} and {@link #close} on the encoding thread, so the work is split between the two.
 *
 * @param <P> a frame made ready for encoding
 */
sealed interface FrameEncoder<P> extends AutoCloseable permits Mp4Encoder, GifEncoder {

    /** Readies a frame (e.g. converts its colours); must not touch the encoder's state. */
    P prepare(BufferedImage frame);

    /** Appends a prepared frame, in order. */
    void encode(P frame) throws IOException;

    /** Ends the file and returns it. */
    byte[] finish() throws IOException;

    /** Releases what the encoder holds (threads, the image writer), finished or not. */
    @Override
    void close();
}
