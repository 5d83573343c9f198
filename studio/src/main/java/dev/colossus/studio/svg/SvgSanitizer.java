package dev.colossus.studio.svg;

import dev.colossus.studio.SourceException;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses SVG text with a hardened XML parser and removes everything that could run code or reach outside the text.
 * The rules, in order:
 * <ul>
 *   <li>at most {@value #MAX_BYTES} bytes (UTF-8); no DOCTYPE, so no DTDs and no entities (an entity bomb fails at
 *       its first line); no processing instructions ({@code <?xml-stylesheet?>});</li>
 *   <li>the root is {@code <svg>}; a document without the SVG namespace is read as SVG, one that uses the
 *       {@code xlink:} prefix without declaring it gets the declaration;</li>
 *   <li>only SVG 1.1 drawing, structure, paint server, filter and animation elements stay: {@code script},
 *       {@code foreignObject}, fonts, cursors, colour profiles and every element in another namespace are removed
 *       with their content;</li>
 *   <li>event attributes ({@code on*}), {@code xml:base} and attributes in other namespaces are removed;</li>
 *   <li>{@code href} / {@code xlink:href} may only name a {@code #fragment} of this document, or for {@code <image>}
 *       a base64 {@code data:image/png|jpeg|gif} URI of at most {@value #MAX_EMBEDDED_PIXELS} pixels; an element that needs its reference ({@code image}, {@code use},
 *       {@code feImage}, {@code textPath}, {@code mpath}) is removed when it is anything else, other elements lose
 *       the attribute; animations of {@code href} are removed; SVG 2's plain {@code href} becomes
 *       {@code xlink:href}, the one Batik reads;</li>
 *   <li>an attribute with a {@code url(...)} to anything but {@code #fragment}, or with a CSS escape ({@code \}),
 *       is removed; so is a {@code <style>} element with such a {@code url(...)}, an escape or {@code @import};</li>
 *   <li>at most {@value #MAX_DEPTH} levels of nesting, and at most {@value #MAX_EXPANDED} elements once every
 *       {@code <use>} is expanded (a {@code <use>} bomb fails before rendering).</li>
 * </ul>
 * Thread-safe.
 */
final class SvgSanitizer {
    /** The largest source read, in UTF-8 bytes. */
    static final int MAX_BYTES = 1 << 20;
    /** The deepest element nesting kept. */
    static final int MAX_DEPTH = 200;
    /** The most elements a document may have once its {@code <use>} references are expanded. */
    static final int MAX_EXPANDED = 200_000;
    /** The most pixels of an image embedded as a {@code data:} URI (a small file can claim a huge picture). */
    static final long MAX_EMBEDDED_PIXELS = 16_000_000;

    static final String SVG_NS = "http://www.w3.org/2000/svg";
    static final String XLINK_NS = "http://www.w3.org/1999/xlink";

    private static final Set<String> ELEMENTS = Set.of(
            "svg", "g", "defs", "desc", "title", "metadata", "symbol", "use", "image", "switch", "style", "a", "view",
            "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan", "textPath",
            "linearGradient", "radialGradient", "stop", "pattern", "clipPath", "mask", "marker",
            "filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feConvolveMatrix",
            "feDiffuseLighting", "feDisplacementMap", "feDistantLight", "feFlood", "feFuncA", "feFuncB", "feFuncG",
            "feFuncR", "feGaussianBlur", "feImage", "feMerge", "feMergeNode", "feMorphology", "feOffset",
            "fePointLight", "feSpecularLighting", "feSpotLight", "feTile", "feTurbulence",
            "animate", "animateTransform", "animateMotion", "animateColor", "set", "mpath");
    private static final Set<String> ANIMATIONS = Set.of("animate", "animateTransform", "animateMotion",
            "animateColor", "set");
    private static final Set<String> NEED_REFERENCE = Set.of("image", "use", "feImage", "textPath", "mpath");
    private static final Pattern IMAGE_DATA = Pattern.compile("data:image/(?:png|jpeg|gif);base64,(.*)",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern URL = Pattern.compile("url\\s*\\(([^)]*)\\)?", Pattern.CASE_INSENSITIVE);

    private SvgSanitizer() {
    }

    /**
     * The sanitised document.
     *
     * @throws SourceException with a one-line message: too large, not well-formed XML (with its line), a DOCTYPE,
     *                         not SVG, nested too deeply, or a {@code <use>} expansion over the limit
     */
    static Document sanitize(String source) throws SourceException {
        if (source.length() > MAX_BYTES || source.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new SourceException("the SVG is over " + MAX_BYTES / 1024 + " KiB");
        }
        Document doc = parse(declareXlink(source));
        Element root = doc.getDocumentElement();
        if (!"svg".equals(root.getLocalName())) {
            throw new SourceException("the root element is <" + root.getNodeName() + ">, not <svg>");
        }
        if (root.getNamespaceURI() == null) adoptIntoSvgNamespace(doc, root);
        else if (!SVG_NS.equals(root.getNamespaceURI())) {
            throw new SourceException("the root <svg> is in namespace " + root.getNamespaceURI() + ", not " + SVG_NS);
        }
        for (Node n = doc.getFirstChild(); n != null; ) {
            Node next = n.getNextSibling();
            if (n.getNodeType() == Node.PROCESSING_INSTRUCTION_NODE) doc.removeChild(n);
            n = next;
        }
        clean(root, 1);
        new UseExpansion(doc).check(root);
        return doc;
    }

    /** Declares the {@code xlink} prefix on the root when the source uses it without declaring it anywhere. */
    private static String declareXlink(String source) {
        if (!source.contains("xlink:") || source.contains("xmlns:xlink")) return source;
        return source.replaceFirst("<svg(?=[\\s/>])", "<svg xmlns:xlink=\"" + XLINK_NS + "\"");
    }

    private static Document parse(String source) throws SourceException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder builder = f.newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler()); // errors are thrown, not printed
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are not allowed");
            });
            return builder.parse(new InputSource(new StringReader(source)));
        } catch (SAXParseException e) {
            String what = e.getMessage() != null && e.getMessage().contains("DOCTYPE")
                    ? "a DOCTYPE is not allowed in SVG here (no DTDs, no entities)"
                    : oneLine(e.getMessage());
            throw new SourceException("line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": " + what);
        } catch (SAXException e) {
            throw new SourceException("not well-formed XML: " + oneLine(e.getMessage()));
        } catch (ParserConfigurationException | IOException e) {
            throw new IllegalStateException("the XML parser cannot be set up safely", e);
        }
    }

    private static String oneLine(String message) {
        return message == null ? "malformed XML" : message.replaceAll("\\s+", " ").strip();
    }

    private static void adoptIntoSvgNamespace(Document doc, Element e) {
        Element renamed = e.getNamespaceURI() == null ? (Element) doc.renameNode(e, SVG_NS, e.getLocalName()) : e;
        for (Node c = renamed.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element child) adoptIntoSvgNamespace(doc, child);
        }
    }

    /** Cleans {@code e}'s attributes and children, removing what is not allowed. */
    private static void clean(Element e, int depth) throws SourceException {
        if (depth > MAX_DEPTH) throw new SourceException("elements are nested more than " + MAX_DEPTH + " deep");
        cleanAttributes(e);
        if ("style".equals(e.getLocalName()) && !safeStyleSheet(e.getTextContent())) {
            e.getParentNode().removeChild(e);
            return;
        }
        for (Node c = e.getFirstChild(); c != null; ) {
            Node next = c.getNextSibling();
            if (c instanceof Element child) {
                if (allowed(child)) clean(child, depth + 1);
                else e.removeChild(child);
            } else if (c.getNodeType() == Node.PROCESSING_INSTRUCTION_NODE) {
                e.removeChild(c);
            }
            c = next;
        }
    }

    private static boolean allowed(Element e) {
        if (!SVG_NS.equals(e.getNamespaceURI()) || !ELEMENTS.contains(e.getLocalName())) return false;
        if (ANIMATIONS.contains(e.getLocalName())) {
            String target = e.getAttributeNS(null, "attributeName");
            if (target.equals("href") || target.endsWith(":href")) return false;
        }
        if (NEED_REFERENCE.contains(e.getLocalName())) {
            String href = href(e);
            return href != null && allowedReference(e, href);
        }
        return true;
    }

    private static String href(Element e) {
        if (e.hasAttributeNS(XLINK_NS, "href")) return e.getAttributeNS(XLINK_NS, "href");
        if (e.hasAttributeNS(null, "href")) return e.getAttributeNS(null, "href");
        return null;
    }

    private static boolean allowedReference(Element e, String href) {
        String ref = href.strip();
        if (ref.startsWith("#")) return true;
        Matcher data = IMAGE_DATA.matcher(ref);
        return "image".equals(e.getLocalName()) && data.matches() && embeddedImageFits(data.group(1));
    }

    /** Whether a base64 image decodes to at most {@value #MAX_EMBEDDED_PIXELS} pixels (read from its header only). */
    private static boolean embeddedImageFits(String base64) {
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(
                Base64.getMimeDecoder().decode(base64)))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) return false;
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return (long) reader.getWidth(0) * reader.getHeight(0) <= MAX_EMBEDDED_PIXELS;
            } finally {
                reader.dispose();
            }
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    private static void cleanAttributes(Element e) {
        NamedNodeMap attributes = e.getAttributes();
        List<Attr> doomed = new ArrayList<>();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr a = (Attr) attributes.item(i);
            if (!allowed(e, a)) doomed.add(a);
        }
        for (Attr a : doomed) e.removeAttributeNode(a);
        // Batik reads SVG 1.1's xlink:href only; SVG 2's plain href means the same.
        if (e.hasAttributeNS(null, "href")) {
            if (!e.hasAttributeNS(XLINK_NS, "href")) e.setAttributeNS(XLINK_NS, "xlink:href", e.getAttributeNS(null, "href"));
            e.removeAttributeNS(null, "href");
        }
    }

    private static boolean allowed(Element e, Attr a) {
        String ns = a.getNamespaceURI();
        String name = a.getLocalName() == null ? a.getName() : a.getLocalName();
        if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(ns)) return true;
        if (XMLConstants.XML_NS_URI.equals(ns)) return name.equals("space") || name.equals("lang");
        if (ns != null && !XLINK_NS.equals(ns)) return false;
        if (name.toLowerCase(Locale.ROOT).startsWith("on")) return false;
        if (name.equals("href")) return allowedReference(e, a.getValue());
        String value = a.getValue();
        return value.indexOf('\\') < 0 && localUrlsOnly(value);
    }

    private static boolean safeStyleSheet(String css) {
        return css.indexOf('\\') < 0 && !css.toLowerCase(Locale.ROOT).contains("@import") && localUrlsOnly(css);
    }

    /** Whether every {@code url(...)} in the value names a fragment of this document. */
    private static boolean localUrlsOnly(String value) {
        Matcher m = URL.matcher(value);
        while (m.find()) {
            if (m.group(0).endsWith(")")) {
                String target = m.group(1).strip();
                if (target.length() >= 2 && (target.charAt(0) == '"' || target.charAt(0) == '\'')) {
                    target = target.substring(1, target.length() - 1).strip();
                }
                if (!target.startsWith("#")) return false;
            } else {
                return false;
            }
        }
        return true;
    }

    /** Counts the elements a document has once each {@code <use>} is replaced by what it references. */
    private static final class UseExpansion {
        private final Map<String, Element> byId = new HashMap<>();
        private final Map<Element, Long> sizes = new HashMap<>();
        private final Set<Element> inProgress = new HashSet<>();

        UseExpansion(Document doc) {
            index(doc.getDocumentElement());
        }

        private void index(Element e) {
            String id = e.getAttributeNS(null, "id");
            if (!id.isEmpty()) byId.putIfAbsent(id, e);
            for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
                if (c instanceof Element child) index(child);
            }
        }

        void check(Element root) throws SourceException {
            if (size(root) > MAX_EXPANDED) {
                throw new SourceException("the SVG expands to more than " + MAX_EXPANDED + " elements through <use>");
            }
        }

        private long size(Element e) throws SourceException {
            Long known = sizes.get(e);
            if (known != null) return known;
            if (!inProgress.add(e)) {
                throw new SourceException("<use> references form a cycle through id '" + e.getAttributeNS(null, "id")
                        + "'");
            }
            long size = 1;
            for (Node c = e.getFirstChild(); c != null && size <= MAX_EXPANDED; c = c.getNextSibling()) {
                if (c instanceof Element child) size += size(child);
            }
            if ("use".equals(e.getLocalName())) {
                Element target = byId.get(href(e).strip().substring(1));
                if (target != null) size += size(target);
            }
            inProgress.remove(e);
            size = Math.min(size, MAX_EXPANDED + 1);
            sizes.put(e, size);
            return size;
        }
    }
}
