package io.tokensense.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback HTTP server (the JDK's) serving one price file at {@link #url()}, whose content the
 * test changes between reads. {@link #holdReplies()} makes it answer only once
 * {@link #releaseReplies()} is called (or the server is closed): a slow server, without sleeps.
 */
public final class PriceFileServer implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "price-file-server");
		thread.setDaemon(true);
		return thread;
	});

	private final AtomicInteger requests = new AtomicInteger();

	private volatile byte[] content = "{}".getBytes(StandardCharsets.UTF_8);

	private volatile CountDownLatch gate = new CountDownLatch(0);

	private final CountDownLatch firstRequest = new CountDownLatch(1);

	public PriceFileServer() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.setExecutor(this.executor);
		this.server.createContext("/prices.json", this::reply);
		this.server.start();
	}

	/** The file's address. */
	public URI url() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/prices.json");
	}

	/** Serves {@code content} from the next request on. */
	public PriceFileServer serve(byte[] content) {
		this.content = content;
		return this;
	}

	/** Serves {@code content} from the next request on. */
	public PriceFileServer serve(String content) {
		return serve(content.getBytes(StandardCharsets.UTF_8));
	}

	/** Requests from now on wait for {@link #releaseReplies()} before they are answered. */
	public PriceFileServer holdReplies() {
		this.gate = new CountDownLatch(1);
		return this;
	}

	/** Answers the held requests and the next ones at once. */
	public void releaseReplies() {
		this.gate.countDown();
	}

	/** How many requests arrived. */
	public int requests() {
		return this.requests.get();
	}

	/** Waits for the first request to arrive. */
	public boolean awaitFirstRequest(long seconds) throws InterruptedException {
		return this.firstRequest.await(seconds, TimeUnit.SECONDS);
	}

	private void reply(HttpExchange exchange) throws IOException {
		this.requests.incrementAndGet();
		this.firstRequest.countDown();
		try {
			this.gate.await(60, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		byte[] body = this.content;
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		try (OutputStream out = exchange.getResponseBody()) {
			exchange.sendResponseHeaders(200, body.length);
			out.write(body);
		}
		catch (IOException ex) {
			// the client gave up (timed out): nothing to answer
		}
	}

	@Override
	public void close() {
		this.gate.countDown();
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
