package io.tokensense.budget;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background side of {@link Budgets}, on one daemon thread: every interval it re-reads the
 * shared spend (when there is a {@link SharedSpend}) and sweeps windows that moved on. The first
 * run starts at once, so the shared spend is known shortly after startup, without holding
 * startup up when the database is slow or down.
 */
public final class BudgetRefresh implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(BudgetRefresh.class);

	private final Budgets budgets;

	private final @Nullable SharedSpend shared;

	private final Duration interval;

	private @Nullable ScheduledExecutorService executor;

	private boolean initial = true;

	/**
	 * @param budgets the budgets to refresh
	 * @param shared where every instance's spend is read, or {@code null} for this instance's alone
	 * @param interval time between two runs, positive
	 */
	public BudgetRefresh(Budgets budgets, @Nullable SharedSpend shared, Duration interval) {
		if (interval.isNegative() || interval.isZero()) {
			throw new IllegalArgumentException("the refresh interval must be positive, was " + interval);
		}
		this.budgets = budgets;
		this.shared = shared;
		this.interval = interval;
	}

	public synchronized void start() {
		if (this.executor != null || this.budgets.budgets().isEmpty()) {
			return;
		}
		this.executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "tokensense-budgets");
			thread.setDaemon(true);
			return thread;
		});
		this.executor.scheduleWithFixedDelay(this::run, 0, this.interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** One refresh and sweep; what fails is logged, and the next run tries again. */
	void run() {
		try {
			if (this.shared != null) {
				this.budgets.refresh(this.shared, this.initial);
				this.initial = false;
			}
			this.budgets.sweep();
		}
		catch (RuntimeException | LinkageError ex) {
			logger.warn("TokenSense could not refresh its budgets; the next run tries again", ex);
		}
	}

	@Override
	public synchronized void close() {
		if (this.executor != null) {
			this.executor.shutdownNow();
			this.executor = null;
		}
	}

}
