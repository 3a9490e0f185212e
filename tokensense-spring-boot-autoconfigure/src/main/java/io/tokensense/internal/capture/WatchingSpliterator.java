package io.tokensense.internal.capture;

import java.util.Spliterator;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * Hands each element of an SDK stream to a {@link StreamWatch} before the caller sees it,
 * and tells it when the stream ran out or failed. A failure thrown by the caller's own action
 * is not the stream's: it goes back to the caller and the stream stays open.
 *
 * @param <T> the element type
 */
final class WatchingSpliterator<T> implements Spliterator<T> {

	private final Spliterator<T> source;

	private final StreamWatch observer;

	private boolean callerFailed;

	WatchingSpliterator(Spliterator<T> source, StreamWatch observer) {
		this.source = source;
		this.observer = observer;
	}

	@Override
	public boolean tryAdvance(Consumer<? super T> action) {
		this.callerFailed = false;
		boolean advanced;
		try {
			advanced = this.source.tryAdvance((element) -> deliver(element, action));
		}
		catch (Throwable ex) {
			if (!this.callerFailed) {
				this.observer.failed(ex);
			}
			throw ex;
		}
		if (!advanced) {
			this.observer.exhausted();
		}
		return advanced;
	}

	private void deliver(T element, Consumer<? super T> action) {
		this.observer.element(element);
		try {
			action.accept(element);
		}
		catch (Throwable ex) {
			this.callerFailed = true;
			throw ex;
		}
	}

	@Override
	public @Nullable Spliterator<T> trySplit() {
		return null;
	}

	@Override
	public long estimateSize() {
		return this.source.estimateSize();
	}

	/** Never SIZED: a sized stream may answer {@code count()} without reading its elements. */
	@Override
	public int characteristics() {
		return this.source.characteristics() & ~(SIZED | SUBSIZED);
	}

}
