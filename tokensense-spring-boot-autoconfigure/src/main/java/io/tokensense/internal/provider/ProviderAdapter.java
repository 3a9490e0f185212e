package io.tokensense.internal.provider;

import io.tokensense.internal.pricing.TokenUsage;
import org.jspecify.annotations.Nullable;

/**
 * Everything TokenSense knows about one SDK: which of its types are clients and services,
 * which service calls are billed operations, and how to read their requests, responses and
 * errors. Implementations must never throw from their read methods.
 */
public interface ProviderAdapter {

	/** The provider this SDK talks to by default: {@code openai} or {@code anthropic}. */
	String sdkProvider();

	/** Whether the type is one of this SDK's client interfaces. */
	boolean isClientInterface(Class<?> type);

	/** Whether an object returned by a client or service is itself one to observe. */
	boolean isServiceInterface(Class<?> type);

	/**
	 * The operation ({@code chat}, {@code messages}, ...) that a method of a service bills,
	 * or {@code null} when calls to it are not billed (listing, retrieving, counting tokens).
	 * @param serviceInterface the service interface the method was called through
	 * @param methodName the method's name ({@code create} or {@code createStreaming})
	 */
	@Nullable String operationOf(Class<?> serviceInterface, String methodName);

	/** The base URL the client sends requests to, read defensively; {@code null} if unknown. */
	@Nullable String baseUrl(Object client);

	/** The model a request asks for. */
	@Nullable String requestModel(@Nullable Object params);

	/** The request body as JSON, for prompt capture. */
	@Nullable String prompt(@Nullable Object params);

	/**
	 * Reads model, usage and id from a call's result.
	 * @param result what the SDK returned
	 * @param withText whether to read the generated text too
	 */
	ResultReading read(Object result, boolean withText);

	/**
	 * Reads a usage object of this SDK met outside a call TokenSense observed (e.g. the native
	 * usage a framework hands on): OpenAI's {@code CompletionUsage} or {@code ResponseUsage},
	 * Anthropic's {@code Usage}. {@code null} for any other object.
	 */
	default @Nullable TokenUsage readUsage(Object usage) {
		return null;
	}

	/**
	 * Whether the type is this SDK's blocking stream of a billed call (its {@code StreamResponse}),
	 * which {@code createStreaming} returns and TokenSense observes element by element.
	 */
	boolean isStream(Class<?> type);

	/** Whether the type is this SDK's {@code AsyncStreamResponse}, which async services stream with. */
	boolean isAsyncStream(Class<?> type);

	/** Whether the type is this SDK's {@code HttpResponseFor}, which {@code withRawResponse()} services return. */
	boolean isRawResponse(Class<?> type);

	/** The request id of a raw response, from its headers; {@code null} when absent or unreadable. */
	@Nullable String rawRequestId(Object rawResponse);

	/**
	 * The request of a {@code createStreaming} call, asking for usage in the stream when the
	 * provider needs to be asked and the caller did not say; any other request comes back as it is.
	 */
	@Nullable Object withStreamUsage(@Nullable Object params);

	/**
	 * A fresh reader of one stream's elements.
	 * @param withText whether to collect the generated text too
	 */
	StreamAccumulator newStreamAccumulator(boolean withText);

	/**
	 * The HTTP status of an SDK's service error as text (e.g. {@code 429}); {@code null} for other
	 * errors, and for an error event inside a stream that arrived with a successful status.
	 */
	@Nullable String httpStatus(Throwable error);

}
