package io.tokensense.testsupport;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The public LiteLLM price snapshot the tests compare with, found by walking up from
 * {@code user.dir}; a test that needs it is skipped, loudly, when it is not on this machine.
 */
public final class LiteLlmSnapshot {

	private static final String SNAPSHOT = "shared/data/litellm-model-prices-2026-07-24.json";

	private static final JsonMapper mapper = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	private LiteLlmSnapshot() {
	}

	/** The snapshot's bytes, or the calling test is skipped. */
	public static byte[] bytes() throws IOException {
		Optional<Path> file = locate();
		if (file.isEmpty()) {
			System.err.println("!!! LiteLLM snapshot " + SNAPSHOT + " not found above " + System.getProperty("user.dir")
					+ " — price refresh NOT tested against it !!!");
		}
		assumeTrue(file.isPresent(), "LiteLLM snapshot " + SNAPSHOT + " not found");
		return Files.readAllBytes(file.get());
	}

	/** The snapshot as a tree the test can change. */
	public static ObjectNode tree() throws IOException {
		return (ObjectNode) mapper.readTree(bytes());
	}

	/** The snapshot plus a chat model no real catalog lists, priced per token as given. */
	public static byte[] withFakeModel(String model, String input, String output) throws IOException {
		ObjectNode tree = tree();
		ObjectNode entry = tree.putObject(model);
		entry.put("input_cost_per_token", new BigDecimal(input));
		entry.put("output_cost_per_token", new BigDecimal(output));
		entry.put("litellm_provider", "openai");
		entry.put("mode", "chat");
		return mapper.writeValueAsBytes(tree);
	}

	/** Writes a tree back as JSON. */
	public static byte[] json(ObjectNode tree) throws IOException {
		return mapper.writeValueAsBytes(tree);
	}

	private static Optional<Path> locate() {
		for (Path dir = Paths.get(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir
			.getParent()) {
			Path candidate = dir.resolve(SNAPSHOT);
			if (Files.isRegularFile(candidate)) {
				return Optional.of(candidate);
			}
		}
		return Optional.empty();
	}

}
