package dev.house.core.sse;

import dev.house.core.http.Request;
import dev.house.core.sse.spi.SseEncoder;

/** The {@link EventStream} over an {@link SseWriter}: writes hop onto the stream's loop. */
final class WriterEventStream implements EventStream {
    private final SseWriter writer;

    WriterEventStream(SseWriter writer) {
        this.writer = writer;
    }

    @Override
    public Request request() {
        return writer.stream().request();
    }

    @Override
    public boolean emit(SseEvent event) {
        if (!writer.isOpen()) {
            return false;
        }
        var chunk = SseEncoder.encode(event);
        writer.stream().executor().executeOrRun(() -> writer.write(chunk));
        return true;
    }

    @Override
    public void close() {
        writer.stream().close();
    }

    @Override
    public boolean isOpen() {
        return writer.isOpen();
    }

    @Override
    public void onClose(Runnable callback) {
        writer.stream().onClose(callback);
    }
}
