package io.tokensense.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tokensense.internal.pipeline.PipelineSettings;
import org.junit.jupiter.api.Test;

import org.springframework.boot.convert.DurationStyle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The IDE shows the pipeline's defaults from the metadata, where they are written by hand (the
 * annotation processor cannot read a constant of another class): they must be the ones
 * {@link PipelineSettings} and the properties use.
 */
class PipelineSettingsMetadataTests {

	@Test
	void metadataShowsTheDefaultsThePipelineUses() throws Exception {
		JsonNode metadata = JsonMapper.builder()
			.build()
			.readTree(Path.of("target/classes/META-INF/spring-configuration-metadata.json").toFile());
		Map<String, JsonNode> defaults = new HashMap<>();
		metadata.get("properties").forEach((property) -> defaults.put(property.get("name").asText(),
				property.get("defaultValue")));
		PipelineSettings settings = PipelineSettings.DEFAULTS;

		assertThat(defaults.get("tokensense.queue.capacity").asInt()).isEqualTo(settings.capacity());
		assertThat(defaults.get("tokensense.queue.batch-size").asInt()).isEqualTo(settings.batchSize());
		assertThat(duration(defaults.get("tokensense.queue.flush-interval"))).isEqualTo(settings.flushInterval());
		assertThat(duration(defaults.get("tokensense.shutdown-timeout"))).isEqualTo(settings.shutdownTimeout());
		TokenSenseProperties properties = new TokenSenseProperties();
		assertThat(properties.getQueue().getCapacity()).isEqualTo(settings.capacity());
		assertThat(properties.getQueue().getBatchSize()).isEqualTo(settings.batchSize());
		assertThat(properties.getQueue().getFlushInterval()).isEqualTo(settings.flushInterval());
		assertThat(properties.getShutdownTimeout()).isEqualTo(settings.shutdownTimeout());
	}

	private static Duration duration(JsonNode value) {
		return DurationStyle.detectAndParse(value.asText());
	}

}
