package dev.colossus.app.http;

import dev.colossus.assistant.backend.Cancellation;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A server-sent event stream on a response, flushed event by event. When the client has gone (a write fails) it
 * cancels the generation it belongs to and throws {@link ClientGone}, which unwinds the backend's loop.
 */
final class SseStream {

    /** The client disconnected; the generation was cancelled. */
    static final class ClientGone extends RuntimeException {
        ClientGone() {
            super("client disconnected", null, false, false);
        }
    }

    private final OutputStream out;
    private final Cancellation cancel;

    SseStream(HttpServletResponse response, Cancellation cancel) throws IOException {
        response.setStatus(200);
        response.setContentType("text/event-stream; charset=utf-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        this.out = response.getOutputStream();
        this.cancel = cancel;
    }

    /** Sends one {@code data:} event. */
    void send(String data) {
        if (cancel.isCancelled()) throw new ClientGone();
        try {
            out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            cancel.cancel();
            throw new ClientGone();
        }
    }
}
