package dev.house.core.io;

import dev.house.core.http.StreamExecutor;

/** A task scheduled on an {@link EventLoop}; cancelling it is safe from any thread. */
public interface Scheduled extends StreamExecutor.Cancellable {
}
