package io.tokensense.internal.integration.springai;

import io.tokensense.internal.pricing.TokenUsage;
import io.tokensense.internal.provider.ProviderAdapters;
import io.tokensense.internal.provider.ResultReading;
import io.tokensense.internal.support.Counts;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.embedding.EmbeddingOptions;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.embedding.EmbeddingResponseMetadata;

/**
 * Reads Spring AI's requests and responses in TokenSense's terms. Usage comes from the
 * provider's own usage object when Spring AI hands it on and TokenSense knows its SDK (cache
 * and reasoning tokens included), else from Spring AI's prompt, completion and cache counts;
 * Spring AI's Anthropic prompt count leaves the cache reads and writes out, so they are added
 * to make the input total. Every read is guarded: an odd response yields less, never an error.
 */
final class SpringAiReadings {

	private SpringAiReadings() {
	}

	/** The model of the request: Spring AI has already merged the per-call options over the defaults. */
	static @Nullable String requestModel(@Nullable Prompt prompt) {
		try {
			ChatOptions options = (prompt != null) ? prompt.getOptions() : null;
			return (options != null) ? options.getModel() : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	static @Nullable String requestModel(@Nullable EmbeddingRequest request) {
		try {
			EmbeddingOptions options = (request != null) ? request.getOptions() : null;
			return (options != null) ? options.getModel() : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	static @Nullable String prompt(@Nullable Prompt prompt) {
		return (prompt != null) ? prompt.getContents() : null;
	}

	static ResultReading read(@Nullable Object response, @Nullable String provider, boolean withText) {
		try {
			if (response instanceof ChatResponse chat) {
				ChatResponseMetadata metadata = chat.getMetadata();
				return new ResultReading(blankToNull(metadata.getModel()), usage(metadata.getUsage(), provider),
						blankToNull(metadata.getId()), withText ? text(chat) : null, null);
			}
			if (response instanceof EmbeddingResponse embeddings) {
				EmbeddingResponseMetadata metadata = embeddings.getMetadata();
				return new ResultReading(blankToNull(metadata.getModel()), usage(metadata.getUsage(), provider), null,
						null, null);
			}
		}
		catch (RuntimeException | LinkageError ex) {
			// fall through: the call still counts, without what the response would have told
		}
		return ResultReading.EMPTY;
	}

	static @Nullable TokenUsage usage(@Nullable Usage usage, @Nullable String provider) {
		if (usage == null) {
			return null;
		}
		TokenUsage nativeUsage = ProviderAdapters.readUsage(usage.getNativeUsage());
		if (nativeUsage != null) {
			return nativeUsage;
		}
		Integer prompt = usage.getPromptTokens();
		Integer completion = usage.getCompletionTokens();
		if ((prompt == null || prompt == 0) && (completion == null || completion == 0)) {
			// Spring AI reports an empty usage (0 / 0) when the provider sent none
			return null;
		}
		long cacheRead = countOf(usage.getCacheReadInputTokens());
		long cacheWrite = countOf(usage.getCacheWriteInputTokens());
		long input = countOf(prompt);
		if ("anthropic".equals(provider)) {
			input = Counts.saturatedAdd(Counts.saturatedAdd(input, cacheRead), cacheWrite);
		}
		return new TokenUsage(input, countOf(completion), cacheRead, cacheWrite, 0, 0);
	}

	private static long countOf(@Nullable Number count) {
		return (count != null) ? Math.max(0, count.longValue()) : 0;
	}

	private static @Nullable String text(ChatResponse chat) {
		Generation generation = chat.getResult();
		return (generation != null && generation.getOutput() != null) ? generation.getOutput().getText() : null;
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
