package io.tokensense.internal.provider.anthropic;

import java.util.Map;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.AnthropicClientAsync;
import com.anthropic.core.ObjectMappers;
import com.anthropic.core.http.AsyncStreamResponse;
import com.anthropic.core.http.HttpResponse;
import com.anthropic.core.http.HttpResponseFor;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.models.beta.messages.BetaUsage;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.Model;
import com.anthropic.models.messages.StructuredMessageCreateParams;
import com.anthropic.models.messages.Usage;
import com.anthropic.models.messages.batches.BatchCreateParams;
import io.tokensense.internal.pricing.TokenUsage;
import io.tokensense.internal.provider.ResultReading;
import io.tokensense.internal.provider.SdkAdapter;
import io.tokensense.internal.provider.ServiceOperations;
import io.tokensense.internal.provider.StreamAccumulator;
import org.jspecify.annotations.Nullable;

/**
 * Observes the official {@code anthropic-java} SDK. {@code countTokens} is not a billed call
 * and is not observed; creating a message batch is recorded as a {@code batches} operation
 * without tokens.
 */
public final class AnthropicAdapter extends SdkAdapter {

	private static final ServiceOperations OPERATIONS = new ServiceOperations(Map.of(
			"com.anthropic.services.blocking.MessageService", "messages",
			"com.anthropic.services.blocking.beta.MessageService", "messages",
			"com.anthropic.services.blocking.messages.BatchService", "batches",
			"com.anthropic.services.blocking.beta.messages.BatchService", "batches"));

	private static final ServiceOperations STREAMING_OPERATIONS = new ServiceOperations(Map.of(
			"com.anthropic.services.blocking.MessageService", "messages",
			"com.anthropic.services.blocking.beta.MessageService", "messages"));

	private final AnthropicResultReader reader = new AnthropicResultReader();

	public AnthropicAdapter() {
		super("com.anthropic", AnthropicClient.class, AnthropicClientAsync.class, StreamResponse.class,
				AsyncStreamResponse.class, HttpResponseFor.class, OPERATIONS, STREAMING_OPERATIONS);
	}

	@Override
	public String sdkProvider() {
		return "anthropic";
	}

	@Override
	public @Nullable String rawRequestId(Object rawResponse) {
		try {
			return (rawResponse instanceof HttpResponse http) ? http.requestId().orElse(null) : null;
		}
		catch (RuntimeException | LinkageError ex) {
			return null;
		}
	}

	/** Anthropic streams always carry usage: nothing to ask for. */
	@Override
	public @Nullable Object withStreamUsage(@Nullable Object params) {
		return params;
	}

	@Override
	public StreamAccumulator newStreamAccumulator(boolean withText) {
		return new AnthropicStreamReader(withText);
	}

	@Override
	public @Nullable String requestModel(@Nullable Object params) {
		try {
			if (params instanceof MessageCreateParams message) {
				return message._model().asKnown().map(Model::asString).orElse(null);
			}
			if (params instanceof StructuredMessageCreateParams<?> structured) {
				return requestModel(structured.rawParams());
			}
			if (params instanceof com.anthropic.models.beta.messages.MessageCreateParams beta) {
				return beta._model().asKnown().map(Model::asString).orElse(null);
			}
			if (params instanceof com.anthropic.models.beta.messages.StructuredMessageCreateParams<?> structured) {
				return requestModel(structured.rawParams());
			}
		}
		catch (RuntimeException | LinkageError ex) {
			// an odd request still gets an event, without its model
		}
		return null;
	}

	@Override
	public @Nullable String prompt(@Nullable Object params) {
		try {
			Object body = null;
			if (params instanceof MessageCreateParams message) {
				body = message._body();
			}
			else if (params instanceof StructuredMessageCreateParams<?> structured) {
				body = structured.rawParams()._body();
			}
			else if (params instanceof com.anthropic.models.beta.messages.MessageCreateParams beta) {
				body = beta._body();
			}
			else if (params instanceof com.anthropic.models.beta.messages.StructuredMessageCreateParams<?> structured) {
				body = structured.rawParams()._body();
			}
			else if (params instanceof BatchCreateParams batch) {
				body = batch._body();
			}
			return (body != null) ? ObjectMappers.jsonMapper().writeValueAsString(body) : null;
		}
		catch (Exception | LinkageError ex) {
			return null;
		}
	}

	@Override
	public ResultReading read(Object result, boolean withText) {
		return this.reader.read(result, withText);
	}

	@Override
	public @Nullable TokenUsage readUsage(Object usage) {
		try {
			if (usage instanceof Usage messages) {
				return AnthropicResultReader.usage(messages);
			}
			if (usage instanceof BetaUsage beta) {
				return AnthropicResultReader.usage(beta);
			}
		}
		catch (RuntimeException | LinkageError ex) {
			// an odd usage reads as none
		}
		return null;
	}

	@Override
	public @Nullable String httpStatus(Throwable error) {
		// an error event inside a stream arrives after a 200, which is no status to report
		return (error instanceof AnthropicServiceException service && service.statusCode() >= 400)
				? Integer.toString(service.statusCode()) : null;
	}

}
