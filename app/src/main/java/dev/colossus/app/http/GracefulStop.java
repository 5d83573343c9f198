package dev.colossus.app.http;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.GracefulHandler;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Makes a server stop gracefully: on stop it no longer accepts connections, lets the requests in flight (streamed
 * answers included) finish for up to a timeout, and only then closes what is left.
 */
public final class GracefulStop {

    private GracefulStop() {
    }

    /**
     * For {@code JavalinConfig.jetty.modifyServer}: a stop waits up to {@code timeout} for requests in flight (zero:
     * it does not wait). Javalin places its handlers inside the graceful handler set here.
     */
    public static Consumer<Server> within(Duration timeout) {
        return server -> {
            server.setStopTimeout(timeout.toMillis());
            server.setHandler(new GracefulHandler());
        };
    }
}
