package io.tokensense.testsupport;

import java.util.List;

import io.tokensense.internal.jdbc.SchemaScripts;
import io.tokensense.internal.jdbc.TableName;

/**
 * An events table as the shipped script creates it, plus a CHECK constraint that refuses
 * every row whose user id starts with {@value #POISON}: rows the database refuses for good
 * (SQLState class 23) amid good ones, on every database (U+0000, which PostgreSQL refuses,
 * is stripped by the output and so no longer poisons a row).
 */
public final class RefusingTable {

	/** The user id prefix the table refuses. */
	public static final String POISON = "poison";

	private RefusingTable() {
	}

	/** Creates the table (a name from {@link TestDatabase#uniqueTable()}, so it is dropped afterwards). */
	public static void create(TestDatabase database, String table) {
		List<String> statements = SchemaScripts.statements(database.dialect(), TableName.of(table));
		String createTable = statements.get(0);
		int end = createTable.lastIndexOf(')');
		database.execute(createTable.substring(0, end) + ", CONSTRAINT " + table + "_no_poison CHECK (user_id IS NULL "
				+ "OR user_id NOT LIKE '" + POISON + "%')" + createTable.substring(end));
		statements.subList(1, statements.size()).forEach(database::execute);
	}

}
