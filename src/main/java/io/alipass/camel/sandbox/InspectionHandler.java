package io.alipass.camel.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serves the inspection surface as JSON: {@code GET /sandbox/requests} (the recorded requests,
 * without {@code sign} or {@code app_auth_token} values) and {@code GET /sandbox/state} (templates
 * and passes, and the call quota with the count of calls it answered {@code 40005}). It lets a user, or a client in another language, see what the sandbox saw.
 */
final class InspectionHandler implements HttpHandler {
    static final String REQUESTS = "/sandbox/requests";
    static final String STATE = "/sandbox/state";

    private final RequestLog log;
    private final SandboxState state;
    private final CallQuota quota;

    InspectionHandler(RequestLog log, SandboxState state, CallQuota quota) {
        this.log = log;
        this.state = state;
        this.quota = quota;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            String path = exchange.getRequestURI().getPath();
            Object body;
            if (path.equals(REQUESTS)) {
                body = requests();
            } else if (path.equals(STATE)) {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("templates", state.templates());
                s.put("passes", state.passes());
                Map<String, Object> q = new LinkedHashMap<>();
                q.put("perApp", quota.perApp());
                q.put("perMethod", quota.perMethod());
                q.put("callLimited", quota.refused());
                s.put("callQuota", q);
                body = s;
            } else {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] bytes = AnswerWriter.write(body).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** The requests as plain maps: the timestamp as ISO text, with no Jackson time module needed. */
    private List<Map<String, Object>> requests() {
        return log.all().stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("sequence", r.sequence());
            m.put("receivedAt", r.receivedAt().toString());
            m.put("httpMethod", r.httpMethod());
            m.put("method", r.method());
            m.put("appId", r.appId());
            m.put("signPresent", r.signPresent());
            m.put("appAuthTokenPresent", r.appAuthTokenPresent());
            m.put("parameters", r.parameters());
            m.put("code", r.code());
            m.put("subCode", r.subCode());
            m.put("fault", r.fault());
            return m;
        }).toList();
    }
}
