package io.callosum.tensor.spi;

/** The operand {@link Operand#contiguous} makes: fixed geometry, handed out as copies so callers cannot change it. */
final class ContiguousOperand extends Operand {
    private final Storage storage;
    private final int[] shape;
    private final int[] strides;

    ContiguousOperand(Storage storage, int[] shape, int[] strides) {
        this.storage = storage;
        this.shape = shape;
        this.strides = strides;
    }

    @Override
    protected Storage storage() {
        return storage;
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public int[] strides() {
        return strides.clone();
    }

    @Override
    public int offset() {
        return 0;
    }
}
