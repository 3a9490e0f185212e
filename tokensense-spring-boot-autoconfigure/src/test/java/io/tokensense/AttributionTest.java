package io.tokensense;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Merging attribution layers: the shortcuts that spare the caller's thread an allocation (a
 * layer that sets nothing) give the same attribution as the full merge.
 */
class AttributionTest {

	private final Attribution options = new Attribution("u", "s", List.of("a", "b"));

	@Test
	void aLayerSettingNothingLeavesTheBroaderOneAsItIs() {
		Attribution unset = new Attribution(null, null, List.of());
		assertThat(unset.mergedOver(this.options)).isSameAs(this.options);
		assertThat(Attribution.NONE.mergedOver(this.options)).isSameAs(this.options);
	}

	@Test
	void overABroaderLayerSettingNothingTheNarrowerOneStays() {
		Attribution unset = new Attribution(null, null, List.of());
		assertThat(this.options.mergedOver(unset)).isSameAs(this.options);
	}

	@Test
	void anEmptyUserOrSessionIsStillNotSetWhenTheBroaderLayerSetsNothing() {
		Attribution unset = new Attribution(null, null, List.of());
		assertThat(new Attribution("", "s", List.of("t")).mergedOver(unset))
			.isEqualTo(new Attribution(null, "s", List.of("t")));
		assertThat(new Attribution("u", "", List.of()).mergedOver(unset)).isEqualTo(new Attribution("u", null, List.of()));
	}

	@Test
	void layersThatBothSetSomethingAreMerged() {
		Attribution scope = new Attribution(null, "scoped", List.of("b", "c"));
		assertThat(scope.mergedOver(this.options)).isEqualTo(new Attribution("u", "scoped", List.of("b", "c", "a")));
	}

}
