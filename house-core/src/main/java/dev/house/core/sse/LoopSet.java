package dev.house.core.sse;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * A set owned by one event loop that can be walked while the walk itself changes it: sending to a
 * subscriber may end its stream, whose close callback removes it from this very set. Walks go
 * over an array snapshot, rebuilt only after the set changed, so steady-state delivery allocates
 * nothing.
 */
final class LoopSet<T> {
    private final Set<T> members = new LinkedHashSet<>();
    private final IntFunction<T[]> arrays;
    private T[] snapshot;

    LoopSet(IntFunction<T[]> arrays) {
        this.arrays = arrays;
    }

    boolean add(T member) {
        boolean added = members.add(member);
        if (added) {
            snapshot = null;
        }
        return added;
    }

    boolean remove(T member) {
        boolean removed = members.remove(member);
        if (removed) {
            snapshot = null;
        }
        return removed;
    }

    boolean isEmpty() {
        return members.isEmpty();
    }

    int size() {
        return members.size();
    }

    /** The members as of now; stays valid (unchanged) while the set changes. */
    T[] snapshot() {
        T[] s = snapshot;
        if (s == null) {
            s = members.toArray(arrays.apply(members.size()));
            snapshot = s;
        }
        return s;
    }
}
