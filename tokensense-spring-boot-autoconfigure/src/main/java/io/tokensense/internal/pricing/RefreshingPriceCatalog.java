package io.tokensense.internal.pricing;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.tokensense.internal.support.RateLimitedLogger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The price catalog in use, replaced atomically when a price file read again from its
 * {@link CatalogSource} passes {@link CatalogCheck}: the base catalog extended by the file, with
 * the overrides applied on top of every new one. A refused or unreadable file keeps the last good
 * catalog; {@link #status()} says which is in use and why the last read failed.
 *
 * <p>{@link #start()} reads the source on a daemon thread named {@value #THREAD_NAME}: at once
 * when nothing was read yet (so startup never waits on the network), then every refresh interval.
 * A failed read is tried again after the interval or {@link #RETRY_AFTER_FAILURE}, whichever is
 * shorter. Failures are logged as one WARN line without a stack trace when they start, then at
 * most once an hour while they last. Callers only read a volatile reference.
 */
public final class RefreshingPriceCatalog implements Supplier<PriceCatalog> {

	/** The name of the refresh thread. */
	public static final String THREAD_NAME = "tokensense-pricing-refresh";

	/** How soon a failed read is tried again at the latest. */
	static final Duration RETRY_AFTER_FAILURE = Duration.ofMinutes(5);

	private static final Logger logger = LoggerFactory.getLogger(RefreshingPriceCatalog.class);

	private final PriceCatalog base;

	private final Map<String, PriceOverride> overrides;

	private final @Nullable CatalogSource source;

	private final @Nullable Duration interval;

	private final Clock clock;

	private final RateLimitedLogger repeatedFailures = new RateLimitedLogger(logger, Duration.ofHours(1));

	private final AtomicReference<State> state;

	private @Nullable ScheduledExecutorService executor;

	/**
	 * Serves {@code overrides.apply(base)} until a file is read from {@code source}.
	 * @param base the catalog a file extends, e.g. {@link PriceCatalog#bundled()}
	 * @param overrides applied to every catalog before it is served, e.g. {@code tokensense.pricing.models.*}
	 * @throws IllegalArgumentException when an override cannot apply to {@code base} (see
	 * {@link PriceCatalog#withOverrides(Map)})
	 * @param source where a price file is read from, {@code null} for none
	 * @param interval how often to read it again, {@code null} to read it until it succeeds once
	 */
	public RefreshingPriceCatalog(PriceCatalog base, Map<String, PriceOverride> overrides,
			@Nullable CatalogSource source, @Nullable Duration interval) {
		this(base, overrides, source, interval, Clock.systemUTC());
	}

	RefreshingPriceCatalog(PriceCatalog base, Map<String, PriceOverride> overrides, @Nullable CatalogSource source,
			@Nullable Duration interval, Clock clock) {
		if (interval != null && (interval.isNegative() || interval.isZero())) {
			throw new IllegalArgumentException("refresh interval must be positive, was " + interval);
		}
		this.base = base;
		this.overrides = Map.copyOf(overrides);
		this.source = source;
		this.interval = interval;
		this.clock = clock;
		this.state = new AtomicReference<>(new State(base, overridden(base, overrides), "bundled", 0, clock.instant(), null, null));
	}

	/** The catalog in use now. */
	@Override
	public PriceCatalog get() {
		return this.state.get().catalog();
	}

	/** What is in use and how the last read went. */
	public CatalogStatus status() {
		State now = this.state.get();
		return new CatalogStatus(now.source(), (this.source != null) ? this.source.description() : null,
				now.catalog().models().size(), now.loadedAt(), now.lastError(), now.lastErrorAt());
	}

	/**
	 * Reads the source now on the caller's thread and swaps the catalog in, or throws.
	 * @throws IOException when the source cannot be read
	 * @throws IllegalArgumentException when the file is refused (the message says why)
	 */
	public void load() throws IOException {
		CatalogSource from = this.source;
		if (from == null) {
			return;
		}
		State before = this.state.get();
		PriceCatalog file = CatalogCheck.accept(from.read(), from.description(), before.fileModels());
		PriceCatalog known = this.base.extendedBy(file);
		this.state.set(new State(known, overridden(known, this.overrides), "bundled + " + from.description(), file.models().size(),
				this.clock.instant(), before.lastError(), before.lastErrorAt()));
	}

	/**
	 * Reads the source now, keeping the catalog in use when that fails.
	 * @return whether a new catalog is in use
	 */
	public boolean refresh() {
		CatalogSource from = this.source;
		if (from == null) {
			return false;
		}
		State before = this.state.get();
		try {
			load();
			if (before.fileModels() == 0 || before.failing()) {
				logger.info("TokenSense prices {} models from bundled catalog + {}", get().models().size(),
						from.description());
			}
			if (before.fileModels() == 0) {
				warnAboutUnmatchedOverrides();
			}
			return true;
		}
		catch (IOException | RuntimeException ex) {
			String error = describe(ex);
			this.state.set(before.failed(error, this.clock.instant()));
			logFailure(before, from, error);
			return false;
		}
	}

	/** Reads the source in the background: at once if nothing was read yet, then at the interval. */
	public synchronized void start() {
		if (this.source == null || this.executor != null) {
			return;
		}
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, THREAD_NAME);
			thread.setDaemon(true);
			return thread;
		});
		this.executor = scheduler;
		if (this.state.get().fileModels() == 0) {
			scheduler.execute(() -> attempt(scheduler));
		}
		else if (this.interval != null) {
			scheduler.schedule(() -> attempt(scheduler), this.interval.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	/** Stops reading; a read under way is interrupted. */
	public synchronized void stop() {
		ScheduledExecutorService scheduler = this.executor;
		this.executor = null;
		if (scheduler != null) {
			scheduler.shutdownNow();
			try {
				scheduler.awaitTermination(1, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/** Whether the background reads run. */
	public synchronized boolean isRunning() {
		return this.executor != null;
	}

	/**
	 * Warns about each override whose model the catalog does not list (before overrides): it
	 * then prices only calls naming that model exactly, which is most often a misspelled name.
	 * @return the model names warned about
	 */
	public Set<String> warnAboutUnmatchedOverrides() {
		State now = this.state.get();
		Set<String> unmatched = new TreeSet<>();
		this.overrides.keySet().forEach((model) -> {
			if (now.known().find(null, model).isEmpty()) {
				unmatched.add(model);
			}
		});
		if (!unmatched.isEmpty()) {
			logger.warn("tokensense.pricing.models: {} match no model of the {} price catalog, so each prices only "
					+ "calls naming it exactly; check the spelling, or name the catalog entry (e.g. "
					+ "'groq/llama-3.3-70b-versatile')", unmatched, now.source());
		}
		return unmatched;
	}

	private void attempt(ScheduledExecutorService scheduler) {
		boolean loaded = refresh();
		Duration next = loaded ? this.interval : retryDelay();
		if (next != null) {
			try {
				scheduler.schedule(() -> attempt(scheduler), next.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (RejectedExecutionException ex) {
				// stopped while reading: nothing more to schedule
			}
		}
	}

	private Duration retryDelay() {
		return (this.interval != null && this.interval.compareTo(RETRY_AFTER_FAILURE) < 0) ? this.interval
				: RETRY_AFTER_FAILURE;
	}

	private void logFailure(State before, CatalogSource from, String error) {
		String format = "TokenSense keeps pricing with the {} catalog ({} models): cannot use the price file at {}: {}";
		Object[] arguments = { before.source(), before.catalog().models().size(), from.description(), error };
		// a new failure is always told; a lasting one at most once an hour
		if (!this.repeatedFailures.warn(format, arguments) && !before.failing()) {
			logger.warn(format, arguments);
		}
	}

	private static PriceCatalog overridden(PriceCatalog catalog, Map<String, PriceOverride> overrides) {
		return overrides.isEmpty() ? catalog : catalog.withOverrides(overrides);
	}

	private static String describe(Exception ex) {
		if (ex instanceof IllegalArgumentException) {
			return String.valueOf(ex.getMessage());
		}
		return (ex.getMessage() != null) ? ex.getClass().getSimpleName() + ": " + ex.getMessage()
				: ex.getClass().getSimpleName();
	}

	/**
	 * @param known the catalog before overrides
	 * @param catalog the catalog served
	 * @param fileModels the priced models of the file in use, 0 when none was read yet
	 * @param lastError why the last read failed, kept after a later success as history
	 */
	private record State(PriceCatalog known, PriceCatalog catalog, String source, int fileModels, Instant loadedAt,
			@Nullable String lastError, @Nullable Instant lastErrorAt) {

		/** Whether the last read failed. */
		boolean failing() {
			return this.lastErrorAt != null && this.lastErrorAt.isAfter(this.loadedAt);
		}

		State failed(String error, Instant at) {
			return new State(this.known, this.catalog, this.source, this.fileModels, this.loadedAt, error, at);
		}

	}

}
