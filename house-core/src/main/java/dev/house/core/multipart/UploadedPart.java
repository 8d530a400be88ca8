package dev.house.core.multipart;

/** What every uploaded file part knows from its headers and length, wherever its bytes live. */
abstract class UploadedPart implements FilePart {
    private final String name;
    private final String filename;
    private final String contentType;
    private final long size;

    UploadedPart(String name, String filename, String contentType, long size) {
        this.name = name;
        this.filename = filename;
        this.contentType = contentType;
        this.size = size;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String filename() {
        return filename;
    }

    @Override
    public final String contentType() {
        return contentType;
    }

    @Override
    public final long size() {
        return size;
    }
}
