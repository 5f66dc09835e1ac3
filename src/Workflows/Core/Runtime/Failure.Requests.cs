namespace Butler.Workflows.Runtime;

/// <summary>
/// The refusals a host writes about its own resources and requests (accounts, organisation, leads, uploads, request
/// bodies); the words are in <see cref="FailureText"/> like the engine's.
/// </summary>
public sealed partial record Failure
{
    // Sign-in and accounts
    public static Failure SignInFailed() => Of("auth.signInFailed");
    public static Failure UserNotFound(string name) => Of("user.notFound", ("name", name));
    public static Failure UserSelfLock() => Of("user.selfLock");
    public static Failure WrongPassword() => Of("field.wrongPassword");
    public static Failure AdminSelf() => Of("field.adminSelf");
    public static Failure UnknownRole(string role, IEnumerable<string> roles) => Of("field.unknownRole", ("role", role), ("roles", FailureText.ListArg(roles)));
    public static Failure EmailAddress(string text) => Of("field.email", ("text", text));

    /// <summary>
    /// One of ASP.NET Core Identity's complaints by its code (<c>PasswordTooShort</c> → <c>field.passwordTooShort</c>);
    /// <paramref name="number"/> is the length or count its description names. A code we have no words for reads as
    /// <c>field.accountRefused</c> with the code.
    /// </summary>
    public static Failure Identity(string identityCode, int? number)
    {
        ArgumentNullException.ThrowIfNull(identityCode);
        var code = "field." + char.ToLowerInvariant(identityCode[0]) + identityCode[1..];
        return !IdentityCodes.Contains(identityCode) ? Of("field.accountRefused", ("code", identityCode))
            : identityCode is "PasswordTooShort" or "PasswordRequiresUniqueChars" ? Of(code, ("number", number))
            : Of(code);
    }

    /// <summary>The Identity codes that have words of ours.</summary>
    public static readonly IReadOnlySet<string> IdentityCodes = new HashSet<string>(StringComparer.Ordinal)
    {
        "DuplicateUserName", "InvalidUserName", "DuplicateEmail", "InvalidEmail", "PasswordTooShort", "PasswordRequiresDigit",
        "PasswordRequiresLower", "PasswordRequiresUpper", "PasswordRequiresNonAlphanumeric", "PasswordRequiresUniqueChars",
        "PasswordMismatch", "ConcurrencyFailure",
    };

    public static Failure NotificationNotFound(Guid id) => Of("notification.notFound", ("id", id));

    // Organisation
    public static Failure LeaderNotFound(Guid id) => Of("leader.notFound", ("id", id));
    public static Failure LeaderExists(string name) => Of("leader.exists", ("name", name));
    public static Failure LeaderOtherExists(string name) => Of("leader.otherExists", ("name", name));
    public static Failure LeaderConcurrent(string name) => Of("leader.concurrent", ("name", name));
    public static Failure ChainExists(string code) => Of("chain.exists", ("code", code));
    public static Failure TeamNotFound(Guid id) => Of("team.notFound", ("id", id));
    public static Failure TeamNameTaken(string name) => Of("team.nameTaken", ("name", name));

    // Projects, leads, agendas
    public static Failure ProjectCreateForbidden() => Of("project.createForbidden");
    public static Failure ProjectNotYours() => Of("project.notYours");
    public static Failure ProjectCloseForbidden() => Of("project.closeForbidden");
    public static Failure ProblemResolveForbidden() => Of("problem.resolveForbidden");
    public static Failure InvestmentConcurrent(string month) => Of("investment.concurrent", ("month", month));
    public static Failure AgendaNotYours() => Of("dispatch.notYours");
    public static Failure LeadNotFound(Guid id) => Of("lead.notFound", ("id", id));
    public static Failure LeadNotOwner() => Of("lead.notOwner");
    public static Failure LeadStale(long revision, long sent) => Of("lead.stale", ("revision", revision), ("sent", sent));
    public static Failure LeadConcurrent() => Of("lead.concurrent");
    public static Failure LeadConverted(Guid projectId) => Of("lead.converted", ("projectId", projectId));
    public static Failure LeadConvertedConcurrently(Guid? projectId) => Of("lead.convertedConcurrently", ("projectId", projectId));
    public static Failure LeadNotSigned(string status) => Of("lead.notSigned", ("status", status));

    // Requests the framework could not bind
    public static Failure BodyMediaType() => Of("request.mediaType");
    public static Failure BodyTooLarge() => Of("request.tooLarge");
    public static Failure BodySlow() => Of("request.slow");
    public static Failure BodyCutOff() => Of("request.cutOff");
    public static Failure BodyMissing() => Of("request.bodyMissing");
    public static Failure BodyNull() => Of("request.bodyNull");
    public static Failure BodyMalformed(long line, long position) => Of("request.malformed", ("line", line), ("position", position));

    /// <summary>The body, a member of it (<paramref name="path"/>) or a query value is not what <paramref name="expected"/> says.</summary>
    public static Failure WrongKind(string field, Input.JsonExpectation? expected) =>
        expected is null ? Of("request.wrongKind", ("field", field))
        : expected.Kind == Input.JsonExpectation.OneOf ? Of("request.oneOf", ("field", field), ("choices", FailureText.ListArg(expected.Choices ?? [])))
        : Of("request.kind", ("field", field), ("kind", expected.Kind));

    // Workflows, tasks, calendars, test runs
    public static Failure InstanceNoTaskOfYours() => Of("instance.noTaskOfYours");
    public static Failure SheetFontMissing() => Of("sheet.fontMissing");
    public static Failure TaskScopeAll() => Of("task.scopeAll");
    public static Failure AttachmentNotFound(Guid taskId, Guid attachmentId) => Of("attachment.notFound", ("taskId", taskId), ("attachmentId", attachmentId));
    public static Failure DefinitionVersionNotFound(string id, int version) => Of("definition.versionNotFound", ("id", id), ("version", version));
    public static Failure DefinitionTooLarge(int maxBytes) => Of("definition.tooLarge", ("max", maxBytes));
    public static Failure DefinitionTooManyCharacters(int maxCharacters) => Of("definition.tooManyCharacters", ("max", maxCharacters));
    public static Failure CalendarNotFound(string id) => Of("calendar.notFound", ("id", id));
    public static Failure SandboxGone(Guid id) => Of("sandbox.gone", ("id", id));
}
