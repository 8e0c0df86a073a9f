package io.assisthost.host.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.jackson.JacksonCodec;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The one place that parses API requests before the routes read them: the request target must be
 * well-formed percent-encoded UTF-8, else 400; a request with a body must be JSON
 * ({@code application/json} or {@code application/*+json}), else 415; a body that is not strict JSON
 * (RFC 8259: no comments, no {@code NaN}, no single quotes) in valid UTF-8, or that nests deeper than
 * {@value #MAX_DEPTH} levels, is 400. Routes read the parsed value with {@link #of(RoutingContext)}.
 */
final class JsonBody implements Handler<RoutingContext> {

    /** No request of the API nests this deep; the limit keeps deep bodies away from recursive code. */
    static final int MAX_DEPTH = 64;

    private static final String KEY = "assist.json";
    // Vert.x's own codec accepts comments; the API takes JSON as the RFC defines it.
    private static final JsonFactory STRICT = JsonFactory.builder()
            .disable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .disable(JsonReadFeature.ALLOW_YAML_COMMENTS)
            .disable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();

    /** The parsed body ({@code JsonObject}, {@code JsonArray} or a scalar), or {@code null} if there was none. */
    static Object of(RoutingContext ctx) {
        return ctx.get(KEY);
    }

    @Override
    public void handle(RoutingContext ctx) {
        String target = malformedTarget(ctx.request().uri());
        if (target != null) {
            Problems.send(ctx, 400, target);
            return;
        }
        Buffer body = ctx.body() == null ? null : ctx.body().buffer();
        if ((body == null || body.length() == 0) && !declaresBody(ctx)) {
            ctx.next();
            return;
        }
        String mediaType = mediaType(ctx.request().getHeader("Content-Type"));
        if (!mediaType.equals("application/json") && !(mediaType.startsWith("application/") && mediaType.endsWith("+json"))) {
            Problems.send(ctx, 415, "request bodies must be application/json, not " + (mediaType.isEmpty() ? "untyped" : mediaType));
            return;
        }
        if (body == null || body.length() == 0) {
            ctx.next();
            return;
        }
        try {
            ctx.put(KEY, decode(body));
        } catch (DecodeException e) {
            Problems.send(ctx, 400, "malformed JSON: " + e.getMessage());
            return;
        }
        ctx.next();
    }

    /**
     * Decodes a body as strict JSON in UTF-8.
     *
     * @throws DecodeException naming what is wrong
     */
    static Object decode(Buffer body) {
        // Decoded once: the check for valid UTF-8 yields the characters the parser then reads.
        CharBuffer text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body.getBytes()));
        } catch (CharacterCodingException e) {
            throw new DecodeException("the body is not valid UTF-8");
        }
        JsonParser parser;
        try {
            parser = STRICT.createParser(text.array(), text.arrayOffset() + text.position(), text.remaining());
        } catch (IOException e) {
            throw new DecodeException(e.getMessage());
        }
        return JacksonCodec.fromParser(parser, Object.class);
    }

    /**
     * Why a request target (path and query) cannot be decoded, or {@code null}: every {@code %} must
     * start two hex digits, and what they encode must be UTF-8. The routes' parameters are decoded from
     * it, so this is checked before any of them is read.
     */
    static String malformedTarget(String uri) {
        if (uri.indexOf('%') < 0) {
            return null;
        }
        ByteBuffer bytes = ByteBuffer.allocate(uri.length());
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c != '%') {
                bytes.put((byte) (c < 0x80 ? c : '?'));
                continue;
            }
            if (i + 2 >= uri.length() || Character.digit(uri.charAt(i + 1), 16) < 0 || Character.digit(uri.charAt(i + 2), 16) < 0) {
                return "the request target has a '%' that does not start two hex digits";
            }
            bytes.put((byte) Integer.parseInt(uri.substring(i + 1, i + 3), 16));
            i += 2;
        }
        bytes.flip();
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes);
        } catch (CharacterCodingException e) {
            return "the request target's percent-encoding is not UTF-8";
        }
        return null;
    }

    /**
     * Whether the request said it has a body although none was left for JSON: a form or multipart
     * body that the body handler took apart.
     */
    private static boolean declaresBody(RoutingContext ctx) {
        String length = ctx.request().getHeader("Content-Length");
        return (length != null && !length.trim().equals("0")) || ctx.request().getHeader("Transfer-Encoding") != null;
    }

    static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }
}
