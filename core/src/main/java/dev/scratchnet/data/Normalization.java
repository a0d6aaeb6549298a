package dev.scratchnet.data;

/**
 * Maps a raw pixel byte to a network input: x = raw · scale + offset. (Temporary minimal version;
 * replaced by the data branch.)
 *
 * @param scale the factor
 * @param offset the shift
 */
public record Normalization(float scale, float offset) {
    /** Pixels 0…255 to 0…1. */
    public static final Normalization UNIT = new Normalization(1f / 255f, 0f);

    /**
     * @param rawUnsignedByte 0…255
     * @return the input value
     */
    public float apply(int rawUnsignedByte) {
        return rawUnsignedByte * scale + offset;
    }
}
