package io.tokensense.budget;

import java.math.BigDecimal;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * The spend of one key of one budget: what this instance recorded, per slot of the window,
 * and, when spend is shared through the jdbc table, the table's sum at the last refresh plus
 * what this instance recorded since that refresh began. Guarded by its own monitor: only calls
 * of the same key ever meet here, and never on the check before a call.
 */
final class KeySpend {

	private long[] slots = new long[2];

	private BigDecimal[] amounts = new BigDecimal[2];

	private int size;

	/** Everything ever recorded here; the difference of two readings is what came in between. */
	private BigDecimal ownTotal = BigDecimal.ZERO;

	private @Nullable BigDecimal shared;

	private long sharedSlot;

	private BigDecimal sharedMark = BigDecimal.ZERO;

	private @Nullable BigDecimal pendingMark;

	/** Bit i: threshold i was alerted and has not been re-armed by spend falling below it. */
	private int alerted;

	/** The calendar period {@link #alerted} is about; a new period alerts afresh. */
	private long alertedPeriod;

	private boolean retired;

	/** Adds spend in a slot; false when this entry was retired and the caller must fetch a new one. */
	synchronized boolean add(BigDecimal cost, long slot, int span) {
		if (this.retired) {
			return false;
		}
		prune(slot - span);
		this.ownTotal = this.ownTotal.add(cost);
		int index = Arrays.binarySearch(this.slots, 0, this.size, slot);
		if (index >= 0) {
			this.amounts[index] = this.amounts[index].add(cost);
			return true;
		}
		int at = -index - 1;
		if (this.size == this.slots.length) {
			this.slots = Arrays.copyOf(this.slots, this.size * 2);
			this.amounts = Arrays.copyOf(this.amounts, this.size * 2);
		}
		System.arraycopy(this.slots, at, this.slots, at + 1, this.size - at);
		System.arraycopy(this.amounts, at, this.amounts, at + 1, this.size - at);
		this.slots[at] = slot;
		this.amounts[at] = cost;
		this.size++;
		return true;
	}

	/** The spend in the window whose current slot is given: the larger of own and shared. */
	synchronized BigDecimal spent(long slot, int span, boolean calendar) {
		BigDecimal own = BigDecimal.ZERO;
		for (int i = 0; i < this.size; i++) {
			if (this.slots[i] >= slot - span && this.slots[i] <= slot) {
				own = own.add(this.amounts[i]);
			}
		}
		BigDecimal base = this.shared;
		if (base == null || (calendar && this.sharedSlot != slot)) {
			return own;
		}
		return own.max(base.add(this.ownTotal.subtract(this.sharedMark)));
	}

	/** Before the shared table is read: what was recorded until now is in the table or on its way. */
	synchronized void mark() {
		this.pendingMark = this.ownTotal;
	}

	/** The table's sum for this key, read in the given slot. */
	synchronized void applyShared(BigDecimal sum, long slot) {
		this.shared = sum;
		this.sharedSlot = slot;
		// an entry created after the read began has all its own spend still to add
		this.sharedMark = (this.pendingMark != null) ? this.pendingMark : BigDecimal.ZERO;
		this.pendingMark = null;
	}

	/**
	 * Marks the thresholds reached and re-arms those no longer reached, or all of them when a
	 * new calendar period began.
	 * @param period the calendar period, or a constant for a rolling window
	 * @return the bits of the thresholds reached now and not before
	 */
	synchronized int crossings(BigDecimal spent, BigDecimal[] thresholds, long period) {
		if (period != this.alertedPeriod) {
			this.alerted = 0;
			this.alertedPeriod = period;
		}
		int reached = 0;
		for (int i = 0; i < thresholds.length; i++) {
			if (spent.compareTo(thresholds[i]) >= 0) {
				reached |= 1 << i;
			}
		}
		int fresh = reached & ~this.alerted;
		this.alerted = reached;
		return fresh;
	}

	/**
	 * When the spend falls below the limit if nothing more is recorded, in epoch milliseconds: the
	 * end of a calendar period, or the expiry of the rolling slot whose leaving brings spend below
	 * it. Spend read from other instances has no slots: its estimate is one window from now.
	 */
	synchronized long resetsAt(BudgetWindow window, long slot, BigDecimal spent, BigDecimal limit) {
		if (window.isCalendar()) {
			return window.expiry(slot);
		}
		BigDecimal remaining = spent;
		for (int i = 0; i < this.size; i++) {
			if (this.slots[i] >= slot - window.span()) {
				remaining = remaining.subtract(this.amounts[i]);
				if (remaining.compareTo(limit) < 0) {
					return window.expiry(this.slots[i]);
				}
			}
		}
		return window.expiry(slot);
	}

	/** Retires this entry when nothing in it matters any more; true if it was retired. */
	synchronized boolean retireIfIdle(long slot, int span, boolean calendar) {
		if (this.alerted != 0 || this.pendingMark != null || spent(slot, span, calendar).signum() != 0) {
			return false;
		}
		this.retired = true;
		return true;
	}

	private void prune(long firstKept) {
		int drop = 0;
		while (drop < this.size && this.slots[drop] < firstKept) {
			drop++;
		}
		if (drop > 0) {
			System.arraycopy(this.slots, drop, this.slots, 0, this.size - drop);
			System.arraycopy(this.amounts, drop, this.amounts, 0, this.size - drop);
			Arrays.fill(this.amounts, this.size - drop, this.size, null);
			this.size -= drop;
		}
	}

}
