package io.tokensense.testsupport;

import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.Model;
import com.openai.models.ChatModel;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;

/** Small requests of each SDK, for tests that need a call and not a particular prompt. */
public final class Requests {

	private Requests() {
	}

	public static ChatCompletionCreateParams openAiChat(String model) {
		return ChatCompletionCreateParams.builder().model(ChatModel.of(model)).addUserMessage("Say hello").build();
	}

	/** A chat request that asks the stream for usage ({@code stream_options.include_usage}). */
	public static ChatCompletionCreateParams openAiChatWithStreamUsage(String model) {
		return openAiChat(model).toBuilder()
			.streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
			.build();
	}

	public static MessageCreateParams anthropicMessage(String model) {
		return MessageCreateParams.builder().model(Model.of(model)).maxTokens(256).addUserMessage("Bonjour?").build();
	}

}
