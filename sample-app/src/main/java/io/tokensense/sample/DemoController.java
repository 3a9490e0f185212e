package io.tokensense.sample;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.anthropic.client.AnthropicClient;
import com.anthropic.errors.AnthropicException;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.TextBlock;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.errors.OpenAIException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.tokensense.CallEvent;
import io.tokensense.TokenSenseContext;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.util.MultiValueMap;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /demo/chat?provider=openai|anthropic|groq&user=NAME&session=ID&tag=TAG} makes one
 * call through the observed client (the body is the question: plain text, a form or {@code {"message": ...}}) and answers with the reply and its recorded cost;
 * {@code GET /demo/events} lists the recently recorded calls.
 */
@RestController
@RequestMapping("/demo")
public class DemoController {

	static final String DEFAULT_MESSAGE = "In one sentence, what does TokenSense do?";

	private static final Set<String> QUERY_PARAMETERS = Set.of("provider", "user", "session", "tag");

	private static final long ANTHROPIC_MAX_TOKENS = 256;

	private final ObjectMapper json = new ObjectMapper();

	private final OpenAIClient openAiClient;

	private final OpenAIClient groqClient;

	private final AnthropicClient anthropicClient;

	private final CallEventRecorder recorder;

	DemoController(@Qualifier("openAiClient") OpenAIClient openAiClient,
			@Qualifier("groqClient") OpenAIClient groqClient, AnthropicClient anthropicClient,
			CallEventRecorder recorder) {
		this.openAiClient = openAiClient;
		this.groqClient = groqClient;
		this.anthropicClient = anthropicClient;
		this.recorder = recorder;
	}

	@PostMapping("/chat")
	ChatReply chat(@RequestParam String provider, @RequestParam(defaultValue = "demo-user") String user,
			@RequestParam(required = false) @Nullable String session,
			@RequestParam(required = false) @Nullable String tag, @RequestBody(required = false) @Nullable String body) {
		return ask(provider, user, session, tag, message(body));
	}

	/**
	 * {@code curl -d 'What is a token?'} sends a form: the servlet container reads the body as
	 * parameters before any handler sees it, so the text is rebuilt from them.
	 */
	@PostMapping(path = "/chat", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	ChatReply chatForm(@RequestParam String provider, @RequestParam(defaultValue = "demo-user") String user,
			@RequestParam(required = false) @Nullable String session,
			@RequestParam(required = false) @Nullable String tag,
			@RequestParam MultiValueMap<String, String> parameters) {
		return ask(provider, user, session, tag, message(FormText.of(parameters, QUERY_PARAMETERS)));
	}

	private ChatReply ask(String provider, String user, @Nullable String session, @Nullable String tag,
			String message) {
		DemoProvider target = DemoProvider.find(provider).orElseThrow(() -> new UnknownProviderException(provider));
		String[] tags = StringUtils.hasText(tag) ? new String[] { tag } : new String[0];
		// the scope puts the user, session and tag on the event TokenSense records for this call
		try (var scope = TokenSenseContext.userId(user).sessionId(session).tags(tags).open()) {
			return switch (target) {
				case OPENAI -> openAi(this.openAiClient, target, message);
				case GROQ -> openAi(this.groqClient, target, message);
				case ANTHROPIC -> anthropic(target, message);
			};
		}
	}

	@GetMapping("/events")
	List<CallEvent> events() {
		return this.recorder.events();
	}

	@ExceptionHandler
	ProblemDetail unknownProvider(UnknownProviderException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	@ExceptionHandler({ OpenAIException.class, AnthropicException.class })
	ProblemDetail providerFailed(RuntimeException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY,
				"The provider call failed: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
	}

	private ChatReply openAi(OpenAIClient client, DemoProvider provider, String message) {
		ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
			.model(provider.model())
			.addUserMessage(message)
			.build();
		ChatCompletion completion = client.chat().completions().create(params);
		String text = completion.choices()
			.stream()
			.findFirst()
			.flatMap((choice) -> choice.message().content())
			.orElse("");
		return reply(provider, text, completion.id());
	}

	private ChatReply anthropic(DemoProvider provider, String message) {
		MessageCreateParams params = MessageCreateParams.builder()
			.model(provider.model())
			.maxTokens(ANTHROPIC_MAX_TOKENS)
			.addUserMessage(message)
			.build();
		Message response = this.anthropicClient.messages().create(params);
		String text = response.content()
			.stream()
			.flatMap((block) -> block.text().stream())
			.map(TextBlock::text)
			.collect(Collectors.joining());
		return reply(provider, text, response.id());
	}

	private ChatReply reply(DemoProvider provider, String text, String requestId) {
		CallEvent event = this.recorder.findByRequestId(requestId).orElse(null);
		return ChatReply.of(provider, text, requestId, event);
	}

	/** The body as plain text, or the {@code message} of a JSON body. */
	private String message(@Nullable String body) {
		if (!StringUtils.hasText(body)) {
			return DEFAULT_MESSAGE;
		}
		String trimmed = body.trim();
		if (trimmed.startsWith("{")) {
			try {
				String message = this.json.readTree(trimmed).path("message").asText("");
				return StringUtils.hasText(message) ? message : DEFAULT_MESSAGE;
			}
			catch (JsonProcessingException ex) {
				// not JSON after all: someone typed a message starting with a brace
				return trimmed;
			}
		}
		return trimmed;
	}

	static final class UnknownProviderException extends RuntimeException {

		UnknownProviderException(String provider) {
			super("Unknown provider '" + provider + "': use one of " + DemoProvider.ids());
		}

	}

}
