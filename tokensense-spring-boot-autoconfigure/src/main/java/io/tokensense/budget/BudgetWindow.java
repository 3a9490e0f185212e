package io.tokensense.budget;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The time a budget's limit applies to: a rolling duration (the last {@code PT1H}, {@code P1D},
 * {@code P30D}, at least one second), or a calendar period ({@code day}, {@code week} starting
 * on Monday, {@code month}) in a time zone.
 *
 * <p>A rolling window keeps spend in {@value #ROLLING_SLOTS} slots of a sixtieth of its
 * length each (sixty-first for the slot in progress): a call leaves the window between one
 * window and one window plus one slot after it was recorded, never earlier.
 */
public final class BudgetWindow {

	static final int ROLLING_SLOTS = 60;

	private final String text;

	private final @Nullable Duration rolling;

	private final @Nullable Period calendar;

	private final ZoneId zone;

	private final long slotMillis;

	private BudgetWindow(String text, @Nullable Duration rolling, @Nullable Period calendar, ZoneId zone) {
		this.text = text;
		this.rolling = rolling;
		this.calendar = calendar;
		this.zone = zone;
		this.slotMillis = (rolling != null) ? Math.max(1, ceilDiv(rolling.toMillis(), ROLLING_SLOTS)) : 0;
	}

	/**
	 * Parses a window as written in {@code tokensense.budgets.<name>.window}.
	 * @param text an ISO-8601 duration of at least one second, or {@code day}, {@code week} or {@code month}
	 * @param zone the zone of calendar periods
	 * @throws IllegalArgumentException saying what is accepted
	 */
	public static BudgetWindow parse(String text, ZoneId zone) {
		String trimmed = text.trim();
		for (Period period : Period.values()) {
			if (period.name().equalsIgnoreCase(trimmed)) {
				return new BudgetWindow(period.name().toLowerCase(Locale.ROOT), null, period, zone);
			}
		}
		Duration duration;
		try {
			duration = Duration.parse(trimmed);
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("'" + text + "' is neither an ISO-8601 duration (PT1H, P1D, P30D) "
					+ "nor one of day, week, month");
		}
		if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new IllegalArgumentException("'" + text + "' is shorter than one second");
		}
		return new BudgetWindow(trimmed, duration, null, zone);
	}

	/** A rolling window of the given length, at least one second. */
	public static BudgetWindow rolling(Duration length) {
		return parse(length.toString(), ZoneId.of("UTC"));
	}

	/** Whether this is a calendar period (spend starts from zero at each period's start). */
	public boolean isCalendar() {
		return this.calendar != null;
	}

	/** The slot an instant falls in: a sixtieth of a rolling window, or a whole calendar period. */
	long slot(long epochMillis) {
		if (this.calendar == null) {
			return Math.floorDiv(epochMillis, this.slotMillis);
		}
		long day = LocalDate.ofInstant(Instant.ofEpochMilli(epochMillis), this.zone).toEpochDay();
		return this.calendar.periodOf(day);
	}

	/** How many slots before the current one are still inside the window. */
	int span() {
		return (this.calendar != null) ? 0 : ROLLING_SLOTS;
	}

	/** When spend of a slot leaves the window, in epoch milliseconds. */
	long expiry(long slot) {
		if (this.calendar == null) {
			return saturatedMultiply(slot + ROLLING_SLOTS + 1, this.slotMillis);
		}
		return periodStart(slot + 1).toEpochMilli();
	}

	/** Where the window that holds {@code now} starts. */
	public Instant start(Instant now) {
		return (this.rolling != null) ? now.minus(this.rolling) : periodStart(slot(now.toEpochMilli()));
	}

	/** Where the window that holds {@code now} ends: now for a rolling one, else the period's end. */
	public Instant end(Instant now) {
		return (this.rolling != null) ? now : periodStart(slot(now.toEpochMilli()) + 1);
	}

	private Instant periodStart(long period) {
		return Objects.requireNonNull(this.calendar).startDay(period).atStartOfDay(this.zone).toInstant();
	}

	private static long ceilDiv(long value, long divisor) {
		return -Math.floorDiv(-value, divisor);
	}

	private static long saturatedMultiply(long a, long b) {
		long high = Math.multiplyHigh(a, b);
		long low = a * b;
		return ((high == 0 && low >= 0) || (high == -1 && low < 0)) ? low : Long.MAX_VALUE;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof BudgetWindow window && this.text.equals(window.text) && this.zone.equals(window.zone);
	}

	@Override
	public int hashCode() {
		return this.text.hashCode();
	}

	/** As written: {@code PT1H}, {@code day}, ... */
	@Override
	public String toString() {
		return this.text;
	}

	/** Calendar periods, numbered from the epoch day they contain. */
	private enum Period {

		DAY {
			@Override
			long periodOf(long epochDay) {
				return epochDay;
			}

			@Override
			LocalDate startDay(long period) {
				return LocalDate.ofEpochDay(period);
			}
		},

		/** ISO weeks, Monday first; 1970-01-01 was a Thursday, three days after a Monday. */
		WEEK {
			@Override
			long periodOf(long epochDay) {
				return Math.floorDiv(epochDay + 3, 7);
			}

			@Override
			LocalDate startDay(long period) {
				return LocalDate.ofEpochDay(period * 7 - 3);
			}
		},

		MONTH {
			@Override
			long periodOf(long epochDay) {
				LocalDate date = LocalDate.ofEpochDay(epochDay);
				return date.getYear() * 12L + date.getMonthValue() - 1;
			}

			@Override
			LocalDate startDay(long period) {
				return LocalDate.of((int) Math.floorDiv(period, 12), (int) Math.floorMod(period, 12) + 1, 1);
			}
		};

		abstract long periodOf(long epochDay);

		abstract LocalDate startDay(long period);

	}

}
