package org.tipline.platform.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.tipline.platform.refusal.Busy;
import org.tipline.platform.refusal.ChannelKeyRefused;
import org.tipline.platform.refusal.Conflict;
import org.tipline.platform.refusal.InvalidField;
import org.tipline.platform.refusal.NotFound;
import org.tipline.platform.refusal.ProofRefused;
import org.tipline.platform.refusal.QuotaSpent;
import org.tipline.platform.refusal.Refusal;
import org.tipline.platform.refusal.SealedTipRefused;
import org.tipline.platform.refusal.SignInFailed;
import org.tipline.platform.refusal.TooManyAttempts;
import org.tipline.platform.storage.StorageUnavailableException;

/**
 * The one place where exceptions become answers: an RFC 9457 problem document with the
 * right status, naming the offending field but never repeating what the client sent,
 * and never a stack trace.
 */
public class ProblemMapper {

    private static final org.tipline.platform.storage.OutageLog OUTAGE_LOG = new org.tipline.platform.storage.OutageLog();

    /** A schema field name is echoed only if it looks like one; anything else might be input. */
    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,39}");

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return ProblemResponses.of(e.problem());
    }

    /** A refusal of the domain: its status, problem type and headers are decided here and nowhere else. */
    @ServerExceptionMapper
    public Response refusal(Refusal refusal) {
        if (refusal instanceof InvalidField invalid) {
            return ProblemResponses.of(Problem.of(ProblemType.INVALID_FIELD, invalid.detail(),
                    List.of(new Problem.FieldError(invalid.field(), invalid.reason()))));
        }
        if (refusal instanceof SignInFailed failed && failed.who() == SignInFailed.Who.TIPSTER) {
            return ProblemResponses.of(Problem.of(ProblemType.UNAUTHORIZED, failed.detail()), "WWW-Authenticate",
                    SignInFailed.TIPSTER_SCHEME + " realm=\"tipline follow-up\"");
        }
        if (refusal instanceof TooManyAttempts tooMany) {
            return ProblemResponses.of(Problem.of(ProblemType.TOO_MANY_REQUESTS, tooMany.detail()),
                    "Retry-After", Long.toString(tooMany.waitSeconds()));
        }
        if (refusal instanceof ProofRefused proof) {
            return ProblemResponses.of(Problem.of(proofType(proof.reason()), proof.detail()));
        }
        if (refusal instanceof SealedTipRefused sealed) {
            return ProblemResponses.of(Problem.of(sealedType(sealed.reason()), sealed.detail()));
        }
        if (refusal instanceof QuotaSpent quota) {
            return ProblemResponses.of(Problem.of(ProblemType.QUOTA_SPENT, quota.detail()),
                    "Retry-After", Long.toString(quota.waitSeconds()));
        }
        if (refusal instanceof Busy busy) {
            return ProblemResponses.of(Problem.of(ProblemType.BUSY, busy.detail()),
                    "Retry-After", Long.toString(busy.waitSeconds()));
        }
        if (refusal instanceof ChannelKeyRefused) {
            return ProblemResponses.of(Problem.of(ProblemType.CHANNEL_KEY, refusal.detail()));
        }
        if (refusal instanceof Conflict conflict && conflict.kind() != Conflict.Kind.GENERAL) {
            return ProblemResponses.of(Problem.of(conflict.kind() == Conflict.Kind.SEALED_SESSION
                    ? ProblemType.SEALED_SESSION : ProblemType.MESSAGE_NUMBER_TAKEN, conflict.detail()));
        }
        ProblemType type = refusal instanceof NotFound ? ProblemType.NOT_FOUND
                : refusal instanceof Conflict ? ProblemType.CONFLICT
                : ProblemType.UNAUTHORIZED; // an office sign-in: no challenge, the login endpoint takes a JSON body
        return ProblemResponses.of(Problem.of(type, refusal.detail()));
    }

    static ProblemType proofType(ProofRefused.Reason reason) {
        return switch (reason) {
            case MISSING -> ProblemType.PROOF_MISSING;
            case INVALID -> ProblemType.PROOF_INVALID;
            case EXPIRED -> ProblemType.PROOF_EXPIRED;
            case REPLAYED -> ProblemType.PROOF_REPLAYED;
            case TOO_EASY -> ProblemType.PROOF_TOO_EASY;
        };
    }

    static ProblemType sealedType(SealedTipRefused.Reason reason) {
        return switch (reason) {
            case MALFORMED -> ProblemType.SEALED_MALFORMED;
            case TOO_LARGE -> ProblemType.SEALED_TOO_LARGE;
            case KEY_UNKNOWN -> ProblemType.SEALED_KEY_UNKNOWN;
            case BINDING_INVALID -> ProblemType.BINDING_INVALID;
            case BINDING_EXPIRED -> ProblemType.BINDING_EXPIRED;
            case BINDING_REPLAYED -> ProblemType.BINDING_REPLAYED;
        };
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            errors.add(new Problem.FieldError(fieldOf(violation.getPropertyPath()), violation.getMessage()));
        }
        errors.sort(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::reason));
        String fields = String.join(", ", errors.stream().map(Problem.FieldError::field).distinct().toList());
        return ProblemResponses.of(Problem.of(ProblemType.INVALID_FIELD, "Refused field(s): " + fields + ".", errors));
    }

    @ServerExceptionMapper
    public Response unrecognizedProperty(UnrecognizedPropertyException e) {
        return ProblemResponses.of(Problem.of(ProblemType.UNKNOWN_FIELD,
                "The body has a field that is not part of the schema. Send only the documented fields."));
    }

    @ServerExceptionMapper
    public Response jsonMapping(JsonMappingException e) {
        if (e.getCause() instanceof JsonParseException parse) {
            return jsonProcessing(parse); // bad bytes inside a field: the document itself is malformed
        }
        if (e.getPath().isEmpty() || e.getPath().get(0).getFieldName() == null) {
            return ProblemResponses.of(Problem.of(ProblemType.MALFORMED_JSON,
                    "The body must be a JSON object following the schema."));
        }
        String field = e.getPath().get(0).getFieldName();
        if (!FIELD_NAME.matcher(field).matches()) {
            field = "(unnamed)";
        }
        String reason = "has the wrong type or form";
        return ProblemResponses.of(Problem.of(ProblemType.INVALID_FIELD,
                "The field '" + field + "' " + reason + ".", List.of(new Problem.FieldError(field, reason))));
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return jsonMapping(e);
    }

    @ServerExceptionMapper
    public Response jsonProcessing(JsonProcessingException e) {
        return ProblemResponses.of(Problem.of(ProblemType.MALFORMED_JSON,
                "The body is not well-formed JSON (UTF-8, one object, no duplicate keys, nesting within limits)."));
    }

    @ServerExceptionMapper
    public Response storageUnavailable(StorageUnavailableException e) {
        OUTAGE_LOG.log(e.getCause());
        return ProblemResponses.of(Problem.of(ProblemType.STORAGE_UNAVAILABLE,
                "Storage is unavailable, so nothing was stored or changed. Please try again in a minute."), "Retry-After", "30");
    }

    /** No identity, or none that could be established: ask for credentials. Says nothing about why. */
    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return unauthenticated();
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return unauthenticated();
    }

    /** A known identity without the role: does not name the role that would be needed. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return ProblemResponses.of(Problem.of(ProblemType.FORBIDDEN,
                "Your account is not allowed to use this resource."));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException json) {
            return json instanceof JsonMappingException mapping ? jsonMapping(mapping) : jsonProcessing(json);
        }
        ProblemType type = ProblemType.forStatus(status);
        String detail = switch (type) {
            case NOT_FOUND -> "There is nothing at this path.";
            case METHOD_NOT_ALLOWED -> "This resource does not take that method.";
            case UNSUPPORTED_MEDIA_TYPE -> "Send the body as application/json.";
            case NOT_ACCEPTABLE -> "This resource answers with application/json.";
            case TOO_LARGE -> "The body is larger than this resource accepts.";
            default -> type.title() + ".";
        };
        if (type == ProblemType.INTERNAL) {
            return internal(e);
        }
        if (type == ProblemType.UNAUTHORIZED) {
            return unauthenticated();
        }
        return ProblemResponses.of(new Problem(type.uri(), type.title(), status, detail, null));
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e) {
        return internal(e);
    }

    private static Response unauthenticated() {
        return ProblemResponses.of(Problem.of(ProblemType.UNAUTHORIZED,
                "Sign in first: this resource needs a valid bearer token."), "WWW-Authenticate", "Bearer");
    }

    private Response internal(Throwable e) {
        // The class and the first frame locate the fault; messages may hold input and are not logged.
        StackTraceElement[] frames = e.getStackTrace();
        Log.errorf("unexpected %s at %s", e.getClass().getName(), frames.length > 0 ? frames[0] : "?");
        return ProblemResponses.of(Problem.of(ProblemType.INTERNAL, "Something went wrong on our side."));
    }

    static String fieldOf(Path path) {
        String field = null;
        boolean afterParameter = false;
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.PARAMETER) {
                afterParameter = true;
            } else if (afterParameter && node.getKind() == ElementKind.PROPERTY) {
                field = node.getName();
                break;
            }
        }
        if (field == null) {
            return "(body)";
        }
        return FIELD_NAME.matcher(field).matches() ? field : "(unnamed)";
    }
}
