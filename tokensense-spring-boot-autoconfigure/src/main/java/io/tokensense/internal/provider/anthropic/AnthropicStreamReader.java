package io.tokensense.internal.provider.anthropic;

import com.anthropic.core.JsonField;
import com.anthropic.models.beta.messages.BetaMessage;
import com.anthropic.models.beta.messages.BetaMessageDeltaUsage;
import com.anthropic.models.beta.messages.BetaRawMessageStreamEvent;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageDeltaUsage;
import com.anthropic.models.messages.Model;
import com.anthropic.models.messages.RawMessageStreamEvent;
import io.tokensense.internal.pricing.TokenUsage;
import io.tokensense.internal.provider.ResultReading;
import io.tokensense.internal.provider.StreamAccumulator;
import org.jspecify.annotations.Nullable;

/**
 * Reads the events of one streamed message (plain or beta). {@code message_start} carries the
 * model, the id and the input and cache counts; each {@code message_delta} carries the output
 * count so far, cumulative, so the last one wins and deltas are never added up. A delta may
 * also repeat updated input or cache counts: non-zero ones replace what the start said.
 */
final class AnthropicStreamReader implements StreamAccumulator {

	private final @Nullable StringBuilder text;

	private @Nullable String model;

	private @Nullable String id;

	private boolean sawUsage;

	private long uncachedInput;

	private long cacheRead;

	private long cacheWrite;

	private long cacheWrite1h;

	private long output;

	AnthropicStreamReader(boolean withText) {
		this.text = withText ? new StringBuilder() : null;
	}

	@Override
	public void accept(Object element) {
		try {
			if (element instanceof RawMessageStreamEvent event) {
				event.messageStart().flatMap((start) -> start._message().asKnown()).ifPresent(this::start);
				event.messageDelta().flatMap((delta) -> delta._usage().asKnown()).ifPresent(this::delta);
				if (this.text != null) {
					event.contentBlockDelta()
						.flatMap((delta) -> delta._delta().asKnown())
						.flatMap((delta) -> delta.text())
						.flatMap((delta) -> delta._text().asKnown())
						.ifPresent(this.text::append);
				}
			}
			else if (element instanceof BetaRawMessageStreamEvent event) {
				event.messageStart().flatMap((start) -> start._message().asKnown()).ifPresent(this::start);
				event.messageDelta().flatMap((delta) -> delta._usage().asKnown()).ifPresent(this::delta);
				if (this.text != null) {
					event.contentBlockDelta()
						.flatMap((delta) -> delta._delta().asKnown())
						.flatMap((delta) -> delta.text())
						.flatMap((delta) -> delta._text().asKnown())
						.ifPresent(this.text::append);
				}
			}
		}
		catch (RuntimeException | LinkageError ex) {
			// an odd event is skipped: the rest of the stream still counts
		}
	}

	private void start(Message message) {
		named(AnthropicFields.known(message._model()).map(Model::asString).orElse(null),
				AnthropicFields.known(message._id()).orElse(null));
		AnthropicFields.known(message._usage()).ifPresent((usage) -> started(usage._inputTokens(), usage._outputTokens(),
				usage._cacheReadInputTokens(), usage._cacheCreationInputTokens(), AnthropicResultReader.oneHourWrites(usage)));
	}

	private void start(BetaMessage message) {
		named(AnthropicFields.known(message._model()).map(Model::asString).orElse(null),
				AnthropicFields.known(message._id()).orElse(null));
		AnthropicFields.known(message._usage()).ifPresent((usage) -> started(usage._inputTokens(), usage._outputTokens(),
				usage._cacheReadInputTokens(), usage._cacheCreationInputTokens(), AnthropicResultReader.oneHourWrites(usage)));
	}

	private void named(@Nullable String model, @Nullable String id) {
		if (model != null) {
			this.model = model;
		}
		if (id != null) {
			this.id = id;
		}
	}

	private void started(JsonField<Long> input, JsonField<Long> output, JsonField<Long> read, JsonField<Long> write,
			long write1h) {
		if (!AnthropicFields.present(input) && !AnthropicFields.present(output)) {
			return;
		}
		this.sawUsage = true;
		this.uncachedInput = AnthropicFields.count(input);
		this.output = AnthropicFields.count(output);
		this.cacheRead = AnthropicFields.count(read);
		this.cacheWrite = AnthropicFields.count(write);
		this.cacheWrite1h = write1h;
	}

	private void delta(MessageDeltaUsage usage) {
		updated(usage._outputTokens());
		try {
			updated(usage._inputTokens(), usage._cacheReadInputTokens(), usage._cacheCreationInputTokens());
		}
		catch (LinkageError ex) {
			// older SDK lines report only output tokens in deltas
		}
	}

	private void delta(BetaMessageDeltaUsage usage) {
		updated(usage._outputTokens());
		try {
			updated(usage._inputTokens(), usage._cacheReadInputTokens(), usage._cacheCreationInputTokens());
		}
		catch (LinkageError ex) {
			// older SDK lines report only output tokens in deltas
		}
	}

	private void updated(JsonField<Long> output) {
		if (AnthropicFields.present(output)) {
			this.sawUsage = true;
			this.output = AnthropicFields.count(output);
		}
	}

	/** Zero means "not repeated here" in a delta, never "the input shrank". */
	private void updated(JsonField<Long> input, JsonField<Long> read, JsonField<Long> write) {
		this.uncachedInput = replaced(this.uncachedInput, input);
		this.cacheRead = replaced(this.cacheRead, read);
		this.cacheWrite = replaced(this.cacheWrite, write);
	}

	private long replaced(long current, JsonField<Long> update) {
		long value = AnthropicFields.count(update);
		if (value > 0) {
			this.sawUsage = true;
			return value;
		}
		return current;
	}

	@Override
	public ResultReading reading() {
		TokenUsage usage = this.sawUsage ? AnthropicResultReader.normalised(this.uncachedInput, this.output,
				this.cacheRead, this.cacheWrite, this.cacheWrite1h) : null;
		String collected = (this.text != null && !this.text.isEmpty()) ? this.text.toString() : null;
		return new ResultReading(this.model, usage, this.id, collected, null);
	}

}
