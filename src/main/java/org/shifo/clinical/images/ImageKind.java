package org.shifo.clinical.images;

/** A clinical photograph of the skin, or an image taken through a dermatoscope. */
public enum ImageKind {
    PHOTO,
    DERMATOSCOPY
}
