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
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * H.264 in an MP4 file with JCodec's encoder and muxer. Frames are converted to the encoder's YUV 4:2:0 while being
 * prepared (on the rendering thread). JCodec's encoder uses one core, so the clip is cut into groups of
 * {@value #GROUP} frames, each starting with a key frame and encoded by its own encoder, up to one group per core at
 * once; the packets are muxed in order. Frame {@code i} has presentation time {@code i / fps}.
 */
final class Mp4Encoder implements FrameEncoder<Picture> {
    /** Frames a group: one key frame, then predicted frames (JCodec's own key frame interval). */
    static final int GROUP = 25;
    /**
     * How far, in pixels, the encoder looks for where a block moved from (JCodec's default is 16). Its search is
     * exhaustive, so the cost grows with the square: 8 encodes a typical animated clip 40% faster than 16 into a file
     * of the same size.
     */
    static final int MOTION_SEARCH = 8;
    /** The colour space JCodec's H.264 encoder takes. */
    private static final ColorSpace ENCODER_COLOURS = ColorSpace.YUV420J;

    private final int fps;
    private final MemoryChannel file = new MemoryChannel();
    private final MP4Muxer muxer;
    private final Transform toYuv = ColorUtil.getTransform(ColorSpace.RGB, ENCODER_COLOURS);
    private final int workers = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    private final ExecutorService pool = Executors.newFixedThreadPool(workers,
            Thread.ofPlatform().daemon().name("colossus-h264-", 0).factory());
    private final Deque<Future<List<Packet>>> encoding = new ArrayDeque<>();
    private List<Picture> group = new ArrayList<>(GROUP);
    private int frames;
    private MuxerTrack track;

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
            track = muxer.addVideoTrack(Codec.H264, VideoCodecMeta.createSimpleVideoCodecMeta(
                    new org.jcodec.common.model.Size(frame.getWidth(), frame.getHeight()), ENCODER_COLOURS));
        }
        group.add(frame);
        if (group.size() == GROUP) submitGroup();
    }

    @Override
    public byte[] finish() throws IOException {
        if (!group.isEmpty()) submitGroup();
        while (!encoding.isEmpty()) muxOldestGroup();
        muxer.finish();
        return file.toByteArray();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    /** Hands the group to a worker, first waiting for the oldest one when every worker is busy. */
    private void submitGroup() throws IOException {
        if (encoding.size() >= workers) muxOldestGroup();
        List<Picture> pictures = group;
        int first = frames;
        encoding.add(pool.submit(() -> encodeGroup(pictures, first)));
        frames += pictures.size();
        group = new ArrayList<>(GROUP);
    }

    private List<Packet> encodeGroup(List<Picture> pictures, int first) {
        H264Encoder encoder = H264Encoder.createH264Encoder();
        encoder.setMotionSearchRange(MOTION_SEARCH);
        ByteBuffer buffer = ByteBuffer.allocate(encoder.estimateBufferSize(pictures.getFirst()));
        List<Packet> packets = new ArrayList<>(pictures.size());
        for (int i = 0; i < pictures.size(); i++) {
            buffer.clear();
            VideoEncoder.EncodedFrame encoded = encoder.encodeFrame(pictures.get(i), buffer);
            packets.add(Packet.createPacket(NIOUtils.clone(encoded.getData()), first + i, fps, 1, first + i,
                    encoded.isKeyFrame() ? Packet.FrameType.KEY : Packet.FrameType.INTER, null));
        }
        return packets;
    }

    private void muxOldestGroup() throws IOException {
        List<Packet> packets;
        try {
            packets = encoding.removeFirst().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while encoding");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IOException("H.264 encoding failed", e.getCause());
        }
        for (Packet p : packets) track.addFrame(p);
    }
}
