package io.tokensense.internal.provider.openai;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import com.openai.core.JsonField;
import com.openai.core.JsonMissing;
import com.openai.core.JsonNull;
import com.openai.core.ObjectMappers;
import com.openai.models.ChatModel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The allocation-free reads give exactly what the SDK's own {@code toString()} and {@code asKnown()} give. */
class OpenAiModelsTest {

	@Test
	void namesEveryChatModelAsItsToStringDoes() throws Exception {
		List<ChatModel> models = new ArrayList<>();
		for (Field field : ChatModel.class.getFields()) {
			if (Modifier.isStatic(field.getModifiers()) && field.getType() == ChatModel.class) {
				models.add((ChatModel) field.get(null));
			}
		}
		models.add(ChatModel.of("my-fine-tune"));
		models.add(ObjectMappers.jsonMapper().readValue("\"gpt-4o-mini\"", ChatModel.class));

		assertThat(models).hasSizeGreaterThan(10)
			.allSatisfy((model) -> assertThat(OpenAiModels.name(model)).isEqualTo(model.toString()));
	}

	@Test
	void readsAFieldValueAsAsKnownDoes() {
		List<JsonField<String>> fields = List.of(JsonField.of("gpt-4o"), JsonMissing.of(), JsonNull.of());

		assertThat(fields)
			.allSatisfy((field) -> assertThat((Object) OpenAiFields.value(field)).isEqualTo(field.asKnown().orElse(null)));
		assertThat((Object) OpenAiFields.value(null)).isNull();
	}

}
