package io.tokensense.internal.provider.openai;

import java.util.Map;

import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientAsync;
import com.openai.core.ObjectMappers;
import com.openai.core.http.AsyncStreamResponse;
import com.openai.core.http.HttpResponse;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.ChatModel;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.StructuredChatCompletionCreateParams;
import com.openai.models.completions.CompletionCreateParams;
import com.openai.models.completions.CompletionUsage;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseUsage;
import com.openai.models.responses.StructuredResponseCreateParams;
import io.tokensense.internal.pricing.TokenUsage;
import io.tokensense.internal.provider.ResultReading;
import io.tokensense.internal.provider.SdkAdapter;
import io.tokensense.internal.provider.ServiceOperations;
import io.tokensense.internal.provider.StreamAccumulator;
import org.jspecify.annotations.Nullable;

/**
 * Observes the official {@code openai-java} SDK, and through it every OpenAI-compatible
 * host (Groq, DeepSeek, ...).
 */
public final class OpenAiAdapter extends SdkAdapter {

	private static final ServiceOperations OPERATIONS = new ServiceOperations(Map.of(
			"com.openai.services.blocking.chat.ChatCompletionService", "chat",
			"com.openai.services.blocking.ResponseService", "responses",
			"com.openai.services.blocking.EmbeddingService", "embeddings",
			"com.openai.services.blocking.CompletionService", "completions"));

	private static final ServiceOperations STREAMING_OPERATIONS = new ServiceOperations(Map.of(
			"com.openai.services.blocking.chat.ChatCompletionService", "chat",
			"com.openai.services.blocking.ResponseService", "responses",
			"com.openai.services.blocking.CompletionService", "completions"));

	private final OpenAiResultReader reader = new OpenAiResultReader();

	public OpenAiAdapter() {
		super("com.openai", OpenAIClient.class, OpenAIClientAsync.class, StreamResponse.class, AsyncStreamResponse.class,
				HttpResponseFor.class, OPERATIONS, STREAMING_OPERATIONS);
	}

	@Override
	public String sdkProvider() {
		return "openai";
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

	@Override
	public @Nullable Object withStreamUsage(@Nullable Object params) {
		return OpenAiStreamOptions.withUsage(params);
	}

	@Override
	public StreamAccumulator newStreamAccumulator(boolean withText) {
		return new OpenAiStreamReader(withText);
	}

	@Override
	public @Nullable String requestModel(@Nullable Object params) {
		try {
			if (params instanceof ChatCompletionCreateParams chat) {
				ChatModel model = OpenAiFields.value(chat._model());
				return (model != null) ? OpenAiModels.name(model) : null;
			}
			if (params instanceof StructuredChatCompletionCreateParams<?> structured) {
				return requestModel(structured.rawParams());
			}
			if (params instanceof ResponseCreateParams responses) {
				return responses._model().asKnown().map(OpenAiModels::name).orElse(null);
			}
			if (params instanceof StructuredResponseCreateParams<?> structured) {
				return requestModel(structured.rawParams());
			}
			if (params instanceof EmbeddingCreateParams embeddings) {
				return embeddings._model().asKnown().map(Object::toString).orElse(null);
			}
			if (params instanceof CompletionCreateParams completions) {
				return completions._model().asKnown().map(Object::toString).orElse(null);
			}
		}
		catch (RuntimeException ex) {
			// an odd request still gets an event, without its model
		}
		return null;
	}

	@Override
	public @Nullable String prompt(@Nullable Object params) {
		try {
			Object body = requestBody(params);
			return (body != null) ? ObjectMappers.jsonMapper().writeValueAsString(body) : null;
		}
		catch (Exception ex) {
			return null;
		}
	}

	private static @Nullable Object requestBody(@Nullable Object params) {
		if (params instanceof ChatCompletionCreateParams chat) {
			return chat._body();
		}
		if (params instanceof StructuredChatCompletionCreateParams<?> structured) {
			return structured.rawParams()._body();
		}
		if (params instanceof ResponseCreateParams responses) {
			return responses._body();
		}
		if (params instanceof EmbeddingCreateParams embeddings) {
			return embeddings._body();
		}
		if (params instanceof CompletionCreateParams completions) {
			return completions._body();
		}
		return null;
	}

	@Override
	public ResultReading read(Object result, boolean withText) {
		return this.reader.read(result, withText);
	}

	@Override
	public @Nullable TokenUsage readUsage(Object usage) {
		try {
			if (usage instanceof CompletionUsage completion) {
				return OpenAiResultReader.usage(completion);
			}
			if (usage instanceof ResponseUsage response) {
				return OpenAiResultReader.usage(response);
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
		return (error instanceof OpenAIServiceException service && service.statusCode() >= 400)
				? Integer.toString(service.statusCode()) : null;
	}

}
