package io.tokensense.internal.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The databases the JDBC output supports, told apart by
 * {@link java.sql.DatabaseMetaData#getDatabaseProductName()}. Each has its own schema script,
 * its own way to skip a row whose id is already there, and its own timestamp type:
 * <ul>
 * <li>PostgreSQL: {@code TIMESTAMP WITH TIME ZONE}; {@code INSERT ... ON CONFLICT (id) DO NOTHING}.</li>
 * <li>MySQL and MariaDB: {@code DATETIME(6)} holding UTC; {@code INSERT ... ON DUPLICATE KEY UPDATE id = id}
 * (not {@code INSERT IGNORE}, which would also turn too-long values into silent truncation).</li>
 * <li>H2: {@code TIMESTAMP WITH TIME ZONE}; {@code MERGE INTO ... KEY (id)}.</li>
 * <li>SQLite: fixed-width ISO-8601 UTC text; {@code INSERT ... ON CONFLICT (id) DO NOTHING} (not
 * {@code INSERT OR IGNORE}, which would also skip rows breaking a NOT NULL constraint).</li>
 * </ul>
 * Timestamps keep microseconds, the finest precision all four store.
 */
public enum JdbcDialect {

	/** PostgreSQL. */
	POSTGRESQL("postgresql"),

	/** MySQL and MariaDB. */
	MYSQL("mysql"),

	/** H2 2.x. */
	H2("h2"),

	/** SQLite 3.24 or later. */
	SQLITE("sqlite");

	/** Sorts as text in time order: always six fraction digits. */
	private static final DateTimeFormatter SQLITE_TIMESTAMP = DateTimeFormatter
		.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private static final DateTimeFormatter LITERAL = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private final String scriptSuffix;

	JdbcDialect(String scriptSuffix) {
		this.scriptSuffix = scriptSuffix;
	}

	/**
	 * The dialect of a database product.
	 * @param productName as the driver reports it
	 * @return the dialect
	 * @throws IllegalStateException when the database is not supported
	 */
	public static JdbcDialect of(String productName) {
		String name = productName.toLowerCase(Locale.ROOT);
		if (name.contains("postgresql")) {
			return POSTGRESQL;
		}
		if (name.contains("mysql") || name.contains("mariadb")) {
			return MYSQL;
		}
		if (name.equals("h2")) {
			return H2;
		}
		if (name.contains("sqlite")) {
			return SQLITE;
		}
		throw new IllegalStateException("TokenSense's jdbc output supports PostgreSQL, MySQL, MariaDB, H2 and "
				+ "SQLite, not " + productName);
	}

	/** Where this dialect's schema script is on the class path. */
	public String scriptLocation() {
		return "io/tokensense/jdbc/schema-" + this.scriptSuffix + ".sql";
	}

	/**
	 * The statement writing one row, which leaves an existing row with the same id alone.
	 * @param table the table
	 * @return the SQL, with one parameter per column of {@link EventRows#COLUMNS}
	 */
	public String insertSql(TableName table) {
		String columns = String.join(", ", EventRows.COLUMNS);
		String values = String.join(", ", EventRows.COLUMNS.stream().map((column) -> "?").toList());
		return switch (this) {
			case POSTGRESQL, SQLITE -> "INSERT INTO " + table.qualified() + " (" + columns + ") VALUES (" + values
					+ ") ON CONFLICT (id) DO NOTHING";
			case MYSQL -> "INSERT INTO " + table.qualified() + " (" + columns + ") VALUES (" + values
					+ ") ON DUPLICATE KEY UPDATE id = id";
			case H2 -> "MERGE INTO " + table.qualified() + " (" + columns + ") KEY (id) VALUES (" + values + ")";
		};
	}

	/** Binds a timestamp in this dialect's storage, truncated to microseconds. */
	public void setTimestamp(PreparedStatement statement, int index, Instant timestamp) throws SQLException {
		Instant micros = timestamp.truncatedTo(ChronoUnit.MICROS);
		switch (this) {
			case POSTGRESQL, H2 -> statement.setObject(index, OffsetDateTime.ofInstant(micros, ZoneOffset.UTC));
			case MYSQL -> statement.setObject(index, LocalDateTime.ofInstant(micros, ZoneOffset.UTC));
			case SQLITE -> statement.setString(index, SQLITE_TIMESTAMP.format(micros));
		}
	}

	/**
	 * An instant of whole seconds as an SQL literal of this dialect's timestamp columns, for
	 * values the planner should see (a prepared statement's generic plan guesses at parameters).
	 * Only for instants computed here, never for text from outside.
	 */
	public String timestampLiteral(Instant instant) {
		Instant seconds = instant.truncatedTo(ChronoUnit.SECONDS);
		return switch (this) {
			case POSTGRESQL, H2 -> "TIMESTAMP WITH TIME ZONE '" + LITERAL.format(seconds) + "+00'";
			case MYSQL -> "TIMESTAMP '" + LITERAL.format(seconds) + "'";
			case SQLITE -> "'" + SQLITE_TIMESTAMP.format(seconds) + "'";
		};
	}

	/**
	 * Reads a timestamp column written by this output.
	 * @param rows the result set, on a row
	 * @param column the column's label
	 * @return the instant
	 * @throws SQLException when the column cannot be read
	 */
	public Instant getTimestamp(ResultSet rows, String column) throws SQLException {
		return switch (this) {
			case POSTGRESQL, H2 -> rows.getObject(column, OffsetDateTime.class).toInstant();
			case MYSQL -> rows.getObject(column, LocalDateTime.class).toInstant(ZoneOffset.UTC);
			case SQLITE -> Instant.parse(rows.getString(column));
		};
	}

	/** Whether costs are bound as text, to keep them exact where there is no decimal type. */
	public boolean costAsText() {
		return this == SQLITE;
	}

	/** The name an index gets in the schema script: with the schema where the index name carries it. */
	String indexNameInScript(TableName table, String column) {
		String index = table.indexName(column);
		boolean qualified = (this == H2 || this == SQLITE) && table.schema() != null;
		return qualified ? table.schema() + "." + index : index;
	}

	/** The table as named after {@code ON} in {@code CREATE INDEX}: SQLite takes the schema from the index. */
	String tableInCreateIndex(TableName table) {
		return (this == SQLITE) ? table.name() : table.qualified();
	}

}
