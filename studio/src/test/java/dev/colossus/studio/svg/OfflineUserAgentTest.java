package dev.colossus.studio.svg;

import org.apache.batik.anim.dom.SAXSVGDocumentFactory;
import org.apache.batik.bridge.BridgeContext;
import org.apache.batik.bridge.GVTBuilder;
import org.apache.batik.util.XMLResourceDescriptor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;

import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;

/** Batik on its own, without the sanitiser in front: the user agent still lets nothing be fetched. */
class OfflineUserAgentTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "<image width='9' height='9' xlink:href='URL/a.png'/>",
            "<use xlink:href='URL/b.svg#a'/>",
            "<rect width='9' height='9' fill='url(URL/c.svg#a)'/>",
            "<rect width='9' height='9' filter='url(URL/d.svg#a)'/>",
            "<style>@import url(URL/e.css);</style><rect width='9' height='9'/>",
            "<script xlink:href='URL/f.js'/><rect width='9' height='9'/>",
    })
    void batikFetchesNothingEvenFromAnUnsanitisedDocument(String body) throws Exception {
        try (CountingServer server = new CountingServer()) {
            String svg = "<svg xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink' "
                    + "width='9' height='9'>" + body.replace("URL", server.url()) + "</svg>";
            Document doc = new SAXSVGDocumentFactory(XMLResourceDescriptor.getXMLParserClassName())
                    .createDocument("http://127.0.0.1/doc.svg", new StringReader(svg));
            OfflineUserAgent agent = new OfflineUserAgent(9, 9);
            BridgeContext context = new BridgeContext(agent);
            context.setDynamicState(BridgeContext.DYNAMIC);
            try {
                new GVTBuilder().build(context, doc);
            } catch (RuntimeException refused) {
                // a refused load may fail the build; what matters is that nothing was requested
            } finally {
                context.dispose();
            }
            assertThat(server.requests()).isZero();
        }
    }
}
