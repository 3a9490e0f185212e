package io.tokensense.internal.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The DDL scripts shipped in the jar under {@code io/tokensense/jdbc/}, one per dialect: the
 * calls table and its roll-ups ({@code <table>_hourly}, {@code <table>_hourly_models},
 * {@code <table>_daily_users}, see {@link Rollup}; {@code <table>_users} and
 * {@code <table>_user_checkpoints}, see {@link UserCheckpoints}). They
 * name the default table {@code tokensense_calls} so that Flyway and Liquibase users can copy
 * them as they are; the output runs them with the configured table name put in. Every
 * statement is {@code IF NOT EXISTS}, so running them again changes nothing; a table made by
 * an older version gains the columns added since, and roll-ups added since are filled from the
 * hourly totals ({@link SchemaMigrations}, {@link RollupBackfill}, {@link UserCheckpointBackfill}); a race between
 * instances creating the table at once is resolved by {@link #create}.
 */
public final class SchemaScripts {

	/**
	 * The default table's name, alone, after {@code ON}, inside an index name, or as a roll-up's
	 * table; replaced in one pass.
	 */
	private static final Pattern NAMES = Pattern.compile("\\b(ON )?" + TableName.DEFAULT + "("
			+ Rollup.HOURLY_MODELS.suffix() + "|" + Rollup.DAILY_USERS.suffix() + "|" + Rollup.HOURLY.suffix() + "|"
			+ UserCheckpoints.CHECKPOINTS_SUFFIX + "|" + UserCheckpoints.USERS_SUFFIX + ")?(?:_(\\w+?)_idx)?\\b");

	private SchemaScripts() {
	}

	/**
	 * The statements creating the table and its indexes when missing.
	 * @param dialect the database's dialect
	 * @param table the table to create
	 * @return the statements, without terminating semicolons
	 */
	public static List<String> statements(JdbcDialect dialect, TableName table) {
		String script = forTable(read(dialect.scriptLocation()), dialect, table);
		List<String> statements = new ArrayList<>();
		StringBuilder withoutComments = new StringBuilder();
		for (String line : script.split("\n")) {
			if (!line.strip().startsWith("--")) {
				withoutComments.append(line).append('\n');
			}
		}
		for (String statement : withoutComments.toString().split(";")) {
			if (!statement.isBlank()) {
				statements.add(statement.strip());
			}
		}
		return statements;
	}

	/**
	 * Creates the table, its roll-ups and indexes when missing, in a transaction of their own
	 * that is committed before this returns, so that a later failed insert cannot roll the
	 * table back, and a roll-up filled from existing hourly totals is created and filled at once
	 * where DDL is transactional. Another instance creating the same table at the same time can
	 * make a statement fail even with {@code IF NOT EXISTS} (PostgreSQL reports a duplicate key
	 * in {@code pg_type}); such a lost race is a success: the script runs again, and now finds
	 * what the other instance created.
	 * @param connection a connection, in auto-commit mode or not; left in the mode it was in
	 * @param dialect the database's dialect
	 * @param table the table to create
	 * @throws SQLException when the script fails and running it again does not help
	 */
	public static void create(Connection connection, JdbcDialect dialect, TableName table) throws SQLException {
		List<String> statements = statements(dialect, table);
		boolean autoCommit = connection.getAutoCommit();
		connection.setAutoCommit(false);
		try {
			// each lost race means another instance committed one more object: the script converges
			int attempts = statements.size() + 1;
			for (int attempt = 1;; attempt++) {
				try {
					run(connection, dialect, statements, table);
					connection.commit();
					return;
				}
				catch (SQLException ex) {
					rollback(connection, ex);
					if (attempt >= attempts) {
						throw ex;
					}
				}
			}
		}
		finally {
			connection.setAutoCommit(autoCommit);
		}
	}

	/**
	 * Runs the statements creating the table and its indexes when missing, in the connection's
	 * current transaction; prefer {@link #create}, which commits them.
	 * @param connection a connection
	 * @param dialect the database's dialect
	 * @param table the table to create
	 * @throws SQLException when a statement fails
	 */
	public static void run(Connection connection, JdbcDialect dialect, TableName table) throws SQLException {
		run(connection, dialect, statements(dialect, table), table);
	}

	/**
	 * The script, then the columns added since the first release, then the roll-ups it created
	 * beside existing hourly totals filled from them: one unit, committed or retried together.
	 */
	private static void run(Connection connection, JdbcDialect dialect, List<String> statements, TableName table)
			throws SQLException {
		Set<Rollup> toFill = RollupBackfill.missing(connection, dialect, table);
		boolean fillCheckpoints = UserCheckpointBackfill.missing(connection, dialect, table);
		try (Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
		SchemaMigrations.addMissingColumns(connection, table);
		for (Rollup rollup : toFill) {
			RollupBackfill.fill(connection, dialect, table, rollup);
		}
		if (fillCheckpoints) {
			UserCheckpointBackfill.fill(connection, dialect, table);
		}
	}

	private static void rollback(Connection connection, SQLException failure) {
		try {
			connection.rollback();
		}
		catch (SQLException ex) {
			failure.addSuppressed(ex);
		}
	}

	private static String forTable(String script, JdbcDialect dialect, TableName table) {
		return NAMES.matcher(script).replaceAll((match) -> {
			TableName target = (match.group(2) != null) ? table.beside(match.group(2)) : table;
			String replacement;
			if (match.group(3) != null) {
				replacement = ((match.group(1) != null) ? "ON " : "") + dialect.indexNameInScript(target, match.group(3));
			}
			else if (match.group(1) != null) {
				replacement = "ON " + dialect.tableInCreateIndex(target);
			}
			else {
				replacement = target.qualified();
			}
			return Matcher.quoteReplacement(replacement);
		});
	}

	private static String read(String location) {
		try (InputStream in = SchemaScripts.class.getClassLoader().getResourceAsStream(location)) {
			if (in == null) {
				throw new IllegalStateException("TokenSense schema script missing from the class path: " + location);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + location, ex);
		}
	}

}
