package io.tokensense.internal.integration.langchain4j;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.tokensense.Attribution;
import io.tokensense.internal.pricing.TokenUsage;
import io.tokensense.internal.provider.ProviderAdapters;
import io.tokensense.internal.provider.ResultReading;
import io.tokensense.internal.support.Counts;
import org.jspecify.annotations.Nullable;

/**
 * Reads LangChain4j's requests, responses and errors in TokenSense's terms. Provider-specific
 * usage types ({@code OpenAiTokenUsage}, {@code AnthropicTokenUsage}) live in modules
 * TokenSense does not depend on, so their cache and reasoning counts are read by method name.
 * Every read is guarded: an odd response yields less, never an error.
 */
final class LangChain4jReadings {

	private static final Map<String, String> OPEN_TELEMETRY_NAMES = Map.ofEntries(Map.entry("OPEN_AI", "openai"),
			Map.entry("ANTHROPIC", "anthropic"), Map.entry("AZURE_OPEN_AI", "azure.ai.openai"),
			Map.entry("GOOGLE_AI_GEMINI", "gcp.gemini"), Map.entry("GOOGLE_GENAI", "gcp.gemini"),
			Map.entry("GOOGLE_VERTEX_AI_GEMINI", "gcp.vertex_ai"), Map.entry("GOOGLE_VERTEX_AI_ANTHROPIC", "gcp.vertex_ai"),
			Map.entry("AMAZON_BEDROCK", "aws.bedrock"), Map.entry("MISTRAL_AI", "mistral_ai"),
			Map.entry("OLLAMA", "ollama"), Map.entry("WATSONX", "ibm.watsonx.ai"), Map.entry("COHERE", "cohere"),
			Map.entry("GITHUB_MODELS", "github"), Map.entry("MICROSOFT_FOUNDRY", "azure.ai.inference"));

	private static final String STREAMING_CHAT_MODEL = "dev.langchain4j.model.chat.StreamingChatModel";

	private LangChain4jReadings() {
	}

	static String provider(@Nullable ModelProvider provider) {
		if (provider == null) {
			return "langchain4j";
		}
		return OPEN_TELEMETRY_NAMES.getOrDefault(provider.name(), provider.name().toLowerCase(Locale.ROOT));
	}

	static @Nullable String requestModel(@Nullable ChatRequest request) {
		try {
			return (request != null) ? request.modelName() : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	static @Nullable String prompt(@Nullable ChatRequest request) {
		return (request != null) ? String.valueOf(request.messages()) : null;
	}

	/**
	 * Whether the listener is being called by a streaming model: a listener is not told, but
	 * {@code StreamingChatModel.chat} is on the stack of its {@code onRequest}. A few frames,
	 * once per call, on a path that then sends an HTTP request.
	 */
	static boolean calledByStreamingModel() {
		return StackWalker.getInstance()
			.walk((frames) -> frames.limit(16).anyMatch((frame) -> frame.getClassName().equals(STREAMING_CHAT_MODEL)));
	}

	/** Attribution the listener attributes carry, see {@link TokenSenseChatModelListener#USER_ID}. */
	static Attribution attribution(@Nullable Map<Object, Object> attributes) {
		if (attributes == null || attributes.isEmpty()) {
			return Attribution.NONE;
		}
		Object user = attributes.get(TokenSenseChatModelListener.USER_ID);
		Object session = attributes.get(TokenSenseChatModelListener.SESSION_ID);
		Object tags = attributes.get(TokenSenseChatModelListener.TAGS);
		if (user == null && session == null && tags == null) {
			return Attribution.NONE;
		}
		return new Attribution((user != null) ? user.toString() : null, (session != null) ? session.toString() : null,
				tagsOf(tags));
	}

	private static List<String> tagsOf(@Nullable Object tags) {
		if (tags instanceof Collection<?> collection) {
			List<String> names = new ArrayList<>(collection.size());
			collection.forEach((tag) -> {
				if (tag != null && !names.contains(tag.toString())) {
					names.add(tag.toString());
				}
			});
			return names;
		}
		return (tags != null) ? List.of(tags.toString()) : List.of();
	}

	static ResultReading read(@Nullable ChatResponse response, @Nullable String provider, boolean withText) {
		if (response == null) {
			return ResultReading.EMPTY;
		}
		try {
			String text = (withText && response.aiMessage() != null) ? response.aiMessage().text() : null;
			return new ResultReading(blankToNull(response.modelName()), usage(response.tokenUsage(), provider),
					blankToNull(response.id()), text, null);
		}
		catch (RuntimeException | LinkageError ex) {
			return ResultReading.EMPTY;
		}
	}

	static @Nullable TokenUsage usage(dev.langchain4j.model.output.@Nullable TokenUsage usage,
			@Nullable String provider) {
		if (usage == null || (usage.inputTokenCount() == null && usage.outputTokenCount() == null)) {
			return null;
		}
		long input = countOf(usage.inputTokenCount());
		long output = countOf(usage.outputTokenCount());
		// OpenAiTokenUsage: cached tokens are inside the input count, reasoning inside the output
		long cacheRead = countOf(read(read(usage, "inputTokensDetails"), "cachedTokens"));
		long reasoning = countOf(read(read(usage, "outputTokensDetails"), "reasoningTokens"));
		long cacheWrite = 0;
		if ("anthropic".equals(provider)) {
			// AnthropicTokenUsage: input_tokens leave the cache reads and writes out
			cacheRead = countOf(read(usage, "cacheReadInputTokens"));
			cacheWrite = countOf(read(usage, "cacheCreationInputTokens"));
			input = Counts.saturatedAdd(Counts.saturatedAdd(input, cacheRead), cacheWrite);
		}
		return new TokenUsage(input, output, cacheRead, cacheWrite, 0, reasoning);
	}

	/**
	 * The HTTP status of a failed call: LangChain4j's {@code HttpException} (also as the cause of
	 * its mapped exceptions such as {@code RateLimitException}), or an SDK's own error.
	 */
	static @Nullable String httpStatus(Throwable error) {
		return ProviderAdapters.httpStatus(error, LangChain4jReadings::statusCode);
	}

	private static @Nullable Integer statusCode(Throwable error) {
		if (!error.getClass().getName().startsWith("dev.langchain4j.")) {
			return null;
		}
		return (read(error, "statusCode") instanceof Integer code) ? code : null;
	}

	/** The value of a public no-argument method, or {@code null} when there is none or it fails. */
	private static @Nullable Object read(@Nullable Object target, String method) {
		if (target == null) {
			return null;
		}
		try {
			Method accessor = target.getClass().getMethod(method);
			return accessor.invoke(target);
		}
		catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
			return null;
		}
	}

	private static long countOf(@Nullable Object count) {
		return (count instanceof Number number) ? Math.max(0, number.longValue()) : 0;
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
