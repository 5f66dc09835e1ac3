using System.Text.Json.Nodes;
using Butler.Workflows.Definitions;
using Butler.Workflows.Notifications;
using Butler.Workflows.Runtime;

namespace Butler.Workflows.Deadlines;

/// <summary>
/// The words escalation steps may name and the outcomes escalation approvals may offer in this engine: the engine's own
/// (<c>assignee</c>; Approve, Extend, Reassign) and those the registered <see cref="IRecipientWord"/> and
/// <see cref="IEscalationOutcome"/> extensions add, in the order they were registered.
/// </summary>
public sealed class DeadlineVocabulary
{
    /// <summary>The word for the task's assignee (or an approval's approvers), known to every engine.</summary>
    public const string Assignee = "assignee";

    private readonly Dictionary<string, IRecipientWord> _words = new(StringComparer.Ordinal);
    private readonly List<IRecipientWord> _approving = [];
    private readonly Dictionary<string, IEscalationOutcome> _outcomes = new(StringComparer.Ordinal);
    private readonly bool _approvesByName;

    public DeadlineVocabulary(IEnumerable<IRecipientWord> words, IEnumerable<IEscalationOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(outcomes);
        var names = new List<string> { Assignee };
        foreach (var word in words)
        {
            if (word.Word != Assignee && _words.TryAdd(word.Word, word))
            {
                names.Add(word.Word);
                if (word.ApprovesEscalations)
                {
                    _approving.Add(word);
                }
            }
        }
        Words = names;
        var offered = new List<string> { Approval.Approve, Approval.Extend, Approval.Reassign };
        foreach (var outcome in outcomes)
        {
            if (!offered.Contains(outcome.Outcome, StringComparer.Ordinal) && _outcomes.TryAdd(outcome.Outcome, outcome) && outcome.OfferedByDefault)
            {
                offered.Add(outcome.Outcome);
            }
        }
        DefaultEscalationOutcomes = offered;
    }

    private DeadlineVocabulary(IEnumerable<string> names) : this([], [])
    {
        Words = [Assignee, .. names.Where(n => n != Assignee)];
        _approvesByName = true;
    }

    /// <summary>The engine alone: the word <c>assignee</c> and the outcomes Approve, Extend and Reassign.</summary>
    public static DeadlineVocabulary Engine { get; } = new([], []);

    /// <summary>
    /// The words the designer offers (<see cref="DefinitionVocabulary.EscalationWords"/>), by name only: for checking a
    /// definition where no engine is composed (a validator built without a service provider). They resolve to nobody.
    /// </summary>
    public static DeadlineVocabulary Designer { get; } = new(DefinitionVocabulary.EscalationWords);

    /// <summary><c>assignee</c>, then the words of the extensions; what problems list as the allowed words.</summary>
    public IReadOnlyList<string> Words { get; }

    /// <summary>What an escalation approval without outcomes of its own offers.</summary>
    public IReadOnlyList<string> DefaultEscalationOutcomes { get; }

    /// <summary>True when some word approves escalations, so an escalation approval may leave out its approvers.</summary>
    public bool HasDefaultApprovers => _approvesByName || _approving.Count > 0;

    public bool IsWord(string word) => Words.Contains(word, StringComparer.Ordinal);

    /// <summary>The extension behind an outcome, or null for the engine's own and for custom outcomes.</summary>
    public IEscalationOutcome? FindOutcome(string outcome) => _outcomes.GetValueOrDefault(outcome);

    /// <summary>The people a step's <c>notify</c> names: the assignee for its word, the words' people, the specs resolved; each once.</summary>
    internal List<RecipientSpec> Resolve(IReadOnlyList<EscalationRecipient> notify, IReadOnlyList<RecipientSpec> assignee,
        JsonObject variables, Func<JsonNode, IReadOnlyList<RecipientSpec>> resolveSpec)
    {
        var result = new List<RecipientSpec>();
        foreach (var person in notify)
        {
            if (person.Word == Assignee)
            {
                result.AddRange(assignee);
            }
            else if (person.Word is { } word)
            {
                if (_words.TryGetValue(word, out var known))
                {
                    result.AddRange(known.Resolve(variables));
                }
            }
            else if (person.Spec is { } spec)
            {
                result.AddRange(resolveSpec(spec));
            }
        }
        return result.Distinct().ToList();
    }

    /// <summary>Who approves an escalation whose approval names nobody: the people of the words that approve escalations.</summary>
    internal List<RecipientSpec> DefaultApprovers(JsonObject variables) =>
        _approving.SelectMany(w => w.Resolve(variables)).Distinct().ToList();
}
