package io.tokensense.sample;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fake LLM provider on loopback, so the sample runs without API keys. It answers in the
 * shapes the real SDKs parse:
 * <ul>
 * <li>{@code POST /openai/v1/chat/completions}: an OpenAI chat completion;</li>
 * <li>{@code POST /groq/openai/v1/chat/completions}: the same, with Groq's extra fields;</li>
 * <li>{@code POST /anthropic/v1/messages}: an Anthropic message.</li>
 * </ul>
 * Token counts are derived from the request and the reply, so every run costs the same.
 */
public class FakeProviderServer {

	private static final Logger logger = LoggerFactory.getLogger(FakeProviderServer.class);

	private static final String LOOPBACK = "127.0.0.1";

	/** A model the fake answers with HTTP 429, as an overloaded provider would. */
	static final String FAILING_MODEL = "demo-overloaded";

	private final ObjectMapper mapper = new ObjectMapper();

	private final FakeReplies replies = new FakeReplies(this.mapper);

	private @Nullable HttpServer server;

	private @Nullable ExecutorService executor;

	/** Binds a free loopback port and starts answering. */
	public synchronized void start() throws IOException {
		if (this.server != null) {
			return;
		}
		HttpServer server = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 0);
		route(server, "/openai/v1/chat/completions", this.replies::openAiChatCompletion);
		route(server, "/groq/openai/v1/chat/completions", this.replies::groqChatCompletion);
		route(server, "/anthropic/v1/messages", this.replies::anthropicMessage);
		server.createContext("/", (exchange) -> reply(exchange, 404, error("No fake endpoint at " + exchange.getRequestURI().getPath())));
		this.executor = Executors.newFixedThreadPool(4, (task) -> {
			Thread thread = new Thread(task, "fake-llm-provider");
			thread.setDaemon(true);
			return thread;
		});
		server.setExecutor(this.executor);
		server.start();
		this.server = server;
		logger.info("Fake LLM provider listening on {}", baseUrl());
	}

	/** Stops answering and frees the port. */
	public synchronized void stop() {
		if (this.server != null) {
			this.server.stop(0);
			this.server = null;
		}
		if (this.executor != null) {
			this.executor.shutdownNow();
			this.executor = null;
		}
	}

	/** The root URL of the running server, e.g. {@code http://127.0.0.1:54321}. */
	public synchronized String baseUrl() {
		if (this.server == null) {
			throw new IllegalStateException("Fake provider server is not running");
		}
		return "http://" + LOOPBACK + ":" + this.server.getAddress().getPort();
	}

	private void route(HttpServer server, String path, Function<JsonNode, ObjectNode> answer) {
		server.createContext(path, (exchange) -> {
			// contexts match by prefix: answer only the exact path, as the real APIs do
			if (!path.equals(exchange.getRequestURI().getPath())) {
				reply(exchange, 404, error("No fake endpoint at " + exchange.getRequestURI().getPath()));
			}
			else if (!"POST".equals(exchange.getRequestMethod())) {
				reply(exchange, 405, error("Use POST"));
			}
			else {
				answer(exchange, answer);
			}
		});
	}

	private void answer(HttpExchange exchange, Function<JsonNode, ObjectNode> answer) throws IOException {
		JsonNode request;
		try {
			request = this.mapper.readTree(exchange.getRequestBody());
		}
		catch (JsonProcessingException ex) {
			reply(exchange, 400, error("Request body is not JSON"));
			return;
		}
		if (FAILING_MODEL.equals(request.path("model").asText())) {
			// lets the demo traffic show failed calls on the dashboard
			reply(exchange, 429, error("The fake provider refuses model " + FAILING_MODEL));
			return;
		}
		reply(exchange, 200, answer.apply(request));
	}

	private ObjectNode error(String message) {
		ObjectNode body = this.mapper.createObjectNode();
		body.put("type", "error");
		body.putObject("error").put("type", "invalid_request_error").put("message", message);
		return body;
	}

	private void reply(HttpExchange exchange, int status, ObjectNode body) throws IOException {
		try {
			byte[] bytes = this.mapper.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(status, bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
		finally {
			exchange.close();
		}
	}

}
