using System.Globalization;

namespace Butler.Workflows.Runtime;

/// <summary>
/// What is wrong with one field of a request, as a code <c>field.*</c> and its arguments (<see cref="FailureText"/> has
/// the words). <c>field</c> is the field's name as the caller sent it; the English message starts with it.
/// </summary>
public sealed partial record Failure
{
    // Any value
    public static Failure Required(string field) => Of("field.required", ("field", field));
    public static Failure LineBreak(string field, int position) => Of("field.lineBreak", ("field", field), ("position", position));
    public static Failure ControlCharacter(string field, int position, char c) =>
        Of("field.control", ("field", field), ("position", position), ("char", ((int)c).ToString("X4", CultureInfo.InvariantCulture)));
    public static Failure BrokenSurrogate(string field, int position) => Of("field.surrogate", ("field", field), ("position", position));
    public static Failure BrokenText(string field) => Of("field.brokenText", ("field", field));
    public static Failure TooLong(string field, int max) => Of("field.tooLong", ("field", field), ("max", max));
    public static Failure TooManyEntries(string field, int max) => Of("field.tooMany", ("field", field), ("max", max));
    public static Failure Unreadable(string field) => Of("field.unreadable", ("field", field));

    /// <summary>A value that must be one of <paramref name="choices"/> (wire names, which the caller sends as they are).</summary>
    public static Failure OneOf(string field, IEnumerable<string> choices) => Of("field.oneOf", ("field", field), ("choices", FailureText.ListArg(choices)));
    public static Failure NotNumber() => Of("field.notNumber");
    public static Failure NotBoolean() => Of("field.notBoolean");
    public static Failure NotText() => Of("field.notText");
    public static Failure UnknownField() => Of("field.unknown");

    // Dates, times, numbers, money
    public static Failure DateRequired(string field) => Of("field.dateRequired", ("field", field));
    public static Failure DateFormat() => Of("field.dateFormat");
    public static Failure DateRange(string field, DateOnly first, DateOnly last, DateOnly day) =>
        Of("field.dateRange", ("field", field), ("first", Day(first)), ("last", Day(last)), ("day", Day(day)));
    public static Failure DateBetween(DateOnly first, DateOnly last) => Of("field.dateBetween", ("first", Day(first)), ("last", Day(last)));
    public static Failure MonthRequired(string field) => Of("field.monthRequired", ("field", field));
    public static Failure MonthFormat(string field) => Of("field.monthFormat", ("field", field));
    public static Failure MonthRange(string field, int minYear, int maxYear) => Of("field.monthRange", ("field", field), ("minYear", minYear), ("maxYear", maxYear));
    public static Failure MonthInFuture() => Of("field.monthFuture");
    public static Failure Week(string field) => Of("field.week", ("field", field));
    public static Failure InstantRequired(string field) => Of("field.instantRequired", ("field", field));
    public static Failure InstantRange(string field, int minYear, int maxYear) => Of("field.instantRange", ("field", field), ("minYear", minYear), ("maxYear", maxYear));
    public static Failure NotInFuture(string field) => Of("field.notFuture", ("field", field));
    public static Failure AfterToday(string field, DateOnly day, DateOnly today) => Of("field.afterToday", ("field", field), ("day", Day(day)), ("today", Day(today)));
    public static Failure YearRange(string field, int minYear, int maxYear) => Of("field.yearRange", ("field", field), ("minYear", minYear), ("maxYear", maxYear));
    public static Failure AmountRequired(string field, bool positive, decimal max) =>
        Of("field.amountRequired", ("field", field), ("lowest", positive ? "positive" : "zero"), ("max", max.ToString("0", CultureInfo.InvariantCulture)));
    public static Failure AmountRange(string field, bool positive, decimal max) =>
        Of("field.amountRange", ("field", field), ("lowest", positive ? "positive" : "zero"), ("max", max.ToString("0", CultureInfo.InvariantCulture)));
    public static Failure PageFromOne(string field) => Of("field.pageFromOne", ("field", field));
    public static Failure Between(string field, int min, int max) => Of("field.between", ("field", field), ("min", min), ("max", max));

    // People, organisation, references
    public static Failure UserRequired(string field) => Of("field.userRequired", ("field", field));
    public static Failure NoUser(string name) => Of("field.noUser", ("name", name));
    public static Failure MemberRequired() => Of("field.memberRequired");
    public static Failure LeaderAccountRequired(string field) => Of("field.leaderAccountRequired", ("field", field));
    public static Failure NotInRole(string name, string role) => Of("field.notInRole", ("name", name), ("role", role));
    public static Failure LeadUserRequired(string field) => Of("field.leadUserRequired", ("field", field));
    public static Failure ChainRequired(string field) => Of("field.chainRequired", ("field", field));
    public static Failure NoChain(string code) => Of("field.noChain", ("code", code));
    public static Failure ChainCode(string field) => Of("field.chainCode", ("field", field));
    public static Failure ListedTwice(string code) => Of("field.listedTwice", ("code", code));
    public static Failure LeaderRequired(string field) => Of("field.leaderRequired", ("field", field));
    public static Failure NoLeader(Guid id) => Of("field.noLeader", ("id", id));
    public static Failure TeamRequired(string field) => Of("field.teamRequired", ("field", field));
    public static Failure NoTeam(Guid id) => Of("field.noTeam", ("id", id));
    public static Failure NotSquad() => Of("field.notSquad");
    public static Failure NoLead(Guid id) => Of("field.noLead", ("id", id));
    public static Failure LeadFinal(string from, string to) => Of("field.leadFinal", ("from", from), ("to", to));
    public static Failure LeadMove(string from, IEnumerable<string> next, string to) => Of("field.leadMove", ("from", from), ("next", FailureText.ListArg(next)), ("to", to));
    public static Failure ItemRequired(string field) => Of("field.itemRequired", ("field", field));
    public static Failure NotOnAgenda(string item) => Of("field.notOnAgenda", ("item", item));

    // Tasks, approvals, escalations
    public static Failure OutcomeRequired(IEnumerable<string> outcomes) => Of("field.outcomeRequired", ("outcomes", FailureText.ListArg(outcomes)));
    public static Failure OutcomeNotOffered(IEnumerable<string> outcomes, string outcome) =>
        Of("field.outcomeNotOffered", ("outcomes", FailureText.ListArg(outcomes)), ("outcome", outcome));
    public static Failure ChooseOne(IEnumerable<string> choices) => Of("field.chooseOne", ("choices", FailureText.ListArg(choices)));
    public static Failure NewDueRequired() => Of("field.newDueRequired");
    public static Failure ReassignRequired() => Of("field.reassignRequired");

    // Requests
    public static Failure OneKey(string field) => Of("field.oneKey", ("field", field));
    public static Failure KeyLength(string field, int max) => Of("field.keyLength", ("field", field), ("max", max));
    public static Failure KeyCharacters(string field) => Of("field.keyCharacters", ("field", field));

    // Definitions and instances
    public static Failure VersionRequired(string field) => Of("field.versionRequired", ("field", field));
    public static Failure VersionNumber(string field) => Of("field.versionNumber", ("field", field));
    public static Failure NoVersion(string id, int version) => Of("field.noVersion", ("id", id), ("version", version));
    public static Failure NoPublishedVersion(string id, int version) => Of("field.noPublishedVersion", ("id", id), ("version", version));
    public static Failure NoVariable() => Of("field.noVariable");
    public static Failure AlterationsRequired() => Of("field.alterationsRequired");
    public static Failure TooManyAlterations(int max) => Of("field.tooManyAlterations", ("max", max));
    public static Failure AlterationKind() => Of("field.alterationKind");
    public static Failure AlterationMissing() => Of("field.alterationMissing");
    public static Failure ActivityRequired(string kind) => Of("field.activityRequired", ("kind", kind));
    public static Failure ValuesRequired() => Of("field.valuesRequired");
    public static Failure MoveVersionRequired() => Of("field.moveVersionRequired");
    public static Failure NoActivity(int version, string activityId) => Of("field.noActivity", ("version", version), ("activityId", activityId));
    public static Failure NothingWaits(string activityId) => Of("field.nothingWaits", ("activityId", activityId));
    public static Failure NothingWaitsDownstream(string activityId) => Of("field.nothingWaitsDownstream", ("activityId", activityId));
    public static Failure NotInVersion(string activityId, int version, string type) =>
        Of("field.notInVersion", ("activityId", activityId), ("version", version), ("type", type));

    // Durations, calendars
    /// <summary>What is wrong with a duration's text, e.g. <c>field.durationYearsOrMonths</c>.</summary>
    public static Failure Duration(string field, Calendar.BusinessDurationProblem problem, string? text) => problem switch
    {
        Calendar.BusinessDurationProblem.Missing => Of("field.durationMissing", ("field", field)),
        Calendar.BusinessDurationProblem.TooManyWorkingDays => Of("field.durationTooManyWorkingDays", ("text", text?.Trim()), ("max", Calendar.BusinessDuration.MaxWorkingDays)),
        Calendar.BusinessDurationProblem.None => throw new ArgumentOutOfRangeException(nameof(problem), problem, "A duration that reads well has no problem."),
        _ => Of("field.duration" + problem, ("text", text?.Trim())),
    };
    public static Failure BeyondCalendar(string duration, string from) => Of("field.beyondCalendar", ("duration", duration), ("from", from));
    public static Failure InstantOffset(string text) => Of("field.instantOffset", ("text", text));
    public static Failure InstantFormat(string text, bool spaced) => Of(spaced ? "field.instantPlus" : "field.instantFormat", ("text", text));

    // Bodies and files
    public static Failure JsonObject(string field) => Of("field.jsonObject", ("field", field));
    public static Failure JsonBody() => Of("field.jsonBody");
    public static Failure EmptyBody() => Of("field.emptyBody");
    public static Failure DefinitionObject(string field) => Of("field.definitionObject", ("field", field));
    public static Failure IfMatch(string field) => Of("field.ifMatch", ("field", field));
    public static Failure IdDiffers(string field, string sent, string address) => Of("field.idDiffers", ("field", field), ("sent", sent), ("address", address));
    public static Failure NotPublished(string id) => Of("field.notPublished", ("id", id));
    public static Failure FileForm(string name) => Of("field.fileForm", ("name", name));
    public static Failure UploadBroken() => Of("field.uploadBroken");
    public static Failure FileMissing(string name) => Of("field.fileMissing", ("name", name));
    public static Failure OneFileOnly() => Of("field.oneFileOnly");
    public static Failure FileNameRequired() => Of("field.fileName");
    public static Failure FileType(string extension, IEnumerable<string> allowed) => Of("field.fileType", ("extension", extension), ("allowed", FailureText.ListArg(allowed)));
    public static Failure FileContentType(string extension, string expected, string declared) =>
        Of("field.fileContentType", ("extension", extension), ("expected", expected), ("declared", declared));
    public static Failure FileEmpty() => Of("field.fileEmpty");
    public static Failure FileTooLarge(string size) => Of("field.fileTooLarge", ("size", size));
    public static Failure NotPng(string field) => Of("field.notPng", ("field", field));

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
