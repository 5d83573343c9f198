package dev.colossus.studio.video;

import org.jcodec.codecs.h264.H264Encoder;
import org.jcodec.common.Codec;
import org.jcodec.common.MuxerTrack;
import org.jcodec.common.VideoCodecMeta;
import org.jcodec.common.VideoEncoder;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.model.ColorSpace;
import org.jcodec.common.model.Packet;
import org.jcodec.common.model.Picture;
import org.jcodec.containers.mp4.muxer.MP4Muxer;
import org.jcodec.scale.AWTUtil;
import org.jcodec.scale.ColorUtil;
import org.jcodec.scale.Transform;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * H.264 in an MP4 file with JCodec's encoder and muxer. Frames are converted to the encoder's YUV 4:2:0 while being
 * prepared (on the rendering thread); frame {@code i} has presentation time {@code i / fps}.
 */
final class Mp4Encoder implements FrameEncoder<Picture> {
    /** The colour space JCodec's H.264 encoder takes. */
    private static final ColorSpace ENCODER_COLOURS = ColorSpace.YUV420J;

    private final int fps;
    private final MemoryChannel file = new MemoryChannel();
    private final H264Encoder encoder = H264Encoder.createH264Encoder();
    private final MP4Muxer muxer;
    private final Transform toYuv = ColorUtil.getTransform(ColorSpace.RGB, ENCODER_COLOURS);
    private MuxerTrack track;
    private ByteBuffer buffer;
    private int frames;

    Mp4Encoder(int fps) {
        this.fps = fps;
        try {
            muxer = MP4Muxer.createMP4MuxerToChannel(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Picture prepare(BufferedImage frame) {
        Picture yuv = Picture.create(frame.getWidth(), frame.getHeight(), ENCODER_COLOURS);
        toYuv.transform(AWTUtil.fromBufferedImageRGB(frame), yuv);
        return yuv;
    }

    @Override
    public void encode(Picture frame) throws IOException {
        if (track == null) {
            buffer = ByteBuffer.allocate(encoder.estimateBufferSize(frame));
            track = muxer.addVideoTrack(Codec.H264, VideoCodecMeta.createSimpleVideoCodecMeta(
                    new org.jcodec.common.model.Size(frame.getWidth(), frame.getHeight()), ENCODER_COLOURS));
        }
        buffer.clear();
        VideoEncoder.EncodedFrame encoded = encoder.encodeFrame(frame, buffer);
        track.addFrame(Packet.createPacket(NIOUtils.clone(encoded.getData()), frames, fps, 1, frames,
                encoded.isKeyFrame() ? Packet.FrameType.KEY : Packet.FrameType.INTER, null));
        frames++;
    }

    @Override
    public byte[] finish() throws IOException {
        muxer.finish();
        return file.toByteArray();
    }
}
