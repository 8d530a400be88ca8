package dev.house.core.handler.param;

import dev.house.core.http.BodyText;
import dev.house.core.http.HttpException;
import dev.house.core.http.HttpStatus;
import dev.house.core.http.Request;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The house rule for reading JSON from clients, in one place: the same strict reader, the same
 * UTF-8 rule and the same message for a body that is not JSON, wherever JSON is read (the core's
 * parameter binding and JSON parameter types, and the Spring starter's whole-body parameters).
 */
public final class StrictJson {
    /** The detail of the problem answered for a body that is not well-formed JSON; it never quotes the body. */
    public static final String NOT_VALID_JSON = "The request body is not valid JSON";

    private StrictJson() {
    }

    /** A reader of {@code mapper} that, unlike Jackson's default, rejects a repeated property name and trailing content. */
    public static ObjectReader reader(JsonMapper mapper) {
        return mapper.reader()
                .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /**
     * Checks that a JSON body is UTF-8 by {@link BodyText#requireJsonUtf8}: another declared
     * charset stays a 415, bytes that are not UTF-8 are an invalid body (400 problem).
     *
     * @throws InvalidParametersException when the bytes are not UTF-8
     * @throws HttpException (415) when the body declares another charset
     */
    public static void requireUtf8(Request request) {
        try {
            BodyText.requireJsonUtf8(request);
        } catch (HttpException e) {
            if (e.status() != HttpStatus.BAD_REQUEST) {
                throw e;
            }
            throw InvalidParametersException.body(e.getMessage());
        }
    }
}
