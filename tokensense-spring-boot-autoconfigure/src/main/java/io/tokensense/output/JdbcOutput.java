package io.tokensense.output;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import io.tokensense.CallEvent;
import io.tokensense.output.jdbc.EventRows;
import io.tokensense.output.jdbc.HourlyTotals;
import io.tokensense.output.jdbc.JdbcDialect;
import io.tokensense.output.jdbc.SchemaScripts;
import io.tokensense.output.jdbc.SqliteDataSource;
import io.tokensense.output.jdbc.TableName;
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
 * then, so an application starts while its database is down, and the pipeline's retries
 * create them once it is back.
 */
public final class JdbcOutput implements CallEventOutput {

	private final DataSource dataSource;

	private final TableName table;

	private final boolean initializeSchema;

	private final @Nullable AutoCloseable ownedResource;

	private final HourlyTotals hourly;

	private volatile @Nullable JdbcDialect dialect;

	private volatile boolean schemaReady;

	private volatile boolean closed;

	/**
	 * Creates an output writing to table {@code tokensense_calls}, created when missing.
	 * @param dataSource the database
	 */
	public JdbcOutput(DataSource dataSource) {
		this(dataSource, TableName.DEFAULT, true, null);
	}

	/**
	 * Creates an output.
	 * @param dataSource the database
	 * @param table the table, optionally schema-qualified
	 * @param initializeSchema whether the table and its indexes are created when missing
	 * @param ownedResource closed with the output, e.g. a pool created only for it
	 * @throws IllegalStateException when the table name is not a plain SQL identifier
	 */
	public JdbcOutput(DataSource dataSource, String table, boolean initializeSchema,
			@Nullable AutoCloseable ownedResource) {
		this.dataSource = dataSource;
		this.table = TableName.of(table);
		this.initializeSchema = initializeSchema;
		this.ownedResource = ownedResource;
		this.hourly = new HourlyTotals(this.table);
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

	@Override
	public void write(List<CallEvent> batch) throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			JdbcDialect dialect = dialect(connection);
			if (this.initializeSchema && !this.schemaReady) {
				SchemaScripts.run(connection, dialect, this.table);
				this.schemaReady = true;
			}
			insert(connection, dialect, batch);
		}
	}

	private void insert(Connection connection, JdbcDialect dialect, List<CallEvent> batch) throws SQLException {
		boolean autoCommit = connection.getAutoCommit();
		connection.setAutoCommit(false);
		try (PreparedStatement statement = connection.prepareStatement(dialect.insertSql(this.table))) {
			for (CallEvent event : batch) {
				EventRows.bind(statement, dialect, event);
				statement.addBatch();
			}
			this.hourly.insert(connection, dialect, batch, statement::executeBatch);
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

	/** The table written to. */
	public TableName table() {
		return this.table;
	}

	/** The database written to. */
	public DataSource dataSource() {
		return this.dataSource;
	}

	/** Closes the resource given at construction, once; the data source itself is left alone. */
	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		if (this.ownedResource != null) {
			try {
				this.ownedResource.close();
			}
			catch (Exception ex) {
				throw new IllegalStateException("Closing the jdbc output's data source failed", ex);
			}
		}
	}

	@Override
	public String name() {
		return "jdbc";
	}

	@Override
	public String toString() {
		return "JdbcOutput[" + this.table + " on " + this.dataSource + "]";
	}

}
