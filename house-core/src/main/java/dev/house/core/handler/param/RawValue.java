package dev.house.core.handler.param;

import dev.house.core.multipart.FilePart;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** One unconverted value as received: text, a JSON body value, or an uploaded file. */
final class RawValue {
    final String text;
    final JsonNode json;
    final FilePart file;

    private RawValue(String text, JsonNode json, FilePart file) {
        this.text = text;
        this.json = json;
        this.file = file;
    }

    static RawValue text(String text) {
        return new RawValue(text, null, null);
    }

    static RawValue json(JsonNode json) {
        return new RawValue(null, json, null);
    }

    static RawValue file(FilePart file) {
        return new RawValue(null, null, file);
    }

    /** Whether two sources gave the same values, comparing text with JSON scalars by their text. */
    static boolean same(List<RawValue> a, List<RawValue> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            RawValue x = a.get(i);
            RawValue y = b.get(i);
            if (x.file != null || y.file != null) {
                if (x.file != y.file) {
                    return false;
                }
            } else if (!x.comparable().equals(y.comparable())) {
                return false;
            }
        }
        return true;
    }

    private String comparable() {
        if (text != null) {
            return text;
        }
        return json.isValueNode() ? json.asString() : json.toString();
    }

    <T> T convert(ParamType<T> type, Arguments earlier) throws Exception {
        if (text != null) {
            return type.parse(text, earlier);
        }
        if (json != null) {
            return type.parseJson(json, earlier);
        }
        return type.parseFile(file, earlier);
    }
}
