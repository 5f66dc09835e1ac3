namespace Butler.Workflows.Runtime;

/// <summary>
/// 加签: a person added to an approval after it opened. <see cref="Of"/> is the approver whose seat they join (null:
/// the approval as a whole); <see cref="Position"/> says whether they sign before, after or beside that seat.
/// </summary>
public sealed record ApprovalSigner(string User, string Position, string? Of, string AddedBy, DateTimeOffset At, string? Comment)
{
    public const string Before = "before";
    public const string After = "after";
    public const string Parallel = "parallel";

    public static readonly IReadOnlyList<string> Positions = [Before, After, Parallel];
}
