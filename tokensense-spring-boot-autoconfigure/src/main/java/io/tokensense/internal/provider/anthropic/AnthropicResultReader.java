package io.tokensense.internal.provider.anthropic;

import java.util.List;
import java.util.stream.Collectors;

import com.anthropic.core.JsonField;
import com.anthropic.models.beta.messages.BetaMessage;
import com.anthropic.models.beta.messages.BetaUsage;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.Model;
import com.anthropic.models.messages.StructuredMessage;
import com.anthropic.models.messages.Usage;
import com.anthropic.models.messages.batches.MessageBatch;
import io.tokensense.internal.pricing.TokenUsage;
import io.tokensense.internal.provider.ResultReading;
import io.tokensense.internal.support.Counts;
import org.jspecify.annotations.Nullable;

/**
 * The one place that reads Anthropic results. Anthropic's {@code input_tokens} excludes
 * cache reads and writes, so total input is the sum of the three counts; thinking is
 * already inside {@code output_tokens}.
 */
final class AnthropicResultReader {

	ResultReading read(Object result, boolean withText) {
		try {
			if (result instanceof Message message) {
				return message(message, withText);
			}
			if (result instanceof StructuredMessage<?> structured) {
				return message(structured.rawMessage(), withText);
			}
			if (result instanceof BetaMessage message) {
				return betaMessage(message);
			}
			if (result instanceof com.anthropic.models.beta.messages.StructuredMessage<?> structured) {
				return betaMessage(structured.rawMessage());
			}
			if (result instanceof MessageBatch batch) {
				// creating a batch bills nothing yet: its requests are billed when they run
				return new ResultReading(null, null, AnthropicFields.known(batch._id()).orElse(null), null, null);
			}
		}
		catch (RuntimeException | LinkageError ex) {
			// fall through: an unreadable result still yields an event
		}
		return ResultReading.EMPTY;
	}

	/** Model, id, usage and text are each read on their own: one odd field costs only itself. */
	private static ResultReading message(Message message, boolean withText) {
		return new ResultReading(model(message._model()), messageUsage(message),
				AnthropicFields.known(message._id()).orElse(null), withText ? text(message) : null, null,
				serviceTier(message));
	}

	/**
	 * The tier's name as the provider wrote it, read from the enum's own JSON value: the SDK's
	 * {@code toString()} goes through a generic deep-to-string on every call.
	 */
	private static @Nullable String serviceTier(Message message) {
		try {
			Usage usage = AnthropicFields.value(message._usage());
			Usage.ServiceTier tier = (usage != null) ? AnthropicFields.value(usage._serviceTier()) : null;
			if (tier == null) {
				return null;
			}
			String name = AnthropicFields.value(tier._value());
			return (name != null) ? name : tier.toString();
		}
		catch (RuntimeException | LinkageError ex) {
			return null;
		}
	}

	private static ResultReading betaMessage(BetaMessage message) {
		return new ResultReading(model(message._model()), betaUsage(message),
				AnthropicFields.known(message._id()).orElse(null), null, null);
	}

	private static @Nullable String model(JsonField<Model> model) {
		try {
			return AnthropicFields.known(model).map(Model::asString).orElse(null);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static @Nullable TokenUsage messageUsage(Message message) {
		try {
			return AnthropicFields.known(message._usage()).map(AnthropicResultReader::usage).orElse(null);
		}
		catch (RuntimeException | LinkageError ex) {
			return null;
		}
	}

	private static @Nullable TokenUsage betaUsage(BetaMessage message) {
		try {
			return AnthropicFields.known(message._usage()).map(AnthropicResultReader::usage).orElse(null);
		}
		catch (RuntimeException | LinkageError ex) {
			return null;
		}
	}

	static @Nullable TokenUsage usage(Usage usage) {
		if (!AnthropicFields.present(usage._inputTokens()) && !AnthropicFields.present(usage._outputTokens())) {
			return null;
		}
		long oneHourWrites = oneHourWrites(usage);
		return normalised(AnthropicFields.count(usage._inputTokens()), AnthropicFields.count(usage._outputTokens()),
				AnthropicFields.count(usage._cacheReadInputTokens()),
				AnthropicFields.count(usage._cacheCreationInputTokens()), oneHourWrites);
	}

	static @Nullable TokenUsage usage(BetaUsage usage) {
		if (!AnthropicFields.present(usage._inputTokens()) && !AnthropicFields.present(usage._outputTokens())) {
			return null;
		}
		long oneHourWrites = oneHourWrites(usage);
		return normalised(AnthropicFields.count(usage._inputTokens()), AnthropicFields.count(usage._outputTokens()),
				AnthropicFields.count(usage._cacheReadInputTokens()),
				AnthropicFields.count(usage._cacheCreationInputTokens()), oneHourWrites);
	}

	static long oneHourWrites(BetaUsage usage) {
		try {
			return AnthropicFields.known(usage._cacheCreation())
				.map((creation) -> AnthropicFields.count(creation._ephemeral1hInputTokens()))
				.orElse(0L);
		}
		catch (LinkageError ex) {
			// older SDK lines have no cache_creation breakdown
			return 0;
		}
	}

	static long oneHourWrites(Usage usage) {
		try {
			return AnthropicFields.known(usage._cacheCreation())
				.map((creation) -> AnthropicFields.count(creation._ephemeral1hInputTokens()))
				.orElse(0L);
		}
		catch (LinkageError ex) {
			// older SDK lines have no cache_creation breakdown
			return 0;
		}
	}

	static TokenUsage normalised(long uncachedInput, long output, long cacheRead, long cacheWrite,
			long oneHourWrites) {
		long input = Counts.saturatedAdd(Counts.saturatedAdd(uncachedInput, cacheRead), cacheWrite);
		return new TokenUsage(input, output, cacheRead, cacheWrite, oneHourWrites, 0);
	}

	private static @Nullable String text(Message message) {
		try {
			List<ContentBlock> blocks = AnthropicFields.known(message._content()).orElse(List.of());
			String text = blocks.stream()
				.flatMap((block) -> block.text().stream())
				.map((block) -> AnthropicFields.known(block._text()).orElse(""))
				.collect(Collectors.joining());
			return text.isEmpty() ? null : text;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

}
