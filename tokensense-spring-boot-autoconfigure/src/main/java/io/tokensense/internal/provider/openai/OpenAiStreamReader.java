package io.tokensense.internal.provider.openai;

import java.util.List;
import java.util.Optional;

import com.openai.core.JsonField;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.completions.Completion;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCompletedEvent;
import com.openai.models.responses.ResponseCreatedEvent;
import com.openai.models.responses.ResponseFailedEvent;
import com.openai.models.responses.ResponseInProgressEvent;
import com.openai.models.responses.ResponseIncompleteEvent;
import com.openai.models.responses.ResponseStreamEvent;
import io.tokensense.internal.pricing.TokenUsage;
import io.tokensense.internal.provider.ResultReading;
import io.tokensense.internal.provider.StreamAccumulator;
import org.jspecify.annotations.Nullable;

/**
 * Reads the chunks of one streamed chat completion (or legacy completion), or the events of
 * one streamed Responses call. Chat usage arrives only when the request set {@code stream_options.include_usage}, in
 * a last chunk with empty {@code choices}; Groq may send it at the top level or under
 * {@code x_groq.usage}. Without it the reading has no usage. A Responses stream reports the
 * whole response, usage included, in its last event: {@code response.completed}, or
 * {@code response.failed} / {@code response.incomplete}.
 */
final class OpenAiStreamReader implements StreamAccumulator {

	private final @Nullable StringBuilder text;

	private @Nullable String model;

	private @Nullable String id;

	private @Nullable TokenUsage usage;

	private boolean groq;

	OpenAiStreamReader(boolean withText) {
		this.text = withText ? new StringBuilder() : null;
	}

	@Override
	public void accept(Object element) {
		try {
			if (element instanceof ChatCompletionChunk chunk) {
				read(chunk);
			}
			else if (element instanceof ResponseStreamEvent event) {
				read(event);
			}
			else if (element instanceof Completion completion) {
				read(completion);
			}
		}
		catch (RuntimeException | LinkageError ex) {
			// an odd chunk is skipped: the rest of the stream still counts
		}
	}

	private void read(ChatCompletionChunk chunk) {
		OpenAiFields.known(chunk._model()).filter((name) -> !name.isEmpty()).ifPresent((name) -> this.model = name);
		OpenAiFields.known(chunk._id()).filter((value) -> !value.isEmpty()).ifPresent((value) -> this.id = value);
		TokenUsage reported = OpenAiFields.known(chunk._usage()).map(OpenAiResultReader::usage).orElse(null);
		if (reported == null) {
			reported = OpenAiResultReader.groqUsage(chunk._additionalProperties());
		}
		if (reported != null) {
			this.usage = reported;
		}
		if (chunk._additionalProperties().containsKey("x_groq")) {
			this.groq = true;
		}
		if (this.text != null) {
			appendText(chunk, this.text);
		}
	}

	/** A legacy completion streams {@code Completion} chunks, with usage on the last when asked for. */
	private void read(Completion chunk) {
		OpenAiFields.known(chunk._model()).filter((name) -> !name.isEmpty()).ifPresent((name) -> this.model = name);
		OpenAiFields.known(chunk._id()).filter((value) -> !value.isEmpty()).ifPresent((value) -> this.id = value);
		OpenAiFields.known(chunk._usage()).map(OpenAiResultReader::usage).ifPresent((reported) -> this.usage = reported);
	}

	private void read(ResponseStreamEvent event) {
		Optional<JsonField<Response>> carried = event.created().map(ResponseCreatedEvent::_response)
			.or(() -> event.inProgress().map(ResponseInProgressEvent::_response))
			.or(() -> event.completed().map(ResponseCompletedEvent::_response))
			.or(() -> event.failed().map(ResponseFailedEvent::_response))
			.or(() -> event.incomplete().map(ResponseIncompleteEvent::_response));
		carried.flatMap(JsonField::asKnown).map(OpenAiResultReader::response).ifPresent((reading) -> {
			if (reading.responseModel() != null) {
				this.model = reading.responseModel();
			}
			if (reading.requestId() != null) {
				this.id = reading.requestId();
			}
			if (reading.usage() != null) {
				this.usage = reading.usage();
			}
		});
		if (this.text != null) {
			event.outputTextDelta().flatMap((delta) -> delta._delta().asKnown()).ifPresent(this.text::append);
		}
	}

	/** Only the first choice's text: that is what a single-answer caller reads. */
	private static void appendText(ChatCompletionChunk chunk, StringBuilder text) {
		List<ChatCompletionChunk.Choice> choices = OpenAiFields.known(chunk._choices()).orElse(List.of());
		choices.stream()
			.filter((choice) -> OpenAiFields.count(choice._index()) == 0)
			.flatMap((choice) -> choice._delta().asKnown().stream())
			.flatMap((delta) -> delta._content().asKnown().stream())
			.forEach(text::append);
	}

	@Override
	public ResultReading reading() {
		String collected = (this.text != null && !this.text.isEmpty()) ? this.text.toString() : null;
		return new ResultReading(this.model, this.usage, this.id, collected, this.groq ? "groq" : null);
	}

}
