package io.tokensense.autoconfigure.dashboard;

import io.tokensense.autoconfigure.actuate.TokenSenseEndpoint;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.core.env.Environment;

/**
 * Reads the endpoint's path from the actuator's own mapping of exposed web endpoints, which
 * already applies {@code management.endpoints.web.base-path}, path mappings and exposure.
 */
final class ActuatorEndpointLocator implements EndpointLocator {

	private static final EndpointId ID = EndpointId.of(TokenSenseEndpoint.class.getAnnotation(Endpoint.class).id());

	private final ObjectProvider<PathMappedEndpoints> endpoints;

	private final Environment environment;

	ActuatorEndpointLocator(ObjectProvider<PathMappedEndpoints> endpoints, Environment environment) {
		this.endpoints = endpoints;
		this.environment = environment;
	}

	@Override
	public EndpointLocation locate() {
		if (ManagementPortType.get(this.environment) == ManagementPortType.DIFFERENT) {
			return EndpointLocation.OTHER_PORT;
		}
		PathMappedEndpoints mapped = this.endpoints.getIfAvailable();
		String path = (mapped != null) ? mapped.getPath(ID) : null;
		return (path != null) ? EndpointLocation.exposed(path) : EndpointLocation.NOT_EXPOSED;
	}

}
