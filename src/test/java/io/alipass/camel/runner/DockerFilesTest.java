package io.alipass.camel.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Docker does not run on the build machines, so the Dockerfile and compose file are kept in step with
 * the build by checking what they name: the files they copy exist, the jar they copy is the one the
 * shade plugin writes, and the folders they mount are the runner's.
 */
class DockerFilesTest {
    static final Path DOCKERFILE = Path.of("docker/Dockerfile");
    static final Path COMPOSE = Path.of("docker/compose.yaml");

    @Test
    void theDockerfileCopiesPathsThatExist() throws IOException {
        List<String> sources = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^COPY (?!--from)(\\S+) ").matcher(Files.readString(DOCKERFILE));
        while (m.find()) {
            sources.add(m.group(1));
        }
        assertEquals(List.of("pom.xml", "src", "routes", "routes", "samples"), sources);
        sources.forEach(s -> assertTrue(Files.exists(Path.of(s)), s + " exists in the repository (the build context)"));
    }

    @Test
    void theDockerfileCopiesTheJarTheBuildWrites() throws IOException {
        String dockerfile = Files.readString(DOCKERFILE);
        String pom = Files.readString(Path.of("pom.xml"));
        assertTrue(pom.contains("<finalName>alipass-camel-runner</finalName>"), "the shade plugin writes target/alipass-camel-runner.jar");
        assertTrue(dockerfile.contains("COPY --from=build /build/target/alipass-camel-runner.jar /app/alipass-camel-runner.jar"));
        assertTrue(dockerfile.contains("mvn -B -ntp -DskipTests package"), "the build stage runs README's build command");
        assertTrue(dockerfile.contains("ENTRYPOINT [\"java\", \"-XX:MaxRAMPercentage=75\", \"-jar\", \"/app/alipass-camel-runner.jar\"]"));
        assertTrue(Files.readString(Path.of("src/main/resources/alipass-runner.properties")).contains("camel.server.port = 8080"));
        assertTrue(dockerfile.contains("EXPOSE 8080 9876"));
    }

    @Test
    void composeBuildsFromTheRepositoryAndMountsTheRunnersFolders() throws IOException {
        String compose = Files.readString(COMPOSE);
        assertTrue(compose.contains("context: ..") && compose.contains("dockerfile: docker/Dockerfile"));
        Path repo = COMPOSE.getParent().resolve("..").normalize();
        assertTrue(Files.isRegularFile(repo.resolve("docker/Dockerfile")));
        Matcher m = Pattern.compile("(?m)^\\s+- \\.\\./(\\w+):(/app/\\w+)").matcher(compose);
        List<String> mounts = new ArrayList<>();
        while (m.find()) {
            mounts.add(m.group(1) + "->" + m.group(2));
        }
        assertEquals(List.of("routes->/app/routes", "keys->/app/keys", "data->/app/data"), mounts);
        assertTrue(Files.isDirectory(Path.of("routes")), "routes/ is in the repository; keys/ and data/ are the user's (git-ignored)");
        assertTrue(compose.contains("ALIPASS_JMS_BROKER_URL: tcp://artemis:61616"));
        // Each ALIPASS_* variable the compose file sets is a documented property.
        String properties = Files.readString(Path.of("src/main/resources/alipass-runner.properties"));
        Matcher env = Pattern.compile("(?m)^\\s+(ALIPASS_[A-Z_]+):").matcher(compose);
        while (env.find()) {
            String property = "alipass." + env.group(1).substring("ALIPASS_".length()).toLowerCase().replace('_', '-');
            boolean known = properties.contains(property + " =")
                    || properties.contains(property.replaceFirst("^alipass\\.(jms|http|file|retry)-", "alipass.$1.") + " =");
            assertTrue(known, env.group(1) + " names a property in alipass-runner.properties");
        }
    }
}
