package io.tokensense.provider.openai;

import com.openai.models.ResponsesModel;

/** Model names out of the SDK's model unions. */
final class OpenAiModels {

	private OpenAiModels() {
	}

	static String name(ResponsesModel model) {
		return model.string()
			.or(() -> model.chat().map(Object::toString))
			.or(() -> model.only().map(ResponsesModel.ResponsesOnlyModel::asString))
			.orElse(null);
	}

}
