package io.tokensense.internal.jdbc;

import java.sql.BatchUpdateException;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What a database failure means for the jdbc output, and how it may be shown. A failure is
 * permanent when the database refuses the values of a row (SQLState class {@code 22}, data
 * exception: a value too long or out of range; class {@code 23}, integrity constraint
 * violation): writing the same row again can never succeed. Anything else (class {@code 08}
 * connection, {@code 40001} serialization, {@code 57} operator intervention, timeouts, an
 * exhausted pool, a missing table, an unknown state) may pass and is retried.
 *
 * <p>A driver's message can hold the values it was given (PostgreSQL's
 * {@link BatchUpdateException} quotes the whole statement with its parameters: user ids,
 * prompts), so the output never lets one reach a log: {@link #withoutValues} keeps the
 * SQLState, the vendor code and the exception classes only.
 */
public final class SqlFailures {

	/** SQLite sets no SQLState; its result codes for a refused value: TOOBIG, CONSTRAINT, MISMATCH, RANGE. */
	private static final Set<Integer> SQLITE_REFUSED_VALUE = Set.of(18, 19, 20, 25);

	/** Causes and next exceptions looked at, at most: a driver's chain can loop. */
	private static final int MAX_CHAIN = 8;

	private SqlFailures() {
	}

	/**
	 * Whether the database refused the rows' values, so that a retry can never succeed.
	 * @param failure what the driver threw
	 * @param dialect the database's dialect
	 * @return {@code true} for a data exception or an integrity constraint violation
	 */
	public static boolean isPermanent(SQLException failure, JdbcDialect dialect) {
		if (failure instanceof JdbcWriteException safe) {
			return safe.isPermanent();
		}
		for (SQLException link : chain(failure)) {
			if (link instanceof SQLTransientException || link instanceof SQLRecoverableException) {
				return false;
			}
			String state = link.getSQLState();
			if (state != null && state.length() >= 2) {
				return state.startsWith("22") || state.startsWith("23");
			}
			if (link instanceof SQLDataException || link instanceof SQLIntegrityConstraintViolationException) {
				return true;
			}
			if (dialect == JdbcDialect.SQLITE && SQLITE_REFUSED_VALUE.contains(link.getErrorCode() & 0xff)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Describes a failure by exception classes, SQLStates and vendor codes only, e.g.
	 * {@code java.sql.BatchUpdateException (SQLState 23514, vendor code 0) caused by
	 * org.postgresql.util.PSQLException (SQLState 23514, vendor code 0)}.
	 * @param failure what the driver threw
	 * @return a description without the message
	 */
	public static String describe(SQLException failure) {
		StringBuilder description = new StringBuilder();
		for (SQLException link : chain(failure)) {
			if (description.length() > 0) {
				description.append(" caused by ");
			}
			description.append(link.getClass().getName())
				.append(" (SQLState ")
				.append(link.getSQLState())
				.append(", vendor code ")
				.append(link.getErrorCode())
				.append(')');
		}
		return description.toString();
	}

	/**
	 * The failure as it may be logged: a new exception with the {@link #describe description}
	 * as its message, the SQLState and vendor code that decide {@link #isPermanent}, and the
	 * original stack trace; no cause, nothing suppressed, no message of the driver.
	 * @param failure what the driver threw
	 * @param dialect the database's dialect, or {@code null} before it is known
	 * @return the exception to throw instead
	 */
	public static JdbcWriteException withoutValues(SQLException failure, @Nullable JdbcDialect dialect) {
		if (failure instanceof JdbcWriteException safe) {
			return safe;
		}
		SQLException deciding = failure;
		for (SQLException link : chain(failure)) {
			if (link.getSQLState() != null) {
				deciding = link;
				break;
			}
		}
		boolean permanent = (dialect != null) && isPermanent(failure, dialect);
		JdbcWriteException safe = new JdbcWriteException(describe(failure), deciding.getSQLState(),
				deciding.getErrorCode(), permanent);
		safe.setStackTrace(failure.getStackTrace());
		return safe;
	}

	/** The failure, its next exceptions and its SQLException causes, in that order, without repeats. */
	private static List<SQLException> chain(SQLException failure) {
		List<SQLException> chain = new ArrayList<>();
		@Nullable SQLException next = failure;
		while (next != null && chain.size() < MAX_CHAIN && !chain.contains(next)) {
			chain.add(next);
			next = next.getNextException();
		}
		for (int i = 0; i < chain.size() && chain.size() < MAX_CHAIN; i++) {
			if (chain.get(i).getCause() instanceof SQLException cause && !chain.contains(cause)) {
				chain.add(cause);
			}
		}
		return chain;
	}

}
