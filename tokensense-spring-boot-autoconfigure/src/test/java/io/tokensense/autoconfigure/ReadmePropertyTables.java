package io.tokensense.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The property tables of the README: every Markdown table whose first column is headed
 * {@code property} and that has a {@code default} column. A row names one or more properties in
 * backticks ({@code `tokensense.user-id`, `tokensense.session-id`}, or with braces:
 * {@code `tokensense.pricing.models.<model>.{input,output}`}) and gives their defaults in
 * backticks, one for all or one per name; a default without backticks ({@code auto}, {@code unset})
 * says there is no fixed value.
 */
final class ReadmePropertyTables {

	private static final Pattern CODE = Pattern.compile("`([^`]+)`");

	private static final Pattern BRACES = Pattern.compile("\\{([^}]+)}");

	private static final Pattern CELL_SEPARATOR = Pattern.compile("(?<!\\\\)\\|");

	private ReadmePropertyTables() {
	}

	/**
	 * A documented property.
	 * @param name as written, braces expanded
	 * @param defaultValue the default given in backticks, or {@code null} when the row gives none
	 * @param line where the row is, for messages
	 */
	record Row(String name, String defaultValue, int line) {
	}

	static List<Row> read(Path readme) throws IOException {
		List<String> lines = Files.readAllLines(readme);
		List<Row> rows = new ArrayList<>();
		int defaultColumn = -1;
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i).trim();
			if (!line.startsWith("|")) {
				defaultColumn = -1;
				continue;
			}
			List<String> cells = cells(line);
			if (defaultColumn < 0) {
				defaultColumn = header(cells);
				i += (defaultColumn >= 0) ? 1 : 0; // the |---| line
				continue;
			}
			List<String> names = expand(codes(cells.get(0)));
			List<String> defaults = (defaultColumn < cells.size()) ? codes(cells.get(defaultColumn)) : List.of();
			for (int n = 0; n < names.size(); n++) {
				String value = defaults.isEmpty() ? null : defaults.get((defaults.size() == names.size()) ? n : 0);
				rows.add(new Row(names.get(n), value, i + 1));
			}
		}
		return rows;
	}

	/** The index of the default column when this is the header of a property table, else -1. */
	private static int header(List<String> cells) {
		if (cells.isEmpty() || !cells.get(0).trim().equalsIgnoreCase("property")) {
			return Integer.MIN_VALUE;
		}
		for (int i = 1; i < cells.size(); i++) {
			if (cells.get(i).trim().toLowerCase(Locale.ROOT).equals("default")) {
				return i;
			}
		}
		return Integer.MIN_VALUE;
	}

	private static List<String> cells(String line) {
		String inner = line.substring(1, line.endsWith("|") ? line.length() - 1 : line.length());
		return List.of(CELL_SEPARATOR.split(inner, -1));
	}

	private static List<String> codes(String cell) {
		List<String> codes = new ArrayList<>();
		Matcher matcher = CODE.matcher(cell);
		while (matcher.find()) {
			codes.add(matcher.group(1).trim());
		}
		return codes;
	}

	/** {@code a.{b,c}} is {@code a.b} and {@code a.c}. */
	private static List<String> expand(List<String> names) {
		List<String> expanded = new ArrayList<>();
		for (String name : names) {
			Matcher braces = BRACES.matcher(name);
			if (!braces.find()) {
				expanded.add(name);
				continue;
			}
			for (String part : braces.group(1).split(",")) {
				expanded.add(name.substring(0, braces.start()) + part.trim() + name.substring(braces.end()));
			}
		}
		return expanded;
	}

}
