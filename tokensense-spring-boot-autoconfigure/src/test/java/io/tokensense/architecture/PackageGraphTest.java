package io.tokensense.architecture;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the package graph readable top to bottom: no cycles between packages, no import from
 * a lower layer to a higher one, and public types only in the packages users may use. Read
 * from the main sources (imports and fully qualified names), so the rules hold whatever the
 * build compiles.
 *
 * <p>The public API types ({@code io.tokensense} and the contracts {@code ObserveOptions} takes:
 * {@code CallEventOutput}, {@code EventsRejectedException}, {@code BudgetGuard}) name each
 * other by design ({@code ObserveOptions.output} takes an output, which writes
 * {@code CallEvent}s), so they are one node, the bottom layer. {@code TokenSense}, the static entry point, calls down into
 * capture, so it is a node of its own in the top layer.
 */
class PackageGraphTest {

	/** Layers from the top (may import every layer below) to the bottom (imports none above it). */
	static final List<Layer> LAYERS = List.of(
			new Layer("wiring", "io.tokensense (entry)", "io.tokensense.autoconfigure",
					"io.tokensense.autoconfigure.actuate", "io.tokensense.autoconfigure.dashboard"),
			new Layer("frameworks", "io.tokensense.internal.integration.springai",
					"io.tokensense.internal.integration.langchain4j", "io.tokensense.internal.attribution"),
			new Layer("capture", "io.tokensense.internal.capture"),
			new Layer("recording", "io.tokensense.internal.recording"),
			new Layer("providers", "io.tokensense.internal.provider", "io.tokensense.internal.provider.openai",
					"io.tokensense.internal.provider.anthropic"),
			new Layer("reports", "io.tokensense.internal.usage.jdbc"),
			new Layer("budgets", "io.tokensense.budget"),
			new Layer("pricing", "io.tokensense.internal.pricing"),
			new Layer("pipeline", "io.tokensense.internal.pipeline"),
			new Layer("outputs", "io.tokensense.output", "io.tokensense.internal.jdbc"),
			new Layer("usage", "io.tokensense.internal.usage"),
			new Layer("support", "io.tokensense.internal.support"),
			new Layer("api", SourceGraph.API));

	/** Where public types may be: the API, and the auto-configuration Boot loads by name. */
	static final Set<String> PUBLIC_PACKAGES = Set.of("io.tokensense", "io.tokensense.output",
			"io.tokensense.budget", "io.tokensense.autoconfigure", "io.tokensense.autoconfigure.actuate",
			"io.tokensense.autoconfigure.dashboard");

	private final SourceGraph graph = SourceGraph.read(SourceGraph.MAIN_SOURCES);

	@Test
	void hasNoCyclesBetweenPackages() {
		assertThat(this.graph.cycles()).as("package cycles").isEmpty();
	}

	@Test
	void placesEveryPackageInALayer() {
		List<String> unplaced = this.graph.nodes()
			.stream()
			.filter((node) -> LAYERS.stream().noneMatch((layer) -> layer.nodes().contains(node)))
			.toList();
		assertThat(unplaced).as("packages without a layer in PackageGraphTest.LAYERS").isEmpty();
	}

	@Test
	void neverImportsFromALowerLayerIntoAHigherOne() {
		List<String> upward = new ArrayList<>();
		this.graph.edges().forEach((from, targets) -> targets.forEach((to) -> {
			int fromLayer = layerOf(from);
			int toLayer = layerOf(to);
			if (fromLayer >= 0 && toLayer >= 0 && toLayer < fromLayer) {
				upward.add(from + " (" + LAYERS.get(fromLayer).name() + ") -> " + to + " ("
						+ LAYERS.get(toLayer).name() + ") via " + this.graph.reasons(from, to));
			}
		}));
		assertThat(upward).as("imports that run up the layers").isEmpty();
	}

	@Test
	void declaresPublicTypesOnlyInPublicOrInternalPackages() {
		List<String> misplaced = this.graph.publicTypes()
			.entrySet()
			.stream()
			.filter((type) -> !PUBLIC_PACKAGES.contains(type.getValue()) && !type.getValue().contains(".internal"))
			.map(Map.Entry::getKey)
			.sorted()
			.toList();
		assertThat(misplaced).as("public types outside the public and internal packages").isEmpty();
	}

	private static int layerOf(String node) {
		for (int i = 0; i < LAYERS.size(); i++) {
			if (LAYERS.get(i).nodes().contains(node)) {
				return i;
			}
		}
		return -1;
	}

	record Layer(String name, List<String> nodes) {

		Layer(String name, String... nodes) {
			this(name, List.of(nodes));
		}

	}

}
