package io.alipass.camel.springboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * What an IDE offers for {@code camel.component.alipay-pass.*} (Spring Boot's configuration metadata)
 * is exactly the component's options (its Camel metadata), each with a description: the Spring Boot
 * properties cannot drift from the component.
 */
class SpringBootMetadataTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyComponentOptionIsASpringBootPropertyWithADescriptionAndNothingElseIs() throws Exception {
        JsonNode camel = read(AlipayPassSecretSanitizer.METADATA);
        TreeSet<String> options = new TreeSet<>();
        for (Iterator<String> it = camel.get("componentProperties").fieldNames(); it.hasNext();) {
            options.add(AlipayPassFailureAnalyzer.property(it.next()));
        }
        Map<String, String> properties = new TreeMap<>();
        for (JsonNode p : read("META-INF/spring-configuration-metadata.json").get("properties")) {
            String name = p.get("name").asText();
            if (name.startsWith(AlipayPassComponentConfiguration.PREFIX + ".") && !name.endsWith(".enabled")) {
                properties.put(name, p.path("description").asText(""));
            }
        }
        assertEquals(options, properties.keySet());
        properties.forEach((name, description) -> assertFalse(description.isBlank(), name + " has no description"));
    }

    @Test
    void theIdeOffersExactlyTheValuesOfEachOptionThatHasAFixedSet() throws Exception {
        Map<String, java.util.List<String>> enums = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = read(AlipayPassSecretSanitizer.METADATA).get("componentProperties").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> option = it.next();
            if (option.getValue().has("enum")) {
                java.util.List<String> values = new java.util.ArrayList<>();
                option.getValue().get("enum").forEach(v -> values.add(v.asText()));
                enums.put(AlipayPassFailureAnalyzer.property(option.getKey()), values);
            }
        }
        Map<String, java.util.List<String>> hints = new TreeMap<>();
        for (JsonNode hint : read("META-INF/spring-configuration-metadata.json").path("hints")) {
            java.util.List<String> values = new java.util.ArrayList<>();
            hint.get("values").forEach(v -> values.add(v.get("value").asText()));
            hints.put(hint.get("name").asText(), values);
        }
        assertEquals(enums, hints);
    }

    @Test
    void theSecretOptionsAreThePrivateKeyItsPasswordAndTheAppAuthToken() {
        assertEquals(java.util.Set.of("privatekey", "privatekeypassword", "appauthtoken"), AlipayPassSecretSanitizer.secretOptions());
    }

    private static JsonNode read(String resource) throws Exception {
        try (InputStream in = SpringBootMetadataTest.class.getClassLoader().getResourceAsStream(resource)) {
            return JSON.readTree(in);
        }
    }
}
