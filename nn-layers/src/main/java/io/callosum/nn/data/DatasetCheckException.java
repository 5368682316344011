package io.callosum.nn.data;

import java.nio.file.Path;
import java.util.List;

/**
 * An up-front {@link ImageFolderCheck} failed: bad images (the message names the first one and its reason, and counts
 * the others; {@link #badImages()} lists them all) or a class structure that training cannot use. The message is one
 * sentence a command line can print as it is.
 */
public final class DatasetCheckException extends DatasetFormatException {
    /** The images that failed to decode, with why. */
    private final List<ImageFolderCheck.BadImage> badImages;

    DatasetCheckException(Path file, String problem, List<ImageFolderCheck.BadImage> badImages) {
        super(file, problem);
        this.badImages = List.copyOf(badImages);
    }

    /** Every bad image found, in path order (empty when the class structure was the problem). */
    public List<ImageFolderCheck.BadImage> badImages() {
        return badImages;
    }
}
