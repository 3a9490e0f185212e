package io.tokensense.sample;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import com.anthropic.client.AnthropicClient;
import com.anthropic.models.messages.MessageCreateParams;
import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.tokensense.TokenSenseContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * {@code --demo.traffic=true}: a steady stream of varied calls (users, sessions, tags, models,
 * a model without a price, failures) at one call per {@code demo.traffic-interval}, so the
 * dashboard has something to show. User {@code dana} asks the expensive model and trips the
 * {@code dana-hourly} budget of {@code application.yml}.
 */
@Component
@ConditionalOnBooleanProperty("demo.traffic")
class DemoTraffic implements ApplicationRunner, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(DemoTraffic.class);

	private static final List<String> USERS = List.of("alice", "bob", "carol", "dana");

	private static final List<String> TAGS = List.of("chat", "search", "summarize", "checkout");

	private static final List<String> OPENAI_MODELS = List.of("gpt-4o-mini", "gpt-4o-mini", "gpt-4o", "gpt-4.1-mini",
			"in-house-model", FakeProviderServer.FAILING_MODEL);

	private static final List<String> ANTHROPIC_MODELS = List.of("claude-haiku-4-5", "claude-sonnet-4-5");

	private final OpenAIClient openAi;

	private final OpenAIClient groq;

	private final AnthropicClient anthropic;

	private final Duration interval;

	// one thread, fixed delay: the rate stays bounded however slow a call is
	private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "demo-traffic");
		thread.setDaemon(true);
		return thread;
	});

	DemoTraffic(@Qualifier("openAiClient") OpenAIClient openAi, @Qualifier("groqClient") OpenAIClient groq,
			AnthropicClient anthropic, @Value("${demo.traffic-interval:1s}") Duration interval) {
		this.openAi = openAi;
		this.groq = groq;
		this.anthropic = anthropic;
		this.interval = interval;
	}

	@Override
	public void run(ApplicationArguments args) {
		logger.info("Demo traffic: one call every {}; watch it at http://localhost:<port>/tokensense", this.interval);
		this.executor.scheduleWithFixedDelay(this::callOnce, 0, this.interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public void destroy() {
		this.executor.shutdownNow();
	}

	void callOnce() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		String user = pick(USERS);
		String session = user + "-" + random.nextInt(3);
		try (var scope = TokenSenseContext.userId(user).sessionId(session).tags("demo-traffic", pick(TAGS)).open()) {
			if (user.equals("dana")) {
				anthropic("claude-sonnet-4-5", "Please write a long and careful answer. ".repeat(40));
				return;
			}
			switch (random.nextInt(3)) {
				case 0 -> openAi(this.openAi, pick(OPENAI_MODELS));
				case 1 -> anthropic(pick(ANTHROPIC_MODELS), "What is a token? ".repeat(1 + random.nextInt(20)));
				default -> openAi(this.groq, "llama-3.3-70b-versatile");
			}
		}
		catch (RuntimeException ex) {
			// failures are part of the demo: TokenSense has recorded them already
			logger.debug("Demo call failed: {}", ex.toString());
		}
	}

	private void openAi(OpenAIClient client, String model) {
		String text = "Tell me about tokens. ".repeat(1 + ThreadLocalRandom.current().nextInt(30));
		client.chat().completions().create(ChatCompletionCreateParams.builder().model(model).addUserMessage(text).build());
	}

	private void anthropic(String model, String text) {
		this.anthropic.messages()
			.create(MessageCreateParams.builder().model(model).maxTokens(256).addUserMessage(text).build());
	}

	private static String pick(List<String> values) {
		return values.get(ThreadLocalRandom.current().nextInt(values.size()));
	}

}
