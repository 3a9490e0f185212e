package io.tokensense.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The dependencies between TokenSense's packages, read from its main sources: each file's
 * {@code io.tokensense} imports and fully qualified names. A node is a package, except that the
 * API types form one node ({@link #API}) and {@code TokenSense} one of its own ({@link #ENTRY}).
 */
final class SourceGraph {

	/** The module's main sources, found from the compiled tests ({@code target/test-classes}), whatever the working directory. */
	static final Path MAIN_SOURCES = moduleDirectory().resolve("src/main/java");

	/**
	 * The root package's types plus the contracts {@code ObserveOptions} hands in: the public
	 * types everything passes around.
	 */
	static final String API = "io.tokensense";

	/** {@code io.tokensense.TokenSense}, the static entry point that calls down into capture. */
	static final String ENTRY = "io.tokensense (entry)";

	private static final Set<String> API_CONTRACTS = Set.of("io.tokensense.output.CallEventOutput",
			"io.tokensense.output.EventsRejectedException", "io.tokensense.budget.BudgetGuard");

	private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);

	private static final Pattern IMPORT = Pattern.compile("^import (?:static )?(io\\.tokensense\\.[\\w.]+);",
			Pattern.MULTILINE);

	private static final Pattern QUALIFIED = Pattern.compile("\\bio\\.tokensense(?:\\.[a-z]\\w*)*\\.[A-Z]\\w*");

	private static final Pattern PUBLIC_TYPE = Pattern
		.compile("^public (?:final |abstract |sealed |non-sealed )*(?:class|interface|enum|record|@interface) ",
				Pattern.MULTILINE);

	private final Map<String, Set<String>> edges = new TreeMap<>();

	private final Map<String, Set<String>> reasons = new HashMap<>();

	private final Map<String, String> publicTypes = new TreeMap<>();

	private SourceGraph() {
	}

	private static Path moduleDirectory() {
		try {
			Path testClasses = Path.of(SourceGraph.class.getProtectionDomain().getCodeSource().getLocation().toURI());
			return testClasses.getParent().getParent();
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static SourceGraph read(Path root) {
		SourceGraph graph = new SourceGraph();
		try (Stream<Path> files = Files.walk(root)) {
			files.filter((file) -> file.toString().endsWith(".java"))
				.filter((file) -> !file.getFileName().toString().equals("package-info.java"))
				.forEach(graph::add);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return graph;
	}

	private void add(Path file) {
		String source;
		try {
			source = Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Matcher declared = PACKAGE.matcher(source);
		if (!declared.find()) {
			return;
		}
		String pkg = declared.group(1);
		String type = pkg + "." + file.getFileName().toString().replace(".java", "");
		String from = nodeOf(type);
		this.edges.computeIfAbsent(from, (key) -> new TreeSet<>());
		if (PUBLIC_TYPE.matcher(source).find()) {
			this.publicTypes.put(type, pkg);
		}
		Set<String> referenced = new TreeSet<>();
		Matcher imports = IMPORT.matcher(source);
		while (imports.find()) {
			referenced.add(typeOf(imports.group(1)));
		}
		String code = withoutCommentsAndStrings(IMPORT.matcher(PACKAGE.matcher(source).replaceAll("")).replaceAll(""));
		Matcher qualified = QUALIFIED.matcher(code);
		while (qualified.find()) {
			referenced.add(qualified.group());
		}
		for (String target : referenced) {
			String to = nodeOf(target);
			if (!to.equals(from)) {
				this.edges.get(from).add(to);
				this.reasons.computeIfAbsent(from + " -> " + to, (key) -> new TreeSet<>()).add(type + " uses " + target);
			}
		}
	}

	/**
	 * The code alone: a class named in a comment or a string (an adapter loaded by name only
	 * when its SDK is present) is not a dependency of the code.
	 */
	static String withoutCommentsAndStrings(String source) {
		StringBuilder code = new StringBuilder(source.length());
		int i = 0;
		while (i < source.length()) {
			if (source.startsWith("//", i)) {
				i = end(source, "\n", i + 2);
			}
			else if (source.startsWith("/*", i)) {
				i = end(source, "*/", i + 2);
			}
			else if (source.startsWith("\"\"\"", i)) {
				i = end(source, "\"\"\"", i + 3);
			}
			else if (source.charAt(i) == '"' || source.charAt(i) == '\'') {
				char quote = source.charAt(i);
				i++;
				while (i < source.length() && source.charAt(i) != quote) {
					i += (source.charAt(i) == '\\') ? 2 : 1;
				}
				i++;
			}
			else {
				code.append(source.charAt(i));
				i++;
			}
		}
		return code.toString();
	}

	private static int end(String source, String terminator, int from) {
		int at = source.indexOf(terminator, from);
		return (at < 0) ? source.length() : at + terminator.length();
	}

	/** The type an import names: its segments up to the first that starts with a capital. */
	private static String typeOf(String imported) {
		String[] parts = imported.split("\\.");
		StringBuilder type = new StringBuilder(parts[0]);
		for (int i = 1; i < parts.length; i++) {
			type.append('.').append(parts[i]);
			if (Character.isUpperCase(parts[i].charAt(0))) {
				break;
			}
		}
		return type.toString();
	}

	private static String nodeOf(String type) {
		String pkg = type.substring(0, type.lastIndexOf('.'));
		while (Character.isUpperCase(pkg.substring(pkg.lastIndexOf('.') + 1).charAt(0))) {
			// a nested type: its package is its outer type's
			pkg = pkg.substring(0, pkg.lastIndexOf('.'));
		}
		if (type.equals("io.tokensense.TokenSense")) {
			return ENTRY;
		}
		return API_CONTRACTS.contains(type) ? API : pkg;
	}

	Set<String> nodes() {
		Set<String> nodes = new TreeSet<>(this.edges.keySet());
		this.edges.values().forEach(nodes::addAll);
		return nodes;
	}

	Map<String, Set<String>> edges() {
		return this.edges;
	}

	Set<String> reasons(String from, String to) {
		return this.reasons.getOrDefault(from + " -> " + to, Set.of());
	}

	/** Public top-level types by name, with their package. */
	Map<String, String> publicTypes() {
		return this.publicTypes;
	}

	/** The strongly connected groups of more than one node (Tarjan), each a cycle or several. */
	List<Set<String>> cycles() {
		return new Tarjan().run();
	}

	private final class Tarjan {

		private final Map<String, Integer> index = new HashMap<>();

		private final Map<String, Integer> low = new HashMap<>();

		private final Deque<String> stack = new ArrayDeque<>();

		private final Set<String> onStack = new TreeSet<>();

		private final List<Set<String>> groups = new ArrayList<>();

		private int next;

		List<Set<String>> run() {
			nodes().forEach((node) -> {
				if (!this.index.containsKey(node)) {
					visit(node);
				}
			});
			return this.groups;
		}

		private void visit(String node) {
			this.index.put(node, this.next);
			this.low.put(node, this.next);
			this.next++;
			this.stack.push(node);
			this.onStack.add(node);
			for (String target : SourceGraph.this.edges.getOrDefault(node, Set.of())) {
				if (!this.index.containsKey(target)) {
					visit(target);
					this.low.put(node, Math.min(this.low.get(node), this.low.get(target)));
				}
				else if (this.onStack.contains(target)) {
					this.low.put(node, Math.min(this.low.get(node), this.index.get(target)));
				}
			}
			if (this.low.get(node).equals(this.index.get(node))) {
				Set<String> group = new TreeSet<>();
				String member;
				do {
					member = this.stack.pop();
					this.onStack.remove(member);
					group.add(member);
				}
				while (!member.equals(node));
				if (group.size() > 1) {
					this.groups.add(group);
				}
			}
		}

	}

}
