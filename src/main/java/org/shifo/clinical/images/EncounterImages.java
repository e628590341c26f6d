package org.shifo.clinical.images;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.audit.AuditEvent;
import org.shifo.audit.AuditLog;
import org.shifo.audit.AuditOutcome;
import org.shifo.identity.CurrentUser;
import org.shifo.identity.TenantContext;
import org.shifo.patients.PatientDirectory;
import org.shifo.patients.PatientId;
import org.shifo.platform.FileKey;
import org.shifo.platform.FileStore;
import org.shifo.platform.RateLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Dermatology images of encounters: upload (checked, re-encoded without metadata, with a thumbnail) and the
 * audited reads of the stored bytes and of the lists. An upload that is refused, at any step, leaves neither a
 * row nor a file behind. Notes are clinical free text: they are never logged and never put on the audit trail.
 */
@Service
public class EncounterImages {

    /** The rate-limit category of uploads, per staff member: {@code shifo.rate-limits.image-upload.*}. */
    public static final String RATE_LIMIT_CATEGORY = "image-upload";

    static final int MAX_LESION_LABEL = 100;
    static final int MAX_NOTES = 2000;

    private static final Logger log = LoggerFactory.getLogger(EncounterImages.class);

    private final Images images;
    private final ImageProcessor processor;
    private final FileStore files;
    private final RateLimits rateLimits;
    private final AuditLog audit;
    private final PatientDirectory patients;
    private final ImageSettings settings;
    private final Clock clock;
    private final TransactionTemplate writing;
    private final TransactionTemplate reading;

    EncounterImages(
            Images images,
            ImageProcessor processor,
            FileStore files,
            RateLimits rateLimits,
            AuditLog audit,
            PatientDirectory patients,
            ImageSettings settings,
            Clock clock,
            TransactionTemplate transactions) {
        this.images = images;
        this.processor = processor;
        this.files = files;
        this.rateLimits = rateLimits;
        this.audit = audit;
        this.patients = patients;
        this.settings = settings;
        this.clock = clock;
        this.writing = transactions;
        this.reading = new TransactionTemplate(java.util.Objects.requireNonNull(transactions.getTransactionManager()));
        this.reading.setReadOnly(true);
    }

    /** Reads the uploaded file's bytes; called only once the size and the fields have passed. */
    @FunctionalInterface
    public interface Content {
        byte[] read() throws IOException;
    }

    /**
     * An upload as received: the file (its declared size and a way to read it; absent when no file was sent) and
     * the form fields as sent. Nothing here is trusted: the file's name and Content-Type are not even taken.
     */
    public record Upload(
            long size,
            @Nullable Content content,
            @Nullable String bodySite,
            @Nullable String lesionLabel,
            @Nullable String notes,
            @Nullable String kind) {}

    /** The largest upload accepted, in bytes. */
    public long maxSizeBytes() {
        return settings.maxSize().toBytes();
    }

    /**
     * Adds an image to an open encounter.
     *
     * @throws UploadThrottledException after too many uploads by this staff member in the period
     * @throws ImageNotFoundException when the encounter is not the caller's organization's
     * @throws EncounterClosedException when the encounter is closed
     * @throws ImageInputException when a field is missing or breaks its rule
     * @throws ImageRefusedException when the file is refused
     */
    public ImageRecord upload(UUID encounterId, Upload upload) {
        UUID tenant = TenantContext.require().value();
        UUID uploader = CurrentUser.get().userId().value();
        Optional<Duration> wait = rateLimits.tryConsume(RATE_LIMIT_CATEGORY, uploader.toString());
        if (wait.isPresent()) {
            throw new UploadThrottledException(wait.get());
        }
        Images.Encounter encounter = read(() -> images.encounter(tenant, encounterId, false))
                .orElseThrow(() -> new ImageNotFoundException("encounter"));
        if (!encounter.isOpen()) {
            throw new EncounterClosedException();
        }
        Fields fields = check(upload);
        if (upload.size() > maxSizeBytes()) {
            throw new ImageRefusedException(ImageRefusedException.Reason.TOO_LARGE, maxSizeBytes() / (1024 * 1024));
        }
        Content content = upload.content();
        if (content == null || upload.size() == 0) {
            throw new ImageRefusedException(ImageRefusedException.Reason.EMPTY);
        }
        byte[] bytes;
        try {
            bytes = content.read();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read an uploaded file", e);
        }
        ProcessedImage processed = processor.process(bytes);

        List<FileKey> stored = new ArrayList<>();
        try {
            FileKey file = files.store(processed.content());
            stored.add(file);
            FileKey thumbnail = files.store(processed.thumbnail());
            stored.add(thumbnail);
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            ImageRecord record = new ImageRecord(
                    UUID.randomUUID(),
                    encounterId,
                    encounter.patientId(),
                    fields.site(),
                    fields.lesionLabel(),
                    fields.notes(),
                    fields.kind(),
                    processed.contentType(),
                    processed.content().length,
                    processed.width(),
                    processed.height(),
                    file.value(),
                    thumbnail.value(),
                    processed.sha256(),
                    uploader,
                    now,
                    encounter.startedAt());
            writing.executeWithoutResult(status -> {
                // FOR SHARE: an encounter being closed meanwhile waits for this insert, or refuses it here
                Images.Encounter locked = images.encounter(tenant, encounterId, true)
                        .orElseThrow(() -> new ImageNotFoundException("encounter"));
                if (!locked.isOpen()) {
                    throw new EncounterClosedException();
                }
                images.insert(tenant, record);
                audit.record(event("image.upload", "image", record.id().toString())
                        .withDetail("encounter", encounterId.toString())
                        .withDetail("patient", record.patientId().toString())
                        .withDetail("bodySite", record.bodySite().code())
                        .withDetail("kind", record.kind().name()));
            });
            stored.clear();
            return record;
        } finally {
            for (FileKey key : stored) {
                try {
                    files.delete(key);
                } catch (RuntimeException e) {
                    log.warn("Could not remove the file of a refused image upload: {}", key.value(), e);
                }
            }
        }
    }

    private record Fields(BodySite site, String lesionLabel, String notes, ImageKind kind) {}

    private static Fields check(Upload upload) {
        List<ImageInputException.Violation> violations = new ArrayList<>();
        String siteCode = trim(upload.bodySite());
        BodySite site = siteCode.isEmpty() ? null : BodySite.fromCode(siteCode).orElse(null);
        if (siteCode.isEmpty()) {
            violations.add(new ImageInputException.Violation("bodySite", "required", List.of()));
        } else if (site == null) {
            violations.add(new ImageInputException.Violation("bodySite", "unknown-site", List.of()));
        }
        String lesion = trim(upload.lesionLabel()).replaceAll("\\s+", " ");
        if (lesion.isEmpty()) {
            violations.add(new ImageInputException.Violation("lesionLabel", "required", List.of()));
        } else if (lesion.length() > MAX_LESION_LABEL || hasControlCharacters(lesion)) {
            violations.add(new ImageInputException.Violation("lesionLabel", "too-long", List.of(MAX_LESION_LABEL)));
        }
        String notes = upload.notes() == null ? "" : upload.notes().strip();
        if (notes.length() > MAX_NOTES) {
            violations.add(new ImageInputException.Violation("notes", "too-long", List.of(MAX_NOTES)));
        }
        String kindName = trim(upload.kind());
        ImageKind kind = ImageKind.PHOTO;
        if (!kindName.isEmpty()) {
            try {
                kind = ImageKind.valueOf(kindName.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                violations.add(new ImageInputException.Violation("kind", "unknown-kind", List.of()));
            }
        }
        if (upload.content() == null) {
            violations.add(new ImageInputException.Violation("file", "required", List.of()));
        }
        if (!violations.isEmpty() || site == null) {
            throw new ImageInputException(violations);
        }
        return new Fields(site, lesion, notes, kind);
    }

    private static boolean hasControlCharacters(String text) {
        return text.chars().anyMatch(Character::isISOControl);
    }

    private static String trim(@Nullable String value) {
        return value == null ? "" : value.strip();
    }

    /** An image of the caller's organization (not audited: callers audit what they show). */
    private ImageRecord get(UUID imageId) {
        UUID tenant = TenantContext.require().value();
        return read(() -> images.find(tenant, imageId)).orElseThrow(() -> new ImageNotFoundException("image"));
    }

    /** The stored bytes of an image or its thumbnail, with their type; the read is on the audit trail first. */
    public record StoredContent(ImageRecord image, String contentType, long size, InputStream stream) {}

    /**
     * Opens the stored image (or its thumbnail) for reading, once the read is on the audit trail.
     *
     * @throws ImageNotFoundException when the image is not the caller's organization's or was deleted
     */
    public StoredContent open(UUID imageId, boolean thumbnail) {
        ImageRecord image = get(imageId);
        FileKey key = new FileKey(thumbnail ? image.thumbnailKey() : image.fileKey());
        long size;
        try {
            size = files.size(key);
        } catch (FileStore.MissingFileException e) {
            log.error("The stored file of image {} is missing", image.id());
            throw new ImageNotFoundException("image");
        }
        audit.recordRead(event("image.read", "image", image.id().toString())
                .withDetail("encounter", image.encounterId().toString())
                .withDetail("patient", image.patientId().toString())
                .withDetail("variant", thumbnail ? "thumbnail" : "original"));
        return new StoredContent(image, thumbnail ? "image/jpeg" : image.contentType(), size, files.open(key));
    }

    /** The encounter's images, oldest first; audited as one list read naming the images shown. */
    public List<ImageRecord> ofEncounter(UUID encounterId) {
        UUID tenant = TenantContext.require().value();
        List<ImageRecord> list = read(() -> {
            if (images.encounter(tenant, encounterId, false).isEmpty()) {
                throw new ImageNotFoundException("encounter");
            }
            return images.ofEncounter(tenant, encounterId);
        });
        audit.recordRead(listEvent("encounter", encounterId, list));
        return list;
    }

    /** The encounter's patient and status, for the gallery page (not audited: no clinical content). */
    public EncounterSummary encounter(UUID encounterId) {
        UUID tenant = TenantContext.require().value();
        Images.Encounter encounter = read(() -> images.encounter(tenant, encounterId, false))
                .orElseThrow(() -> new ImageNotFoundException("encounter"));
        return new EncounterSummary(
                encounter.id(), encounter.patientId(), encounter.isOpen(), encounter.startedAt(), encounter.branchId());
    }

    /** An encounter as the image pages need it. */
    public record EncounterSummary(UUID id, UUID patientId, boolean open, Instant startedAt, UUID branchId) {}

    /**
     * A patient's images across visits, oldest visit first; only those of one lesion (matched without regard to
     * case) when {@code lesionLabel} is not blank. Audited as one list read naming the images shown.
     */
    public List<ImageRecord> ofPatient(UUID patientId, @Nullable String lesionLabel) {
        UUID tenant = TenantContext.require().value();
        requirePatient(patientId);
        String lesion = lesionLabel == null || lesionLabel.isBlank()
                ? null
                : lesionLabel.strip().replaceAll("\\s+", " ");
        List<ImageRecord> list = read(() -> images.ofPatient(tenant, patientId, lesion));
        audit.recordRead(listEvent("patient", patientId, list));
        return list;
    }

    /** The lesion labels used for a patient's images (labels only: audited with the patient's list reads). */
    public List<LesionLabel> lesionLabels(UUID patientId) {
        UUID tenant = TenantContext.require().value();
        requirePatient(patientId);
        return read(() -> images.lesionLabels(tenant, patientId));
    }

    /** The patient's short entry (record number and name) for page headings. */
    public PatientDirectory.Entry patient(UUID patientId) {
        return patients.find(TenantContext.require(), new PatientId(patientId))
                .orElseThrow(() -> new ImageNotFoundException("patient"));
    }

    private void requirePatient(UUID patientId) {
        patient(patientId);
    }

    private <T> T read(java.util.function.Supplier<T> work) {
        return java.util.Objects.requireNonNull(reading.execute(status -> work.get()));
    }

    private AuditEvent listEvent(String targetType, UUID target, List<ImageRecord> list) {
        AuditEvent event = event("image.list", targetType, target.toString()).withDetail("count", "" + list.size());
        for (int i = 0; i < Math.min(list.size(), 14); i++) {
            event = event.withDetail("shown" + (i + 1), list.get(i).id().toString());
        }
        return event;
    }

    private static AuditEvent event(String action, String targetType, String targetId) {
        return AuditEvent.of(
                TenantContext.require().value(),
                CurrentUser.auditActor("clinical"),
                action,
                targetType,
                targetId,
                AuditOutcome.SUCCESS);
    }
}
