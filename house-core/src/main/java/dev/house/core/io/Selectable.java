package dev.house.core.io;

/** Something registered with an {@link EventLoop}'s selector that reacts to readiness. */
interface Selectable {
    /** Called on the loop with the key's ready operations. */
    void onReady(int readyOps);

    /** Called on the loop when the key was cancelled or a callback failed: release everything. */
    void onInvalid();
}
