package io.alipass.camel.gateway;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A gateway double on a free loopback port: answers every POST with the body it was given and
 * keeps the last request's parameters, decoded from query string and form body.
 */
final class StubGateway implements AutoCloseable {
    private final HttpServer server;
    private volatile byte[] answer = new byte[0];
    private volatile String contentType = "application/json;charset=utf-8";
    private volatile String lastQuery;
    private volatile byte[] lastBody;

    StubGateway() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/gateway.do", exchange -> {
            lastQuery = exchange.getRequestURI().getRawQuery();
            lastBody = exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", contentType);
            byte[] body = answer;
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/gateway.do";
    }

    /** The next answers: the text in the charset, announced in Content-Type. */
    void answer(String body, Charset charset) {
        this.answer = body.getBytes(charset);
        this.contentType = "application/json;charset=" + charset.name();
    }

    /** Every parameter of the last request, query string and form body together. */
    Map<String, String> lastParameters(Charset charset) {
        Map<String, String> all = new LinkedHashMap<>(FormEncoding.decode(lastQuery, charset));
        all.putAll(FormEncoding.decode(new String(lastBody, charset), charset));
        return all;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
