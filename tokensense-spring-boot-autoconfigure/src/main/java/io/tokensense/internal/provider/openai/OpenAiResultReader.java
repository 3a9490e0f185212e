package io.tokensense.internal.provider.openai;

import java.util.Map;
import java.util.function.Function;

import com.openai.core.JsonField;
import com.openai.core.JsonValue;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.StructuredChatCompletion;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionUsage;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseUsage;
import com.openai.models.responses.StructuredResponse;
import io.tokensense.internal.pricing.TokenUsage;
import io.tokensense.internal.provider.ResultReading;
import org.jspecify.annotations.Nullable;

/**
 * The one place that reads OpenAI results: chat completions (plain and structured),
 * responses, embeddings and legacy completions. {@code prompt_tokens} already includes
 * cached tokens and {@code completion_tokens} includes reasoning, which is exactly the
 * {@link TokenUsage} meaning. Every read is guarded.
 */
final class OpenAiResultReader {

	ResultReading read(Object result, boolean withText) {
		try {
			if (result instanceof ChatCompletion completion) {
				return chat(completion, withText);
			}
			if (result instanceof StructuredChatCompletion<?> structured) {
				return chat(structured.rawChatCompletion(), withText);
			}
			if (result instanceof Response response) {
				return response(response);
			}
			if (result instanceof StructuredResponse<?> structured) {
				return response(structured.rawResponse());
			}
			if (result instanceof CreateEmbeddingResponse embeddings) {
				return embeddings(embeddings);
			}
			if (result instanceof Completion completion) {
				return new ResultReading(OpenAiFields.known(completion._model()).orElse(null),
						OpenAiFields.known(completion._usage()).map(OpenAiResultReader::usage).orElse(null),
						OpenAiFields.known(completion._id()).orElse(null), null, null);
			}
		}
		catch (RuntimeException ex) {
			// fall through: an unreadable result still yields an event
		}
		return ResultReading.EMPTY;
	}

	/** Model, id, usage and text are each read on their own: one odd field costs only itself. */
	private static ResultReading chat(ChatCompletion completion, boolean withText) {
		return new ResultReading(OpenAiFields.value(completion._model()), chatUsage(completion),
				OpenAiFields.value(completion._id()), withText ? chatText(completion) : null,
				completion._additionalProperties().containsKey("x_groq") ? "groq" : null,
				serviceTier(completion, (ChatCompletion chat) -> chat._serviceTier(),
						(ChatCompletion.ServiceTier tier) -> tier._value()));
	}

	/**
	 * The tier's name as the provider wrote it, read from the enum's own JSON value: the SDK's
	 * {@code toString()} goes through a generic deep-to-string on every call. The SDK's tier
	 * types share no interface, so the two reads come as functions; they run inside the guard,
	 * so an SDK without the field costs only the tier. Non-capturing lambdas: nothing allocated.
	 */
	private static <R, T> @Nullable String serviceTier(R result, Function<R, @Nullable JsonField<T>> field,
			Function<T, @Nullable JsonField<String>> name) {
		try {
			T tier = OpenAiFields.value(field.apply(result));
			if (tier == null) {
				return null;
			}
			String value = OpenAiFields.value(name.apply(tier));
			return (value != null) ? value : tier.toString();
		}
		catch (RuntimeException | LinkageError ex) {
			return null;
		}
	}

	private static @Nullable TokenUsage chatUsage(ChatCompletion completion) {
		try {
			CompletionUsage reported = OpenAiFields.value(completion._usage());
			TokenUsage usage = (reported != null) ? usage(reported) : null;
			return (usage != null) ? usage : groqUsage(completion._additionalProperties());
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	static @Nullable TokenUsage usage(CompletionUsage usage) {
		if (!OpenAiFields.present(usage._promptTokens()) && !OpenAiFields.present(usage._completionTokens())) {
			return null;
		}
		CompletionUsage.PromptTokensDetails prompt = OpenAiFields.value(usage._promptTokensDetails());
		CompletionUsage.CompletionTokensDetails completion = OpenAiFields.value(usage._completionTokensDetails());
		long cached = (prompt != null) ? OpenAiFields.count(prompt._cachedTokens()) : 0;
		long reasoning = (completion != null) ? OpenAiFields.count(completion._reasoningTokens()) : 0;
		return new TokenUsage(OpenAiFields.count(usage._promptTokens()), OpenAiFields.count(usage._completionTokens()),
				cached, 0, 0, reasoning);
	}

	/** Groq may report usage only under {@code x_groq.usage}. */
	static @Nullable TokenUsage groqUsage(Map<String, JsonValue> additionalProperties) {
		Map<String, JsonValue> usage = OpenAiFields.asObject(OpenAiFields.asObject(additionalProperties.get("x_groq")).get("usage"));
		if (!usage.containsKey("prompt_tokens") && !usage.containsKey("completion_tokens")) {
			return null;
		}
		return TokenUsage.of(OpenAiFields.countOf(usage.get("prompt_tokens")).orElse(0L),
				OpenAiFields.countOf(usage.get("completion_tokens")).orElse(0L));
	}

	private static @Nullable String chatText(ChatCompletion completion) {
		try {
			return OpenAiFields.known(completion._choices())
				.filter((choices) -> !choices.isEmpty())
				.flatMap((choices) -> choices.get(0)._message().asKnown())
				.flatMap((message) -> message._content().asKnown())
				.orElse(null);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	static ResultReading response(Response response) {
		TokenUsage usage = responseUsage(response);
		String model = responseModel(response);
		// the generated text of a Responses call is not captured yet: its output items need a walker of their own
		return new ResultReading(model, usage, OpenAiFields.known(response._id()).orElse(null), null, null,
				serviceTier(response, (Response read) -> read._serviceTier(),
						(Response.ServiceTier tier) -> tier._value()));
	}

	private static @Nullable TokenUsage responseUsage(Response response) {
		try {
			ResponseUsage usage = OpenAiFields.value(response._usage());
			return (usage != null) ? usage(usage) : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static @Nullable String responseModel(Response response) {
		try {
			return OpenAiFields.known(response._model()).map(OpenAiModels::name).orElse(null);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	static @Nullable TokenUsage usage(ResponseUsage usage) {
		if (!OpenAiFields.present(usage._inputTokens()) && !OpenAiFields.present(usage._outputTokens())) {
			return null;
		}
		long cached = OpenAiFields.known(usage._inputTokensDetails())
			.map((details) -> OpenAiFields.count(details._cachedTokens()))
			.orElse(0L);
		long reasoning = OpenAiFields.known(usage._outputTokensDetails())
			.map((details) -> OpenAiFields.count(details._reasoningTokens()))
			.orElse(0L);
		return new TokenUsage(OpenAiFields.count(usage._inputTokens()), OpenAiFields.count(usage._outputTokens()),
				cached, 0, 0, reasoning);
	}

	private static ResultReading embeddings(CreateEmbeddingResponse response) {
		TokenUsage usage = OpenAiFields.known(response._usage())
			.filter((u) -> OpenAiFields.present(u._promptTokens()))
			.map((u) -> TokenUsage.of(OpenAiFields.count(u._promptTokens()), 0))
			.orElse(null);
		return new ResultReading(OpenAiFields.known(response._model()).orElse(null), usage, null, null, null);
	}

}
