import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Generates TokenSense's bundled price catalog from a LiteLLM price file
 * ({@code model_prices_and_context_window.json}). JDK only, run as a source file:
 *
 * <pre>
 * java tools/catalog-generator/GenerateCatalog.java litellm.json \
 *     tokensense-spring-boot-autoconfigure/src/main/resources/io/tokensense/pricing/model-prices.json
 * </pre>
 *
 * Keeps every entry whose {@code litellm_provider} is one TokenSense can name and whose
 * {@code mode} is {@code chat}, {@code responses}, {@code completion} or {@code embedding},
 * when it is priced per token, plus the few {@link #ALIASES}; of each entry only {@code litellm_provider}, {@code mode} and
 * the price fields TokenSense reads. Prices are copied as written in the source (the number's
 * text), never through a binary floating point value.
 */
public final class GenerateCatalog {

	/** LiteLLM provider keys for the providers TokenSense names (DESIGN.md, Cost); Vertex AI by prefix. */
	static final Set<String> PROVIDERS = Set.of("openai", "text-completion-openai", "azure", "azure_text",
			"anthropic", "bedrock", "bedrock_converse", "groq", "deepseek", "mistral", "codestral",
			"text-completion-codestral", "xai", "openrouter", "together_ai", "fireworks_ai",
			"fireworks_ai-embedding-models", "gemini");

	static final String VERTEX_PREFIX = "vertex_ai";

	/**
	 * Anthropic names LiteLLM lists only with a date or under another provider: each is bundled with
	 * the prices of the entry named here, as an {@code anthropic} model. Anthropic charges the same.
	 */
	static final Map<String, String> ALIASES = Map.of("claude-sonnet-4", "claude-sonnet-4-20250514", "claude-opus-4",
			"claude-opus-4-20250514", "claude-3-5-haiku", "anthropic.claude-3-5-haiku-20241022-v1:0");

	static final Set<String> MODES = Set.of("chat", "responses", "completion", "embedding");

	/**
	 * A price TokenSense reads: a bucket, then optionally a long-context threshold, then optionally
	 * a service tier ({@code cache_read_input_token_cost_above_272k_tokens_priority}).
	 */
	static final Pattern PRICE_FIELD = Pattern.compile("(input_cost_per_token|output_cost_per_token"
			+ "|cache_read_input_token_cost|cache_creation_input_token_cost|cache_creation_input_token_cost_above_1hr"
			+ "|output_cost_per_reasoning_token|input_cost_per_token_cache_hit)(_above_\\d+k_tokens)?"
			+ "(_priority|_flex|_batches)?");

	public static void main(String[] args) throws IOException {
		if (args.length != 2) {
			System.err.println("usage: java GenerateCatalog.java <litellm.json> <model-prices.json>");
			System.exit(2);
		}
		Object root = new Json(Files.readString(Path.of(args[0]), StandardCharsets.UTF_8)).parse();
		if (!(root instanceof Map<?, ?> entries)) {
			throw new IllegalArgumentException(args[0] + " is not a JSON object");
		}
		Map<String, Map<String, Object>> kept = new LinkedHashMap<>();
		entries.forEach((key, value) -> {
			Map<String, Object> entry = select((String) key, value);
			if (entry != null) {
				kept.put((String) key, entry);
			}
		});
		new TreeMap<>(ALIASES).forEach((alias, source) -> {
			Map<String, Object> entry = kept.get(source);
			if (entry != null && !kept.containsKey(alias)) {
				Map<String, Object> copy = new LinkedHashMap<>(entry);
				copy.put("litellm_provider", "anthropic");
				kept.put(alias, copy);
			}
		});
		Files.writeString(Path.of(args[1]), write(kept), StandardCharsets.UTF_8);
		System.out.println("Wrote " + kept.size() + " models to " + args[1]);
	}

	static Map<String, Object> select(String key, Object value) {
		if (key.equals("sample_spec") || !(value instanceof Map<?, ?> entry)) {
			return null;
		}
		Object provider = entry.get("litellm_provider");
		Object mode = entry.get("mode");
		if (!(provider instanceof String name) || !(PROVIDERS.contains(name) || name.startsWith(VERTEX_PREFIX))
				|| !(mode instanceof String kind) || !MODES.contains(kind)) {
			return null;
		}
		boolean perToken = entry.get("input_cost_per_token") instanceof Num
				&& (entry.get("output_cost_per_token") instanceof Num || "embedding".equals(mode));
		if (!perToken) {
			return null;
		}
		Map<String, Object> kept = new LinkedHashMap<>();
		kept.put("litellm_provider", provider);
		kept.put("mode", mode);
		entry.forEach((field, price) -> {
			if (price instanceof Num && PRICE_FIELD.matcher((String) field).matches()) {
				kept.put((String) field, price);
			}
		});
		return kept;
	}

	static String write(Map<String, Map<String, Object>> models) {
		StringBuilder out = new StringBuilder("{\n");
		int i = 0;
		for (Map.Entry<String, Map<String, Object>> model : models.entrySet()) {
			out.append('\t').append(quote(model.getKey())).append(": {\n");
			int j = 0;
			for (Map.Entry<String, Object> field : model.getValue().entrySet()) {
				Object value = field.getValue();
				out.append("\t\t").append(quote(field.getKey())).append(": ")
					.append((value instanceof Num number) ? number.text() : quote((String) value))
					.append((++j < model.getValue().size()) ? ",\n" : "\n");
			}
			out.append((++i < models.size()) ? "\t},\n" : "\t}\n");
		}
		return out.append("}\n").toString();
	}

	static String quote(String text) {
		StringBuilder out = new StringBuilder("\"");
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.append('"').toString();
	}

	/** A JSON number, kept as written. */
	record Num(String text) {
	}

	/** A small strict JSON reader: objects keep their order, numbers their text. */
	static final class Json {

		private final String text;

		private int at;

		Json(String text) {
			this.text = text;
		}

		Object parse() {
			Object value = value();
			space();
			if (this.at != this.text.length()) {
				throw error("trailing content");
			}
			return value;
		}

		private Object value() {
			space();
			if (this.at >= this.text.length()) {
				throw error("unexpected end");
			}
			char c = this.text.charAt(this.at);
			if (c == '{') {
				return object();
			}
			if (c == '[') {
				return array();
			}
			if (c == '"') {
				return string();
			}
			if (c == '-' || Character.isDigit(c)) {
				return number();
			}
			for (String word : List.of("true", "false", "null")) {
				if (this.text.startsWith(word, this.at)) {
					this.at += word.length();
					return word.equals("null") ? null : Boolean.valueOf(word);
				}
			}
			throw error("unexpected '" + c + "'");
		}

		private Map<String, Object> object() {
			Map<String, Object> members = new LinkedHashMap<>();
			this.at++;
			space();
			if (peek() == '}') {
				this.at++;
				return members;
			}
			while (true) {
				space();
				String key = string();
				space();
				expect(':');
				members.put(key, value());
				space();
				if (peek() == ',') {
					this.at++;
					continue;
				}
				expect('}');
				return members;
			}
		}

		private List<Object> array() {
			List<Object> items = new ArrayList<>();
			this.at++;
			space();
			if (peek() == ']') {
				this.at++;
				return items;
			}
			while (true) {
				items.add(value());
				space();
				if (peek() == ',') {
					this.at++;
					continue;
				}
				expect(']');
				return items;
			}
		}

		private String string() {
			expect('"');
			StringBuilder out = new StringBuilder();
			while (true) {
				char c = this.text.charAt(this.at++);
				if (c == '"') {
					return out.toString();
				}
				if (c == '\\') {
					char escaped = this.text.charAt(this.at++);
					switch (escaped) {
						case 'n' -> out.append('\n');
						case 't' -> out.append('\t');
						case 'r' -> out.append('\r');
						case 'b' -> out.append('\b');
						case 'f' -> out.append('\f');
						case 'u' -> {
							out.append((char) Integer.parseInt(this.text.substring(this.at, this.at + 4), 16));
							this.at += 4;
						}
						default -> out.append(escaped);
					}
				}
				else {
					out.append(c);
				}
			}
		}

		private Num number() {
			int start = this.at;
			while (this.at < this.text.length() && "+-0123456789.eE".indexOf(this.text.charAt(this.at)) >= 0) {
				this.at++;
			}
			String number = this.text.substring(start, this.at);
			new BigDecimal(number);
			return new Num(number);
		}

		private void space() {
			while (this.at < this.text.length() && Character.isWhitespace(this.text.charAt(this.at))) {
				this.at++;
			}
		}

		private char peek() {
			return (this.at < this.text.length()) ? this.text.charAt(this.at) : '\0';
		}

		private void expect(char c) {
			if (peek() != c) {
				throw error("expected '" + c + "'");
			}
			this.at++;
		}

		private IllegalArgumentException error(String what) {
			return new IllegalArgumentException(what + " at character " + this.at);
		}

	}

}
