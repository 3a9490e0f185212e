package io.tokensense.sample;

import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

import org.springframework.util.MultiValueMap;

/**
 * The text of a form body that was never meant as a form: {@code curl -d 'What is a token?'}
 * arrives as one parameter named {@code What is a token?} with no value.
 */
final class FormText {

	private FormText() {
	}

	/** The {@code message} parameter, else every other parameter put back together. */
	static String of(MultiValueMap<String, String> parameters, Set<String> ignored) {
		List<String> message = parameters.get("message");
		if (message != null && !message.isEmpty()) {
			return message.get(0);
		}
		StringJoiner text = new StringJoiner("&");
		parameters.forEach((name, values) -> {
			if (!ignored.contains(name)) {
				values.forEach((value) -> text.add(value.isEmpty() ? name : name + "=" + value));
			}
		});
		return text.toString();
	}

}
