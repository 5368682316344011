package io.callosum.cuda.alloc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A device with a fixed capacity whose segments are numbered; records every raw call, "sync" for awaitIdle. */
final class FakeDevice implements RawDeviceMemory<Integer> {
    final long capacity;
    long used;
    int nextId;
    final Map<Integer, Long> live = new HashMap<>();
    final List<String> calls = new ArrayList<>();

    FakeDevice(long capacity) {
        this.capacity = capacity;
    }

    @Override
    public Integer allocate(long bytes) throws RawOutOfMemoryException {
        if (used + bytes > capacity) {
            calls.add("refuse " + bytes);
            throw new RawOutOfMemoryException("CUDA_ERROR_OUT_OF_MEMORY (fake)");
        }
        int id = nextId++;
        live.put(id, bytes);
        used += bytes;
        calls.add("alloc " + bytes);
        return id;
    }

    @Override
    public void free(Integer segment) {
        Long bytes = live.remove(segment);
        if (bytes == null) throw new AssertionError("segment " + segment + " freed twice or never allocated");
        used -= bytes;
        calls.add("free " + bytes);
    }

    @Override
    public void awaitIdle() {
        calls.add("sync");
    }

    @Override
    public String describe() {
        return (capacity - used) + " bytes free of " + capacity;
    }
}
