package dev.colossus.studio.svg;

import dev.colossus.studio.SourceException;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SvgSanitizerTest {

    static List<Element> elements(Document doc) {
        List<Element> all = new ArrayList<>();
        collect(doc.getDocumentElement(), all);
        return all;
    }

    static void collect(Element e, List<Element> all) {
        all.add(e);
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element child) collect(child, all);
        }
    }

    static List<String> attributes(Document doc) {
        List<String> names = new ArrayList<>();
        for (Element e : elements(doc)) {
            NamedNodeMap map = e.getAttributes();
            for (int i = 0; i < map.getLength(); i++) {
                Attr a = (Attr) map.item(i);
                names.add(e.getLocalName() + "@" + a.getName() + "=" + a.getValue());
            }
        }
        return names;
    }

    @Test
    void scriptsHandlersForeignContentAndOutsideReferencesAreRemovedAndTheDrawingKept() throws SourceException {
        Document doc = SvgSanitizer.sanitize("""
                <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
                     xmlns:x="urn:other" onload="steal()" x:data="1" xml:base="http://evil/" xml:space="preserve">
                  <script>steal()</script>
                  <script xlink:href="http://evil/s.js"/>
                  <foreignObject><div xmlns="http://www.w3.org/1999/xhtml">hi</div></foreignObject>
                  <x:widget/>
                  <rect id="keep" width="10" height="10" fill="url(#g)" onclick="steal()" ONMOUSEOVER="steal()"/>
                  <rect width="10" height="10" stroke="url('https://evil/p.svg#a')"/>
                  <circle r="3" style="fill: URL ( http://evil/p.svg#a )"/>
                  <use xlink:href="#keep"/>
                  <use href="http://evil/u.svg#a"/>
                  <image href="javascript:steal()"/>
                  <a href="http://evil/"><text>link</text></a>
                  <linearGradient id="g" xlink:href="http://evil/g.svg#a"/>
                  <animate attributeName="href" to="http://evil/"/>
                  <animate attributeName="x" to="5" onbegin="steal()"/>
                  <style>@import "http://evil/a.css";</style>
                  <style>rect { fill: red }</style>
                </svg>
                """);
        List<String> names = elements(doc).stream().map(Element::getLocalName).toList();
        assertThat(names).containsExactly("svg", "rect", "rect", "circle", "use", "a", "text", "linearGradient",
                "animate", "style");
        assertThat(attributes(doc)).containsExactlyInAnyOrder(
                "svg@xmlns=http://www.w3.org/2000/svg", "svg@xmlns:xlink=http://www.w3.org/1999/xlink",
                "svg@xmlns:x=urn:other", "svg@xml:space=preserve",
                "rect@id=keep", "rect@width=10", "rect@height=10", "rect@fill=url(#g)",
                "rect@width=10", "rect@height=10", "circle@r=3",
                "use@xlink:href=#keep", "linearGradient@id=g", "animate@attributeName=x", "animate@to=5");
        assertThat(doc.getDocumentElement().getLastChild().getPreviousSibling().getTextContent()).contains("fill: red");
    }
}
