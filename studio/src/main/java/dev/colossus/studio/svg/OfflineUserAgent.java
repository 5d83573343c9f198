package dev.colossus.studio.svg;

import org.apache.batik.bridge.ExternalResourceSecurity;
import org.apache.batik.bridge.ScriptSecurity;
import org.apache.batik.bridge.UserAgentAdapter;
import org.apache.batik.util.ParsedURL;

import java.awt.geom.Dimension2D;
import java.awt.Dimension;

/**
 * Batik's view of the outside world while rendering: a viewport of the output size, no scripts, and no loading of any
 * resource except {@code data:} URIs (the sanitiser already removed other references; this makes sure nothing slips
 * through). The first error Batik reports is kept for the caller to throw. One per render; not thread-safe.
 */
final class OfflineUserAgent extends UserAgentAdapter {
    private static final ScriptSecurity NO_SCRIPTS = new ScriptSecurity() {
        @Override
        public void checkLoadScript() {
            throw new SecurityException("scripts are not run");
        }
    };

    private final Dimension viewport;
    private Exception firstError;

    OfflineUserAgent(int width, int height) {
        this.viewport = new Dimension(width, height);
        addStdFeatures();
    }

    @Override
    public Dimension2D getViewportSize() {
        return viewport;
    }

    @Override
    public ScriptSecurity getScriptSecurity(String scriptType, ParsedURL scriptURL, ParsedURL docURL) {
        return NO_SCRIPTS;
    }

    @Override
    public void checkLoadScript(String scriptType, ParsedURL scriptURL, ParsedURL docURL) {
        NO_SCRIPTS.checkLoadScript();
    }

    @Override
    public ExternalResourceSecurity getExternalResourceSecurity(ParsedURL resourceURL, ParsedURL docURL) {
        return new DataOnly(resourceURL);
    }

    @Override
    public void checkLoadExternalResource(ParsedURL resourceURL, ParsedURL docURL) {
        new DataOnly(resourceURL).checkLoadExternalResource();
    }

    @Override
    public void loadDocument(String url) {
        throw new SecurityException("no documents are loaded: " + url);
    }

    @Override
    public void displayError(Exception e) {
        if (firstError == null) firstError = e;
    }

    @Override
    public void displayError(String message) {
        displayError(new Exception(message));
    }

    /** The first error Batik reported, or null. */
    Exception firstError() {
        return firstError;
    }

    private record DataOnly(ParsedURL url) implements ExternalResourceSecurity {
        @Override
        public void checkLoadExternalResource() {
            if (url == null || !"data".equalsIgnoreCase(url.getProtocol())) {
                throw new SecurityException("external resources are not loaded: " + url);
            }
        }
    }
}
