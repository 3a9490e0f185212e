package io.tokensense.testsupport;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * What an async stream's handler saw: the elements in order, then how it completed. The
 * handler interfaces of both SDKs delegate here; {@link #awaitCompletion()} returns once
 * {@code onComplete} ran, by which time an observed stream has recorded its event.
 *
 * @param <T> the element type
 */
public final class AsyncStreams<T> {

	private final List<T> elements = new CopyOnWriteArrayList<>();

	private final CountDownLatch completed = new CountDownLatch(1);

	private volatile @Nullable Throwable error;

	private volatile @Nullable Consumer<T> onEach;

	/** Runs for each element, after it was kept. */
	public AsyncStreams<T> onEach(Consumer<T> action) {
		this.onEach = action;
		return this;
	}

	public void next(T element) {
		this.elements.add(element);
		Consumer<T> action = this.onEach;
		if (action != null) {
			action.accept(element);
		}
	}

	public void complete(Optional<Throwable> outcome) {
		this.error = outcome.orElse(null);
		this.completed.countDown();
	}

	public AsyncStreams<T> awaitCompletion() {
		try {
			if (!this.completed.await(10, TimeUnit.SECONDS)) {
				throw new AssertionError("the stream did not complete");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
		return this;
	}

	public List<T> elements() {
		return List.copyOf(this.elements);
	}

	public @Nullable Throwable error() {
		return this.error;
	}

	/** The same handler for openai-java. */
	public com.openai.core.http.AsyncStreamResponse.Handler<T> openAi() {
		return new com.openai.core.http.AsyncStreamResponse.Handler<>() {
			@Override
			public void onNext(T element) {
				next(element);
			}

			@Override
			public void onComplete(Optional<Throwable> outcome) {
				complete(outcome);
			}
		};
	}

	/** The same handler for anthropic-java. */
	public com.anthropic.core.http.AsyncStreamResponse.Handler<T> anthropic() {
		return new com.anthropic.core.http.AsyncStreamResponse.Handler<>() {
			@Override
			public void onNext(T element) {
				next(element);
			}

			@Override
			public void onComplete(Optional<Throwable> outcome) {
				complete(outcome);
			}
		};
	}

}
