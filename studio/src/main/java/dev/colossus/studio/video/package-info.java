/**
 * Animated SVG (SMIL) to MP4 or GIF: {@link dev.colossus.studio.video.VideoRenderer} seeks the sanitised drawing to
 * each frame's exact time, paints it with Batik and encodes it (JCodec's H.264, or ImageIO's GIF writer).
 */
package dev.colossus.studio.video;
