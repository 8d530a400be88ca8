package dev.house.core.handler.param;

import dev.house.core.http.HttpException;
import dev.house.core.http.HttpStatus;
import dev.house.core.http.Request;
import dev.house.core.multipart.FilePart;
import dev.house.core.multipart.MultipartForm;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The named values of a request body, decoded once per request according to its
 * {@code Content-Type}: form fields, the top-level properties of a JSON object, or multipart
 * fields and files.
 */
final class BodyValues {
    static final BodyValues NONE = new BodyValues(Map.of(), null, List.of());

    private final Map<String, List<String>> fields;
    private final JsonNode object;
    private final List<FilePart> files;

    private BodyValues(Map<String, List<String>> fields, JsonNode object, List<FilePart> files) {
        this.fields = fields;
        this.object = object;
        this.files = files;
    }

    /**
     * @throws InvalidParametersException when the body cannot be decoded
     * @throws HttpException 415 when the body is of a type parameters cannot be read from
     */
    static BodyValues decode(Request request, ObjectReader strictJson) {
        if (request.body().length == 0) {
            return NONE;
        }
        String mediaType = request.mediaType();
        if ("application/x-www-form-urlencoded".equals(mediaType)) {
            try {
                return new BodyValues(request.formParameters(), null, List.of());
            } catch (HttpException e) {
                if (e.status() != HttpStatus.BAD_REQUEST) {
                    throw e; // an unsupported charset stays a 415
                }
                throw InvalidParametersException.body(e.getMessage());
            }
        }
        if ("application/json".equals(mediaType) || (mediaType != null && mediaType.endsWith("+json"))) {
            return json(request, strictJson);
        }
        if ("multipart/form-data".equals(mediaType)) {
            MultipartForm form = MultipartForm.parse(request);
            return new BodyValues(form.fields(), null, form.files());
        }
        throw new HttpException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Parameters can only be read from an"
                + " application/x-www-form-urlencoded, application/json or multipart/form-data body");
    }

    /** A reader that, unlike Jackson's default, rejects a repeated property name and trailing content. */
    static ObjectReader strictReader(JsonMapper mapper) {
        return ParamTypes.strict(mapper);
    }

    private static BodyValues json(Request request, ObjectReader reader) {
        StrictJson.requireUtf8(request); // JSON in another charset stays a 415
        JsonNode tree;
        try {
            tree = reader.readTree(request.body());
        } catch (JacksonException e) {
            // Jackson's message quotes the input, so it is not passed on.
            throw InvalidParametersException.body(StrictJson.NOT_VALID_JSON);
        }
        if (tree == null || !tree.isObject()) {
            throw InvalidParametersException.body("The JSON request body must be an object");
        }
        return new BodyValues(Map.of(), tree, List.of());
    }

    /** The values named {@code name}; an explicit JSON {@code null} counts as absent. */
    List<RawValue> values(String name) {
        if (object != null) {
            JsonNode node = object.get(name);
            return node == null || node.isNull() ? List.of() : List.of(RawValue.json(node));
        }
        List<String> texts = fields.get(name);
        List<RawValue> out = null;
        if (texts != null) {
            out = new ArrayList<>(texts.size());
            for (String t : texts) {
                out.add(RawValue.text(t));
            }
        }
        for (FilePart f : files) {
            if (f.name().equals(name)) {
                if (out == null) {
                    out = new ArrayList<>(1);
                }
                out.add(RawValue.file(f));
            }
        }
        return out == null ? List.of() : out;
    }
}
