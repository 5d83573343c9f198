package dev.colossus.studio.video;

import org.w3c.dom.Node;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * An animated GIF with ImageIO's writer: each frame with its own palette, looping forever. GIF delays are whole
 * hundredths of a second, so each frame's delay is rounded such that frame {@code i} starts at {@code i / fps}
 * rounded to a hundredth.
 */
final class GifEncoder implements FrameEncoder<BufferedImage> {
    private static final String FORMAT = "javax_imageio_gif_image_1.0";

    private final int fps;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes);
    private final ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
    private int frames;

    GifEncoder(int fps) {
        this.fps = fps;
        writer.setOutput(out);
        try {
            writer.prepareWriteSequence(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public BufferedImage prepare(BufferedImage frame) {
        return frame;
    }

    @Override
    public void encode(BufferedImage frame) throws IOException {
        IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(frame), null);
        IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(FORMAT);
        IIOMetadataNode control = child(root, "GraphicControlExtension");
        control.setAttribute("disposalMethod", "none");
        control.setAttribute("userInputFlag", "FALSE");
        control.setAttribute("transparentColorFlag", "FALSE");
        control.setAttribute("transparentColorIndex", "0");
        control.setAttribute("delayTime", Integer.toString(hundredths(frames + 1) - hundredths(frames)));
        if (frames == 0) {
            IIOMetadataNode loop = new IIOMetadataNode("ApplicationExtension");
            loop.setAttribute("applicationID", "NETSCAPE");
            loop.setAttribute("authenticationCode", "2.0");
            loop.setUserObject(new byte[]{1, 0, 0}); // loop forever
            child(root, "ApplicationExtensions").appendChild(loop);
        }
        metadata.setFromTree(FORMAT, root);
        writer.writeToSequence(new IIOImage(frame, null, metadata), null);
        frames++;
    }

    @Override
    public byte[] finish() throws IOException {
        writer.endWriteSequence();
        out.flush();
        return bytes.toByteArray();
    }

    @Override
    public void close() {
        writer.dispose();
    }

    private int hundredths(int frame) {
        return (int) Math.round(frame * 100.0 / fps);
    }

    private static IIOMetadataNode child(IIOMetadataNode parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeName().equals(name)) return (IIOMetadataNode) n;
        }
        IIOMetadataNode created = new IIOMetadataNode(name);
        parent.appendChild(created);
        return created;
    }
}
