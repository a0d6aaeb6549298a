package dev.scratchnet.data;

import java.util.Objects;

/**
 * How a raw value from a data file becomes a network input:
 * {@code inputⱼ = (rawⱼ · scale − meanⱼ) / stdⱼ}.
 *
 * <p>The loaders apply the first step, {@code raw · scale}, while they read (pixels 0..255 with scale
 * 1/255 become [0, 1]; CSV numbers usually keep scale 1), so they never hold a second copy of raw
 * values. The second step is a {@link Standardization} fitted on the training set afterwards. A model
 * file records this value so that {@code eval} and {@code predict} prepare new data exactly as the
 * training data was prepared.
 *
 * @param scale           multiplies each raw value; finite and non-zero
 * @param standardization applied after scaling; {@link Standardization#NONE} for none
 */
public record Preprocessing(float scale, Standardization standardization) {
    /** Pixels (0..255) to [0, 1], nothing else: what the image loaders do. */
    public static final Preprocessing PIXELS = new Preprocessing(1f / 255f, Standardization.NONE);

    /** Raw numbers unchanged: what the CSV loader does by default. */
    public static final Preprocessing IDENTITY = new Preprocessing(1f, Standardization.NONE);

    /**
     * Checks the scale.
     *
     * @param scale multiplies each raw value
     * @param standardization applied after scaling
     * @throws IllegalArgumentException if {@code scale} is zero, NaN or infinite
     */
    public Preprocessing {
        Objects.requireNonNull(standardization, "standardization");
        if (!Float.isFinite(scale) || scale == 0f) {
            throw new IllegalArgumentException("preprocessing needs a finite non-zero scale, got " + scale);
        }
    }

    /**
     * @param fitted the standardization fitted on the scaled training inputs
     * @return this scale followed by {@code fitted}
     */
    public Preprocessing withStandardization(Standardization fitted) {
        return new Preprocessing(scale, fitted);
    }

    /**
     * Both steps for one example of raw values, in place: {@code raw · scale} as a loader does, then the
     * standardization.
     *
     * @param raw one example's raw values; overwritten with the network input
     * @throws IllegalArgumentException if a per-feature standardization has another length
     */
    public void applyToRaw(float[] raw) {
        for (int i = 0; i < raw.length; i++) {
            raw[i] *= scale;
        }
        standardization.applyInPlace(raw);
    }

    /**
     * The second step for data a loader has already scaled.
     *
     * @param loaded a dataset from a loader with this scale
     * @return the dataset itself if there is no standardization, else a standardized copy
     */
    public Dataset applyToLoaded(Dataset loaded) {
        return standardization.isIdentity() ? loaded : standardization.apply(loaded);
    }

    /** @return a short description, for example {@code "scale 0.003921569, global mean 0.13, std 0.31"} */
    @Override
    public String toString() {
        return "scale " + scale + (standardization.isIdentity() ? "" : ", " + standardization);
    }
}
