package io.alipass.camel.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alipass.camel.bench.CrashBenchTool;
import io.alipass.camel.sandbox.SandboxGateway;
import io.alipass.camel.sandbox.SandboxSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner configures its app on the alipay-pass component: under the documented alipass.* names,
 * under camel.component.alipay-pass.* alone, and with both, where the camel.component one wins. Each
 * run is a --once batch against a sandbox that knows the app, so the app id and keys either reach the
 * gateway correctly or the updates fail.
 */
class RunnerComponentPropertiesTest {
    private static final int N = 4;
    /** CrashBenchTool.drop writes the odd updates of [0, N). */
    private static final int DROPPED = N / 2;
    private static final String CAMEL = "--camel.component.alipay-pass.";
    private static Path keys;
    private static SandboxGateway sandbox;

    @BeforeAll
    static void startSandbox() throws Exception {
        keys = Files.createTempDirectory("runner-component-keys");
        CrashBenchTool.keys(keys);
        sandbox = CrashBenchTool.seededSandbox(SandboxSettings.builder().port(0).keysDir(keys.resolve("sandbox-keys")).build(), keys, N);
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    private static List<String> app(String prefix, String appId) throws Exception {
        return new ArrayList<>(List.of(
                prefix + "gateway-url=" + sandbox.url(),
                prefix + "app-id=" + appId,
                prefix + "private-key=" + keys.resolve("app_private_key.pem"),
                prefix + "alipay-public-key=" + Files.readString(keys.resolve("alipay_public_key.txt")).trim(),
                prefix + "channel-id=" + CrashBenchTool.CHANNEL));
    }

    private static AlipassRunner once(Path data, List<String> app) throws Exception {
        CrashBenchTool.drop(Files.createDirectories(data.resolve("inbox")), N, N);
        List<String> args = new ArrayList<>(app);
        args.add("--once");
        args.add("--alipass.data-dir=" + data);
        return new AlipassRunner(args.toArray(String[]::new));
    }

    @Test
    void theDocumentedAlipassPropertiesConfigureTheApp(@TempDir Path data) throws Exception {
        AlipassRunner runner = once(data, app("--alipass.", CrashBenchTool.APP_ID));
        assertEquals(0, runner.run());
        assertEquals(DROPPED, runner.tally().done());
    }

    @Test
    void camelComponentPropertiesAloneConfigureTheApp(@TempDir Path data) throws Exception {
        AlipassRunner runner = once(data, app(CAMEL, CrashBenchTool.APP_ID));
        assertEquals(0, runner.run());
        assertEquals(DROPPED, runner.tally().done());
        assertFalse(runner.settings().sandbox(), "a gateway given as a camel.component property is not the built-in sandbox");
    }

    @Test
    void theCamelComponentPropertyWinsOverTheAlipassProperty(@TempDir Path data) throws Exception {
        List<String> both = app("--alipass.", "2021000000009999"); // an app the sandbox does not know
        both.add(CAMEL + "app-id=" + CrashBenchTool.APP_ID);
        AlipassRunner runner = once(data, both);
        assertEquals(0, runner.run());
        assertEquals(DROPPED, runner.tally().done());
    }

    /** Runs and returns what the runner wrote to standard error; the exit code must be EXIT_CANNOT_START. */
    private static String cannotStart(Path data, List<String> app) throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream before = System.err;
        int exit;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            exit = once(data, app).run();
        } finally {
            System.setErr(before);
        }
        String said = err.toString(StandardCharsets.UTF_8);
        assertEquals(AlipassRunner.EXIT_CANNOT_START, exit, said);
        return said;
    }

    @Test
    void aMissingAppIdStopsTheStartNamingBothProperties(@TempDir Path data) throws Exception {
        List<String> app = app("--alipass.", CrashBenchTool.APP_ID);
        app.removeIf(a -> a.startsWith("--alipass.app-id="));
        String said = cannotStart(data, app);
        assertTrue(said.contains("alipass: cannot start: alipass.app-id (camel.component.alipay-pass.app-id) is required"), said);
    }

    @Test
    void anUnusablePrivateKeyStopsTheStartByItsNameWithoutQuotingIt(@TempDir Path data) throws Exception {
        String secret = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC-not-a-key-secret";
        List<String> app = app("--alipass.", CrashBenchTool.APP_ID);
        app.removeIf(a -> a.startsWith("--alipass.private-key="));
        app.add("--alipass.private-key=" + secret);
        String said = cannotStart(data, app);
        assertTrue(said.contains("alipass: cannot start: alipass.private-key (camel.component.alipay-pass.private-key)"), said);
        assertFalse(said.contains(secret), said);
    }
}
