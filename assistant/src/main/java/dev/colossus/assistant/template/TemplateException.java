package dev.colossus.assistant.template;

/**
 * A chat template could not be rendered: either the template itself refused the conversation (its
 * {@code raise_exception(...)} was called, e.g. a model that has no system role) or the template is broken.
 */
public final class TemplateException extends RuntimeException {

    private final boolean raisedByTemplate;

    TemplateException(String message, boolean raisedByTemplate) {
        super(message);
        this.raisedByTemplate = raisedByTemplate;
    }

    /** True when the template called {@code raise_exception}: the conversation, not the template, is at fault. */
    public boolean raisedByTemplate() {
        return raisedByTemplate;
    }
}
