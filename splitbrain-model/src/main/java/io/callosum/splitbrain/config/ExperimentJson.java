package io.callosum.splitbrain.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.FromStringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import io.callosum.nn.optim.OptimizerKind;

import java.io.IOException;

/**
 * The stable serialised form of an {@link ExperimentConfig}: JSON with a {@code formatVersion} field first, then the
 * records' components by name (enums by constant name, except the optimizer kind, stored by its lower-case
 * {@link OptimizerKind#id()} as it was when it was a string). Reading is strict: an unknown, missing or null field fails,
 * naming it, so a typo never falls back to a default.
 */
public final class ExperimentJson {
    private static final String VERSION_FIELD = "formatVersion";
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .registerModule(new SimpleModule("optimizer kind by id")
                    .addSerializer(OptimizerKind.class, new OptimizerKindSerializer())
                    .addDeserializer(OptimizerKind.class, new OptimizerKindDeserializer()));

    /** Writes an optimizer kind as its id ("adam"). */
    private static final class OptimizerKindSerializer extends StdScalarSerializer<OptimizerKind> {
        OptimizerKindSerializer() {
            super(OptimizerKind.class);
        }

        @Override
        public void serialize(OptimizerKind value, JsonGenerator gen,
                              SerializerProvider provider) throws IOException {
            gen.writeString(value.id());
        }
    }

    /** Reads an optimizer kind from its id, failing with {@link OptimizerKind#parse}'s message for an unknown one. */
    private static final class OptimizerKindDeserializer extends FromStringDeserializer<OptimizerKind> {
        OptimizerKindDeserializer() {
            super(OptimizerKind.class);
        }

        @Override
        protected OptimizerKind _deserialize(String value, DeserializationContext ctxt) {
            return OptimizerKind.parse(value);
        }
    }

    private ExperimentJson() {
    }

    /** The configuration as a JSON tree, {@code formatVersion} first. */
    public static ObjectNode toTree(ExperimentConfig config) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put(VERSION_FIELD, ExperimentConfig.FORMAT_VERSION);
        node.setAll((ObjectNode) MAPPER.valueToTree(config));
        return node;
    }

    /** The configuration as indented JSON, {@code formatVersion} first. */
    public static String toJson(ExperimentConfig config) {
        try {
            return MAPPER.writeValueAsString(toTree(config));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("ExperimentJson: cannot write " + config + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Reads a configuration written by {@link #toJson}; fails naming any unknown, missing or invalid field. */
    public static ExperimentConfig fromJson(String json) {
        try {
            return fromTree(MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("ExperimentJson: not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads a tree written by {@link #toTree}; fails, naming the version found, for any other format version. */
    public static ExperimentConfig fromTree(JsonNode node) {
        if (node == null || !node.isObject()) throw new IllegalArgumentException("ExperimentJson: expected a JSON object, got " + node);
        JsonNode version = node.get(VERSION_FIELD);
        if (version == null || !version.isInt()) {
            throw new IllegalArgumentException("ExperimentJson: no integer " + VERSION_FIELD + " field; this build reads format version "
                    + ExperimentConfig.FORMAT_VERSION);
        }
        if (version.intValue() != ExperimentConfig.FORMAT_VERSION) {
            throw new IllegalArgumentException("ExperimentJson: format version " + version.intValue() + " is not readable by this build, "
                    + "which reads format version " + ExperimentConfig.FORMAT_VERSION);
        }
        ObjectNode body = ((ObjectNode) node).deepCopy();
        body.remove(VERSION_FIELD);
        try {
            return MAPPER.treeToValue(body, ExperimentConfig.class);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            String what = cause == e ? e.getOriginalMessage() : cause.getMessage();
            throw new IllegalArgumentException("ExperimentJson: invalid configuration: " + what, e);
        }
    }
}
