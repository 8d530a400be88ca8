package dev.house.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every property the README's YAML examples document is known to the configuration metadata an
 * IDE reads (house's generated and additional metadata, or Spring Boot's own), so no documented
 * key is a typo or undocumented for IDE users.
 */
class ReadmePropertiesMetadataTests {

    private static final Path README = Path.of("..", "README.md");

    @Test
    void everyPropertyInTheReadmesYamlIsInTheMetadata() throws IOException {
        Set<String> documented = readmeKeys();
        assertThat(documented).contains("house.port", "management.health.house.enabled");
        Set<String> known = metadataNames();
        Set<String> missing = new TreeSet<>();
        for (String key : documented) {
            if (!known.contains(key)) {
                missing.add(key);
            }
        }
        assertThat(missing).as("README keys missing from the configuration metadata").isEmpty();
    }

    private static Set<String> readmeKeys() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        Set<String> keys = new TreeSet<>();
        int at = 0;
        while ((at = readme.indexOf("```yaml\n", at)) >= 0) {
            int start = at + "```yaml\n".length();
            int end = readme.indexOf("```", start);
            Object document = new Yaml().load(readme.substring(start, end));
            if (document instanceof Map<?, ?> map) {
                flatten("", map, keys);
            }
            at = end + 3;
        }
        return keys;
    }

    private static void flatten(String prefix, Map<?, ?> map, Set<String> keys) {
        map.forEach((key, value) -> {
            String name = prefix + key;
            if (value instanceof Map<?, ?> nested && !nested.isEmpty()) {
                flatten(name + ".", nested, keys);
            } else {
                keys.add(name);
            }
        });
    }

    private static Set<String> metadataNames() throws IOException {
        Set<String> names = new HashSet<>();
        JsonMapper json = JsonMapper.builder().build();
        List<URL> files = new ArrayList<>();
        for (String resource : List.of("META-INF/spring-configuration-metadata.json",
                "META-INF/additional-spring-configuration-metadata.json")) {
            Enumeration<URL> found = ReadmePropertiesMetadataTests.class.getClassLoader().getResources(resource);
            while (found.hasMoreElements()) {
                files.add(found.nextElement());
            }
        }
        for (URL file : files) {
            try (InputStream in = file.openStream()) {
                JsonNode properties = json.readTree(in).path("properties");
                for (JsonNode property : properties) {
                    names.add(property.get("name").asString());
                }
            }
        }
        return names;
    }
}
