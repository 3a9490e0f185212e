package io.tokensense.internal.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes calls older than the retention ({@code tokensense.jdbc.retention}) from the calls
 * table, on a daemon thread of its own every ten minutes. Each statement deletes at most
 * {@value #ROWS_PER_DELETE} rows, oldest first, in a transaction of its own, with a pause
 * between statements: locks stay short and the writes never wait long. The hourly totals are
 * left alone, so reports over old windows still answer.
 */
public final class RawRowRetention implements AutoCloseable {

	static final int ROWS_PER_DELETE = 1_000;

	private static final Duration EVERY = Duration.ofMinutes(10);

	private static final Duration FIRST_RUN = Duration.ofMinutes(1);

	private static final Duration PAUSE = Duration.ofMillis(50);

	private static final Logger logger = LoggerFactory.getLogger(RawRowRetention.class);

	private final DataSource dataSource;

	private final TableName table;

	private final Duration retention;

	private final Clock clock;

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "tokensense-retention");
		thread.setDaemon(true);
		return thread;
	});

	/**
	 * Retention of a calls table; nothing runs before {@link #start()}.
	 * @param dataSource the database
	 * @param table the calls table
	 * @param retention how long rows are kept
	 * @param clock the clock rows' age is measured by
	 */
	public RawRowRetention(DataSource dataSource, TableName table, Duration retention, Clock clock) {
		if (retention.isNegative() || retention.isZero()) {
			throw new IllegalStateException("tokensense.jdbc.retention must be positive, was " + retention);
		}
		this.dataSource = dataSource;
		this.table = table;
		this.retention = retention;
		this.clock = clock;
	}

	/** Deletes expired rows a minute from now (not in the way of startup) and every ten minutes after. */
	public void start() {
		this.scheduler.scheduleWithFixedDelay(this::deleteQuietly, FIRST_RUN.toMillis(), EVERY.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	/**
	 * Deletes every row older than the retention, a batch per transaction.
	 * @return the rows deleted
	 * @throws SQLException when a statement fails
	 */
	public long deleteExpired() throws SQLException {
		Instant cutoff = this.clock.instant().minus(this.retention);
		long deleted = 0;
		while (true) {
			int batch = deleteBatch(cutoff);
			deleted += batch;
			if (batch < ROWS_PER_DELETE) {
				return deleted;
			}
			try {
				Thread.sleep(PAUSE.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return deleted;
			}
		}
	}

	/** The instant before which rows are deleted, as of now. */
	public Instant cutoff() {
		return this.clock.instant().minus(this.retention);
	}

	private int deleteBatch(Instant cutoff) throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			JdbcDialect dialect = JdbcDialect.of(connection.getMetaData().getDatabaseProductName());
			boolean autoCommit = connection.getAutoCommit();
			connection.setAutoCommit(false);
			try (PreparedStatement statement = connection.prepareStatement(deleteSql(dialect))) {
				dialect.setTimestamp(statement, 1, cutoff);
				int deleted = statement.executeUpdate();
				connection.commit();
				return deleted;
			}
			catch (SQLException ex) {
				connection.rollback();
				throw ex;
			}
			finally {
				connection.setAutoCommit(autoCommit);
			}
		}
	}

	/** At most {@value #ROWS_PER_DELETE} rows, oldest first, in the SQL each database takes. */
	String deleteSql(JdbcDialect dialect) {
		String calls = this.table.qualified();
		return switch (dialect) {
			case MYSQL -> "DELETE FROM " + calls + " WHERE timestamp < ? ORDER BY timestamp LIMIT " + ROWS_PER_DELETE;
			case POSTGRESQL, H2 -> "DELETE FROM " + calls + " WHERE id IN (SELECT id FROM " + calls
					+ " WHERE timestamp < ? ORDER BY timestamp FETCH FIRST " + ROWS_PER_DELETE + " ROWS ONLY)";
			case SQLITE -> "DELETE FROM " + calls + " WHERE id IN (SELECT id FROM " + calls
					+ " WHERE timestamp < ? ORDER BY timestamp LIMIT " + ROWS_PER_DELETE + ")";
		};
	}

	private void deleteQuietly() {
		try {
			long deleted = deleteExpired();
			if (deleted > 0) {
				logger.debug("TokenSense deleted {} calls older than {} from {}", deleted, this.retention, this.table);
			}
		}
		catch (SQLException | RuntimeException ex) {
			// the SQLState, never the message: drivers put bound values in it
			logger.warn("TokenSense could not delete calls older than {} from {} ({}, SQLState {}); retrying in {}",
					this.retention, this.table, ex.getClass().getName(),
					(ex instanceof SQLException sql) ? sql.getSQLState() : "none", EVERY);
		}
	}

	/** Stops the background deletion; a statement under way is interrupted between batches. */
	@Override
	public void close() {
		this.scheduler.shutdownNow();
	}

}
