package io.tokensense.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The TokenSense sample: {@code POST /demo/chat?provider=openai|anthropic|groq} makes one
 * LLM call and answers with what TokenSense recorded for it.
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
