package org.shifo.terminology.domain;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;

/**
 * WHO ICD-10 in ClaML (ISO 13120), read as a stream (StAX), never as a document tree: each {@code Class} element
 * with its {@code code} and {@code kind} (chapter, block, category), its {@code SuperClass}, whether it has a
 * {@code SubClass} (a category without one is a codable leaf), and the {@code Label} of each {@code Rubric} of
 * kind {@code preferred}, per {@code xml:lang}. Modifier classes are not expanded. DTDs and external entities are
 * refused: the file comes from outside.
 */
final class ClamlReader implements CodeSetReader {

    private static final XMLInputFactory FACTORY = factory();

    @Override
    public long read(InputStream in, ConceptSink sink) throws IOException {
        XMLStreamReader xml = open(in);
        try {
            root(xml);
            long count = 0;
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT
                        && xml.getLocalName().equals("Class")) {
                    sink.accept(readClass(xml));
                    count++;
                }
            }
            if (count == 0) {
                throw new MalformedFileException(0, "the file holds no Class elements");
            }
            return count;
        } catch (XMLStreamException e) {
            throw malformed(e);
        } finally {
            close(xml);
        }
    }

    @Override
    public long count(InputStream in) throws IOException {
        XMLStreamReader xml = open(in);
        try {
            long count = 0;
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT
                        && xml.getLocalName().equals("Class")) {
                    count++;
                }
            }
            return count;
        } catch (XMLStreamException e) {
            throw malformed(e);
        } finally {
            close(xml);
        }
    }

    private static void root(XMLStreamReader xml) throws XMLStreamException {
        while (xml.hasNext()) {
            if (xml.next() == XMLStreamConstants.START_ELEMENT) {
                if (!xml.getLocalName().equals("ClaML")) {
                    throw new MalformedFileException(
                            line(xml), "the root element is " + xml.getLocalName() + ", not ClaML");
                }
                return;
            }
        }
        throw new MalformedFileException(0, "the file is empty");
    }

    private static ParsedConcept readClass(XMLStreamReader xml) throws XMLStreamException {
        long line = line(xml);
        String rawCode = attribute(xml, "code");
        String kindText = attribute(xml, "kind");
        if (rawCode == null || rawCode.isBlank()) {
            throw new MalformedFileException(line, "a Class has no code");
        }
        ConceptKind kind =
                switch (kindText == null ? "" : kindText) {
                    case "chapter" -> ConceptKind.CHAPTER;
                    case "block" -> ConceptKind.BLOCK;
                    case "category" -> ConceptKind.CATEGORY;
                    default ->
                        throw new MalformedFileException(
                                line,
                                "Class " + rawCode + " has kind '" + kindText
                                        + "'; expected chapter, block or category");
                };
        String code = CodeFormat.ICD10.normalize(rawCode);
        if (kind == ConceptKind.CATEGORY
                ? !CodeFormat.ICD10.isCategory(code)
                : !CodeFormat.ANY.matcher(code).matches()) {
            throw new MalformedFileException(line, "'" + rawCode + "' is not an ICD-10 code");
        }
        @Nullable String parent = null;
        boolean hasSubclasses = false;
        Map<String, String> titles = new LinkedHashMap<>();
        int depth = 1;
        boolean inPreferred = false;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
                switch (xml.getLocalName()) {
                    case "SuperClass" -> {
                        String superCode = attribute(xml, "code");
                        if (superCode != null && !superCode.isBlank()) {
                            parent = CodeFormat.ICD10.normalize(superCode);
                        }
                    }
                    case "SubClass" -> hasSubclasses = true;
                    case "Rubric" -> inPreferred = "preferred".equals(attribute(xml, "kind"));
                    case "Label" -> {
                        if (inPreferred) {
                            String language = xml.getAttributeValue(XMLConstants.XML_NS_URI, "lang");
                            String title = text(xml);
                            depth--;
                            String key = language == null || language.isBlank()
                                    ? "en"
                                    : language.strip().toLowerCase(Locale.ROOT);
                            if (!title.isEmpty()) {
                                titles.putIfAbsent(key, title.length() > 1000 ? title.substring(0, 1000) : title);
                            }
                        }
                    }
                    default -> {}
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
                if (xml.getLocalName().equals("Rubric")) {
                    inPreferred = false;
                }
            }
        }
        Boolean leaf = kind == ConceptKind.CATEGORY && !hasSubclasses;
        return new ParsedConcept(line, code, parent, null, null, kind, leaf, true, titles);
    }

    /** The text of the current element and its children, with runs of white space made one blank. */
    private static String text(XMLStreamReader xml) throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> depth++;
                case XMLStreamConstants.END_ELEMENT -> depth--;
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                    text.append(xml.getText());
                default -> {}
            }
        }
        return text.toString().replaceAll("\\s+", " ").strip();
    }

    private static @Nullable String attribute(XMLStreamReader xml, String name) {
        return xml.getAttributeValue(null, name);
    }

    private static long line(XMLStreamReader xml) {
        return Math.max(0, xml.getLocation().getLineNumber());
    }

    private static XMLStreamReader open(InputStream in) {
        try {
            return FACTORY.createXMLStreamReader(in);
        } catch (XMLStreamException e) {
            throw malformed(e);
        }
    }

    private static void close(XMLStreamReader xml) {
        try {
            xml.close();
        } catch (XMLStreamException e) {
            // nothing held beyond the stream, which the caller closes
        }
    }

    private static MalformedFileException malformed(XMLStreamException e) {
        var location = e.getLocation();
        String message = String.valueOf(e.getMessage());
        int detail = message.indexOf("Message: ");
        return new MalformedFileException(
                location == null ? 0 : Math.max(0, location.getLineNumber()),
                "not well-formed XML (" + (detail >= 0 ? message.substring(detail + 9) : message) + ")");
    }

    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }
}
