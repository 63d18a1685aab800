package io.backoffice.keycloak.core.model;

/**
 * A refusal: the request is wrong or not allowed, and nothing it asked for was written.
 * Carries the HTTP status so that the rules stay free of JAX-RS; the REST layer turns it into
 * {@code {"error": code, "message": message}}.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String code;

    public ProblemException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public static ProblemException badRequest(String code, String message) {
        return new ProblemException(400, code, message);
    }

    public static ProblemException forbidden(String code, String message) {
        return new ProblemException(403, code, message);
    }

    public static ProblemException notFound(String code, String message) {
        return new ProblemException(404, code, message);
    }

    public static ProblemException conflict(String code, String message) {
        return new ProblemException(409, code, message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
