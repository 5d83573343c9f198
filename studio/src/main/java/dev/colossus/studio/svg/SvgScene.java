package dev.colossus.studio.svg;

import dev.colossus.studio.Size;
import dev.colossus.studio.SourceException;
import org.apache.batik.anim.dom.SVGDOMImplementation;
import org.apache.batik.anim.dom.SVGOMDocument;
import org.apache.batik.bridge.BridgeContext;
import org.apache.batik.bridge.BridgeException;
import org.apache.batik.bridge.GVTBuilder;
import org.apache.batik.bridge.ViewBox;
import org.apache.batik.dom.util.DOMUtilities;
import org.apache.batik.ext.awt.RenderingHintsKeyExt;
import org.apache.batik.gvt.CanvasGraphicsNode;
import org.apache.batik.gvt.CompositeGraphicsNode;
import org.apache.batik.gvt.GraphicsNode;
import org.w3c.dom.Element;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.lang.ref.WeakReference;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A sanitised SVG document ready to paint at one output size (see {@link SvgRenderer} for the sanitising rules), and,
 * when loaded as animated, to seek to any time of its SMIL animations. Each {@link #paint} gives a new image.
 *
 * <p>The output size is the one asked for, else the SVG's own: its {@code width} and {@code height} (absolute units,
 * 96 pixels an inch), a missing one taken from the {@code viewBox} aspect ratio, else the {@code viewBox} size, else
 * {@value #DEFAULT_SIDE}x{@value #DEFAULT_SIDE}. The drawing is fitted into it by the root's
 * {@code preserveAspectRatio} (default: centred, whole drawing visible).
 *
 * <p>Not thread-safe: one thread loads, seeks and paints a scene; separate scenes are independent. Close it to
 * release Batik's listeners.
 */
public final class SvgScene implements AutoCloseable {
    /** The side of the output when the SVG gives no size. */
    public static final int DEFAULT_SIDE = 512;

    private static final Pattern LENGTH = Pattern.compile(
            "\\s*([+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?)\\s*(px|pt|pc|mm|cm|in)?\\s*");

    private final BridgeContext context;
    private final OfflineUserAgent agent;
    private final GraphicsNode root;
    private final Size size;
    private final boolean animated;

    private SvgScene(BridgeContext context, OfflineUserAgent agent, GraphicsNode root, Size size, boolean animated) {
        this.context = context;
        this.agent = agent;
        this.root = root;
        this.size = size;
        this.animated = animated;
    }

    /**
     * Sanitises and loads an SVG.
     *
     * @param source   the SVG text
     * @param size     the output size, or null for the SVG's own
     * @param limit    checks (and may adjust) the output size before anything is drawn, e.g. against a pixel cap;
     *                 it throws {@link SourceException} to refuse it
     * @param animated whether to run SMIL animations ({@link #seek}); a still scene shows the drawing without them
     * @throws SourceException with a one-line message when the source is malformed, hostile or over a limit
     */
    public static SvgScene load(String source, Size size, SizeLimit limit, boolean animated) throws SourceException {
        Objects.requireNonNull(limit, "limit");
        SVGOMDocument doc = (SVGOMDocument) DOMUtilities.deepCloneDocument(SvgSanitizer.sanitize(source),
                SVGDOMImplementation.getDOMImplementation());
        Element svg = doc.getRootElement();
        float[] viewBox = viewBox(svg);
        float[] own = ownSize(svg, viewBox);
        Size output = limit.check(size != null ? size
                : new Size(Math.max(1, Math.round(own[0])), Math.max(1, Math.round(own[1]))));
        OfflineUserAgent agent = new OfflineUserAgent(output.width(), output.height());
        BridgeContext context = new BridgeContext(agent);
        context.setDynamicState(animated ? BridgeContext.DYNAMIC : BridgeContext.STATIC);
        try {
            GraphicsNode root = new GVTBuilder().build(context, doc);
            float[] box = viewBox != null ? viewBox : new float[]{0, 0, own[0], own[1]};
            AffineTransform fit = ViewBox.getPreserveAspectRatioTransform(svg, box, output.width(), output.height(),
                    context);
            CanvasGraphicsNode canvas = canvas(root);
            if (canvas != null) canvas.setViewingTransform(fit);
            else root.setTransform(fit);
            SvgScene scene = new SvgScene(context, agent, root, output, animated);
            if (animated) context.getAnimationEngine().start(0);
            scene.failOnError();
            return scene;
        } catch (BridgeException | SecurityException | IllegalArgumentException e) {
            context.dispose();
            throw new SourceException(message(e), e);
        } catch (SourceException e) {
            context.dispose();
            throw e;
        }
    }

    /** The output size: every {@link #paint} has it. */
    public Size size() {
        return size;
    }

    /**
     * Shows the animations as they are {@code seconds} after the document begins.
     *
     * @throws IllegalStateException when the scene was loaded still
     * @throws SourceException       when an animation cannot be applied (e.g. a value it cannot parse)
     */
    public void seek(double seconds) throws SourceException {
        if (!animated) throw new IllegalStateException("a still scene has no animation time");
        try {
            context.getAnimationEngine().setCurrentTime((float) seconds);
        } catch (BridgeException | IllegalArgumentException e) {
            throw new SourceException(message(e), e);
        }
        failOnError();
    }

    /**
     * Paints the drawing into a new image of {@link #size()}.
     *
     * @param type       a {@link BufferedImage} type with 8-bit RGB, e.g. {@link BufferedImage#TYPE_INT_ARGB}
     * @param background fills the image first; null leaves it transparent (or black for a type without alpha)
     * @throws SourceException when Batik fails to paint (e.g. a broken reference only found while painting)
     */
    public BufferedImage paint(int type, Color background) throws SourceException {
        BufferedImage image = new BufferedImage(size.width(), size.height(), type);
        Graphics2D g = image.createGraphics();
        try {
            if (background != null) {
                g.setColor(background);
                g.fillRect(0, 0, size.width(), size.height());
            }
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHintsKeyExt.KEY_BUFFERED_IMAGE, new WeakReference<>(image));
            root.paint(g);
        } catch (BridgeException | IllegalArgumentException e) {
            throw new SourceException(message(e), e);
        } finally {
            g.dispose();
        }
        failOnError();
        return image;
    }

    @Override
    public void close() {
        if (animated) context.getAnimationEngine().dispose();
        context.dispose();
    }

    private void failOnError() throws SourceException {
        Exception error = agent.firstError();
        if (error != null) throw new SourceException(message(error), error);
    }

    private static CanvasGraphicsNode canvas(GraphicsNode root) {
        if (root instanceof CanvasGraphicsNode canvas) return canvas;
        if (root instanceof CompositeGraphicsNode composite && !composite.getChildren().isEmpty()
                && composite.getChildren().getFirst() instanceof CanvasGraphicsNode canvas) {
            return canvas;
        }
        return null;
    }

    private static float[] viewBox(Element svg) throws SourceException {
        String text = svg.getAttributeNS(null, "viewBox").strip();
        if (text.isEmpty()) return null;
        String[] parts = text.split("[\\s,]+");
        try {
            if (parts.length == 4) {
                float[] box = new float[4];
                for (int i = 0; i < 4; i++) box[i] = Float.parseFloat(parts[i]);
                if (box[2] > 0 && box[3] > 0 && Float.isFinite(box[2]) && Float.isFinite(box[3])) return box;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new SourceException("viewBox must be 'minX minY width height' with a positive width and height, got '"
                + text + "'");
    }

    /** The SVG's own width and height in pixels (see the class comment). */
    private static float[] ownSize(Element svg, float[] viewBox) {
        float w = length(svg.getAttributeNS(null, "width"));
        float h = length(svg.getAttributeNS(null, "height"));
        if (viewBox != null) {
            float aspect = viewBox[2] / viewBox[3];
            if (Float.isNaN(w) && Float.isNaN(h)) return new float[]{viewBox[2], viewBox[3]};
            if (Float.isNaN(w)) return new float[]{h * aspect, h};
            if (Float.isNaN(h)) return new float[]{w, w / aspect};
        }
        return new float[]{Float.isNaN(w) ? DEFAULT_SIDE : w, Float.isNaN(h) ? DEFAULT_SIDE : h};
    }

    /** An absolute length in pixels, or NaN for none, a relative one or a non-positive one. */
    private static float length(String text) {
        Matcher m = LENGTH.matcher(text);
        if (!m.matches()) return Float.NaN;
        float value = Float.parseFloat(m.group(1));
        float unit = switch (m.group(2) == null ? "px" : m.group(2)) {
            case "pt" -> 96f / 72;
            case "pc" -> 16;
            case "mm" -> 96 / 25.4f;
            case "cm" -> 96 / 2.54f;
            case "in" -> 96;
            default -> 1;
        };
        float px = value * unit;
        return px > 0 && Float.isFinite(px) ? px : Float.NaN;
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) m = e.getClass().getSimpleName();
        // Batik starts its messages with the document's URI and line, which a text source does not have.
        return m.replaceAll("\\s+", " ").strip().replaceFirst("^null:-?\\d+ ", "");
    }

    /** Checks, and may adjust, an output size before anything is drawn. */
    @FunctionalInterface
    public interface SizeLimit {
        /**
         * The size to draw at.
         *
         * @throws SourceException saying which limit {@code size} is over, to refuse it
         */
        Size check(Size size) throws SourceException;
    }
}
