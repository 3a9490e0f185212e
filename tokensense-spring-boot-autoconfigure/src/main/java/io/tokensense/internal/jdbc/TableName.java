package io.tokensense.internal.jdbc;

import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The events table's name: a plain SQL identifier, optionally prefixed by one schema. It is
 * written into SQL as is, so anything else is refused rather than quoted.
 *
 * @param schema the schema, or {@code null} for the connection's default
 * @param name the table's own name
 */
public record TableName(@Nullable String schema, String name) {

	/** The property that names the table in a Spring application. */
	public static final String PROPERTY = "tokensense.jdbc.table";

	/** The default table name. */
	public static final String DEFAULT = "tokensense_calls";

	static final int MAX_LENGTH = 64;

	/** PostgreSQL truncates longer identifiers; MySQL refuses them. */
	private static final int MAX_INDEX_NAME_LENGTH = 63;

	private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

	/**
	 * Parses and validates a table name.
	 * @param table e.g. {@code tokensense_calls} or {@code analytics.llm_calls}
	 * @return the name
	 * @throws IllegalStateException naming {@value #PROPERTY} and what is wrong
	 */
	public static TableName of(String table) {
		if (table.isEmpty() || table.length() > MAX_LENGTH) {
			throw invalid(table, "it must have 1 to " + MAX_LENGTH + " characters");
		}
		int dot = table.indexOf('.');
		String schema = (dot >= 0) ? table.substring(0, dot) : null;
		String name = table.substring(dot + 1);
		if ((schema != null && !IDENTIFIER.matcher(schema).matches()) || !IDENTIFIER.matcher(name).matches()) {
			throw invalid(table, "it must be letters, digits and underscores, not starting with a digit, "
					+ "optionally after one 'schema.' prefix");
		}
		return new TableName(schema, name);
	}

	private static IllegalStateException invalid(String table, String why) {
		return new IllegalStateException(PROPERTY + " '" + table + "' is not a valid table name: " + why);
	}

	/** The name to use in SQL, schema included. */
	public String qualified() {
		return (this.schema != null) ? this.schema + "." + this.name : this.name;
	}

	/**
	 * The name of the index on a column, unique per table and short enough for every
	 * database: {@code <table>_<column>_idx}, with the table part shortened and a hash
	 * added when it would be too long.
	 * @param column the indexed column
	 * @return the index name, without schema
	 */
	public String indexName(String column) {
		return withSuffix("_" + column + "_idx");
	}

	/**
	 * The table of hourly totals kept beside this one: {@code <table>_hourly} in the same
	 * schema, shortened like {@link #indexName} when it would be too long.
	 * @return the name
	 */
	public TableName hourly() {
		return Rollup.HOURLY.table(this);
	}

	/** A table beside this one, {@code <table><suffix>}, shortened like {@link #indexName}. */
	TableName beside(String suffix) {
		return new TableName(this.schema, withSuffix(suffix));
	}

	private String withSuffix(String suffix) {
		if (this.name.length() + suffix.length() <= MAX_INDEX_NAME_LENGTH) {
			return this.name + suffix;
		}
		String hash = String.format(Locale.ROOT, "%08x", this.name.hashCode());
		int keep = MAX_INDEX_NAME_LENGTH - suffix.length() - hash.length() - 1;
		return this.name.substring(0, keep) + "_" + hash + suffix;
	}

	@Override
	public String toString() {
		return qualified();
	}

}
