package org.shifo.clinical.images;

/** A lesion label of a patient, with how many images and visits show it. */
public record LesionLabel(String label, int images, int visits) {}
