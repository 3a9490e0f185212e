package io.tokensense.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * A provider stand-in on 127.0.0.1: it answers each request with the next queued reply (or
 * the default one) and remembers what it was asked. The real SDK clients talk to it over
 * HTTP exactly as they would to the provider.
 */
public final class LoopbackServer implements AutoCloseable {

	private final HttpServer server;

	private final BlockingQueue<Reply> replies = new LinkedBlockingQueue<>();

	private final List<Recorded> requests = new CopyOnWriteArrayList<>();

	private final AtomicReference<@Nullable Hold> nextHold = new AtomicReference<>();

	private volatile Reply defaultReply = Reply.json(500, "{\"error\":{\"message\":\"no reply queued\"}}");

	public LoopbackServer() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot open a loopback port", ex);
		}
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	/** {@code http://127.0.0.1:PORT} followed by the path. */
	public String url(String path) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
	}

	public LoopbackServer enqueue(Reply reply) {
		this.replies.add(reply);
		return this;
	}

	/** The reply for every request once the queue is empty. */
	public LoopbackServer always(Reply reply) {
		this.defaultReply = reply;
		return this;
	}

	/**
	 * Makes the next request wait, unanswered, until the returned hold is released, so a
	 * test can act (cancel, close) while the call is surely still in flight.
	 */
	public Hold holdNext() {
		Hold hold = new Hold();
		this.nextHold.set(hold);
		return hold;
	}

	public List<Recorded> requests() {
		return List.copyOf(this.requests);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange; InputStream in = exchange.getRequestBody()) {
			String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			this.requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), body,
					exchange.getRequestHeaders().getFirst("Authorization"),
					new java.util.TreeMap<>(exchange.getRequestHeaders()).toString()));
			Hold hold = this.nextHold.getAndSet(null);
			if (hold != null) {
				hold.park();
			}
			Reply reply = this.replies.poll();
			if (reply == null) {
				reply = this.defaultReply;
			}
			byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", reply.contentType());
			exchange.getResponseHeaders().add("x-request-id", "req_loopback");
			exchange.sendResponseHeaders(reply.status(), (bytes.length == 0) ? -1 : bytes.length);
			if (bytes.length > 0) {
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(bytes);
				}
			}
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/** One canned HTTP reply. */
	public record Reply(int status, String contentType, String body) {

		public static Reply json(String body) {
			return json(200, body);
		}

		public static Reply json(int status, String body) {
			return new Reply(status, "application/json", body);
		}

	}

	/** One request the server received. */
	public record Recorded(String method, String path, String body, String authorization, String headers) {
	}

}
