package io.tokensense.reliability;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Breaks valid provider payloads the way a misbehaving provider or proxy might: fields
 * dropped or nulled, wrong types (strings for numbers, arrays for objects), huge or negative
 * numbers, truncated bodies and streams, garbage lines. Deterministic for a given
 * {@link Random}, so a failing case is reproduced from its seed.
 */
final class PayloadMutator {

	private static final ObjectMapper mapper = new ObjectMapper();

	private static final JsonNodeFactory nodes = JsonNodeFactory.instance;

	private static final List<JsonNode> ODD_NUMBERS = List.of(nodes.numberNode(1e30),
			nodes.numberNode(new BigInteger("99999999999999999999")), nodes.numberNode(-1L),
			nodes.numberNode(new BigInteger("-99999999999999999999")), nodes.numberNode(Long.MAX_VALUE),
			nodes.numberNode(new BigDecimal("1.5")), nodes.numberNode(0), nodes.numberNode(-1e30));

	private static final List<String> GARBAGE_BLOCKS = List.of("data: {broken", "data: null", "data: []", "data: 42",
			": keep-alive", "event: bogus\ndata: {}", "retry: 10", "no colon at all", "data: \"text\"",
			"event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"busy\"}}",
			"data: [DONE]", "data: {\"type\":\"message_delta\",\"usage\":{\"output_tokens\":\"many\"}}");

	private final Random random;

	PayloadMutator(Random random) {
		this.random = random;
	}

	/** A JSON body with one to three mutations, or now and then broken as a whole. */
	String json(String valid) {
		int whole = this.random.nextInt(20);
		if (whole == 0) {
			return truncated(valid);
		}
		if (whole == 1) {
			return List.of("", "null", "[]", "{}", "<html>bad gateway</html>", "{\"usage\":")
				.get(this.random.nextInt(6));
		}
		JsonNode root = parse(valid);
		int mutations = 1 + this.random.nextInt(3);
		for (int i = 0; i < mutations; i++) {
			root = mutateSomeNode(root);
		}
		String body = write(root);
		return (whole == 2) ? body + " trailing garbage" : body;
	}

	/**
	 * A server-sent event stream, given as its blocks (each one event without the blank line
	 * that ends it), with one to three mutations.
	 */
	String sse(List<String> validBlocks) {
		List<String> blocks = new ArrayList<>(validBlocks);
		int mutations = 1 + this.random.nextInt(3);
		boolean truncate = false;
		for (int i = 0; i < mutations && !blocks.isEmpty(); i++) {
			int index = this.random.nextInt(blocks.size());
			switch (this.random.nextInt(8)) {
				case 0, 1, 2 -> blocks.set(index, withMutatedData(blocks.get(index)));
				case 3 -> blocks.remove(index);
				case 4 -> blocks.add(index, blocks.get(index));
				case 5 -> blocks.add(index, GARBAGE_BLOCKS.get(this.random.nextInt(GARBAGE_BLOCKS.size())));
				case 6 -> blocks.set(index, blocks.get(index).replaceFirst("^event: \\w+", "event: unknown_event"));
				default -> truncate = true;
			}
		}
		String stream = String.join("\n\n", blocks) + "\n\n";
		return truncate ? truncated(stream) : stream;
	}

	private String withMutatedData(String block) {
		List<String> lines = new ArrayList<>(Arrays.asList(block.split("\n")));
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			if (line.startsWith("data: {")) {
				lines.set(i, "data: " + json(line.substring("data: ".length())).replace("\n", " "));
			}
		}
		return String.join("\n", lines);
	}

	private String truncated(String text) {
		return text.substring(0, this.random.nextInt(text.length()));
	}

	private JsonNode mutateSomeNode(JsonNode root) {
		List<Slot> slots = new ArrayList<>();
		collect(root, slots);
		if (slots.isEmpty()) {
			return root;
		}
		Slot slot = slots.get(this.random.nextInt(slots.size()));
		JsonNode current = slot.get();
		switch (this.random.nextInt(7)) {
			case 0 -> slot.remove();
			case 1 -> slot.set(nodes.nullNode());
			case 2 -> slot.set(nodes.textNode(current.isValueNode() ? current.asText() + (this.random.nextBoolean() ? "" : "x")
					: "garbage"));
			case 3 -> slot.set(this.random.nextBoolean() ? nodes.arrayNode() : nodes.arrayNode().add(current.deepCopy()));
			case 4 -> slot.set(nodes.objectNode());
			case 5 -> slot.set(ODD_NUMBERS.get(this.random.nextInt(ODD_NUMBERS.size())));
			default -> slot.set(nodes.booleanNode(this.random.nextBoolean()));
		}
		return root;
	}

	private static void collect(JsonNode node, List<Slot> slots) {
		if (node instanceof ObjectNode object) {
			List<String> names = new ArrayList<>();
			object.fieldNames().forEachRemaining(names::add);
			for (String name : names) {
				slots.add(new Slot(object, name, -1));
				collect(object.get(name), slots);
			}
		}
		else if (node instanceof ArrayNode array) {
			for (int i = 0; i < array.size(); i++) {
				slots.add(new Slot(array, null, i));
				collect(array.get(i), slots);
			}
		}
	}

	private static JsonNode parse(String json) {
		try {
			return mapper.readTree(json);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalArgumentException("not a valid payload to start from: " + json, ex);
		}
	}

	private static String write(JsonNode node) {
		try {
			return mapper.writeValueAsString(node);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A place in a JSON tree: a field of an object or an element of an array. */
	private record Slot(JsonNode parent, String name, int index) {

		JsonNode get() {
			return (this.name != null) ? this.parent.get(this.name) : this.parent.get(this.index);
		}

		void set(JsonNode value) {
			if (this.name != null) {
				((ObjectNode) this.parent).set(this.name, value);
			}
			else {
				((ArrayNode) this.parent).set(this.index, value);
			}
		}

		void remove() {
			if (this.name != null) {
				((ObjectNode) this.parent).remove(this.name);
			}
			else if (this.index < this.parent.size()) {
				((ArrayNode) this.parent).remove(this.index);
			}
		}

	}

}
