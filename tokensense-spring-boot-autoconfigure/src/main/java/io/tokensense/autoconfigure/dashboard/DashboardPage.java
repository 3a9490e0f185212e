package io.tokensense.autoconfigure.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.util.HtmlUtils;

/**
 * The dashboard page and its two static files. The HTML is rendered per request with where
 * the endpoint answers, so a changed base path or exposure needs no change to the page.
 */
final class DashboardPage {

	private static final String LOCATION = "META-INF/tokensense/dashboard/";

	private static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);

	private final String path;

	private final String template;

	private final EndpointLocator locator;

	DashboardPage(String path, EndpointLocator locator) {
		this.path = normalize(path);
		this.template = read(new ClassPathResource(LOCATION + "index.html"));
		this.locator = locator;
	}

	RouterFunction<ServerResponse> routes() {
		return RouterFunctions.route()
			.GET(this.path, this::html)
			.GET(this.path + "/", this::html)
			.GET(this.path + "/dashboard.js", (request) -> asset("dashboard.js", "text/javascript"))
			.GET(this.path + "/dashboard.css", (request) -> asset("dashboard.css", "text/css"))
			.build();
	}

	private ServerResponse html(ServerRequest request) {
		// the servlet context path plus the dispatcher servlet's own prefix, under which the actuator answers too
		String prefix = request.requestPath().contextPath().value();
		EndpointLocation endpoint = this.locator.locate();
		String body = this.template.replace("{{base}}", HtmlUtils.htmlEscape(prefix + this.path))
			.replace("{{endpoint}}", (endpoint.path() != null) ? HtmlUtils.htmlEscape(prefix + endpoint.path()) : "")
			.replace("{{state}}", endpoint.state());
		return ServerResponse.ok().contentType(HTML).cacheControl(CacheControl.noStore()).body(body);
	}

	private static ServerResponse asset(String name, String type) {
		Resource resource = new ClassPathResource(LOCATION + name);
		return ServerResponse.ok()
			.contentType(new MediaType(MediaType.valueOf(type), StandardCharsets.UTF_8))
			.cacheControl(CacheControl.noCache())
			.body(resource);
	}

	/** {@code tokensense/}, {@code /tokensense/} and {@code /tokensense} all mean {@code /tokensense}. */
	static String normalize(String path) {
		String trimmed = path.trim();
		while (trimmed.endsWith("/")) {
			trimmed = trimmed.substring(0, trimmed.length() - 1);
		}
		if (trimmed.isEmpty()) {
			throw new IllegalStateException("tokensense.dashboard.path must name a path below the root, was '"
					+ path + "'");
		}
		return trimmed.startsWith("/") ? trimmed : "/" + trimmed;
	}

	private static String read(Resource resource) {
		try (InputStream in = resource.getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the dashboard page " + resource, ex);
		}
	}

}
