package io.tokensense.internal.provider.openai;

import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import org.jspecify.annotations.Nullable;

/**
 * The {@code tokensense.streaming.include-usage} opt-in: a streamed chat completion carries
 * usage only when the request sets {@code stream_options.include_usage}. The option is added
 * only where the caller left it unset; an explicit {@code false} and every other stream option
 * the caller chose are kept.
 */
final class OpenAiStreamOptions {

	private OpenAiStreamOptions() {
	}

	static @Nullable Object withUsage(@Nullable Object params) {
		if (!(params instanceof ChatCompletionCreateParams chat)) {
			return params;
		}
		try {
			ChatCompletionStreamOptions current = chat.streamOptions().orElse(null);
			if (current != null && !current._includeUsage().isMissing()) {
				return params;
			}
			ChatCompletionStreamOptions.Builder options = (current != null) ? current.toBuilder()
					: ChatCompletionStreamOptions.builder();
			return chat.toBuilder().streamOptions(options.includeUsage(true).build()).build();
		}
		catch (RuntimeException | LinkageError ex) {
			// a request that cannot be rebuilt goes out as the caller wrote it
			return params;
		}
	}

}
