package io.tokensense.internal.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Brings a table created by an older TokenSense up to today's columns: each column added
 * since the first release is added when missing ({@code ALTER TABLE ... ADD COLUMN}). Columns
 * are only ever added, nullable, so rows written before stay valid and older instances
 * sharing the table keep working.
 *
 * <p>Applications that create the schema themselves ({@code tokensense.jdbc.initialize-schema=never})
 * add the same columns in their own migrations: the README lists them.
 */
final class SchemaMigrations {

	/** Columns added after the first schema, with their SQL type, in the order they were added. */
	private static final Map<String, String> ADDED_COLUMNS = new LinkedHashMap<>();

	static {
		ADDED_COLUMNS.put("service_tier", "VARCHAR(255)");
	}

	private SchemaMigrations() {
	}

	/**
	 * Adds each missing column. A column another instance added meanwhile counts as added.
	 * @param connection a connection in auto-commit mode
	 * @param table the table, which exists
	 * @throws SQLException when a column is missing and cannot be added
	 */
	static void addMissingColumns(Connection connection, TableName table) throws SQLException {
		Set<String> present = null;
		for (Map.Entry<String, String> column : ADDED_COLUMNS.entrySet()) {
			if (present == null) {
				present = columns(connection, table);
			}
			if (!present.contains(column.getKey())) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("ALTER TABLE " + table.qualified() + " ADD COLUMN " + column.getKey() + " "
							+ column.getValue());
				}
				catch (SQLException ex) {
					// two instances upgrading at once: the other one's ALTER won
					if (!columns(connection, table).contains(column.getKey())) {
						throw ex;
					}
				}
			}
		}
	}

	/** The table's column names in lower case, from an empty result: the same on every database. */
	private static Set<String> columns(Connection connection, TableName table) throws SQLException {
		Set<String> names = new HashSet<>();
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT * FROM " + table.qualified() + " WHERE 1 = 0")) {
			ResultSetMetaData metaData = rows.getMetaData();
			for (int i = 1; i <= metaData.getColumnCount(); i++) {
				names.add(metaData.getColumnName(i).toLowerCase(Locale.ROOT));
			}
		}
		return names;
	}

}
