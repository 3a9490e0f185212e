package io.tokensense.budget;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.tokensense.Attribution;
import io.tokensense.CallEvent;
import io.tokensense.internal.support.RateLimitedLogger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spend of each budget and key, in memory: counted as events are recorded, compared with
 * the limits, and (with a {@link SharedSpend}) merged with what every instance recorded.
 *
 * <p>Inside Spring the auto-configuration builds it from {@code tokensense.budgets.*}; inject it
 * to {@link #check} a call TokenSense does not observe itself. The check is a lookup in a map of
 * blocked keys: no I/O and no lock.
 */
public final class Budgets implements BudgetGuard {

	private static final Logger logger = LoggerFactory.getLogger(Budgets.class);

	/** A database that is down would otherwise say so at every refresh. */
	private final RateLimitedLogger readFailures = new RateLimitedLogger(logger, java.time.Duration.ofMinutes(1));

	private final Tracked[] tracked;

	private final Tracked[] blocking;

	/** The blocking budgets that have blocked keys right now: usually none, so a check reads one empty array. */
	private volatile Tracked[] withBlockedKeys = new Tracked[0];

	private final List<Budget> budgets;

	private final Clock clock;

	private final BudgetListener listener;

	/**
	 * Creates budgets.
	 * @param budgets the limits; names must be unique
	 * @param clock the time windows are measured in
	 * @param listener told about alerts and refused calls
	 * @throws IllegalArgumentException when two budgets have the same name
	 */
	public Budgets(List<Budget> budgets, Clock clock, BudgetListener listener) {
		Set<String> names = new HashSet<>();
		for (Budget budget : budgets) {
			if (!names.add(budget.name())) {
				throw new IllegalArgumentException("two budgets are named '" + budget.name() + "'");
			}
		}
		this.budgets = List.copyOf(budgets);
		this.tracked = this.budgets.stream().map(Tracked::new).toArray(Tracked[]::new);
		this.blocking = java.util.Arrays.stream(this.tracked)
			.filter((t) -> t.budget.action() == BudgetAction.BLOCK)
			.toArray(Tracked[]::new);
		this.clock = clock;
		this.listener = listener;
	}

	/** Budgets on the system clock that only log their alerts. */
	public static Budgets of(Budget... budgets) {
		return new Budgets(List.of(budgets), Clock.systemUTC(), BudgetListener.NONE);
	}

	/** The budgets, as configured. */
	public List<Budget> budgets() {
		return this.budgets;
	}

	@Override
	public boolean blocks() {
		return this.blocking.length > 0;
	}

	@Override
	public void beforeCall(String provider, @Nullable String model, Attribution attribution) {
		check(provider, model, attribution.userId(), attribution.sessionId(), attribution.tags());
	}

	/**
	 * Refuses a call whose keys have spent a blocking budget; for calls TokenSense does not
	 * observe itself (observed calls are checked before they start).
	 * @param provider e.g. {@code openai}
	 * @param model the model asked for, or {@code null}
	 * @param userId the call's user, or {@code null}
	 * @param sessionId the call's session, or {@code null}
	 * @param tags the call's tags
	 * @throws BudgetExceededException naming the budget, the key and when it resets
	 */
	public void check(String provider, @Nullable String model, @Nullable String userId, @Nullable String sessionId,
			List<String> tags) {
		Tracked[] candidates = this.withBlockedKeys;
		for (int i = 0; i < candidates.length; i++) {
			Tracked.Blocked block = candidates[i].blockOf(provider, model, userId, sessionId, tags);
			if (block != null) {
				refuse(candidates[i], block);
			}
		}
	}

	private void refuse(Tracked tracked, Tracked.Blocked block) {
		if (this.clock.millis() >= block.resetsAtMillis()) {
			// the window moved on since: the block lapses without waiting for the next sweep
			if (tracked.blocked.remove(block.key(), block)) {
				blockedKeysChanged();
			}
			return;
		}
		Budget budget = tracked.budget;
		BudgetExceededException refused = new BudgetExceededException(budget.name(), tracked.reportKey(block.key()),
				budget.limit(), block.spent(), Instant.ofEpochMilli(block.resetsAtMillis()));
		try {
			this.listener.blocked(refused);
		}
		catch (RuntimeException ex) {
			logger.warn("A budget listener failed on a refused call", ex);
		}
		throw refused;
	}

	@Override
	public void recorded(CallEvent event) {
		try {
			BigDecimal cost = event.costUsd();
			if (cost == null || cost.signum() <= 0) {
				return;
			}
			long now = this.clock.millis();
			for (Tracked t : this.tracked) {
				for (String key : t.keysOf(event)) {
					long slot = t.budget.window().slot(now);
					KeySpend spend = t.spend.computeIfAbsent(key, (k) -> new KeySpend());
					while (!spend.add(cost, slot, t.budget.window().span())) {
						// retired by a sweep meanwhile: its successor takes the spend
						spend = t.spend.computeIfAbsent(key, (k) -> new KeySpend());
					}
					evaluate(t, key, spend, now, true);
				}
			}
		}
		catch (RuntimeException | LinkageError ex) {
			logger.warn("TokenSense could not count a call's cost against its budgets", ex);
		}
	}

	/**
	 * Reads every instance's spend from the shared store; call it in the background. A failed
	 * read keeps the figures of the last one.
	 * @param initial whether this is the first read since startup: thresholds already reached
	 * then were alerted before, and are not alerted again
	 */
	public void refresh(SharedSpend source, boolean initial) {
		for (Tracked t : this.tracked) {
			t.spend.values().forEach(KeySpend::mark);
			long now = this.clock.millis();
			Map<String, BigDecimal> sums;
			try {
				sums = source.spentSince(t.budget, t.budget.window().start(Instant.ofEpochMilli(now)));
			}
			catch (Exception ex) {
				this.readFailures.warn("TokenSense could not read the shared spend of budget '{}'; the last figures "
						+ "stay: {}", t.budget.name(), ex.toString());
				continue;
			}
			long slot = t.budget.window().slot(now);
			sums.forEach((key, sum) -> t.spend.computeIfAbsent(key, (k) -> new KeySpend()));
			for (Map.Entry<String, KeySpend> entry : t.spend.entrySet()) {
				entry.getValue().applyShared(sums.getOrDefault(entry.getKey(), BigDecimal.ZERO), slot);
				evaluate(t, entry.getKey(), entry.getValue(), now, !initial);
			}
		}
	}

	/** Re-evaluates every key as windows move on, and forgets keys with nothing left to count. */
	public void sweep() {
		long now = this.clock.millis();
		for (Tracked t : this.tracked) {
			BudgetWindow window = t.budget.window();
			long slot = window.slot(now);
			for (Map.Entry<String, KeySpend> entry : t.spend.entrySet()) {
				evaluate(t, entry.getKey(), entry.getValue(), now, true);
				if (entry.getValue().retireIfIdle(slot, window.span(), window.isCalendar())) {
					t.spend.remove(entry.getKey(), entry.getValue());
				}
			}
		}
	}

	/**
	 * Where each budget stands now: one row for a global or matched budget, one per key
	 * (highest spend first, at most {@code maxKeys}) for a budget per key.
	 */
	public List<BudgetStatus> statuses(int maxKeys) {
		Instant now = this.clock.instant();
		List<BudgetStatus> statuses = new ArrayList<>();
		for (Tracked t : this.tracked) {
			Budget budget = t.budget;
			BudgetWindow window = budget.window();
			long slot = window.slot(now.toEpochMilli());
			List<BudgetStatus> rows = new ArrayList<>();
			if (!budget.perKey() && !t.spend.containsKey(Tracked.SINGLE)) {
				rows.add(status(t, Tracked.SINGLE, BigDecimal.ZERO, now));
			}
			t.spend.forEach((key, spend) -> rows
				.add(status(t, key, spend.spent(slot, window.span(), window.isCalendar()), now)));
			rows.sort(Comparator.comparing(BudgetStatus::spent).reversed()
				.thenComparing(BudgetStatus::key, Comparator.nullsFirst(Comparator.naturalOrder())));
			statuses.addAll(rows.subList(0, Math.min(rows.size(), Math.max(0, maxKeys))));
		}
		return statuses;
	}

	private BudgetStatus status(Tracked t, String key, BigDecimal spent, Instant now) {
		Budget budget = t.budget;
		int reached = -1;
		for (int i = 0; i < t.thresholds.length; i++) {
			if (spent.compareTo(t.thresholds[i]) >= 0) {
				reached = i;
			}
		}
		String state = (reached < 0) ? BudgetStatus.OK
				: (reached == t.thresholds.length - 1) ? BudgetAlert.EXCEEDED : BudgetAlert.WARN;
		return new BudgetStatus(budget.name(), budget.scope().propertyValue(), t.reportKey(key), budget.limit(), spent,
				budget.limit().subtract(spent).max(BigDecimal.ZERO), budget.window().start(now), budget.window().end(now),
				state);
	}

	private void evaluate(Tracked t, String key, KeySpend spend, long now, boolean alert) {
		BudgetWindow window = t.budget.window();
		long slot = window.slot(now);
		BigDecimal spent = spend.spent(slot, window.span(), window.isCalendar());
		int fresh = spend.crossings(spent, t.thresholds, window.isCalendar() ? slot : 0);
		if (alert && fresh != 0) {
			// the highest threshold reached is the news; lower ones crossed by the same call come first
			for (int i = 0; i < t.thresholds.length; i++) {
				if ((fresh & (1 << i)) != 0) {
					alert(t, key, i, spent, Instant.ofEpochMilli(now));
				}
			}
		}
		if (t.budget.action() != BudgetAction.BLOCK) {
			return;
		}
		boolean hadBlockedKeys = !t.blocked.isEmpty();
		if (spent.compareTo(t.budget.limit()) >= 0) {
			long resetsAt = spend.resetsAt(window, slot, spent, t.budget.limit());
			t.blocked.put(key, new Tracked.Blocked(key, spent, resetsAt));
		}
		else if (hadBlockedKeys) {
			t.blocked.remove(key);
		}
		if (hadBlockedKeys == t.blocked.isEmpty()) {
			blockedKeysChanged();
		}
	}

	/** Rebuilds the list the check walks; rare, and never on the check itself. */
	private synchronized void blockedKeysChanged() {
		this.withBlockedKeys = java.util.Arrays.stream(this.blocking)
			.filter((t) -> !t.blocked.isEmpty())
			.toArray(Tracked[]::new);
	}

	private void alert(Tracked t, String key, int threshold, BigDecimal spent, Instant now) {
		Budget budget = t.budget;
		boolean exceeded = threshold == t.thresholds.length - 1;
		BudgetAlert alert = new BudgetAlert(budget.name(), budget.scope().propertyValue(), t.reportKey(key),
				exceeded ? BudgetAlert.EXCEEDED : BudgetAlert.WARN, t.fraction(threshold), budget.limit(), spent,
				budget.window().start(now), budget.window().end(now));
		logger.warn("TokenSense budget '{}'{} {}: {} of {} USD spent in the window {} to {}{}", budget.name(),
				(alert.key() != null) ? " of '" + alert.key() + "'" : "",
				exceeded ? "is spent" : "passed " + alert.threshold().toPlainString() + " of its limit",
				spent.toPlainString(), budget.limit().toPlainString(), alert.windowStart(), alert.windowEnd(),
				(exceeded && budget.action() == BudgetAction.BLOCK) ? "; its calls are refused until it resets" : "");
		try {
			this.listener.alert(alert);
		}
		catch (RuntimeException ex) {
			logger.warn("A budget listener failed on an alert", ex);
		}
	}

}
