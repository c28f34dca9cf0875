package io.alipass.camel.sandbox;

import io.alipass.camel.gateway.EncodedRequest;
import io.alipass.camel.gateway.GatewayMethod;
import io.alipass.camel.gateway.GatewayProtocol;
import io.alipass.camel.gateway.PassUpdateOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Our own protocol core over {@link HttpClient}: prepare, POST, interpret, as the Camel routes will do it. */
final class ProtocolClient {
    private final GatewayProtocol protocol;
    private final String url;

    ProtocolClient(GatewayProtocol protocol, String url) {
        this.protocol = protocol;
        this.url = url;
    }

    static HttpRequest httpRequest(EncodedRequest encoded, String gatewayUrl) {
        return HttpRequest.newBuilder(URI.create(encoded.url(gatewayUrl)))
                .header("Content-Type", encoded.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(encoded.body()))
                .build();
    }

    /** Sends one call; an I/O failure is thrown, as a transport would. */
    PassUpdateOutcome call(GatewayMethod method, String bizContent) throws IOException {
        HttpResponse<byte[]> response = send(httpRequest(protocol.prepare(method, bizContent), url));
        return protocol.interpret(method, response.body());
    }

    /** Sends one call and returns the raw HTTP response. */
    HttpResponse<byte[]> raw(GatewayMethod method, String bizContent) throws IOException {
        return send(httpRequest(protocol.prepare(method, bizContent), url));
    }

    private static HttpResponse<byte[]> send(HttpRequest request) throws IOException {
        try {
            return RawCall.HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted"));
        }
    }
}
