package dev.house.core.io;

/** A task scheduled on an {@link EventLoop}; cancelling it is safe from any thread. */
public interface Scheduled {
    void cancel();
}
