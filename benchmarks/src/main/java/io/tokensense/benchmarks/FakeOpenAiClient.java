package io.tokensense.benchmarks;

import java.lang.reflect.Proxy;
import java.util.function.Consumer;

import com.openai.client.OpenAIClient;
import com.openai.core.ClientOptions;
import com.openai.core.RequestOptions;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionDeleteParams;
import com.openai.models.chat.completions.ChatCompletionDeleted;
import com.openai.models.chat.completions.ChatCompletionListPage;
import com.openai.models.chat.completions.ChatCompletionListParams;
import com.openai.models.chat.completions.ChatCompletionRetrieveParams;
import com.openai.models.chat.completions.ChatCompletionUpdateParams;
import com.openai.services.blocking.ChatService;
import com.openai.services.blocking.chat.ChatCompletionService;
import com.openai.services.blocking.chat.completions.MessageService;

/**
 * An {@link OpenAIClient} with no HTTP and no JSON: {@code chat().completions().create(...)}
 * returns one pre-parsed {@link ChatCompletion}. Observing it measures the observer's own
 * work and nothing of the SDK's. Only the chat completions path is implemented.
 */
final class FakeOpenAiClient {

	private FakeOpenAiClient() {
	}

	static OpenAIClient answering(ChatCompletion completion) {
		ChatService chat = new Chat(new Completions(completion));
		return (OpenAIClient) Proxy.newProxyInstance(OpenAIClient.class.getClassLoader(),
				new Class<?>[] { OpenAIClient.class }, (proxy, method, args) -> switch (method.getName()) {
					case "chat" -> chat;
					case "hashCode" -> System.identityHashCode(proxy);
					case "equals" -> proxy == args[0];
					case "toString" -> "FakeOpenAiClient";
					default -> throw new UnsupportedOperationException(method.getName());
				});
	}

	private record Chat(ChatCompletionService completions) implements ChatService {

		@Override
		public ChatService.WithRawResponse withRawResponse() {
			throw new UnsupportedOperationException();
		}

		@Override
		public ChatService withOptions(Consumer<ClientOptions.Builder> modifier) {
			throw new UnsupportedOperationException();
		}

	}

	private record Completions(ChatCompletion completion) implements ChatCompletionService {

		@Override
		public ChatCompletion create(ChatCompletionCreateParams params, RequestOptions requestOptions) {
			return this.completion;
		}

		@Override
		public ChatCompletionService.WithRawResponse withRawResponse() {
			throw new UnsupportedOperationException();
		}

		@Override
		public ChatCompletionService withOptions(Consumer<ClientOptions.Builder> modifier) {
			throw new UnsupportedOperationException();
		}

		@Override
		public MessageService messages() {
			throw new UnsupportedOperationException();
		}

		@Override
		public StreamResponse<ChatCompletionChunk> createStreaming(ChatCompletionCreateParams params,
				RequestOptions requestOptions) {
			throw new UnsupportedOperationException();
		}

		@Override
		public ChatCompletion retrieve(ChatCompletionRetrieveParams params, RequestOptions requestOptions) {
			throw new UnsupportedOperationException();
		}

		@Override
		public ChatCompletion update(ChatCompletionUpdateParams params, RequestOptions requestOptions) {
			throw new UnsupportedOperationException();
		}

		@Override
		public ChatCompletionListPage list(ChatCompletionListParams params, RequestOptions requestOptions) {
			throw new UnsupportedOperationException();
		}

		@Override
		public ChatCompletionDeleted delete(ChatCompletionDeleteParams params, RequestOptions requestOptions) {
			throw new UnsupportedOperationException();
		}

	}

}
