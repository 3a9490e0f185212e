package io.tokensense.autoconfigure.dashboard;

import org.jspecify.annotations.Nullable;

/**
 * Where the page finds the {@code tokensense} endpoint, or why it cannot.
 *
 * @param state {@code exposed}, {@code not-exposed}, {@code other-port} (the actuator answers
 * on {@code management.server.port}, out of the page's reach) or {@code no-actuator}
 * @param path the endpoint's path relative to the dispatcher servlet when exposed
 */
record EndpointLocation(String state, @Nullable String path) {

	static final EndpointLocation NO_ACTUATOR = new EndpointLocation("no-actuator", null);

	static final EndpointLocation NOT_EXPOSED = new EndpointLocation("not-exposed", null);

	static final EndpointLocation OTHER_PORT = new EndpointLocation("other-port", null);

	static EndpointLocation exposed(String path) {
		return new EndpointLocation("exposed", path);
	}

}
