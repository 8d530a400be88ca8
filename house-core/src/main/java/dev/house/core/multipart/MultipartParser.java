package dev.house.core.multipart;

import dev.house.core.http.BodyText;
import dev.house.core.http.HttpException;
import dev.house.core.http.HttpStatus;
import dev.house.core.http.Request;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Parses {@code multipart/form-data} (RFC 7578 over RFC 2046) from the request body bytes with
 * configurable limits. Scans bytes for delimiters, never converting the body to text; part
 * headers are decoded as UTF-8 (browsers send non-ASCII file names raw), field values as UTF-8.
 * Files up to the memory threshold stay views of the body; larger ones are written to temporary
 * files, so parsing does blocking I/O: call it from a worker thread.
 *
 * <pre>{@code
 * MultipartParser parser = MultipartParser.builder().maxParts(20).memoryThreshold(16 * 1024).build();
 * try (MultipartForm form = parser.parse(request)) {
 *     String title = form.fields().get("title").get(0);
 *     for (FilePart file : form.files()) { ... file.open() ... }
 * }
 * }</pre>
 */
public final class MultipartParser {
    public static final int DEFAULT_MAX_PARTS = 128;
    public static final int DEFAULT_MAX_PART_HEADER_SIZE = 8 * 1024;
    public static final int DEFAULT_MEMORY_THRESHOLD = 64 * 1024;

    private static final MultipartParser DEFAULTS = builder().build();
    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final String FORMS_ATTRIBUTE = MultipartParser.class.getName() + ".forms";

    private final int maxParts;
    private final int maxPartHeaderSize;
    private final int memoryThreshold;
    private final Path tempDirectory;

    private MultipartParser(Builder b) {
        this.maxParts = b.maxParts;
        this.maxPartHeaderSize = b.maxPartHeaderSize;
        this.memoryThreshold = b.memoryThreshold;
        this.tempDirectory = b.tempDirectory;
    }

    /** Limits {@value #DEFAULT_MAX_PARTS} parts, {@value #DEFAULT_MAX_PART_HEADER_SIZE} header bytes per part, {@value #DEFAULT_MEMORY_THRESHOLD}-byte memory threshold. */
    public static MultipartParser defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Parses the request's body. A form holding temporary files is registered with the request
     * ({@link Request#closeWhenDone}), so the server deletes them when the exchange ends, whoever
     * asked for the form (a handler, a typed parameter); a handler that must keep an upload copies
     * it first.
     *
     * @throws HttpException 415 when the body is not {@code multipart/form-data}, 400 naming the
     *         problem when it is malformed or exceeds a limit
     */
    public MultipartForm parse(Request request) {
        if (!"multipart/form-data".equals(request.mediaType())) {
            throw new HttpException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Expected a multipart/form-data body");
        }
        byte[] boundary = Boundary.fromContentType(request.header("Content-Type"));
        List<SpilledFilePart> spilled = new ArrayList<>();
        try {
            MultipartForm form = parse(request.body(), boundary, spilled);
            if (!spilled.isEmpty()) {
                remember(request, form);
                request.closeWhenDone(form);
            }
            return form;
        } catch (RuntimeException e) {
            spilled.forEach(SpilledFilePart::delete);
            throw e;
        }
    }

    @SuppressWarnings("unchecked")
    private static void remember(Request request, MultipartForm form) {
        List<MultipartForm> forms = (List<MultipartForm>) request.attribute(FORMS_ATTRIBUTE);
        if (forms == null) {
            forms = new ArrayList<>(1);
            request.attribute(FORMS_ATTRIBUTE, forms);
        }
        forms.add(form);
    }

    /** The forms parsed for this request that hold temporary files. */
    @SuppressWarnings("unchecked")
    static List<MultipartForm> formsOf(Request request) {
        List<MultipartForm> forms = (List<MultipartForm>) request.attribute(FORMS_ATTRIBUTE);
        return forms == null ? List.of() : forms;
    }

    private MultipartForm parse(byte[] body, byte[] boundary, List<SpilledFilePart> spilled) {
        byte[] delimiter = new byte[boundary.length + 4]; // CRLF "--" boundary
        delimiter[0] = CR;
        delimiter[1] = LF;
        delimiter[2] = '-';
        delimiter[3] = '-';
        System.arraycopy(boundary, 0, delimiter, 4, boundary.length);
        DelimiterSearch search = new DelimiterSearch(delimiter);
        int end = body.length;

        // The first boundary may open the body or follow a preamble (which ends with CRLF).
        int pos;
        if (startsWithDashBoundary(body, delimiter)) {
            pos = delimiter.length - 2;
        } else {
            int found = search.indexOf(body, 0, end);
            if (found < 0) {
                throw HttpException.badRequest("Multipart body does not contain its boundary");
            }
            pos = found + delimiter.length;
        }

        Map<String, List<String>> fields = new LinkedHashMap<>();
        List<FilePart> files = new ArrayList<>();
        int parts = 0;
        while (true) {
            // Just after a delimiter: "--" closes the body, else optional padding and CRLF.
            if (end - pos >= 2 && body[pos] == '-' && body[pos + 1] == '-') {
                break; // the epilogue after the close delimiter is ignored, as RFC 2046 says
            }
            while (pos < end && (body[pos] == ' ' || body[pos] == '\t')) {
                pos++;
            }
            if (end - pos < 2) {
                throw HttpException.badRequest("Multipart body ends without a closing boundary");
            }
            if (body[pos] != CR || body[pos + 1] != LF) {
                throw HttpException.badRequest("Multipart boundary line has unexpected characters after the boundary");
            }
            pos += 2;
            if (++parts > maxParts) {
                throw HttpException.badRequest("Multipart body has more than " + maxParts + " parts");
            }
            int headersEnd = headersEnd(body, pos, end);
            PartHeaders headers = PartHeaders.parse(body, pos, headersEnd, parts);
            int contentStart = headersEnd == pos ? pos + 2 : headersEnd + 4;
            int contentEnd = search.indexOf(body, contentStart, end);
            if (contentEnd < 0) {
                throw HttpException.badRequest("Multipart body ends without a closing boundary");
            }
            int length = contentEnd - contentStart;
            if (headers.filename() == null) {
                fields.computeIfAbsent(headers.name(), k -> new ArrayList<>(1))
                        .add(BodyText.utf8(body, contentStart, length,
                                "multipart part " + parts + ", " + BodyText.parameter(headers.name())));
            } else if (length <= memoryThreshold) {
                files.add(new MemoryFilePart(headers.name(), headers.filename(), headers.fileContentType(),
                        body, contentStart, length));
            } else {
                SpilledFilePart part = spill(headers, body, contentStart, length);
                spilled.add(part);
                files.add(part);
            }
            pos = contentEnd + delimiter.length;
        }
        if (parts == 0) {
            throw HttpException.badRequest("Multipart body has no parts");
        }
        Map<String, List<String>> frozenFields = new LinkedHashMap<>();
        fields.forEach((k, v) -> frozenFields.put(k, List.copyOf(v)));
        return new MultipartForm(java.util.Collections.unmodifiableMap(frozenFields), List.copyOf(files),
                List.copyOf(spilled));
    }

    private static boolean startsWithDashBoundary(byte[] body, byte[] delimiter) {
        int n = delimiter.length - 2;
        if (body.length < n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (body[i] != delimiter[i + 2]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The index of the CRLFCRLF ending the part's header section starting at {@code from}, or
     * {@code from} itself when the part has no headers (the section is just the empty line).
     */
    private int headersEnd(byte[] body, int from, int end) {
        if (end - from >= 2 && body[from] == CR && body[from + 1] == LF) {
            return from;
        }
        int limit = (int) Math.min(end, (long) from + maxPartHeaderSize + 4);
        for (int i = from; i + 3 < limit; i++) {
            if (body[i] == CR && body[i + 1] == LF && body[i + 2] == CR && body[i + 3] == LF) {
                return i;
            }
        }
        if (limit < end) {
            throw HttpException.badRequest("Multipart part headers exceed " + maxPartHeaderSize + " bytes");
        }
        throw HttpException.badRequest("Multipart part headers are not ended by an empty line");
    }

    private SpilledFilePart spill(PartHeaders headers, byte[] body, int offset, int length) {
        try {
            Path file = TempUploads.create(tempDirectory);
            try (OutputStream out = Files.newOutputStream(file)) {
                out.write(body, offset, length);
            } catch (IOException | RuntimeException e) {
                TempUploads.delete(file);
                throw e;
            }
            return new SpilledFilePart(headers.name(), headers.filename(), headers.fileContentType(), file, length);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store an uploaded file in a temporary file", e);
        }
    }

    /** Limits of a {@link MultipartParser}; each setter documents its default. */
    public static final class Builder {
        private int maxParts = DEFAULT_MAX_PARTS;
        private int maxPartHeaderSize = DEFAULT_MAX_PART_HEADER_SIZE;
        private int memoryThreshold = DEFAULT_MEMORY_THRESHOLD;
        private Path tempDirectory;

        private Builder() {
        }

        /** Parts (fields and files) per body; default {@value #DEFAULT_MAX_PARTS}. */
        public Builder maxParts(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxParts must be at least 1: " + max);
            }
            this.maxParts = max;
            return this;
        }

        /** Bytes of one part's header section; default {@value #DEFAULT_MAX_PART_HEADER_SIZE}. */
        public Builder maxPartHeaderSize(int bytes) {
            if (bytes < 64) {
                throw new IllegalArgumentException("maxPartHeaderSize must be at least 64: " + bytes);
            }
            this.maxPartHeaderSize = bytes;
            return this;
        }

        /** File size up to which an upload stays in memory; default {@value #DEFAULT_MEMORY_THRESHOLD}. */
        public Builder memoryThreshold(int bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("memoryThreshold must not be negative: " + bytes);
            }
            this.memoryThreshold = bytes;
            return this;
        }

        /** Directory for spilled uploads; default the system temporary directory. */
        public Builder tempDirectory(Path directory) {
            this.tempDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        public MultipartParser build() {
            return new MultipartParser(this);
        }
    }
}
