package io.tokensense.internal.provider;

import org.jspecify.annotations.Nullable;

/**
 * What both official SDKs share in shape: a sync and an async client interface, services
 * under one package, billed {@code create} and {@code createStreaming} methods, and the
 * same three kinds of wrapped results (streams, async streams, raw responses), each SDK with
 * its own types. Subclasses name those types and read the SDK-specific parts.
 */
public abstract class SdkAdapter implements ProviderAdapter {

	/** {@code <sdkPackage>.services.}, built once: service accessors are checked on every call. */
	private final String servicesPrefix;

	/** {@code <sdkPackage>.client.}, built once, as {@link #servicesPrefix}. */
	private final String clientPrefix;

	private final Class<?> client;

	private final Class<?> asyncClient;

	private final Class<?> stream;

	private final Class<?> asyncStream;

	private final Class<?> rawResponse;

	private final ServiceOperations createOperations;

	private final ServiceOperations streamingOperations;

	/**
	 * Describes an SDK.
	 * @param sdkPackage the SDK's root package, e.g. {@code com.openai}
	 * @param client the sync client interface
	 * @param asyncClient the async client interface
	 * @param stream the type {@code createStreaming} returns
	 * @param asyncStream the type an async {@code createStreaming} returns
	 * @param rawResponse the type {@code withRawResponse()} services return
	 * @param createOperations the services whose {@code create} is billed
	 * @param streamingOperations the services whose {@code createStreaming} is billed
	 */
	protected SdkAdapter(String sdkPackage, Class<?> client, Class<?> asyncClient, Class<?> stream,
			Class<?> asyncStream, Class<?> rawResponse, ServiceOperations createOperations,
			ServiceOperations streamingOperations) {
		this.servicesPrefix = sdkPackage + ".services.";
		this.clientPrefix = sdkPackage + ".client.";
		this.client = client;
		this.asyncClient = asyncClient;
		this.stream = stream;
		this.asyncStream = asyncStream;
		this.rawResponse = rawResponse;
		this.createOperations = createOperations;
		this.streamingOperations = streamingOperations;
	}

	@Override
	public boolean isClientInterface(Class<?> type) {
		return type == this.client || type == this.asyncClient;
	}

	@Override
	public boolean isServiceInterface(Class<?> type) {
		String name = type.getName();
		return type.isInterface() && (name.startsWith(this.servicesPrefix)
				|| name.startsWith(this.clientPrefix));
	}

	@Override
	public @Nullable String operationOf(Class<?> serviceInterface, String methodName) {
		return switch (methodName) {
			case "create" -> this.createOperations.createOperationOf(serviceInterface);
			case "createStreaming" -> this.streamingOperations.createOperationOf(serviceInterface);
			default -> null;
		};
	}

	@Override
	public boolean isStream(Class<?> type) {
		return this.stream.isAssignableFrom(type);
	}

	@Override
	public boolean isAsyncStream(Class<?> type) {
		return this.asyncStream.isAssignableFrom(type);
	}

	@Override
	public boolean isRawResponse(Class<?> type) {
		return this.rawResponse.isAssignableFrom(type);
	}

	@Override
	public @Nullable String baseUrl(Object client) {
		return BaseUrls.of(client);
	}

}
