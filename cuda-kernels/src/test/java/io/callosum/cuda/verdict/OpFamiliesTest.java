package io.callosum.cuda.verdict;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OpFamiliesTest {
    @Test
    void theSharedSuiteMapsToOpFamilies() {
        assertEquals("elementwise", OpFamilies.of("io.callosum.tensor.ops.ElementwiseOpsTest"));
        assertEquals("colour", OpFamilies.of("io.callosum.tensor.ops.ColorLabPooledTest"));
        assertEquals("colour", OpFamilies.of("io.callosum.tensor.ops.ColorOpsTest$Nested"));
        assertEquals("random", OpFamilies.of("io.callosum.tensor.ops.DropoutTest"));
        assertEquals("index", OpFamilies.of("io.callosum.tensor.ops.IndexingOpsTest"));
    }

    @Test
    void cudaKernelsOwnTestsAreOneFamilyAndANewClassGetsItsOwnRow() {
        assertEquals("cuda-unit", OpFamilies.of("io.callosum.cuda.PortedRandomTest"));
        assertEquals("cuda-unit", OpFamilies.of("io.callosum.cuda.alloc.CachingAllocatorTest"));
        assertEquals("attention", OpFamilies.of("io.callosum.tensor.ops.AttentionOpsTest"));
        assertEquals("sort", OpFamilies.of("io.callosum.tensor.ops.SortTest"));
    }
}
