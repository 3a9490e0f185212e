package io.tokensense.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.tokensense.internal.jdbc.JdbcDialect;
import io.tokensense.internal.jdbc.SqliteDataSource;
import io.tokensense.internal.jdbc.TableName;
import org.h2.jdbcx.JdbcDataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.provider.Arguments;

/**
 * A real database for the JDBC tests: H2 in memory, an SQLite file, or the PostgreSQL and
 * MariaDB servers whose URLs CI passes in environment variables. Tests use tables with unique
 * names so that runs sharing a server never meet, and drop them afterwards.
 */
public final class TestDatabase implements AutoCloseable {

	public static final String POSTGRES_URL = "TOKENSENSE_TEST_POSTGRES_URL";

	public static final String MARIADB_URL = "TOKENSENSE_TEST_MARIADB_URL";

	private final DataSource dataSource;

	private final JdbcDialect dialect;

	private final List<String> tables = new ArrayList<>();

	private TestDatabase(DataSource dataSource, JdbcDialect dialect) {
		this.dataSource = dataSource;
		this.dialect = dialect;
	}

	/**
	 * Every kind of database the jdbc output supports, as a parameterized test's arguments: a
	 * name and a supplier. The servers skip their test loudly when their URL is not set.
	 */
	public static Stream<Arguments> everyKind() {
		return Stream.concat(Stream.of(Arguments.of("H2", (Supplier<TestDatabase>) TestDatabase::h2),
				Arguments.of("SQLite", (Supplier<TestDatabase>) TestDatabase::sqlite)), servers());
	}

	/** PostgreSQL and MariaDB, as {@link #everyKind()} gives them. */
	public static Stream<Arguments> servers() {
		return Stream.of(
				Arguments.of("PostgreSQL", (Supplier<TestDatabase>) () -> orSkip(
						fromEnvironment(POSTGRES_URL, JdbcDialect.POSTGRESQL), POSTGRES_URL, JdbcDialect.POSTGRESQL)),
				Arguments.of("MariaDB", (Supplier<TestDatabase>) () -> orSkip(fromEnvironment(MARIADB_URL, JdbcDialect.MYSQL),
						MARIADB_URL, JdbcDialect.MYSQL)));
	}

	public static TestDatabase h2() {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		return new TestDatabase(dataSource, JdbcDialect.H2);
	}

	public static TestDatabase sqlite() {
		try {
			Path file = Files.createTempFile("tokensense-", ".db");
			file.toFile().deleteOnExit();
			return new TestDatabase(new SqliteDataSource(file.toString()), JdbcDialect.SQLITE);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The server named by the variable, or {@code null} with a warning on stderr when it is
	 * unset; pass the result to {@link #orSkip} in each test so every skipped test is counted.
	 */
	public static @Nullable TestDatabase fromEnvironment(String variable, JdbcDialect dialect) {
		String url = System.getenv(variable);
		if (url == null || url.isBlank()) {
			System.err.println("WARNING: " + skipMessage(variable, dialect));
			return null;
		}
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(url);
		dataSource.setMaximumPoolSize(4);
		return new TestDatabase(dataSource, dialect);
	}

	/** The database, or the calling test skipped with a message saying why. */
	public static TestDatabase orSkip(@Nullable TestDatabase database, String variable, JdbcDialect dialect) {
		Assumptions.assumeTrue(database != null, () -> skipMessage(variable, dialect));
		return database;
	}

	private static String skipMessage(String variable, JdbcDialect dialect) {
		return variable + " is not set, so the " + dialect + " tests of the jdbc output are SKIPPED; "
				+ ".ci/run sets it (README, JDBC output)";
	}

	public DataSource dataSource() {
		return this.dataSource;
	}

	public JdbcDialect dialect() {
		return this.dialect;
	}

	/** A table name no other run uses; dropped by {@link #close()}, with its roll-ups and running totals. */
	public String uniqueTable() {
		String table = "ts_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		this.tables.add(table);
		return table;
	}

	public void execute(String sql) {
		try (Connection connection = this.dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql, ex);
		}
	}

	public boolean tableExists(String table) {
		try (Connection connection = this.dataSource.getConnection()) {
			DatabaseMetaData metaData = connection.getMetaData();
			try (ResultSet tables = metaData.getTables(connection.getCatalog(), null, stored(table), null)) {
				return tables.next();
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The columns covered by each index of the table, lower case, e.g. {@code [timestamp]}. */
	public List<String> indexedColumns(String table) {
		List<String> columns = new ArrayList<>();
		try (Connection connection = this.dataSource.getConnection();
				ResultSet indexes = connection.getMetaData()
					.getIndexInfo(connection.getCatalog(), null, stored(table), false, false)) {
			while (indexes.next()) {
				String column = indexes.getString("COLUMN_NAME");
				if (column != null) {
					columns.add(column.toLowerCase(Locale.ROOT));
				}
			}
			return columns;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** H2 keeps unquoted names in upper case, the others as written (lower case here). */
	private String stored(String table) {
		return (this.dialect == JdbcDialect.H2) ? table.toUpperCase(Locale.ROOT) : table;
	}

	@Override
	public void close() {
		for (String table : this.tables) {
			execute("DROP TABLE IF EXISTS " + table);
			execute("DROP TABLE IF EXISTS " + TableName.of(table).hourly().qualified());
			execute("DROP TABLE IF EXISTS " + table + "_hourly_models");
			execute("DROP TABLE IF EXISTS " + table + "_daily_users");
			execute("DROP TABLE IF EXISTS " + table + "_users");
			execute("DROP TABLE IF EXISTS " + table + "_user_checkpoints");
		}
		if (this.dataSource instanceof AutoCloseable closeable) {
			try {
				closeable.close();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}
	}

}
