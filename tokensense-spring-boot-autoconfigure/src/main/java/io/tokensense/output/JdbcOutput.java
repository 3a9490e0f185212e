package io.tokensense.output;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.tokensense.CallEvent;
import io.tokensense.internal.jdbc.EventRows;
import io.tokensense.internal.jdbc.HourlyTotals;
import io.tokensense.internal.jdbc.JdbcDialect;
import io.tokensense.internal.jdbc.JdbcWriteException;
import io.tokensense.internal.jdbc.SchemaScripts;
import io.tokensense.internal.jdbc.SqlFailures;
import io.tokensense.internal.jdbc.SqliteDataSource;
import io.tokensense.internal.jdbc.TableName;
import org.jspecify.annotations.Nullable;

/**
 * Writes events as rows of a table, {@code tokensense_calls} by default, on PostgreSQL,
 * MySQL, MariaDB, H2 or SQLite. The columns are the {@link CallEvent} fields in snake_case
 * ({@code latency_ms}, {@code time_to_first_token_ms}, {@code tags} as a JSON array); the
 * DDL of each database ships in the jar under {@code io/tokensense/jdbc/}.
 *
 * <p>Each batch is one JDBC batch in one transaction, and a row whose {@code id} is already
 * in the table is left alone, so a batch the pipeline retries after a failure never
 * duplicates a row. The same transaction adds the rows it inserted to the hourly totals
 * beside the table ({@code <table>_hourly}, see {@link HourlyTotals}). Nothing touches the
 * database before the first write: when asked to, the output creates the tables and indexes
 * then, in a transaction of their own, so an application starts while its database is down,
 * and the pipeline's retries create them once it is back.
 *
 * <p>Text values are stored without U+0000 (which PostgreSQL refuses) and short ones cut to
 * their column's size. A row the database still refuses for good (a data exception or a
 * constraint, SQLState class 22 or 23) does not hold up the others: the batch is split to
 * find it, the rest is written, and it is reported as rejected, never retried. Failures that
 * may pass (a lost connection, a timeout, an exhausted pool) fail the batch, which the
 * pipeline retries. What this output throws never carries the driver's message, which can
 * quote the bound values.
 */
public final class JdbcOutput implements CallEventOutput {

	private final DataSource dataSource;

	private final TableName table;

	private final boolean initializeSchema;

	private final boolean closeDataSource;

	private final HourlyTotals hourly;

	private volatile @Nullable JdbcDialect dialect;

	private volatile boolean schemaReady;

	private volatile boolean closed;

	/**
	 * Creates an output writing to table {@code tokensense_calls}, created when missing.
	 * @param dataSource the database
	 */
	public JdbcOutput(DataSource dataSource) {
		this(builder(dataSource));
	}

	private JdbcOutput(Builder builder) {
		this.dataSource = builder.dataSource;
		this.table = builder.table;
		this.initializeSchema = builder.initializeSchema;
		this.closeDataSource = builder.closeDataSource;
		this.hourly = new HourlyTotals(this.table);
	}

	/**
	 * Starts building an output on a database: table {@code tokensense_calls}, created when
	 * missing, and the data source left open, unless told otherwise.
	 * @param dataSource the database
	 * @return a builder
	 */
	public static Builder builder(DataSource dataSource) {
		return new Builder(dataSource);
	}

	/**
	 * An output to table {@code tokensense_calls} of an SQLite file, created with the table
	 * when missing. Needs {@code org.xerial:sqlite-jdbc} on the class path.
	 * @param path the file, e.g. {@code ./tokensense.db}
	 * @return the output
	 */
	public static JdbcOutput sqlite(String path) {
		return new JdbcOutput(new SqliteDataSource(path));
	}

	/**
	 * Writes the batch in one transaction. When the database refuses some rows for good (see
	 * {@link SqlFailures#isPermanent}), the batch is split in halves, each behind a savepoint of
	 * that transaction, down to the single rows it refuses; the others are written.
	 * @throws EventsRejectedException after writing the rest, naming the events whose rows the
	 * database refused: never worth a retry
	 * @throws JdbcWriteException when the batch could not be written and may be later; its
	 * message holds no value of the events
	 */
	@Override
	public void write(List<CallEvent> batch) throws SQLException, EventsRejectedException {
		JdbcDialect dialect = this.dialect;
		Rejections rejections = new Rejections();
		try (Connection connection = this.dataSource.getConnection()) {
			dialect = dialect(connection);
			if (this.initializeSchema && !this.schemaReady) {
				SchemaScripts.create(connection, dialect, this.table);
				this.schemaReady = true;
			}
			insertAllButRefused(connection, dialect, batch, rejections);
		}
		catch (SQLException ex) {
			throw SqlFailures.withoutValues(ex, dialect);
		}
		rejections.throwIfAny();
	}

	/**
	 * Writes the batch in one transaction. When the database refuses it for good, the
	 * transaction starts again and finds the refused rows by bisection, each part behind a
	 * savepoint; the others are committed together. A failure that may pass rolls everything
	 * back, so the batch is written whole or not at all, and a retry cannot count twice.
	 */
	private void insertAllButRefused(Connection connection, JdbcDialect dialect, List<CallEvent> batch,
			Rejections rejections) throws SQLException {
		boolean autoCommit = connection.getAutoCommit();
		connection.setAutoCommit(false);
		try {
			try {
				insert(connection, dialect, batch);
			}
			catch (SQLException ex) {
				connection.rollback();
				if (!SqlFailures.isPermanent(ex, dialect)) {
					throw ex;
				}
				isolate(connection, dialect, batch, rejections);
			}
			connection.commit();
		}
		catch (SQLException | RuntimeException ex) {
			rollback(connection, ex);
			throw ex;
		}
		finally {
			restoreAutoCommit(connection, autoCommit);
		}
	}

	/** Bisects events the database refuses down to the rows it refuses, inserting the others. */
	private void isolate(Connection connection, JdbcDialect dialect, List<CallEvent> events, Rejections rejections)
			throws SQLException {
		Savepoint savepoint = connection.setSavepoint();
		try {
			insert(connection, dialect, events);
		}
		catch (SQLException ex) {
			connection.rollback(savepoint);
			if (!SqlFailures.isPermanent(ex, dialect)) {
				throw ex;
			}
			if (events.size() == 1) {
				rejections.add(events.get(0), ex);
				return;
			}
			int half = events.size() / 2;
			isolate(connection, dialect, events.subList(0, half), rejections);
			isolate(connection, dialect, events.subList(half, events.size()), rejections);
		}
	}

	/** Inserts the rows, and adds those inserted to the hourly totals, in the connection's current transaction. */
	private void insert(Connection connection, JdbcDialect dialect, List<CallEvent> batch) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(dialect.insertSql(this.table))) {
			for (CallEvent event : batch) {
				EventRows.bind(statement, dialect, event);
				statement.addBatch();
			}
			this.hourly.insert(connection, dialect, batch, statement::executeBatch);
		}
	}

	private JdbcDialect dialect(Connection connection) throws SQLException {
		JdbcDialect known = this.dialect;
		if (known == null) {
			known = JdbcDialect.of(connection.getMetaData().getDatabaseProductName());
			this.dialect = known;
		}
		return known;
	}

	private static void rollback(Connection connection, Exception failure) {
		try {
			connection.rollback();
		}
		catch (SQLException ex) {
			failure.addSuppressed(ex);
		}
	}

	private static void restoreAutoCommit(Connection connection, boolean autoCommit) {
		try {
			connection.setAutoCommit(autoCommit);
		}
		catch (SQLException ex) {
			// a pool validates connections it gets back; a broken one is discarded there
		}
	}

	/** The events whose rows the database refused, and why (without their values). */
	private static final class Rejections {

		private final List<CallEvent> events = new ArrayList<>();

		private @Nullable String firstReason;

		void add(CallEvent event, SQLException reason) {
			this.events.add(event);
			if (this.firstReason == null) {
				this.firstReason = SqlFailures.describe(reason);
			}
		}

		void throwIfAny() throws EventsRejectedException {
			if (!this.events.isEmpty()) {
				throw new EventsRejectedException(this.events.size() + " row(s) refused by the database, the first "
						+ "with " + this.firstReason, this.events);
			}
		}

	}

	/** The table written to. */
	public TableName table() {
		return this.table;
	}

	/** The database written to. */
	public DataSource dataSource() {
		return this.dataSource;
	}

	/** Closes the data source, once, when the output was built to own it; otherwise leaves it alone. */
	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		if (this.closeDataSource && this.dataSource instanceof AutoCloseable closeable) {
			try {
				closeable.close();
			}
			catch (Exception ex) {
				throw new IllegalStateException("Closing the jdbc output's data source failed", ex);
			}
		}
	}

	@Override
	public String name() {
		return BuiltInOutput.JDBC.outputName();
	}

	@Override
	public String toString() {
		return "JdbcOutput[" + this.table + " on " + this.dataSource + "]";
	}

	/** Builds a {@link JdbcOutput}; every setting but the data source is optional. */
	public static final class Builder {

		private final DataSource dataSource;

		private TableName table = TableName.of(TableName.DEFAULT);

		private boolean initializeSchema = true;

		private boolean closeDataSource;

		private Builder(DataSource dataSource) {
			this.dataSource = dataSource;
		}

		/**
		 * Sets the table written to.
		 * @param table the table, optionally schema-qualified; {@code tokensense_calls} by default
		 * @return this builder
		 * @throws IllegalStateException when the name is not a plain SQL identifier
		 */
		public Builder table(String table) {
			this.table = TableName.of(table);
			return this;
		}

		/**
		 * Sets whether the table and its indexes are created when missing (on the first write).
		 * @param initializeSchema {@code true} by default; {@code false} when Flyway or Liquibase
		 * own the schema
		 * @return this builder
		 */
		public Builder initializeSchema(boolean initializeSchema) {
			this.initializeSchema = initializeSchema;
			return this;
		}

		/**
		 * Sets whether closing the output also closes the data source, when it is
		 * {@link AutoCloseable}: for a pool created only for this output.
		 * @param closeDataSource {@code false} by default
		 * @return this builder
		 */
		public Builder closeDataSource(boolean closeDataSource) {
			this.closeDataSource = closeDataSource;
			return this;
		}

		/**
		 * Builds the output; nothing connects to the database before the first write.
		 * @return the output
		 */
		public JdbcOutput build() {
			return new JdbcOutput(this);
		}

	}

}
