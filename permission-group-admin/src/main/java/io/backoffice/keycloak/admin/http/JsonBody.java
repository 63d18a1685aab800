package io.backoffice.keycloak.admin.http;

import java.io.IOException;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.backoffice.keycloak.core.model.ProblemException;

/**
 * Reads request bodies ourselves, so malformed JSON, wrong types and unknown fields get our error shape
 * instead of the server's generic one.
 */
public final class JsonBody {

    /** Far above any legitimate request; refuses megabyte bodies before parsing them. */
    public static final int MAX_CHARS = 64 * 1024;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // {"status": "ACTIVE", "status": "INACTIVE"} is ambiguous: refused rather than last-one-wins.
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            // A number or boolean where text is expected is a wrong type, not text.
            .withCoercionConfig(LogicalType.Textual, text -> text
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            // Likewise text or a boolean where a number is expected ("6" for 6), and numbers or "" for enums
            // (Jackson would otherwise take 0 as the first constant).
            .withCoercionConfig(LogicalType.Integer, number -> number
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Enum, constant -> constant
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Collection, list -> list
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .addModule(new SimpleModule("exact-enums").setDeserializerModifier(new ExactEnums()))
            .build();

    /**
     * Enum constants exactly as written: Jackson would otherwise trim what it cannot match, taking
     * {@code " ACTIVE "} or {@code "INACTIVE\u0000"} for {@code ACTIVE}/{@code INACTIVE}.
     */
    private static final class ExactEnums extends BeanDeserializerModifier {
        @Override
        public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                                                          BeanDescription description, JsonDeserializer<?> deserializer) {
            Set<String> names = Arrays.stream(type.getRawClass().getEnumConstants())
                    .map(constant -> ((Enum<?>) constant).name()).collect(Collectors.toUnmodifiableSet());
            return new ExactEnum(type, names, deserializer);
        }
    }

    private static final class ExactEnum extends StdDeserializer<Object> {
        private final Set<String> names;
        private final JsonDeserializer<?> delegate;

        ExactEnum(JavaType type, Set<String> names, JsonDeserializer<?> delegate) {
            super(type);
            this.names = names;
            this.delegate = delegate;
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.hasToken(JsonToken.VALUE_STRING) && !names.contains(parser.getText())) {
                return context.handleWeirdStringValue(handledType(), parser.getText(), "not one of %s", names);
            }
            return delegate.deserialize(parser, context);
        }
    }

    private JsonBody() {
    }

    public static <T> T read(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw ProblemException.badRequest("missing_body", "The request needs a JSON body.");
        }
        if (body.length() > MAX_CHARS) {
            throw new ProblemException(413, "body_too_large", "The request body is larger than " + MAX_CHARS + " characters.");
        }
        try {
            JsonNode tree = MAPPER.readTree(body);
            if (tree == null || !tree.isObject()) {
                throw ProblemException.badRequest("invalid_json", "The request body must be a JSON object.");
            }
            return MAPPER.treeToValue(tree, type);
        } catch (UnrecognizedPropertyException e) {
            throw ProblemException.badRequest("unknown_field", "Unknown field '" + e.getPropertyName() + "'.");
        } catch (JsonProcessingException e) {
            // The innermost named field: an array element's own reference has no name.
            String path = e instanceof com.fasterxml.jackson.databind.JsonMappingException m
                    ? m.getPath().stream().map(com.fasterxml.jackson.databind.JsonMappingException.Reference::getFieldName)
                            .filter(java.util.Objects::nonNull).reduce((outer, inner) -> inner).map(f -> " at '" + f + "'").orElse("")
                    : "";
            throw ProblemException.badRequest("invalid_json", "The request body is not valid JSON for this request" + path + ".");
        }
    }
}
