package io.callosum.cuda.alloc;

/**
 * A piece of a segment: [offset, offset + size) of the segment's memory. Blocks of one segment form a doubly linked
 * list in address order so that freeing can merge neighbours. Only the allocator mutates blocks.
 */
public final class Block<S> {
    final Segment<S> segment;
    long offset;
    long size;
    long requested;
    boolean allocated;
    Block<S> prev;
    Block<S> next;

    Block(Segment<S> segment, long offset, long size) {
        this.segment = segment;
        this.offset = offset;
        this.size = size;
    }

    /** The segment's device handle; the block's memory starts {@link #offset()} bytes into it. */
    public S segmentHandle() {
        return segment.handle;
    }

    /** Where the block starts, in bytes from the start of its segment. */
    public long offset() {
        return offset;
    }

    /** The rounded size reserved for this block (at least the requested size). */
    public long size() {
        return size;
    }

    /** The size the caller asked for, before rounding (what the allocator's requested-bytes statistic adds up). */
    public long requested() {
        return requested;
    }

    /** Whether the block is handed out; false while it waits in a free pool. */
    public boolean isAllocated() {
        return allocated;
    }

    @Override
    public String toString() {
        return "Block[segment " + segment.id + ", offset " + offset + ", size " + size + (allocated ? ", allocated" : ", free") + "]";
    }

    /** One raw device allocation, carved into blocks. */
    static final class Segment<S> {
        final S handle;
        final long size;
        final long id;
        final boolean small;

        Segment(S handle, long size, long id, boolean small) {
            this.handle = handle;
            this.size = size;
            this.id = id;
            this.small = small;
        }
    }
}
