package io.tokensense.internal.provider.openai;

import com.openai.models.ChatModel;
import com.openai.models.ResponsesModel;

/** Model names out of the SDK's model unions. */
final class OpenAiModels {

	private OpenAiModels() {
	}

	/**
	 * The name as {@link ChatModel#toString()} gives it, read without the SDK's generic
	 * {@code contentToString}, which builds the string anew on every call.
	 */
	static String name(ChatModel model) {
		String known = OpenAiFields.value(model._value());
		return (known != null) ? known : model.toString();
	}

	static String name(ResponsesModel model) {
		return model.string()
			.or(() -> model.chat().map(OpenAiModels::name))
			.or(() -> model.only().map(ResponsesModel.ResponsesOnlyModel::asString))
			.orElse(null);
	}

}
