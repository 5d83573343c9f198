package dev.colossus.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A remote OpenAI-compatible model over real HTTP whose answers are scripted: {@code answer} maps each request's
 * messages to the text streamed back. A request that offers {@code tools} is answered whole ({@code stream: false}):
 * {@code toolCall} maps its messages to the arguments (JSON text) of a call of the first tool, or to null for a plain
 * "none" answer. Every request body is kept for the test to inspect.
 */
public final class ScriptedModelServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    public final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final HttpServer http;

    public ScriptedModelServer(Function<JsonNode, String> answer) {
        this(answer, messages -> null);
    }

    public ScriptedModelServer(Function<JsonNode, String> answer, Function<JsonNode, String> toolCall) {
        try {
            http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        http.createContext("/v1/chat/completions", exchange -> {
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            requests.add(request);
            if (request.has("tools")) {
                String arguments = toolCall.apply(request.get("messages"));
                JsonNode message = arguments == null
                        ? JSON.createObjectNode().put("role", "assistant").put("content", "none")
                        : JSON.createObjectNode().put("role", "assistant").putNull("content").set("tool_calls",
                                JSON.createArrayNode().add(JSON.createObjectNode().put("id", "call_1").put("type", "function")
                                        .set("function", JSON.createObjectNode()
                                                .put("name", request.get("tools").get(0).get("function").get("name").asText())
                                                .put("arguments", arguments))));
                byte[] body = JSON.createObjectNode().set("choices", JSON.createArrayNode().add(JSON.createObjectNode()
                        .put("index", 0).put("finish_reason", arguments == null ? "stop" : "tool_calls")
                        .set("message", message))).toString().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
                return;
            }
            String text = answer.apply(request.get("messages"));
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                // Two pieces, then the finish and usage, as a streaming server sends them.
                int half = text.length() / 2;
                for (String piece : List.of(text.substring(0, half), text.substring(half))) {
                    String chunk = JSON.createObjectNode().set("choices", JSON.createArrayNode().add(
                            JSON.createObjectNode().put("index", 0).set("delta",
                                    JSON.createObjectNode().put("content", piece)))).toString();
                    out.write(("data: " + chunk + "\n\n").getBytes(StandardCharsets.UTF_8));
                }
                out.write(("data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
                        + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":5,\"total_tokens\":15}}\n\n"
                        + "data: [DONE]\n\n").getBytes(StandardCharsets.UTF_8));
            }
        });
        http.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/v1";
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
