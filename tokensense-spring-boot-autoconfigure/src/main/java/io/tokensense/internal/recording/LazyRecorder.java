package io.tokensense.internal.recording;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;

/**
 * The application's {@link Recorder}, looked up on the first call and kept: a client may be
 * observed (and even called, from a {@code @PostConstruct}) before the recorder bean exists.
 */
public final class LazyRecorder implements Supplier<@Nullable Recorder> {

	private final ObjectProvider<Recorder> provider;

	private volatile @Nullable Recorder recorder;

	public LazyRecorder(ObjectProvider<Recorder> provider) {
		this.provider = provider;
	}

	@Override
	public @Nullable Recorder get() {
		Recorder current = this.recorder;
		if (current == null) {
			current = this.provider.getIfAvailable();
			this.recorder = current;
		}
		return current;
	}

}
