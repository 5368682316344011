package io.callosum.nn.data;

import java.util.Arrays;
import java.util.List;

/** Several record files read as one sequence (CIFAR's five training batches): global index → (file, record). */
final class RecordFiles {
    private final RecordFile[] files;
    private final int[] starts; // starts[i] = global index of files[i]'s first record
    private final int count;

    RecordFiles(List<RecordFile> files) {
        if (files.isEmpty()) throw new IllegalArgumentException("no files given");
        this.files = files.toArray(new RecordFile[0]);
        this.starts = new int[this.files.length];
        long total = 0;
        for (int i = 0; i < this.files.length; i++) {
            starts[i] = (int) total;
            total += this.files[i].count;
            if (total > Integer.MAX_VALUE - 8) {
                throw new DatasetFormatException(this.files[i].source.path, "together the files hold more than "
                        + (Integer.MAX_VALUE - 8) + " records, more than a dataset index can address");
            }
        }
        this.count = (int) total;
    }

    int count() {
        return count;
    }

    int fileOf(int index) {
        int i = Arrays.binarySearch(starts, index);
        if (i >= 0) {
            while (i + 1 < starts.length && starts[i + 1] == index) i++; // skip empty files sharing the start
            return i;
        }
        return -i - 2;
    }

    RecordFile file(int fileIndex) {
        return files[fileIndex];
    }

    int local(int fileIndex, int index) {
        return index - starts[fileIndex];
    }

    byte[] record(int index) {
        int f = fileOf(index);
        return files[f].record(local(f, index));
    }

    int numFiles() {
        return files.length;
    }
}
