package io.tokensense.internal.attribution;

import io.tokensense.internal.support.StoredText;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AttributionValuesTest {

	@Test
	void dropsControlCharactersAndSurroundingBlanks() {
		assertThat(AttributionValues.clean(" ali\r\nce\u0000\u001b[31m ")).isEqualTo("alice[31m");
	}

	@Test
	void blankOrMissingIsNoValue() {
		assertThat(AttributionValues.clean(null)).isNull();
		assertThat(AttributionValues.clean(" \t\u0000")).isNull();
	}

	@Test
	void cutsALongValueNeverInsideASurrogatePair() {
		assertThat(AttributionValues.clean("x".repeat(300))).hasSize(StoredText.MAX_LENGTH);
		String emojiAcrossTheCut = "x".repeat(254) + "\uD83D\uDE00" + "tail";
		assertThat(AttributionValues.clean(emojiAcrossTheCut)).isEqualTo("x".repeat(254));
	}

}
