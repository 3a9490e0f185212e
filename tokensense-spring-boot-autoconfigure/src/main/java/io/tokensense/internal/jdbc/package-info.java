/**
 * What the JDBC output needs to speak to PostgreSQL, MySQL/MariaDB, H2 and SQLite: the
 * dialects, the table name rules, the schema scripts and the statement that writes a batch.
 * The public entry point is {@link io.tokensense.output.JdbcOutput}.
 */
@NullMarked
package io.tokensense.internal.jdbc;

import org.jspecify.annotations.NullMarked;
